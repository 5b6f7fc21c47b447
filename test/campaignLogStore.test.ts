// The campaign log on its hidden sheet, through the local runtime: moved from the
// document properties where it was kept before 0.2.0 (and those deleted), the same
// results whichever it was read from, left out by every reader of the user's data,
// kept hidden in the .xlsx, and read and written with the same service calls
// however long it is. Sheets has hidden sheets and no "very hidden" ones
// (SheetProperties.hidden, "True if the sheet is hidden in the UI, false if it's
// visible", https://developers.google.com/sheets/api/reference/rest/v4/spreadsheets/sheets#SheetProperties;
// Sheet.hideSheet, https://developers.google.com/apps-script/reference/spreadsheet/sheet#hideSheet()),
// which is what local/spreadsheet.ts models.
import { describe, expect, it } from 'vitest';
import type { FakeSheet } from '../local/spreadsheet';
import { daysFromCivil } from '../src/core/calendar';
import type { CampaignLogEntry } from '../src/core/campaigns/campaign';
import { decodeLogRows, LEGACY_LOG_HEADER } from '../src/core/campaigns/campaignLog';
import { reopen, type Runtime, startRuntime } from './support/runtime';

// Regular customers (4+ purchases): Anna and Boris sleeping (61-180 days since the last purchase
// on 2026-11-23, the Reactivate Regular campaign's target), Clara active; Dmitry new.
const ORDERS: unknown[][] = [
  ['Date', 'Customer', 'Amount', 'Manager'],
  ['2026-01-10', 'Anna Petrova', 100, 'Olga'],
  ['2026-02-10', 'Anna Petrova', 100, 'Olga'],
  ['2026-03-10', 'Anna Petrova', 100, 'Olga'],
  ['2026-06-01', 'Anna Petrova', 300, 'Olga'],
  ['2026-02-01', 'Boris', 50, 'Ivan'],
  ['2026-03-01', 'Boris', 50, 'Ivan'],
  ['2026-04-01', 'Boris', 50, 'Ivan'],
  ['2026-05-01', 'Boris', 50, 'Ivan'],
  ['2026-07-01', 'Boris', 50, 'Ivan'],
  ['2026-08-01', 'Clara', 70, 'Olga'],
  ['2026-09-01', 'Clara', 70, 'Olga'],
  ['2026-10-01', 'Clara', 70, 'Olga'],
  ['2026-11-01', 'Clara', 70, 'Olga'],
  ['2026-11-10', 'Dmitry', 40, 'Ivan'],
];
const LOG = '__campaign_log__';
const LIST = 'List · Reactivate Regular';
const RESULTS = 'Campaign results';
const PREFIX = 'repeatSales.campaignLog.';
const DAY_MS = 86_400_000;

const sheetOf = (rt: Runtime, name: string) => rt.spreadsheet.getSheetByName(name) as unknown as FakeSheet | null;
const legacyKeys = (rt: Runtime) => Object.keys(rt.properties.document).filter((k) => k.startsWith(PREFIX));

/** The text the properties held before 0.2.0, one line per entry (the old reader takes any run length). */
function legacyText(log: readonly CampaignLogEntry[]): string {
  const line = (e: CampaignLogEntry) =>
    JSON.stringify([e.campaign, e.day, e.control ? 1 : 0, e.manager, ...(e.exit ? [e.exit] : []), [e.customer]]);
  return [LEGACY_LOG_HEADER, ...log.map(line)].join('\n');
}
/** The old log in two pieces, as the old store cut it. */
function legacyProperties(log: readonly CampaignLogEntry[]): Record<string, string> {
  const lines = legacyText(log).split('\n');
  const half = Math.ceil(lines.length / 2);
  return { [`${PREFIX}pieces`]: '2', [`${PREFIX}0`]: lines.slice(0, half).join('\n'), [`${PREFIX}1`]: lines.slice(half).join('\n') };
}
const logOf = (rt: Runtime) => decodeLogRows(rt.readSheet(LOG).slice(1));

const nov16 = daysFromCivil(2026, 11, 16);
// A week before: Reactivate Regular listed Boris in its control group and Anna on the worklist.
const OLD_LOG: CampaignLogEntry[] = [
  { campaign: 'reactivate', customer: 'boris', day: nov16, control: true, manager: 'Ivan' },
  { campaign: 'reactivate', customer: 'anna petrova', day: nov16, control: false, manager: 'Olga' },
];

