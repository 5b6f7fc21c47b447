/**
 * A quarter of campaigns on the sample, replayed from its own history: the as-of
 * date set to each Monday of the 13 weeks before the last order, every report
 * rebuilt each week (the campaign log records who was listed on which Monday, in
 * which group), and a 20% control group on every default campaign. Whether a
 * listed customer "bought again" comes from the orders that really followed. The
 * managers' statuses are simulated: each week they reach the first five customers
 * of each worklist (status "reached"). Nobody really called anyone, so the honest
 * expectation is no uplift: the list and the control group return alike.
 *
 *   npm run build && node --import tsx examples/simulate-quarter.ts
 */
import { createRuntime } from '../local/runtime';
import type { FakeRange } from '../local/spreadsheet';
import type { CampaignsState, SaveResult, SidebarState } from '../src/addon/api';
import { SAMPLE_FILE } from './make-sample';

const FIRST_MONDAY = Date.UTC(2026, 7, 24); // 24 August 2026
const WEEKS = 13;
const DAY = 86_400_000;
const REACHED_PER_WEEK = 5;

async function main(): Promise<void> {
  const rt = await createRuntime({ workbook: SAMPLE_FILE, now: '2026-11-23T09:00:00Z' });
  rt.call('onOpen', { authMode: 'FULL' });
  for (const c of (rt.callJson('campaignsLoad') as CampaignsState).campaigns)
    rt.callJson('campaignSave', { ...c, controlShare: 0.2, enabled: true });
  for (let week = 0; week < WEEKS; week++) {
    const asOf = new Date(FIRST_MONDAY + week * 7 * DAY).toISOString().slice(0, 10);
    const { settings } = rt.callJson('sidebarLoad') as SidebarState;
    const saved = rt.callJson('sidebarSaveSettings', { ...settings, asOf }) as SaveResult;
    if (Object.keys(saved.errors).length) throw new Error(Object.values(saved.errors).join('; '));
    rt.call('rebuildAllReports');
    for (const name of rt.sheetNames().filter((n) => n.startsWith('List · '))) {
      const rows = rt.readSheet(name);
      const header = rows.findIndex((r) => r.includes('Status'));
      const status = rows[header].indexOf('Status') + 1;
      let reached = 0;
      for (let r = header + 1; r < rows.length && reached < REACHED_PER_WEEK && rows[r][0] !== ''; r++) {
        if (rows[r][status - 1] !== 'to do') continue;
        (rt.spreadsheet.getSheetByName(name)!.getRange(r + 1, status) as unknown as FakeRange)._typeAsUser('reached');
        reached++;
      }
    }
  }
  rt.call('rebuildAllReports');
  const results = rt.readSheet('Campaign results');
  for (const row of results) {
    const cells = row.filter((c) => c !== '' && c !== null);
    if (cells.length) console.log(cells.map(shown).join(' | '));
  }
}

/** A cell as the sheet shows it, near enough: dates as days in the sample's zone, numbers to three places. */
function shown(c: unknown): string {
  if (c instanceof Date) return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(c);
  if (typeof c === 'number') return String(Math.round(c * 1000) / 1000);
  return String(c);
}

void main();
