// The worklists through the local runtime: a manager types into a worklist as a
// user would, the reports are rebuilt, and what was typed is still there; when the
// customer leaves the target, their row moves to the history block with it; the
// results sheet counts the status. Data validation is Sheets' drop-down lists,
// modelled in local/spreadsheet.ts after
// https://developers.google.com/apps-script/reference/spreadsheet/range#setDataValidations(DataValidation)
// and https://developers.google.com/apps-script/reference/spreadsheet/data-validation-builder.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { reportContextOf } from './support/reportContext';
import type { FakeRange, FakeSheet } from '../local/spreadsheet';
import { DEFAULT_ABC_XYZ } from '../src/core/abcXyz';
import { calendarFor, daysFromCivil } from '../src/core/calendar';
import type { Campaign } from '../src/core/campaigns/campaign';
import { customerFacts } from '../src/core/campaigns/facts';
import { planCampaigns } from '../src/core/campaigns/plan';
import { DEFAULT_LOST } from '../src/core/churn';
import { DEFAULT_BANDS } from '../src/core/lifecycle';
import { type OrderSources, readOrders } from '../src/core/orders';
import { localeRules } from '../src/core/values';
import { type Carried, keyText } from '../src/reports/inputs';
import type { ReportContext } from '../src/reports/context';
import { buildWorklist, typedOnWorklist, worklistSheetName } from '../src/reports/worklist';
import { blankCampaign, defaultCampaigns } from '../src/addon/campaignSettings';
import { type Runtime, startRuntime } from './support/runtime';
import { projectRoot } from './support/loadBundle';

// Regular customers (4+ purchases): Anna and Boris sleeping (61-180 days since the last
// purchase on 2026-11-23), Clara active; Dmitry new.
const ORDERS: unknown[][] = [
  ['Date', 'Customer', 'Amount', 'Manager', 'Email', 'Phone'],
  ['2026-01-10', 'Anna Petrova', 100, 'Olga', 'anna@example.com', '0501234567'],
  ['2026-02-10', 'Anna Petrova', 100, 'Olga', 'anna@example.com', '0501234567'],
  ['2026-03-10', 'Anna Petrova', 100, 'Olga', 'anna@example.com', '0501234567'],
  ['2026-06-01', 'Anna Petrova', 300, 'Olga', 'anna@example.com', '0501234567'],
  ['2026-02-01', 'Boris', 50, 'Ivan', 'boris@example.com', '+7 999 123-45-67'],
  ['2026-03-01', 'Boris', 50, 'Ivan', 'boris@example.com', '+7 999 123-45-67'],
  ['2026-04-01', 'Boris', 50, 'Ivan', 'boris@example.com', '+7 999 123-45-67'],
  ['2026-05-01', 'Boris', 50, 'Ivan', 'boris@example.com', '+7 999 123-45-67'],
  ['2026-07-01', 'Boris', 50, 'Ivan', 'boris@example.com', '+7 999 123-45-67'],
  ['2026-08-01', 'Clara', 70, 'Olga', '', ''],
  ['2026-09-01', 'Clara', 70, 'Olga', '', ''],
  ['2026-10-01', 'Clara', 70, 'Olga', '', ''],
  ['2026-11-01', 'Clara', 70, 'Olga', '', ''],
  ['2026-11-10', 'Dmitry', 40, 'Ivan', '', ''],
];
const LIST = 'List · Reactivate Regular';
const RESULTS = 'Campaign results';
const DAY_MS = 86_400_000;
const STATUS = 13;
const REASON = 14;
const NEXT = 15;
const NOTE = 16;

const sheet = (rt: Runtime, name: string): FakeSheet => rt.spreadsheet.getSheetByName(name) as unknown as FakeSheet;
const range = (rt: Runtime, name: string, row: number, col: number): FakeRange =>
  sheet(rt, name).getRange(row, col) as unknown as FakeRange;
