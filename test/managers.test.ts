// The Managers sheet (issue 13, item 2; docs/definitions.md: the Managers sheet), cell by cell on a
// hand-made table of 3 managers (and one customer without a manager) over 14 months, as of
// 2025-03-15, with every figure worked out by hand below. Then: lost and won back per month are the
// lost ratio of section 7 for that month (checked against churn.ts lostRatio on generated orders);
// plans typed into the sheet survive a rebuild, and a manager who disappears keeps theirs in the
// kept-inputs block (through the local runtime); profit per manager; the service calls.
import { beforeAll, describe, expect, it } from 'vitest';
import { reportContextOf } from './support/reportContext';
import { evaluateSheet } from '../local/formula';
import { type FakeSheet } from '../local/spreadsheet';
import { generateOrders, HEADER } from '../bench/generateOrders';
import { calendarFor, daysFromCivil } from '../src/core/calendar';
import { DEFAULT_LOST, lostRatio } from '../src/core/churn';
import { detectColumns, type OrderField } from '../src/core/columns';
import { DEFAULT_BANDS, lifecycleSegments } from '../src/core/lifecycle';
import { managerMonths } from '../src/core/managerMonths';
import { type OrderSources, readOrders } from '../src/core/orders';
import { buildSummary } from '../src/core/summary';
import { localeRules } from '../src/core/values';
import { type Lang, t } from '../src/i18n/catalogue';
import { type ReportContext } from '../src/reports/context';
import { buildManagers, changeOf, monthKey, monthLabel } from '../src/reports/managers';
import { type Cell, type CellValue, type SheetSpec, isFormula } from '../src/reports/sheetSpec';
import { type Runtime, startRuntime } from './support/runtime';

const UTC = calendarFor('Etc/UTC');
const ASOF = daysFromCivil(2025, 3, 15);

/**
 * Customers and what happens to them (as of 2025-03-15; fewer than 10 customers made a second purchase,
 * so a one-time buyer's usual interval is the 90-day fallback and they are lost after 120 days):
 * - A (Olga): 10 Feb, 5 Mar 2024 (gap 24: lost after 32 days, so lost in April 2024), back 20 Feb 2025
 *   (won back in February 2025), 3 Mar 2025.
 * - B: 20 Mar, 10 Jun 2024 with Olga (gap 82, lost after 109.3 days: lost in September, counted for Olga),
 *   5 Dec 2024 with Ivan (won back in December, for Ivan).
 * - C (Ivan): monthly 1 Apr, 1 May, 1 Jun 2024 (median gap 30.5, lost after 40.7 days: in July).
 * - D (Petr): once, 1 Feb 2024 (before the shown months; lost after 120 days: in May 2024).
 * - E (no manager): once, 10 Jan 2025.
 * - F (Petr): new on 10 Mar 2025.
 * - G (Ivan): 1 Jul, 1 Oct 2024 (gap 92, lost after 122.7 days: in January 2025), back 1 Mar 2025.
 */
const ROWS: unknown[][] = [
  ['2024-02-10', 'A', 100, 'Olga'],
  ['2024-03-05', 'A', 200, 'Olga'],
  ['2025-02-20', 'A', 150, 'Olga'],
  ['2025-03-03', 'A', 50, 'Olga'],
  ['2024-03-20', 'B', 300, 'Olga'],
  ['2024-06-10', 'B', 100, 'Olga'],
  ['2024-12-05', 'B', 400, 'Ivan'],
  ['2024-04-01', 'C', 80, 'Ivan'],
  ['2024-05-01', 'C', 80, 'Ivan'],
  ['2024-06-01', 'C', 80, 'Ivan'],
  ['2024-02-01', 'D', 500, 'Petr'],
  ['2025-01-10', 'E', 70, ''],
  ['2025-03-10', 'F', 120, 'Petr'],
  ['2024-07-01', 'G', 60, 'Ivan'],
  ['2024-10-01', 'G', 60, 'Ivan'],
  ['2025-03-01', 'G', 60, 'Ivan'],
];

