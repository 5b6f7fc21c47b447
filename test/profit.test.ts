// Profit (issue 13, item 6; docs/definitions.md section 4): when the orders have a profit or margin
// column, the segment lists and the matrix show profit and margin beside revenue, and ABC can rank by
// profit (abc_basis) in the sidebar's parameters and in ABCXYZ. Without such a column ABC by profit is
// refused with the reason, in the sidebar and in the function. Old stored settings without the team
// layer's fields keep working.
import vm from 'node:vm';
import { beforeAll, describe, expect, it } from 'vitest';
import { reportContextOf } from './support/reportContext';
import { calendarFor, daysFromCivil } from '../src/core/calendar';
import { DEFAULT_BANDS, lifecycleSegments, segmentKey } from '../src/core/lifecycle';
import { type OrderSources, readOrders } from '../src/core/orders';
import { localeRules } from '../src/core/values';
import { parseStoredSettings } from '../src/addon/settings';
import { type ReportContext } from '../src/reports/context';
import { buildSegmentList } from '../src/reports/segmentList';
import { buildSegmentMatrix } from '../src/reports/segmentMatrix';
import { type BundleContext, loadBundle } from './support/loadBundle';
import { startRuntime } from './support/runtime';

const UTC = calendarFor('Etc/UTC');
const ASOF = daysFromCivil(2025, 1, 1);

// X buys a lot at a thin margin, Y less at a fat one, Z little: by revenue X leads, by profit Y.
const ROWS: unknown[][] = [
  ['2024-03-01', 'X', 600, 30],
  ['2024-09-01', 'X', 400, 20],
  ['2024-04-01', 'Y', 150, 100],
  ['2024-10-01', 'Y', 150, 100],
  ['2024-11-01', 'Z', 100, 10],
];

function context(profit: boolean): ReportContext {
  const src = (column: number, label: string) => ({ values: ROWS, column, label });
  const sources: OrderSources = {
    date: src(0, 'Date (A)'),
    customer: src(1, 'Customer (B)'),
    amount: src(2, 'Amount (C)'),
    ...(profit ? { profit: src(3, 'Profit (D)') } : {}),
  };
  return reportContextOf(readOrders(sources, { calendar: UTC, rules: localeRules('en_US'), firstRow: 2, asOf: ASOF }), ASOF);
}

describe('profit and margin per customer on the segment lists', () => {
  const ctx = context(true);
  const segments = lifecycleSegments(ctx.summary, DEFAULT_BANDS);
  const keyOf = (name: string): string => segmentKey(segments[ctx.summary.name.indexOf(name)]);

  it('a Profit and a Margin column after Revenue, each customer to the cent', () => {
    const spec = buildSegmentList(ctx, keyOf('Y'));
    const header = spec.cells.findIndex((r) => r.includes('Profit'));
    expect(header).toBeGreaterThan(0);
    const head = spec.cells[header];
    expect(head.indexOf('Profit')).toBe(head.indexOf('Revenue') + 1);
    expect(head.indexOf('Margin')).toBe(head.indexOf('Revenue') + 2);
    const y = spec.cells.find((r) => r[0] === 'Y')!;
    expect(y[head.indexOf('Revenue')]).toBe(300);
    expect(y[head.indexOf('Profit')]).toBe(200);
    expect(y[head.indexOf('Margin')]).toBeCloseTo(2 / 3, 12);
  });

  it('without a profit or margin column the list has neither', () => {
    const plain = context(false);
    const spec = buildSegmentList(plain, keyOf('Y'));
    expect(spec.cells.some((r) => r.includes('Profit') || r.includes('Margin'))).toBe(false);
  });
});