/** Types into a cell as a person would in the Sheets UI (a drop-down cell refuses other text). */
const type = (rt: Runtime, name: string, row: number, col: number, text: string): void => range(rt, name, row, col)._typeAsUser(text);
const rowOf = (rt: Runtime, name: string, first: string, after = 0): number => {
  const i = rt.readSheet(name).findIndex((r, k) => k >= after && r[0] === first);
  if (i < 0) throw new Error(`no row "${first}" in ${name}`);
  return i + 1;
};
const titleRow = (rt: Runtime, name: string, prefix: string): number => {
  const i = rt.readSheet(name).findIndex((r) => typeof r[0] === 'string' && r[0].startsWith(prefix));
  if (i < 0) throw new Error(`no "${prefix}..." in ${name}`);
  return i + 1;
};
const cell = (rt: Runtime, name: string, row: number, col: number): unknown => rt.readSheet(name)[row - 1][col - 1];

describe('what a manager types on a worklist survives a rebuild and a target change', () => {
  let rt: Runtime;
  beforeAll(async () => {
    rt = await startRuntime({ Orders: ORDERS }, { now: '2026-11-23T09:00Z' });
    expect(rt.call<string>('rebuildAllReports')).toMatch(/^Rebuilt \d+ reports in/);
  });

  it('one worklist sheet per campaign and a results sheet, by campaign id', () => {
    expect(rt.sheetNames()).toEqual(
      expect.arrayContaining(['List · Onboard New Active', 'List · Wake Prospective', LIST, 'List · Win back lost A and B', RESULTS]),
    );
  });

  it('lists the target in priority order with the add-on and manager columns; status and reason are drop-downs', () => {
    const values = rt.readSheet(LIST);
    const header = values.findIndex((r) => r[0] === 'Customer');
    expect(values[header]).toEqual([
      'Customer',
      'Manager',
      'Segment',
      'ABC/XYZ',
      'Purchases',
      'Last purchase',
      'Days since last purchase',
      'Revenue',
      'P(alive)',
      'Email',
      'Phone',
      'Listed since',
      'Status',
      'Reason',
      'Next step date',
      'Note',
    ]);
    expect(values.slice(header + 1, header + 3).map((r) => [r[0], r[1], r[4], r[9], r[10], r[12]])).toEqual([
      ['Anna Petrova', 'Olga', 4, 'anna@example.com', '0501234567', 'to do'],
      ['Boris', 'Ivan', 5, 'boris@example.com', '+7 999 123-45-67', 'to do'],
    ]);
    const anna = rowOf(rt, LIST, 'Anna Petrova');
    const status = range(rt, LIST, anna, STATUS).getDataValidation()!;
    expect(status.getCriteriaValues()).toEqual([['to do', 'reached', 'no answer', 'won back', 'declined', 'let go'], true]);
    expect(status.getAllowInvalid()).toBe(false);
    expect(range(rt, LIST, anna, REASON).getDataValidation()!.getCriteriaValues()[0]).toEqual([
      'competitors',
      'our company',
      "the customer's circumstances",
      'unknown',
    ]);
    expect(range(rt, LIST, anna, NOTE).getDataValidation()).toBeNull();
  });

  it('the drop-down refuses a status that is not on its list', () => {
    const anna = rowOf(rt, LIST, 'Anna Petrova');
    expect(() => type(rt, LIST, anna, STATUS, 'maybe')).toThrow(/violates the data validation rules/);
  });

  it('typed statuses, reasons, dates and notes are there after a rebuild', () => {
    const anna = rowOf(rt, LIST, 'Anna Petrova');
    type(rt, LIST, anna, STATUS, 'reached');
    type(rt, LIST, anna, REASON, 'competitors');
    type(rt, LIST, anna, NEXT, '2026-11-30');
    type(rt, LIST, anna, NOTE, 'Will think about it; call on Monday');
    type(rt, LIST, rowOf(rt, LIST, 'Boris'), STATUS, 'no answer');
    const calls = rt.calls.total;
    rt.call('rebuildAllReports');
    expect(rt.calls.total).toBeGreaterThan(calls);
    const again = rowOf(rt, LIST, 'Anna Petrova');
    expect(cell(rt, LIST, again, STATUS)).toBe('reached');
    expect(cell(rt, LIST, again, REASON)).toBe('competitors');
    expect((cell(rt, LIST, again, NEXT) as Date).toISOString().slice(0, 10)).toBe('2026-11-30');
    expect(cell(rt, LIST, again, NOTE)).toBe('Will think about it; call on Monday');
    expect(cell(rt, LIST, rowOf(rt, LIST, 'Boris'), STATUS)).toBe('no answer');
    // Still drop-downs on the rebuilt sheet.
    expect(range(rt, LIST, again, STATUS).getDataValidation()).not.toBeNull();
  });

  it('a customer who buys again moves to the history with what was typed, the day and why', () => {
    // Three days on, Anna bought on the day after she was listed.
    rt.clock.advance(3 * DAY_MS);
    const orders = sheet(rt, 'Orders');
    orders.insertRowsAfter(orders.getMaxRows(), 1);
    orders
      .getRange(orders.getMaxRows(), 1, 1, 6)
      .setValues([['2026-11-24', 'Anna Petrova', 120, 'Olga', 'anna@example.com', "'0501234567"]]);
    rt.call('rebuildAllReports');
    const history = titleRow(rt, LIST, 'Left the list');
    const listTitle = titleRow(rt, LIST, 'To work');
    expect(
      rt
        .readSheet(LIST)
        .slice(listTitle, history)
        .some((r) => r[0] === 'Anna Petrova'),
    ).toBe(false);
    const anna = rowOf(rt, LIST, 'Anna Petrova', history);
    const row = rt.readSheet(LIST)[anna - 1];
    expect([row[0], row[1], row[4]]).toEqual(['Anna Petrova', 'Olga', 'bought again']);
    expect((row[2] as Date).toISOString().slice(0, 10)).toBe('2026-11-23');
    expect((row[3] as Date).toISOString().slice(0, 10)).toBe('2026-11-26');
    expect(row[STATUS - 1]).toBe('reached');
    expect(row[REASON - 1]).toBe('competitors');
    expect(row[NOTE - 1]).toBe('Will think about it; call on Monday');
    // Boris stays on the list with his status.
    expect(cell(rt, LIST, rowOf(rt, LIST, 'Boris'), STATUS)).toBe('no answer');
    // Nothing went to the kept-inputs block: the history holds it.
    expect(rt.readSheet(LIST).some((r) => r[0] === 'Kept inputs')).toBe(false);
  });

  it('the results sheet counts the contacts and the return', () => {
    const values = rt.readSheet(RESULTS);
    const section = values.findIndex((r) => typeof r[0] === 'string' && r[0].startsWith('Reactivate Regular:'));
    const period = values[section + 2];
    // Listed 2 (Anna, Boris), contacted 2 (reached, no answer), bought again 1 (Anna, 120).
    expect(period.slice(2, 7)).toEqual([2, 2, 1, 0.5, 120]);
    expect(period[14]).toBe('no control group to compare with');
  });

  it('the log is kept on a hidden sheet the add-on owns, one row per campaign and day; none in the properties', () => {
    const log = sheet(rt, '__campaign_log__');
    expect(log.isSheetHidden()).toBe(true);
    expect(log.getDeveloperMetadata().map((m) => [m.getKey(), m.getValue()])).toEqual([['repeatSales.report', 'campaignLog']]);
    const rows = rt.readSheet('__campaign_log__');
    expect(rows[0]).toEqual(['Campaign', 'Day', 'Entries (JSON: cause, control, manager, customers)']);
    expect(rows).toContainEqual(['reactivate', '2026-11-26', '[["bought_again",0,"Olga","anna petrova"]]']);
    expect(Object.keys(rt.properties.document).filter((k) => k.startsWith('repeatSales.campaignLog.'))).toEqual([]);
  });
});