function context(rows: unknown[][], o: { lang?: Lang; asOf?: number; planGrowth?: number; profit?: boolean } = {}): ReportContext {
  const src = (column: number, label: string) => ({ values: rows, column, label });
  const sources: OrderSources = {
    date: src(0, 'Date (A)'),
    customer: src(1, 'Customer (B)'),
    amount: src(2, 'Amount (C)'),
    manager: src(3, 'Manager (D)'),
    ...(o.profit ? { profit: src(4, 'Profit (E)') } : {}),
  };
  const asOf = o.asOf ?? ASOF;
  return reportContextOf(readOrders(sources, { calendar: UTC, rules: localeRules('en_US'), firstRow: 2, asOf }), asOf, {
    lang: o.lang ?? 'en',
    params: o.planGrowth === undefined ? {} : { planGrowth: o.planGrowth },
  });
}

const MONTHS = [
  'Mar 2024',
  'Apr 2024',
  'May 2024',
  'Jun 2024',
  'Jul 2024',
  'Aug 2024',
  'Sep 2024',
  'Oct 2024',
  'Nov 2024',
  'Dec 2024',
  'Jan 2025',
  'Feb 2025',
  'Mar 2025 to date',
];

/** A section of the sheet: its title row, the table header under it, and the row of (manager, kind). */
function sectionOf(spec: SheetSpec, title: string, grid: (Cell | CellValue | undefined)[][] = spec.cells) {
  const top = spec.cells.findIndex((r) => r[0] === title);
  if (top < 0) throw new Error(`no section "${title}"`);
  const header = top + 1;
  const head = spec.cells[header] as unknown[];
  const rows: { manager: string; kind: string; cells: unknown[]; row: number }[] = [];
  let manager = '';
  for (let r = header + 1; r < spec.cells.length && spec.cells[r]?.[1] !== undefined && spec.cells[r]?.[1] !== ''; r++) {
    if (spec.cells[r][0] !== '') manager = String(spec.cells[r][0]);
    rows.push({ manager, kind: String(spec.cells[r][1]), cells: (grid[r] ?? []) as unknown[], row: r + 1 });
  }
  const get = (manager: string, kind: string, month: string): unknown => {
    const line = rows.find((x) => x.manager === manager && x.kind === kind);
    if (!line) throw new Error(`no row ${manager} / ${kind} in "${title}"`);
    const col = head.indexOf(month);
    if (col < 0) throw new Error(`no column ${month} in "${title}"`);
    return line.cells[col];
  };
  const series = (manager: string, kind: string): unknown[] => MONTHS.map((m) => get(manager, kind, m));
  return { head, rows, get, series };
}