describe('moved from the document properties on the first rebuild', () => {
  it('the entries go to the hidden sheet and decide the groups; the properties are deleted', async () => {
    const rt = await startRuntime({ Orders: ORDERS }, { now: '2026-11-23T09:00Z', properties: { document: legacyProperties(OLD_LOG) } });
    expect(legacyKeys(rt)).toHaveLength(3);
    rt.call('rebuildAllReports');
    expect(sheetOf(rt, LOG)!.isSheetHidden()).toBe(true);
    const { log, skipped } = logOf(rt);
    expect(skipped).toBe(0);
    // Both still in the target: nothing new for Reactivate Regular, the old listings kept as they were.
    expect(log.filter((e) => e.campaign === 'reactivate')).toEqual(OLD_LOG);
    expect(rt.readSheet(LOG)).toContainEqual(['reactivate', '2026-11-16', '[["",1,"Ivan","boris"],["",0,"Olga","anna petrova"]]']);
    // Boris is in the control group the old log drew (this campaign's share is 0 today, so only the log can say so).
    const list = rt.readSheet(LIST);
    const boris = list.findIndex((r) => r[0] === 'Boris');
    expect(list[boris]).toContain('control: do not contact');
    expect(legacyKeys(rt)).toEqual([]);
  });

  it('a write that fails keeps the properties, and the next rebuild moves them', async () => {
    const rt = await startRuntime({ Orders: ORDERS }, { now: '2026-11-23T09:00Z', properties: { document: legacyProperties(OLD_LOG) } });
    rt.faults.failWhen((_, key) => key === 'Sheet.hideSheet', 'Service Spreadsheets timed out', 1);
    const failed = rt.call<string>('rebuildAllReports');
    expect(failed).toMatch(/timed out/);
    expect(sheetOf(rt, LOG)).toBeNull();
    expect(rt.sheetNames().some((n) => n.includes(LOG))).toBe(false);
    expect(legacyKeys(rt)).toHaveLength(3);
    rt.call('rebuildAllReports');
    expect(logOf(rt).log.filter((e) => e.campaign === 'reactivate')).toEqual(OLD_LOG);
    expect(legacyKeys(rt)).toEqual([]);
  });
  it('a deletion that fails halfway does not fail the rebuild; the next one deletes the rest', async () => {
    const rt = await startRuntime({ Orders: ORDERS }, { now: '2026-11-23T09:00Z', properties: { document: legacyProperties(OLD_LOG) } });
    let deleted = 0;
    rt.faults.failWhen((_, key) => key === 'Properties.deleteProperty' && ++deleted === 2, 'Service Properties timed out', 1);
    expect(rt.call<string>('rebuildAllReports')).toMatch(/^Rebuilt \d+ reports in/);
    expect(legacyKeys(rt)).toHaveLength(2);
    // The sheet outranks what is left: the pieces are not read again.
    expect(logOf(rt).log.filter((e) => e.campaign === 'reactivate')).toEqual(OLD_LOG);
    rt.call('rebuildAllReports');
    expect(legacyKeys(rt)).toEqual([]);
    expect(logOf(rt).log.filter((e) => e.campaign === 'reactivate')).toEqual(OLD_LOG);
  });
});

describe('the results are the same whether the log was read from the properties or from its sheet', () => {
  it('two spreadsheets, one moved three days on: the same worklists, results and log', async () => {
    const day3 = async (rt: Runtime) => {
      rt.clock.advance(3 * DAY_MS);
      // Anna bought again on the 24th: she leaves the list and counts as a return.
      const orders = rt.spreadsheet.getSheetByName('Orders')!;
      orders.insertRowsAfter(orders.getMaxRows(), 1);
      orders.getRange(orders.getMaxRows(), 1, 1, 4).setValues([['2026-11-24', 'Anna Petrova', 120, 'Olga']]);
      rt.call('rebuildAllReports');
    };
    const onSheet = await startRuntime({ Orders: ORDERS }, { now: '2026-11-23T09:00Z' });
    onSheet.call('rebuildAllReports');
    const moved = await startRuntime({ Orders: ORDERS }, { now: '2026-11-23T09:00Z' });
    moved.call('rebuildAllReports');
    // As if written before 0.2.0: the same entries in the properties, no sheet.
    Object.assign(moved.properties.document, legacyProperties(logOf(moved).log));
    moved.spreadsheet.deleteSheet(moved.spreadsheet.getSheetByName(LOG)!);
    await day3(onSheet);
    await day3(moved);
    expect(legacyKeys(moved)).toEqual([]);
    expect(moved.readSheet(RESULTS)).toEqual(onSheet.readSheet(RESULTS));
    expect(moved.readSheet(LIST)).toEqual(onSheet.readSheet(LIST));
    expect(logOf(moved)).toEqual(logOf(onSheet));
    // Not an empty comparison: Anna's departure is logged and her return counted (listed 2, bought again 1).
    expect(logOf(onSheet).log).toContainEqual({
      campaign: 'reactivate',
      customer: 'anna petrova',
      day: daysFromCivil(2026, 11, 26),
      control: false,
      manager: 'Olga',
      exit: 'bought_again',
    });
    const results = onSheet.readSheet(RESULTS);
    const section = results.findIndex((r) => typeof r[0] === 'string' && r[0].startsWith('Reactivate Regular:'));
    expect(results[section + 2].slice(2, 5)).toEqual([2, 0, 1]);
  });
});