describe('service calls of the campaign sheets do not grow with the rows', () => {
  const orders = (customers: number): unknown[][] => {
    const rows: unknown[][] = [['Date', 'Customer', 'Amount', 'Manager']];
    for (let c = 0; c < customers; c++)
      for (const d of ['2026-01-10', '2026-02-10', '2026-03-10', '2026-06-01'])
        rows.push([d, `Customer ${c}`, 100 + c, c % 2 ? 'Olga' : 'Ivan']);
    return rows;
  };
  it('the same calls for 20 customers on the lists as for 400', async () => {
    const counts: number[] = [];
    for (const n of [20, 400]) {
      const rt = await startRuntime({ Orders: orders(n) }, { now: '2026-11-23T09:00Z' });
      rt.call('rebuildAllReports');
      expect(rt.readSheet(LIST).filter((r) => typeof r[0] === 'string' && r[0].startsWith('Customer ')).length).toBe(n);
      const before = rt.calls.total;
      rt.call('rebuildAllReports');
      counts.push(rt.calls.total - before);
    }
    expect(counts[1]).toBe(counts[0]);
  });
});

// ---------- the worklist spec, without the runtime ----------

const UTC = calendarFor('Etc/UTC');
const ASOF = daysFromCivil(2026, 11, 23);

function context(rows: unknown[][]): ReportContext {
  const src = (column: number, label: string) => ({ values: rows.slice(1), column, label });
  const sources: OrderSources = {
    date: src(0, 'Date'),
    customer: src(1, 'Customer'),
    amount: src(2, 'Amount'),
    manager: src(3, 'Manager'),
  };
  return reportContextOf(readOrders(sources, { calendar: UTC, rules: localeRules('en_US'), firstRow: 2, asOf: ASOF }), ASOF);
}