describe('the Managers sheet on 3 managers over 14 months: every figure as worked out by hand', () => {
  const spec = buildManagers(context(ROWS));
  const values = evaluateSheet(spec.cells);
  const figure = (title: string) => sectionOf(spec, title, values);

  it('has the 12 full months and the current month to date, managers by revenue in the 12 months, no manager last', () => {
    const revenue = figure('Revenue');
    expect(revenue.head.slice(2)).toEqual([...MONTHS, '12 full months']);
    expect([...new Set(revenue.rows.map((r) => r.manager))]).toEqual(['Ivan', 'Olga', 'Petr', '(no manager)', 'Total']);
    expect(spec.cells.find((r) => r[0] === 'Months')?.[1]).toBe('Mar 2024 to Mar 2025 (the last 12 full months and Mar 2025 to date)');
  });

  it('revenue per manager per month, counted for the manager at each month end (B moved from Olga to Ivan)', () => {
    const r = figure('Revenue');
    expect(r.series('Ivan', 'This year')).toEqual([0, 80, 80, 80, 60, 0, 0, 60, 0, 400, 0, 0, 60]);
    expect(r.series('Olga', 'This year')).toEqual([500, 0, 0, 100, 0, 0, 0, 0, 0, 0, 0, 150, 50]);
    expect(r.series('Petr', 'This year')).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 120]);
    expect(r.series('(no manager)', 'This year')).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 70, 0, 0]);
    expect(r.series('Total', 'This year')).toEqual([500, 80, 80, 180, 60, 0, 0, 60, 0, 400, 70, 150, 230]);
    expect(r.get('Ivan', 'This year', '12 full months')).toBe(760);
    expect(r.get('Olga', 'This year', '12 full months')).toBe(750);
  });

  it('a year earlier: February 2024 in full, and for the current month its first 14 days of 2024', () => {
    const r = figure('Revenue');
    expect(r.get('Olga', 'A year earlier', 'Feb 2025')).toBe(100);
    expect(r.get('Petr', 'A year earlier', 'Feb 2025')).toBe(500);
    // 1-14 March 2024: A's 200 on the 5th, not B's 300 on the 20th.
    expect(r.get('Olga', 'A year earlier', 'Mar 2025 to date')).toBe(200);
    expect(r.get('Olga', 'Change', 'Feb 2025')).toBeCloseTo(0.5, 12); // 150 against 100
    expect(r.get('Olga', 'Change', 'Mar 2025 to date')).toBeCloseTo(-0.75, 12); // 50 against 200
    expect(r.get('Ivan', 'Change', 'Feb 2025')).toBe(''); // nothing a year earlier
    expect(changeOf(150, 100, false)).toBeCloseTo(0.5, 12);
    expect(changeOf(0.4, 0.25, true)).toBeCloseTo(0.15, 12);
  });

  it('new customers: the month of the first purchase ever', () => {
    const n = figure('New customers (first purchase ever)');
    expect(n.series('Ivan', 'This year')).toEqual([0, 1, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0]); // C, G
    expect(n.series('Olga', 'This year')).toEqual([1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]); // B (A's first purchase is in February 2024)
    expect(n.series('Petr', 'This year')).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1]); // F
    expect(n.get('(no manager)', 'This year', 'Jan 2025')).toBe(1); // E
  });

  it('lost and won back in the month, by the rules of the lost ratio', () => {
    const lost = figure('Lost in the month');
    expect(lost.series('Olga', 'This year')).toEqual([0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0]); // A in April, B in September
    expect(lost.series('Ivan', 'This year')).toEqual([0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 1, 0, 0]); // C in July, G in January
    expect(lost.series('Petr', 'This year')).toEqual([0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]); // D in May
    const won = figure('Won back in the month');
    expect(won.series('Ivan', 'This year')).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 1]); // B in December, G in March
    expect(won.series('Olga', 'This year')).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0]); // A in February
  });

  it('customers who bought, active at month end, average check and the repeat sales share', () => {
    expect(figure('Customers who bought').series('Olga', 'This year')).toEqual([2, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 1, 1]);
    expect(figure('Customers who bought').get('Ivan', 'This year', '12 full months')).toBe(3); // B, C, G: once each
    expect(figure('Active customers at month end').series('Total', 'This year')).toEqual([3, 3, 1, 2, 2, 0, 0, 1, 0, 1, 2, 2, 3]);
    expect(figure('Average check').get('Olga', 'This year', 'Mar 2024')).toBe(250);
    expect(figure('Purchases (shipments)').get('Olga', 'This year', 'Mar 2024')).toBe(2);
    // March 2024: A's second purchase (200) is repeat, B's first (300) is not.
    expect(figure('Repeat sales share').get('Olga', 'This year', 'Mar 2024')).toBeCloseTo(0.4, 12);
    expect(figure('Repeat sales share').get('Olga', 'This year', 'Feb 2025')).toBe(1);
  });

  it('plan cells: the same month a year earlier x 1.1, yellow inputs keyed by manager and month', () => {
    const plan = sectionOf(spec, 'Revenue against plan: type your plan into the yellow cells, they are kept across rebuilds', values);
    // The table starts one row below the note.
    const head = spec.cells.findIndex((r) => r[0] === 'Manager' && r[1] === 'Row');
    const months = spec.cells[head].slice(2) as string[];
    const planRow = (name: string) => spec.cells.find((r, i) => i > head && r[0] === name && r[1] === 'Plan')!;
    expect(months.slice(0, 13)).toEqual(MONTHS);
    expect(planRow('Olga')[2 + 11]).toBeCloseTo(110, 9); // Feb 2025: 100 x 1.1
    expect(planRow('Olga')[2 + 12]).toBeCloseTo(550, 9); // March 2025: all of March 2024, 500 x 1.1
    expect(planRow('Petr')[2 + 11]).toBeCloseTo(550, 9);
    expect(planRow('Ivan').slice(2, 15)).toEqual(new Array(13).fill(0));
    void plan;
    const block = spec.inputs!.blocks[0];
    expect(block.id).toBe('plan');
    expect(block.rowKeys).toEqual(['Ivan', 'Olga', 'Petr', '']);
    expect(block.colKeys).toEqual([
      '2024-03',
      '2024-04',
      '2024-05',
      '2024-06',
      '2024-07',
      '2024-08',
      '2024-09',
      '2024-10',
      '2024-11',
      '2024-12',
      '2025-01',
      '2025-02',
      '2025-03',
    ]);
    expect(spec.cells[block.row - 1][block.col - 1 + 11]).toBe(0); // Ivan's row is first: nothing a year earlier
    expect(spec.cells[block.row][block.col - 1 + 11]).toBeCloseTo(110, 9); // Olga's is next
    expect(spec.styles.some((s) => s.background === '#fff2cc' && s.area.row === block.row && s.area.rows === 4 && s.area.cols === 13)).toBe(
      true,
    );
  });

  it('a higher plan growth raises every prefilled plan cell', () => {
    const higher = buildManagers(context(ROWS, { planGrowth: 0.25 }));
    const b = higher.inputs!.blocks[0];
    expect(higher.cells[b.row][b.col - 1 + 12]).toBeCloseTo(625, 9); // Olga, March 2025: 500 x 1.25
  });

  it('fact / plan: live formulas over revenue and plan, green at 100% or more and red below', () => {
    const fact = sectionOf(spec, 'Fact / plan', values);
    expect(fact.get('Olga', 'Fact / plan', 'Feb 2025')).toBeCloseTo(150 / 110, 12);
    expect(fact.get('Petr', 'Fact / plan', 'Feb 2025')).toBeCloseTo(0, 12);
    expect(fact.get('Ivan', 'Fact / plan', 'Feb 2025')).toBe(''); // no plan
    const line = fact.rows.find((r) => r.manager === 'Olga')!;
    const formula = spec.cells[line.row - 1][2 + 11];
    expect(isFormula(formula as Cell) && (formula as { formula: string }).formula).toMatch(/^=IFERROR\([A-Z]+\d+\/[A-Z]+\d+,""\)$/);
    expect(spec.conditionalFormats).toEqual([
      { area: { row: line.row - 1, col: 3, rows: 5, cols: 14 }, when: 'atLeast', value: 1, background: '#d9ead3' },
      { area: { row: line.row - 1, col: 3, rows: 5, cols: 14 }, when: 'below', value: 1, background: '#f4cccc' },
    ]);
    // A typed plan changes the ratio: Olga's February plan of 300 makes it 50%.
    const typed = spec.cells.map((r) => r.slice());
    const b = spec.inputs!.blocks[0];
    typed[b.row][b.col - 1 + 11] = 300;
    expect(sectionOf(spec, 'Fact / plan', evaluateSheet(typed)).get('Olga', 'Fact / plan', 'Feb 2025')).toBeCloseTo(0.5, 12);
  });

  it('shipments per week over the shown months, and the weeks without any', () => {
    const top = spec.cells.findIndex((r) => r[0] === 'Week from');
    const weeks = spec.cells.slice(top + 1).filter((r) => r[0] instanceof Date);
    expect(weeks).toHaveLength(55); // Monday 26 Feb 2024 to the week of 14 Mar 2025
    expect((weeks[0][0] as Date).toISOString().slice(0, 10)).toBe('2024-02-26');
    const total = spec.cells[top].indexOf('Total');
    expect(weeks.reduce((a, r) => a + (r[total] as number), 0)).toBe(14);
    const without = spec.cells.find((r) => r[0] === 'Weeks without a shipment')!;
    expect(without[total]).toBe(41); // 14 purchases, each in a week of its own
    expect(without[spec.cells[top].indexOf('Petr')]).toBe(54);
  });

  it('a chart of revenue against plan per manager for the last full month, over cells that follow the plan', () => {
    expect(spec.charts).toHaveLength(1);
    const chart = spec.charts[0];
    expect(chart.title).toBe('Revenue against plan, Feb 2025');
    const data = values
      .slice(chart.data.row - 1, chart.data.row - 1 + chart.data.rows)
      .map((r) => r.slice(chart.data.col - 1, chart.data.col + 2));
    expect(data[0]).toEqual(['Manager', 'Revenue', 'Plan']);
    expect(data.slice(1).map((r) => [r[0], r[1], Math.round((r[2] as number) * 100) / 100])).toEqual([
      ['Ivan', 0, 0],
      ['Olga', 150, 110],
      ['Petr', 0, 550],
      ['(no manager)', 0, 0],
    ]);
  });

  it('no formula error anywhere, and the summary names the 12 months', () => {
    expect(values.flat().filter((v) => typeof v === 'string' && v.startsWith('#'))).toEqual([]);
    // 1,580 against the 600 of March 2023 to February 2024 (A's 100 and D's 500 in February 2024).
    expect(spec.summary).toBe('4 managers; revenue in the 12 full months 1,580 (+163.3% to the year before)');
  });

  it('labels in every language; month keys never depend on it', () => {
    for (const lang of ['ru', 'uk'] as const) {
      const other = buildManagers(context(ROWS, { lang }));
      expect(other.name).toBe(t(lang, 'report.managers.name'));
      expect(other.inputs!.blocks[0].colKeys).toEqual(spec.inputs!.blocks[0].colKeys);
      expect(other.cells.flat().some((c) => c === t(lang, 'report.managers.figure.wonBack'))).toBe(true);
    }
    expect(monthLabel('ru', 2025 * 12 + 2)).toBe('мар 2025');
    expect(monthKey(2025 * 12)).toBe('2025-01');
  });
});

