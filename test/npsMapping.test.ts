// The NPS tab's columns mapped in the sidebar, like the orders tab's (issue 14, item 6), through the local
// runtime: a tab whose headers name no NPS field cannot be read until its columns are chosen; the choice is
// saved with the settings (version 4, document properties) and the reports read the answers with it; a choice
// that cannot be read is refused, nothing saved, with a message that names the field, the column and the value.
import { describe, expect, it } from 'vitest';
import type { NpsInfo, ReportSettings, SaveResult, SidebarState } from '../src/addon/api';
import { detectNpsColumns } from '../src/core/npsResponses';
import { type Runtime, startRuntime } from './support/runtime';

const ORDERS: unknown[][] = [
  ['Date', 'Customer', 'Amount', 'Manager'],
  ['2025-01-10', 'Anna', 100, 'Olga'],
  ['2025-02-20', 'Boris', 80, 'Olga'],
  ['2024-10-01', 'Clara', 200, 'Ivan'],
];
/** Headers that name no NPS field: the tab is read only once mapped. Anna 9 (promoter), Boris 3 and Clara 5 (detractors). */
const HEADERS = ['Person', 'Day', 'Mark', 'Text'];
const SURVEY: unknown[][] = [
  HEADERS,
  ['Anna', '2025-03-01', 9, 'great'],
  ['Boris', '2025-03-02', 3, 'slow'],
  ['Clara', '2025-03-03', 5, ''],
];
const MAPPING = { customer: 0, date: 1, score: 2, comment: 3 };
const KEY = 'repeatSales.settings';

async function runtime(): Promise<Runtime> {
  return startRuntime({ Orders: ORDERS, Survey: SURVEY }, { now: '2025-03-15T09:00:00Z', locale: 'en_US', timeZone: 'Etc/UTC' });
}
const settingsOf = (rt: Runtime) => (rt.callJson('sidebarLoad') as SidebarState).settings;
const save = (rt: Runtime, patch: Partial<ReportSettings>) =>
  rt.callJson('sidebarSaveSettings', { ...settingsOf(rt), ...patch }) as SaveResult;
const nps = (rt: Runtime) => rt.callJson('npsLoad') as NpsInfo;

describe('a tab whose headers name no NPS field: chosen, then mapped', () => {
  it('unread until mapped, with its headers offered for the mapping', async () => {
    expect(detectNpsColumns(HEADERS).score).toBeUndefined();
    const rt = await runtime();
    expect(save(rt, { npsSheet: 'Survey' }).errors).toEqual({});
    const info = nps(rt);
    expect(info.error).toMatch(/^The NPS tab "Survey" has no .*Score.* column\. Map it in the sidebar\.$/);
    expect(info.headers).toEqual(HEADERS);
    expect(info.mapped).toBe(false);
  });

  it('mapped: saved in the settings, read with it, shown as mapped; the matrix shows the NPS of the answers', async () => {
    const rt = await runtime();
    expect(save(rt, { npsSheet: 'Survey', npsMapping: MAPPING }).errors).toEqual({});
    const info = nps(rt);
    expect(info).toMatchObject({ found: 'Survey', error: null, readRows: 3, unreadableRows: 0, mapped: true, mapping: MAPPING });
    expect(info.columns.map((c) => c.column)).toEqual(['Person (A)', 'Day (B)', 'Mark (C)', 'Text (D)']);
    const stored = JSON.parse(rt.properties.document[KEY]) as { version: number; reports: ReportSettings };
    expect(stored.version).toBe(4);
    expect(stored.reports).toMatchObject({ npsSheet: 'Survey', npsMapping: MAPPING });
    rt.callJson('sidebarBuild', { kind: 'matrix' });
    const matrix = rt.readSheet('Lifecycle matrix');
    const title = matrix.findIndex((r) => r.includes('NPS by segment'));
    expect(title).toBeGreaterThan(0);
    const col = matrix[title + 1].indexOf('NPS');
    const rows = matrix.slice(title + 2).filter((r) => r[col - 4] !== '');
    // The total row: every answer read, three, one promoter and two detractors.
    const total = rows[rows.length - 1];
    expect(total.slice(col - 4, col + 1)).toEqual([3, 1, 0, 2, expect.closeTo(-100 / 3, 6)]);
    // Reset: found from the headers again, so unread again.
    expect(save(rt, { npsMapping: null }).errors).toEqual({});
    expect(nps(rt).mapped).toBe(false);
  });

  it('another tab chosen from the sidebar starts from its headers (the mapping is for the tab it was made for)', async () => {
    const rt = await runtime();
    expect(save(rt, { npsSheet: 'Survey', npsMapping: MAPPING }).errors).toEqual({});
    expect(save(rt, { npsSheet: null, npsMapping: null }).errors).toEqual({});
    expect(settingsOf(rt)).toMatchObject({ npsSheet: null, npsMapping: null });
  });
});

describe('a mapping that cannot be read is refused, nothing saved, each message naming the field, the column and the value', () => {
  const cases: [string, object, string][] = [
    ['no score column', { customer: 0, date: 1 }, 'NPS columns: choose a column for Score'],
    ['one column twice', { customer: 0, date: 1, score: 1 }, 'NPS columns: Score: uses the same column as Date'],
    [
      'a column outside the tab',
      { customer: 0, date: 1, score: 9 },
      'NPS columns: Column J for the score is outside the NPS tab "Survey", which has 4 columns.',
    ],
    [
      'a score column of text',
      { customer: 0, date: 1, score: 3 },
      'NPS columns: no answer reads with these columns: row 2, Text (D): "great" is not a whole score from 0 to 10',
    ],
  ];
  it.each(cases)('%s', async (_, mapping, message) => {
    const rt = await runtime();
    expect(save(rt, { npsSheet: 'Survey' }).errors).toEqual({});
    const before = rt.properties.document[KEY];
    expect(save(rt, { npsMapping: mapping as ReportSettings['npsMapping'] }).errors).toEqual({ npsMapping: message });
    expect(rt.properties.document[KEY]).toBe(before);
    expect(settingsOf(rt).npsMapping).toBeNull();
  });

  it('a date column of names: no answer reads, and the first row says which value', async () => {
    const rt = await runtime();
    expect(save(rt, { npsSheet: 'Survey', npsMapping: { customer: 3, date: 0, score: 2 } }).errors).toEqual({
      npsMapping: 'NPS columns: no answer reads with these columns: row 2, Person (A): "Anna" is not a date',
    });
  });

  it('stored settings with a mapping that lacks a required field read as "found from the headers", with a warning', async () => {
    const rt = await runtime();
    expect(save(rt, { npsSheet: 'Survey', npsMapping: MAPPING }).errors).toEqual({});
    const stored = JSON.parse(rt.properties.document[KEY]) as { reports: Record<string, unknown> };
    stored.reports.npsMapping = { customer: 0, date: 1 };
    rt.properties.document[KEY] = JSON.stringify(stored);
    const state = rt.callJson('sidebarLoad') as SidebarState;
    expect(state.settings.npsMapping).toBeNull();
    expect(state.settingsWarning).toContain('NPS columns');
  });
});