describe('control-group customers are listed apart, never on the worklist', () => {
  const rows: unknown[][] = [['Date', 'Customer', 'Amount', 'Manager']];
  for (let c = 0; c < 60; c++)
    for (const d of ['2026-01-10', '2026-02-10', '2026-03-10', '2026-06-01']) rows.push([d, `Customer ${c}`, 100, 'Olga']);
  const ctx = context(rows);
  const campaign: Campaign = {
    id: 'reactivate',
    name: 'Reactivate',
    target: {
      segments: ['regular_sleeping'],
      abc: [],
      xyz: [],
      lost: null,
      pAlive: null,
      minPurchases: null,
      daysSince: null,
      managers: [],
      npsDetractorsDays: null,
    },
    action: 'Call',
    channel: 'call',
    cadence: { kind: 'weekly', weekday: 1 },
    controlShare: 0.5,
    resultsWindowDays: 30,
    enabled: true,
  };
  const facts = customerFacts(ctx.summary, { bands: DEFAULT_BANDS, abcXyz: DEFAULT_ABC_XYZ, lost: DEFAULT_LOST }, null);
  const [plan] = planCampaigns([campaign], facts, new Set(), [], ASOF).plans;
  const spec = buildWorklist(ctx, plan, false);
  const names = (from: string, to: string | null): string[] => {
    const start = spec.cells.findIndex((r) => typeof r[0] === 'string' && r[0].startsWith(from));
    const end = to === null ? spec.cells.length : spec.cells.findIndex((r) => typeof r[0] === 'string' && r[0].startsWith(to));
    return spec.cells
      .slice(start + 2, end)
      .map((r) => r[0] as string)
      .filter((n) => typeof n === 'string' && n.startsWith('Customer '));
  };

  it('the list holds the worklist group only, the control block the rest, marked', () => {
    const worklist = names('To work', 'Left the list');
    const control = names('Control group', null);
    expect(worklist.length).toBe(plan.worklist.length);
    expect(control.length).toBe(plan.control.length);
    expect(control.length).toBeGreaterThan(10);
    expect(worklist.filter((n) => control.includes(n))).toEqual([]);
    const controlRows = spec.cells.filter((r) => r[5] === 'control: do not contact');
    expect(controlRows.length).toBe(control.length);
  });
  it('inputs: one block per place keyed by customer, drop-downs on status and reason only', () => {
    const blocks = spec.inputs!.blocks;
    expect(blocks.map((b) => [b.id, b.rowKeys.length, b.colKeys])).toEqual([
      ['work', plan.worklist.length, ['status', 'reason', 'next', 'note']],
    ]);
    expect(blocks[0].rowKeys).toEqual(plan.worklist.map((f) => f.key));
    expect(spec.validations!.map((v) => [v.area.col, v.area.rows, v.list.length])).toEqual([
      [STATUS, plan.worklist.length, 6],
      [REASON, plan.worklist.length, 4],
    ]);
  });
  it('reads statuses typed in any language back as statuses', () => {
    const carried = new Map<string, Carried>([
      [keyText(['work', 'customer 1', 'status']), { value: 'reached', label: '' }],
      [keyText(['work', 'customer 2', 'status']), { value: 'Дозвонились', label: '' }],
      [keyText(['work', 'customer 2', 'reason']), { value: 'конкуренти', label: '' }],
      [keyText(['work', 'customer 3', 'status']), { value: 'something else', label: '' }],
      [keyText(['plan', 'x', 'status']), { value: 'reached', label: '' }],
    ]);
    expect([...typedOnWorklist(carried)]).toEqual([
      ['customer 1', { status: 'reached', reason: null }],
      ['customer 2', { status: 'reached', reason: 'competitors' }],
      ['customer 3', { status: null, reason: null }],
    ]);
  });
});