describe('profit and margin per segment on the matrix', () => {
  it('each segment: the sum of its customers profit, and profit / revenue', () => {
    const ctx = context(true);
    const spec = buildSegmentMatrix(ctx);
    const header = spec.cells.findIndex((r) => r.includes('Profit') && r.includes('Margin'));
    expect(header).toBeGreaterThan(0);
    const head = spec.cells[header];
    const segments = lifecycleSegments(ctx.summary, DEFAULT_BANDS);
    const expected = new Map<number, { revenue: number; profit: number }>();
    ctx.summary.name.forEach((_, i) => {
      const s = segments[i];
      const e = expected.get(s) ?? { revenue: 0, profit: 0 };
      expected.set(s, { revenue: e.revenue + ctx.summary.revenue[i], profit: e.profit + ctx.summary.profit![i] });
    });
    let checked = 0;
    for (let r = header + 1; r < header + 1 + 9; r++) {
      const row = spec.cells[r];
      const profit = row[head.indexOf('Profit')] as number;
      const revenue = row[head.indexOf('Revenue')] as number;
      if (revenue === 0) {
        expect(profit).toBe(0);
        continue;
      }
      expect([...expected.values()]).toContainEqual({ revenue, profit });
      expect(row[head.indexOf('Margin')]).toBeCloseTo(profit / revenue, 12);
      checked++;
    }
    expect(checked).toBe(expected.size);
  });

  it('without a profit or margin column the matrix has no profit column', () => {
    expect(buildSegmentMatrix(context(false)).cells.some((r) => r.includes('Margin'))).toBe(false);
  });
});

describe('ABCXYZ ranks by profit with abc_basis "profit"', () => {
  let ctx: BundleContext;
  beforeAll(() => {
    ctx = loadBundle({
      globals: {
        SpreadsheetApp: {
          getActiveSpreadsheet: () => ({ getSpreadsheetLocale: () => 'en_US', getSpreadsheetTimeZone: () => 'Etc/UTC' }),
        },
      },
    });
  });
  const date = (iso: string): Date => vm.runInContext(`new Date(${Date.parse(`${iso}T00:00:00Z`)})`, ctx);
  const table = (profit: boolean): unknown[][] => [
    ['Order date', 'Customer', 'Amount', ...(profit ? ['Profit'] : [])],
    ...ROWS.map((r) => [date(r[0] as string), r[1], r[2], ...(profit ? [r[3]] : [])]),
  ];
  const asOf = (): Date => date('2025-01-01');
  const byCustomer = (out: unknown[][]) => {
    const head = out[0] as string[];
    return { head, rows: out.slice(1).map((r) => Object.fromEntries(head.map((h, k) => [h, r[k]]))) };
  };

  // A customer's class is by the share above them: A while it is under 80%, B under 95%.
  it('by revenue (the default): X, Y (1,000 of 1,400 above) in A, Z (1,300 above) in B', () => {
    const { head, rows } = byCustomer(ctx.ABCXYZ(table(true), asOf()));
    expect(head).not.toContain('Profit');
    expect(rows.map((r) => [r.Customer, r.ABC])).toEqual([
      ['X', 'A'],
      ['Y', 'A'],
      ['Z', 'B'],
    ]);
  });

  it('by profit: Y first, X (200 of 260 above) in A, Z (250 above) in C; the profit and its share are shown', () => {
    const { head, rows } = byCustomer(ctx.ABCXYZ(table(true), asOf(), '', '', '', 'profit'));
    expect(head.slice(1, 4)).toEqual(['Revenue', 'Profit', 'Profit share']);
    expect(rows.map((r) => [r.Customer, r.Profit, r.ABC])).toEqual([
      ['Y', 200, 'A'],
      ['X', 50, 'A'],
      ['Z', 10, 'C'],
    ]);
    expect(rows[0]['Profit share']).toBeCloseTo(200 / 260, 12);
    // In Russian and Ukrainian too.
    expect(byCustomer(ctx.ABCXYZ(table(true), asOf(), '', '', '', 'прибыль')).rows[0].Customer).toBe('Y');
    expect(byCustomer(ctx.ABCXYZ(table(true), asOf(), '', '', '', 'прибуток')).rows[0].Customer).toBe('Y');
  });

  it('without a profit or margin column: refused, naming abc_basis and the reason', () => {
    expect(() => ctx.ABCXYZ(table(false), asOf(), '', '', '', 'profit')).toThrow(
      'ABCXYZ: abc_basis is "profit", but the orders have no profit or margin column',
    );
    const col = (k: number) => ROWS.map((r) => [k === 1 ? date(r[0] as string) : r[k]]);
    expect(() => ctx.ABCXYZ(col(1), col(0), col(2), asOf(), '', '', '', 'profit')).toThrow(/abc_basis is "profit", but/);
  });

  it('an unknown basis is refused with the choices; the language in the old 8th place still works', () => {
    expect(() => ctx.ABCXYZ(table(true), asOf(), '', '', '', 'margin')).toThrow(/abc_basis is "margin", not one of revenue/);
    expect((ctx.ABCXYZ(table(true), asOf(), '', '', '', 'ru')[0] as string[]).includes('Выручка')).toBe(true);
    expect((ctx.ABCXYZ(table(true), asOf(), '', '', '', 'profit', 'uk')[0] as string[]).includes('Прибуток')).toBe(true);
  });
});