describe('no reader of the user data looks at it, and it is not a report', () => {
  it('the sidebar lists neither it among the sheets nor among the reports', async () => {
    const rt = await startRuntime({ Orders: ORDERS }, { now: '2026-11-23T09:00Z' });
    rt.call('rebuildAllReports');
    expect(rt.sheetNames()).toContain(LOG);
    const state = rt.call<{ data: { sheets: string[] }; reports: { key: string; name: string }[] }>('sidebarLoad');
    expect(state.data.sheets).toEqual(['Orders']);
    expect(state.reports.map((r) => r.key)).not.toContain('campaignLog');
    expect(state.reports.map((r) => r.name)).not.toContain(LOG);
    expect(state.reports.map((r) => r.key)).toContain('campaignResults');
  });
  it('shown by the user and moved first, it is still not taken for the orders', async () => {
    const rt = await startRuntime({ Orders: ORDERS }, { now: '2026-11-23T09:00Z' });
    rt.call('rebuildAllReports');
    const log = rt.spreadsheet.getSheetByName(LOG)!;
    log.showSheet();
    rt.spreadsheet.setActiveSheet(log);
    rt.spreadsheet.moveActiveSheet(1);
    expect(rt.sheetNames()[0]).toBe(LOG);
    expect(rt.call<string>('rebuildAllReports')).toMatch(/^Rebuilt \d+ reports in/);
    // Rewritten by the rebuild: hidden again, and still one log.
    expect(rt.sheetNames().filter((n) => n.includes(LOG))).toEqual([LOG]);
    expect(sheetOf(rt, LOG)!.isSheetHidden()).toBe(true);
  });
  it('the .xlsx keeps it hidden, and the reopened spreadsheet reads it back', async () => {
    const rt = await startRuntime({ Orders: ORDERS }, { now: '2026-11-23T09:00Z' });
    rt.call('rebuildAllReports');
    const again = await reopen(rt, { now: '2026-11-23T10:00Z' });
    expect(again.book.sheets.find((s) => s.name === LOG)?.hidden).toBe(true);
    expect(again.book.sheets.filter((s) => s.hidden).map((s) => s.name)).toEqual([LOG]);
    again.call('rebuildAllReports');
    // The same day: nobody new, so the log is what was written before the reopening.
    expect(logOf(again)).toEqual(logOf(rt));
  });
});

describe('the service calls do not grow with the log', () => {
  it('the same calls with 4 rows in the log as with 3,000', async () => {
    const counts: number[] = [];
    const longLogs: number[] = [];
    for (const extra of [0, 3000]) {
      const rt = await startRuntime({ Orders: ORDERS }, { now: '2026-11-23T09:00Z' });
      rt.call('rebuildAllReports');
      if (extra > 0) {
        // Two years of another campaign's days, 40 customers each: 3,000 rows more (written as the log writes them).
        const log = rt.spreadsheet.getSheetByName(LOG)!;
        const rows = Array.from({ length: extra }, (_, i) => {
          const day = new Date(Date.UTC(2026, 10, 23) - (i % 700) * DAY_MS).toISOString().slice(0, 10);
          const keys = Array.from({ length: 40 }, (_, k) => JSON.stringify(`old ${i} ${k}`)).join(',');
          return [`'retired ${Math.floor(i / 700)}`, `'${day}`, `'[["",0,"Olga",${keys}]]`];
        });
        log.insertRowsAfter(log.getMaxRows(), extra);
        log.getRange(log.getLastRow() + 1, 1, extra, 3).setValues(rows);
      }
      longLogs.push(logOf(rt).log.length);
      const before = rt.calls.total;
      rt.call('rebuildAllReports');
      counts.push(rt.calls.total - before);
    }
    expect(longLogs[1] - longLogs[0]).toBe(3000 * 40);
    expect(counts[1]).toBe(counts[0]);
  });
});