describe('worklist sheet names', () => {
  const named = (name: string): Campaign => ({ id: 'x', name }) as Campaign;
  it('fit the 31 characters an .xlsx download keeps, without the characters Excel refuses', () => {
    expect(worklistSheetName('en', named('Reactivate Regular'))).toBe('List · Reactivate Regular');
    expect(worklistSheetName('en', named('Win back: A/B [lost] customers of the north'))).toBe('List · Win back  A B  lost  cu…');
    expect(worklistSheetName('ru', named('Вернуть потерянных'))).toBe('Список · Вернуть потерянных');
    for (const lang of ['en', 'ru', 'uk'] as const) {
      for (const c of defaultCampaigns(lang).campaigns) expect(worklistSheetName(lang, c).length).toBeLessThanOrEqual(31);
    }
  });
});

describe('a detractors target lists the NPS tab’s detractors of its own last N days', () => {
  const csv = (file: string): string[][] =>
    readFileSync(path.join(projectRoot, 'test', 'data', 'nps', file), 'utf8')
      .split('\n')
      .filter((l) => l !== '')
      .map((l) => l.split(','));
  const detractorCampaign = (name: string, days: number) => ({
    ...blankCampaign(),
    id: null,
    name,
    target: { ...blankCampaign().target, npsDetractorsDays: days },
    action: 'Call back within 48 hours',
  });

  it('3 days: Boris (6, 13 March) and Clara (5, 12 March); 2 days: Boris only; never Anna (latest 9) or Dmitry (8)', async () => {
    // As of 15 March 2025: the last 3 days are 12-14 March, the last 2 days 13-14 March.
    const rt = await startRuntime({ Orders: csv('orders.csv'), NPS: csv('answers.csv') }, { now: '2025-03-15T09:00Z' });
    for (const [name, days] of [
      ['Detractors 3d', 3],
      ['Detractors 2d', 2],
    ] as const)
      expect((rt.callJson('campaignSave', detractorCampaign(name, days)) as { errors: object }).errors).toEqual({});
    rt.call('rebuildAllReports');
    const listed = (name: string) => new Set(rt.readSheet(`List · ${name}`).map((r) => String(r[0])));
    const three = listed('Detractors 3d');
    const two = listed('Detractors 2d');
    expect([three.has('Boris'), three.has('Clara'), three.has('Anna'), three.has('Dmitry')]).toEqual([true, true, false, false]);
    expect([two.has('Boris'), two.has('Clara'), two.has('Anna'), two.has('Dmitry')]).toEqual([true, false, false, false]);
  });
});