describe('lost and won back in each month are the lost ratio of that month (section 7), per manager', () => {
  const o = generateOrders(6_000, { seed: 5 });
  const mapping = detectColumns(HEADER as unknown as string[]);
  const sources: Partial<OrderSources> = {};
  for (const [field, column] of Object.entries(mapping) as [OrderField, number][])
    sources[field] = { values: o.rows, column, label: field };
  const { orders } = readOrders(sources as OrderSources, {
    calendar: calendarFor(o.timeZone),
    rules: localeRules('en_US'),
    firstRow: 2,
    asOf: o.asOfDay,
  });
  const summary = buildSummary(orders, { asOf: o.asOfDay });
  const m = managerMonths(orders, summary, { activeTo: 60, lost: DEFAULT_LOST });

  it('every shown month and its year-earlier month: at the start, lost and won back, in total and per manager', () => {
    let lostSeen = 0;
    let wonSeen = 0;
    const periods = [...m.periods.map((p, k) => [p, m.figures[k]] as const), ...m.yearAgo.map((p, k) => [p, m.yearAgoFigures[k]] as const)];
    for (const [period, figures] of periods) {
      const ratio = lostRatio(orders, period, DEFAULT_LOST);
      const total = figures[m.managers.length];
      expect([total.atStart, total.lost, total.wonBack]).toEqual([ratio.atStart, ratio.lost, ratio.wonBack]);
      m.managers.forEach((name, r) => {
        const byManager = ratio.byManager.get(name);
        expect([figures[r].atStart, figures[r].lost, figures[r].wonBack], name).toEqual([
          byManager?.atStart ?? 0,
          byManager?.lost ?? 0,
          byManager?.wonBack ?? 0,
        ]);
      });
      lostSeen += total.lost;
      wonSeen += total.wonBack;
    }
    expect(lostSeen).toBeGreaterThan(20);
    expect(wonSeen).toBeGreaterThan(5);
  });

  it('active at each month end: the Active customers of the lifecycle as of that date', () => {
    for (const k of [0, 6, 12]) {
      const end = m.periods[k].to;
      const s = buildSummary(orders, { asOf: end });
      const segments = lifecycleSegments(s, DEFAULT_BANDS);
      let active = 0;
      for (let i = 0; i < s.size; i++) if (segments[i] % 3 === 0) active++;
      expect(m.figures[k][m.managers.length].active).toBe(active);
    }
  });

  it('the 12 full months add up the months for every additive figure', () => {
    for (let r = 0; r <= m.managers.length; r++) {
      const months = m.figures.slice(0, 12).map((f) => f[r]);
      expect(months.reduce((a, f) => a + f.purchases, 0)).toBe(m.twelveMonths[r].purchases);
      expect(months.reduce((a, f) => a + f.newCustomers, 0)).toBe(m.twelveMonths[r].newCustomers);
      expect(Math.round(months.reduce((a, f) => a + f.revenue, 0) * 100)).toBe(Math.round(m.twelveMonths[r].revenue * 100));
    }
  });
});