describe('ABC by profit in the sidebar parameters', () => {
  const NOW = { now: '2025-01-02T09:00Z' };
  const sheet = (profit: boolean) => [
    ['Date', 'Customer', 'Amount', ...(profit ? ['Profit'] : [])],
    ...ROWS.map((r) => r.slice(0, profit ? 4 : 3)),
  ];
  const save = (rt: Awaited<ReturnType<typeof startRuntime>>, change: Record<string, unknown>) => {
    const { settings } = rt.call<{ settings: Record<string, unknown> }>('sidebarLoad');
    return rt.call<{ errors: Record<string, string> }>('sidebarSaveSettings', { ...settings, ...change }).errors;
  };

  it('is saved when the orders have a profit column, and the migration report ranks by it', async () => {
    const rt = await startRuntime({ Orders: sheet(true) }, NOW);
    expect(save(rt, { abcBasis: 'profit' })).toEqual({});
    expect(rt.call<{ settings: { abcBasis: string } }>('sidebarLoad').settings.abcBasis).toBe('profit');
    expect(() => rt.call('sidebarBuild', { kind: 'migration' })).not.toThrow();
  });

  it('is refused without one, with the reason beside the field; nothing is saved', async () => {
    const rt = await startRuntime({ Orders: sheet(false) }, NOW);
    expect(save(rt, { abcBasis: 'profit', planGrowth: 0.2 })).toEqual({
      abcBasis: 'ABC basis: ABC by profit needs a profit or margin column in the orders, and they have none: rank by revenue instead',
    });
    expect(rt.call<{ settings: { abcBasis: string; planGrowth: number } }>('sidebarLoad').settings).toMatchObject({
      abcBasis: 'revenue',
      planGrowth: 0.1,
    });
  });
});

describe('stored settings from before the team layer keep working', () => {
  const TODAY = daysFromCivil(2026, 11, 27);
  it('version 2 without plan growth, top N and ABC basis: their defaults, no warning, the rest kept', () => {
    const read = parseStoredSettings(JSON.stringify({ version: 2, reports: { countBands: [3, 5], lostPeriodDays: 180 } }), 'en', TODAY);
    expect(read.warning).toBeNull();
    expect(read.reports).toMatchObject({
      countBands: [3, 5],
      lostPeriodDays: 180,
      abcBasis: 'revenue',
      planGrowth: 0.1,
      keyCustomersTop: 20,
    });
  });
  it('version 3 keeps them; a top N other than 20 or 50 falls back to 20 with a warning', () => {
    const good = parseStoredSettings(JSON.stringify({ version: 3, reports: { planGrowth: 0.15, keyCustomersTop: 50 } }), 'en', TODAY);
    expect(good.warning).toBeNull();
    expect(good.reports).toMatchObject({ planGrowth: 0.15, keyCustomersTop: 50 });
    const bad = parseStoredSettings(JSON.stringify({ version: 3, reports: { keyCustomersTop: 30 } }), 'en', TODAY);
    expect(bad.reports.keyCustomersTop).toBe(20);
    expect(bad.warning).not.toBeNull();
  });
});