// ---------- through the local runtime: typed plans survive a rebuild ----------

const MANAGERS = 'Managers';
const NOW = '2025-03-15T09:00:00Z';

describe('plans typed on the Managers sheet survive a rebuild; a manager who disappears keeps theirs', () => {
  let rt: Runtime;
  const sheet = (): FakeSheet => rt.spreadsheet.getSheetByName(MANAGERS) as unknown as FakeSheet;
  const planCell = (manager: string, month: string): { row: number; col: number } => {
    const rows = rt.readSheet(MANAGERS);
    const head = rows.findIndex((r) => r[0] === 'Manager' && r[1] === 'Row');
    const row = rows.findIndex((r, i) => i > head && r[0] === manager && r[1] === 'Plan');
    return { row: row + 1, col: rows[head].indexOf(month) + 1 };
  };
  const value = (at: { row: number; col: number }): unknown => rt.readSheet(MANAGERS)[at.row - 1][at.col - 1];

  beforeAll(async () => {
    rt = await startRuntime({ Orders: [['Date', 'Customer', 'Amount', 'Manager'], ...ROWS] }, { now: NOW });
    const { settings } = rt.call<{ settings: Record<string, unknown> }>('sidebarLoad');
    rt.call('sidebarSaveSettings', { ...settings, asOf: '2025-03-15' });
    rt.call('sidebarBuild', { kind: 'managers' });
  });

  it('typed plans come back after a rebuild; untouched cells follow a changed growth', () => {
    const olga = planCell('Olga', 'Mar 2025 to date');
    const petr = planCell('Petr', 'Feb 2025');
    expect(value(olga)).toBeCloseTo(550, 9);
    sheet().getRange(olga.row, olga.col).setValue('900');
    sheet().getRange(petr.row, petr.col).setValue('1,200');
    const { settings } = rt.call<{ settings: Record<string, unknown> }>('sidebarLoad');
    expect(rt.call<{ errors: object }>('sidebarSaveSettings', { ...settings, planGrowth: 0.2 }).errors).toEqual({});
    rt.call('sidebarBuild', { kind: 'managers' });
    expect(value(planCell('Olga', 'Mar 2025 to date'))).toBe(900);
    expect(value(planCell('Petr', 'Feb 2025'))).toBe(1200);
    expect(value(planCell('Olga', 'Feb 2025'))).toBeCloseTo(120, 9); // untouched: 100 x 1.2 now
    // Fact / plan follows the typed plan: Olga's March, 50 of 900.
    const rows = rt.readSheet(MANAGERS);
    const fact = rows.findIndex((r) => r[0] === 'Fact / plan');
    const olgaFact = rows.findIndex((r, i) => i > fact && r[0] === 'Olga');
    expect(rows[olgaFact][olga.col - 1]).toBeCloseTo(50 / 900, 12);
  });

  it('a manager who disappears keeps their typed plan in the kept block, and gets it back on return', () => {
    const orders = rt.spreadsheet.getSheetByName('Orders') as unknown as FakeSheet;
    const all = rt.readSheet('Orders');
    // Petr's customers (D, F) go from the orders: Petr is no longer on the sheet.
    const without = all.filter((r, i) => i === 0 || r[3] !== 'Petr');
    orders.clearContents();
    orders.getRange(1, 1, without.length, 4).setValues(without);
    rt.call('sidebarBuild', { kind: 'managers' });
    const rows = rt.readSheet(MANAGERS);
    expect(rows.some((r) => r[0] === 'Petr')).toBe(false);
    const kept = rows.findIndex((r) => r[0] === 'Kept inputs');
    expect(kept).toBeGreaterThan(0);
    expect(rows[kept + 3].slice(0, 2)).toEqual(['Plan: Petr, Feb 2025', 1200]);
    expect(value(planCell('Olga', 'Mar 2025 to date'))).toBe(900);
    // Petr back: his plan returns to his row, and the kept block goes.
    orders.clearContents();
    orders.getRange(1, 1, all.length, 4).setValues(all);
    rt.call('sidebarBuild', { kind: 'managers' });
    expect(value(planCell('Petr', 'Feb 2025'))).toBe(1200);
    expect(rt.readSheet(MANAGERS).some((r) => r[0] === 'Kept inputs')).toBe(false);
  });

  it('the sheet carries its fact / plan colours as conditional format rules', () => {
    const model = rt.book.sheets.find((s) => s.name === MANAGERS)!;
    expect(model.conditionalFormats?.map((r) => [r.condition, r.background])).toEqual([
      [{ type: 'NUMBER_GREATER_THAN_OR_EQUAL', value: 1 }, '#d9ead3'],
      [{ type: 'NUMBER_LESS', value: 1 }, '#f4cccc'],
    ]);
  });

  it('rebuild all builds Managers too', () => {
    // Matrix, the two migration sheets, lost customers, what-if, Managers, Trends, Repeat funnel, Key customers, the four default campaigns' worklists and their results.
    expect(rt.call<string>('rebuildAllReports')).toMatch(/^Rebuilt 14 reports in/);
    expect(rt.sheetNames()).toContain(MANAGERS);
  });
});

describe('profit per manager when the orders have a profit column', () => {
  const withProfit = ROWS.map((r) => [...r, Math.round((r[2] as number) * 0.3 * 100) / 100]);
  const spec = buildManagers(context(withProfit, { profit: true }));
  const values = evaluateSheet(spec.cells);

  it('profit and margin sections, per manager and month', () => {
    const profit = sectionOf(spec, 'Profit', values);
    expect(profit.get('Olga', 'This year', 'Mar 2024')).toBeCloseTo(150, 9);
    expect(profit.get('Ivan', 'This year', '12 full months')).toBeCloseTo(228, 9);
    expect(sectionOf(spec, 'Margin', values).get('Olga', 'This year', 'Mar 2024')).toBeCloseTo(0.3, 12);
  });

  it('without a profit column there is no profit section', () => {
    expect(buildManagers(context(ROWS)).cells.some((r) => r[0] === 'Profit')).toBe(false);
  });
});

describe('service calls of a Managers rebuild do not grow with the orders', () => {
  it('the same calls for 60 and 3,000 rows', async () => {
    const callsOf = async (n: number): Promise<number> => {
      const rows: unknown[][] = [['Date', 'Customer', 'Amount', 'Manager']];
      for (let i = 0; i < n; i++) {
        const day = new Date(Date.UTC(2024, 2, 1) + ((i * 37) % 370) * 86_400_000).toISOString().slice(0, 10);
        rows.push([day, `Customer ${i % 200}`, 10 + (i % 7), ['Olga', 'Ivan', 'Petr'][i % 3]]);
      }
      const own = await startRuntime({ Orders: rows }, { now: NOW });
      own.call('sidebarBuild', { kind: 'managers' });
      own.calls.reset();
      own.call('sidebarBuild', { kind: 'managers' });
      return own.calls.total;
    };
    expect(await callsOf(3_000)).toBe(await callsOf(60));
  });
});
