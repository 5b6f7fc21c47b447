// The report builders (docs/definitions.md: lifecycle segments, 2, 5, 6), one describe per report,
// checked cell by cell on small hand-made orders tables read the way the add-on
// reads them. Formulas are evaluated with local/formula.ts, as the local runtime does.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evaluateFormula, evaluateSheet } from '../local/formula';
import { DEFAULT_ABC_XYZ } from '../src/core/abcXyz';
import { calendarFor, daysFromCivil } from '../src/core/calendar';
import { DEFAULT_LOST } from '../src/core/churn';
import { UserError } from '../src/core/errors';
import { DEFAULT_BANDS, type LifecycleBands } from '../src/core/lifecycle';
import { maturityLevel, repeatSalesShare } from '../src/core/repeatShare';
import { type OrderSources, readOrders } from '../src/core/orders';
import { buildSummary } from '../src/core/summary';
import { localeRules } from '../src/core/values';
import { whatIfResults } from '../src/core/whatIf';
import type { BuildRequest } from '../src/addon/api';
import { plannedSheets, REPORT_BUILDERS } from '../src/addon/reportBuilders';
import { type Lang, LANGS, type MessageKey, t } from '../src/i18n/catalogue';
import { reportMessages } from '../src/i18n/messages/reports';
import { buildAbcXyzMigration } from '../src/reports/abcXyzMigration';
import { type DayRange, type ReportContext } from '../src/reports/context';
import { COLOUR, countBandLabel, recencyBandLabel, recencyRange } from '../src/reports/layout';
import { buildLifecycleMigration } from '../src/reports/lifecycleMigration';
import { buildLostCustomers } from '../src/reports/lostCustomers';
import { buildSegmentList } from '../src/reports/segmentList';
import { buildSegmentMatrix } from '../src/reports/segmentMatrix';
import { type Cell, type CellValue, type SheetSpec, isFormula } from '../src/reports/sheetSpec';
import { buildWhatIf, buildWhatIfWith } from '../src/reports/whatIf';

const UTC = calendarFor('Etc/UTC');
const EN = localeRules('en_US');
const day = (y: number, m: number, d: number): number => daysFromCivil(y, m, d);
const ASOF = day(2024, 7, 1);
const iso = (d: number): string => new Date(d * 86_400_000).toISOString().slice(0, 10);
/** An ISO date `days` days before the as-of date. */
const ago = (days: number): string => iso(ASOF - days);

/** A row of the orders tab: [date, customer, amount, manager, email, phone]. */
type Row = readonly unknown[];

const HAL = '=HYPERLINK("http://evil.example","Hal")';

/**
 * Nine customers, one per segment except Prospective Lapsed (none) and New Active
 * (two), as of 2024-07-01 with the default bands 1 / 2-3 / 4+ and 60 / 180 days.
 */
const BASE: Row[] = [
  [ago(10), 'Alice', 100, 'Ann', 'alice@example.com', '+380 44 000 0001'], // New Active
  [ago(5), 'Ivy', 500, 'Ann', 'ivy@example.com', '+380 44 000 0009'], // New Active
  [ago(100), 'Bob', 200, 'Ann', 'bob@example.com', ''], // New Sleeping
  [ago(-10), 'Bob', 999, 'Ann', '', ''], // after the as-of date: left out
  [ago(300), 'Carol', 50, 'Ben', '', ''], // New Lapsed
  [ago(200), 'Dan', 100, 'Ben', '', ''], // Prospective Active
  [ago(30), 'Dan', 300, 'Ben', '', ''],
  [ago(400), 'Eve', 100, 'Ann', '', ''], // Prospective Sleeping
  [ago(300), 'Eve', 100, 'Ann', '', ''],
  [ago(90), 'Eve', 100, 'Ann', '', ''],
  ...[700, 500, 300, 20].map((d) => [ago(d), 'Fay', 250, '', 'fay@example.com', '']), // Regular Active, no manager
  ...[600, 500, 400, 300, 150].map((d) => [ago(d), 'Gus', 200, 'Ben', '', '']), // Regular Sleeping
  ...[700, 600, 500, 400].map((d) => [ago(d), HAL, 100, 'Ann', '', '']), // Regular Lapsed
];

interface Options {
  lang?: Lang;
  /** The spreadsheet's locale: en_US unless given. */
  locale?: string;
  /** The currency the amount column shows: none unless given. */
  currency?: string | null;
  asOf?: number;
  bands?: LifecycleBands;
  period1?: DayRange;
  period2?: DayRange;
  actions?: Record<string, string>;
}

function context(rows: readonly Row[], o: Options = {}): ReportContext {
  const src = (column: number, label: string) => ({ values: rows, column, label });
  const sources: OrderSources = {
    date: src(0, 'Date (A)'),
    customer: src(1, 'Customer (B)'),
    amount: src(2, 'Amount (C)'),
    manager: src(3, 'Manager (D)'),
    email: src(4, 'Email (E)'),
    phone: src(5, 'Phone (F)'),
  };
  const asOf = o.asOf ?? ASOF;
  const { orders, report } = readOrders(sources, { calendar: UTC, rules: EN, firstRow: 2, asOf });
  return {
    lang: o.lang ?? 'en',
    locale: o.locale ?? 'en_US',
    currency: o.currency ?? null,
    orders,
    summary: buildSummary(orders, { asOf }),
    asOf,
    dateOf: (d) => UTC.dateOf(d),
    params: {
      bands: o.bands ?? DEFAULT_BANDS,
      abcXyz: DEFAULT_ABC_XYZ,
      comparison: { period1: o.period1 ?? { from: asOf - 730, to: asOf - 365 }, period2: o.period2 ?? { from: asOf - 365, to: asOf } },
      lost: DEFAULT_LOST,
      lostPeriod: { from: asOf - 365, to: asOf },
      actions: o.actions ?? {},
    },
    source: { sheetName: 'Orders', rows: report.rows, unreadableRows: report.unreadableRows },
  };
}

// ---------- reading a spec ----------

const at = (spec: SheetSpec, row: number, col: number): Cell | undefined => spec.cells[row - 1]?.[col - 1];

/** The 1-based position of the first cell equal to `value` (searching down column `col` when given). */
function find(spec: SheetSpec, value: CellValue, col?: number): { row: number; col: number } {
  for (let r = 0; r < spec.cells.length; r++) {
    const line = spec.cells[r];
    for (let c = 0; c < line.length; c++) {
      if ((col === undefined || c === col - 1) && line[c] === value) return { row: r + 1, col: c + 1 };
    }
  }
  throw new Error(`no cell ${String(value)} in ${spec.key}`);
}

/** The table whose header row starts with `header`: its header and the rows below it up to the first blank line. */
function table(
  spec: SheetSpec,
  header: string,
  grid: (Cell | CellValue | undefined)[][] = spec.cells,
  inColumn?: number,
): { head: unknown[]; rows: unknown[][]; top: number } {
  const { row, col } = find(spec, header, inColumn);
  const line = grid[row - 1] as unknown[];
  let width = 0;
  while (
    col - 1 + width < line.length &&
    line[col - 1 + width] !== null &&
    line[col - 1 + width] !== undefined &&
    line[col - 1 + width] !== ''
  )
    width++;
  const slice = (r: number): unknown[] => Array.from({ length: width }, (_, k) => grid[r - 1]?.[col - 1 + k] ?? null);
  const rows: unknown[][] = [];
  for (let r = row + 1; r <= grid.length; r++) {
    const first = grid[r - 1]?.[col - 1];
    if (first === undefined || first === null || first === '') break;
    rows.push(slice(r));
  }
  return { head: slice(row), rows, top: row };
}

/** The table right under a section heading: its header row and the rows below it up to the first blank line. */
function section(spec: SheetSpec, title: string): { head: unknown[]; rows: unknown[][] } {
  const { row, col } = find(spec, title);
  const header = spec.cells[row] ?? [];
  let width = 0;
  while (header[col - 1 + width] !== undefined && header[col - 1 + width] !== null && header[col - 1 + width] !== '') width++;
  const slice = (r: number): unknown[] => Array.from({ length: width }, (_, k) => spec.cells[r]?.[col - 1 + k] ?? null);
  const rows: unknown[][] = [];
  for (let r = row + 1; r < spec.cells.length && ![undefined, null, ''].includes(spec.cells[r][col - 1] as never); r++) rows.push(slice(r));
  return { head: slice(row), rows };
}

/** The rows of a table as label -> rest of the row. */
function byLabel(rows: unknown[][]): Record<string, unknown[]> {
  return Object.fromEntries(rows.map((r) => [String(r[0]), r.slice(1)]));
}

/** The styles that cover a cell. */
function stylesAt(spec: SheetSpec, row: number, col: number) {
  return spec.styles.filter(
    (s) => row >= s.area.row && row < s.area.row + s.area.rows && col >= s.area.col && col < s.area.col + s.area.cols,
  );
}

function backgroundAt(spec: SheetSpec, row: number, col: number): string | undefined {
  return stylesAt(spec, row, col)
    .reverse()
    .find((s) => s.background)?.background;
}

function formatAt(spec: SheetSpec, row: number, col: number): string | undefined {
  return stylesAt(spec, row, col)
    .reverse()
    .find((s) => s.numberFormat)?.numberFormat;
}

const L = (lang: Lang, key: MessageKey, params?: Record<string, string | number>): string => t(lang, key, params);

// ---------- the reports ----------

describe('segment matrix: customers, shares and revenue in a 3 x 3 matrix with health figures', () => {
  const ctx = context(BASE);
  const spec = buildSegmentMatrix(ctx);
  const active = 'Active (0-60 days)';
  const sleeping = 'Sleeping (61-180 days)';
  const lapsed = 'Lapsed (more than 180 days)';
  const NEW = 'New (1 purchase)';
  const PROSPECTIVE = 'Prospective (2-3 purchases)';
  const REGULAR = 'Regular (4 or more purchases)';

  it('is the matrix report with its as-of date, source and parameters', () => {
    expect(spec.kind).toBe('matrix');
    expect(spec.key).toBe('matrix');
    expect(spec.name).toBe('Lifecycle matrix');
    expect(spec.summary).toBe('9 customers in 9 segments');
    const asOf = find(spec, 'As of');
    const date = at(spec, asOf.row, asOf.col + 1);
    expect(date).toBeInstanceOf(Date);
    expect((date as Date).toISOString().slice(0, 10)).toBe('2024-07-01');
    expect(formatAt(spec, asOf.row, asOf.col + 1)).toBe('m/d/yyyy');
    const sheet = find(spec, 'Orders sheet');
    expect(at(spec, sheet.row, 2)).toBe('Orders');
    expect(at(spec, find(spec, 'Order rows read').row, 2)).toBe(BASE.length);
    expect(at(spec, find(spec, 'Unreadable rows (left out)').row, 2)).toBe(0);
    expect(at(spec, find(spec, 'Purchase count bands').row, 2)).toBe(
      'New: 1 purchase; Prospective: 2-3 purchases; Regular: 4 or more purchases',
    );
    expect(at(spec, find(spec, 'Recency bands').row, 2)).toBe('Active: 0-60 days; Sleeping: 61-180 days; Lapsed: more than 180 days');
  });

  it('counts customers per segment, with row and column totals', () => {
    const { head, rows } = table(spec, 'Customers', spec.cells);
    expect(head).toEqual(['Customers', active, sleeping, lapsed, 'Total']);
    expect(rows).toEqual([
      [NEW, 2, 1, 1, 4],
      [PROSPECTIVE, 1, 1, 0, 2],
      [REGULAR, 1, 1, 1, 3],
      ['Total', 4, 3, 2, 9],
    ]);
  });

  it('gives each cell its share of customers, formatted as a percent', () => {
    const { rows, top } = table(spec, 'Share of customers');
    expect(rows[0].slice(1)).toEqual([2 / 9, 1 / 9, 1 / 9, 4 / 9]);
    expect(rows[1].slice(1)).toEqual([1 / 9, 1 / 9, 0, 2 / 9]);
    expect(rows[3].slice(1)).toEqual([4 / 9, 3 / 9, 2 / 9, 1]);
    expect(formatAt(spec, top + 1, 2)).toBe('0.0%');
  });

  it('sums revenue per segment and gives its share of revenue', () => {
    const revenue = table(spec, 'Revenue', spec.cells, 1);
    expect(revenue.rows).toEqual([
      [NEW, 600, 200, 50, 850],
      [PROSPECTIVE, 400, 300, 0, 700],
      [REGULAR, 1000, 1000, 400, 2400],
      ['Total', 2000, 1500, 450, 3950],
    ]);
    expect(formatAt(spec, revenue.top + 1, 2)).toBe('#,##0');
    const share = table(spec, 'Share of revenue', spec.cells, 1);
    expect(share.rows[2].slice(1)).toEqual([1000 / 3950, 1000 / 3950, 400 / 3950, 2400 / 3950]);
  });

  it('colours the cells on a white-to-green scale', () => {
    const { top } = table(spec, 'Customers');
    expect(backgroundAt(spec, top + 1, 2)).toBe('#57bb8a'); // New Active: the largest cell
    expect(backgroundAt(spec, top + 2, 4)).toBe('#ffffff'); // Prospective Lapsed: empty
    expect(backgroundAt(spec, top + 3, 3)).toBe('#abddc5'); // half of the largest
  });

  it('shows the health figures against their benchmarks', () => {
    const health = byLabel(table(spec, 'Measure').rows);
    expect(health['Customers']).toEqual([9, '', '']);
    expect(health['Share of the Active base']).toEqual([4 / 9, '30% or more', 'Good']);
    expect(health['One-time buyers (New)'][0]).toBe(4 / 9);
    expect(health['Prospective customers'][0]).toBe(2 / 9);
    expect(health['Regular customers'][0]).toBe(3 / 9);
    expect(health['Regular customers'][2]).toBe('Good');
    // Repeat purchases: everything but each customer's first purchase.
    expect(health['Revenue from repeat purchases'][0]).toBe(3950 - 1600);
    expect(health['Repeat sales share']).toEqual([
      2350 / 3950,
      '40-60% of revenue in a mature company (5-7 years)',
      'Model 3 “Take the maximum from the customer base”: organised, planned and controlled repeat sales, up to 90%',
    ]);
    // 59% is model 3, the highest a share reaches: model 4 is the next step, in words.
    expect(health['Repeat sales maturity model (1-3 by share)']).toEqual([
      3,
      'Next step: model 4 “The whole company takes part in repeat sales”, where keeping customers is everyone’s job; no share marks it',
      '',
    ]);
  });

  it('marks an Active base under 30% as below the benchmark', () => {
    const old = buildSegmentMatrix(
      context(
        [
          [ago(400), 'A', 10],
          [ago(90), 'B', 10],
          [ago(10), 'C', 10],
          [ago(200), 'D', 10],
        ].map((r) => [...r, '', '', '']),
      ),
    );
    const health = byLabel(table(old, 'Measure').rows);
    expect(health['Share of the Active base']).toEqual([0.25, '30% or more', 'Below the benchmark']);
    expect(health['Repeat sales share'][2]).toBe('Model 1 “We sell to new customers”: repeat sales are 5-10% of revenue');
    const { row } = find(old, 'Share of the Active base');
    expect(backgroundAt(old, row, 10)).toBe(COLOUR.bad);
  });

  it('suggests an action per segment, the user can replace it', () => {
    const own = buildSegmentMatrix(context(BASE, { actions: { regular_lapsed: 'Call Hal today' } }));
    const actions = byLabel(table(own, 'Segment').rows);
    expect(Object.keys(actions)).toHaveLength(9);
    expect(actions['New Active']).toEqual([
      2,
      600,
      'Onboarding support: help them start using the product and get what they bought it for',
    ]);
    expect(actions['Prospective Sleeping'][2]).toBe('Personal e-mails with recommendations, loyalty offers, time-limited offers');
    expect(actions['Regular Lapsed'][2]).toBe('Call Hal today');
    expect(byLabel(table(spec, 'Segment').rows)['Regular Lapsed'][2]).toBe("Reactivation: call them, don't lose them to competitors");
  });

  it('charts customers per segment from the segment table', () => {
    expect(spec.charts).toHaveLength(1);
    const chart = spec.charts[0];
    expect(chart.type).toBe('column');
    const { row, col } = find(spec, 'Segment');
    expect(chart.data).toEqual({ row, col, rows: 10, cols: 2 });
    expect(at(spec, row + 9, col)).toBe('Regular Lapsed');
    expect(at(spec, row + 9, col + 1)).toBe(1);
  });

  it('speaks Russian and Ukrainian, band limits with correct plurals', () => {
    const ru = buildSegmentMatrix(context(BASE, { lang: 'ru' }));
    expect(ru.name).toBe('Матрица ЖЦК');
    expect(ru.summary).toBe('9 клиентов в 9 сегментах');
    expect(table(ru, 'Клиенты').head).toEqual([
      'Клиенты',
      'Активные (0–60 дней)',
      'Засыпающие (61–180 дней)',
      'Уснувшие (более 180 дней)',
      'Итого',
    ]);
    expect(table(ru, 'Клиенты').rows.map((r) => r[0])).toEqual([
      'Новые (1 покупка)',
      'Перспективные (2–3 покупки)',
      'Постоянные (4 и более покупок)',
      'Итого',
    ]);
    const uk = buildSegmentMatrix(context(BASE, { lang: 'uk' }));
    expect(uk.summary).toBe('9 клієнтів у 9 сегментах');
    expect(table(uk, 'Клієнти').head).toEqual([
      'Клієнти',
      'Активні (0–60 днів)',
      'Засинаючі (61–180 днів)',
      'Сплячі (понад 180 днів)',
      'Разом',
    ]);
    expect(table(uk, 'Клієнти').rows.map((r) => r[0])).toEqual([
      'Нові (1 покупка)',
      'Перспективні (2–3 покупки)',
      'Постійні (4 і більше покупок)',
      'Разом',
    ]);
  });

  it('uses one, few and many forms', () => {
    const summary = (lang: Lang, n: number): string => L(lang, 'report.matrix.summary', { count: n, n });
    expect([1, 3, 5, 21, 22, 111].map((n) => summary('ru', n))).toEqual([
      '1 клиент в 9 сегментах',
      '3 клиента в 9 сегментах',
      '5 клиентов в 9 сегментах',
      '21 клиент в 9 сегментах',
      '22 клиента в 9 сегментах',
      '111 клиентов в 9 сегментах',
    ]);
    expect([1, 3, 5, 21].map((n) => summary('uk', n))).toEqual([
      '1 клієнт у 9 сегментах',
      '3 клієнти у 9 сегментах',
      '5 клієнтів у 9 сегментах',
      '21 клієнт у 9 сегментах',
    ]);
    expect([1, 2].map((n) => summary('en', n))).toEqual(['1 customer in 9 segments', '2 customers in 9 segments']);
    const bands = { ...DEFAULT_BANDS, activeTo: 21, sleepingTo: 91 };
    expect([0, 1, 2].map((b) => recencyRange('ru', b, bands))).toEqual(['0–21 день', '22–91 день', 'более 91 дня']);
    expect([0, 1, 2].map((b) => recencyRange('uk', b, bands))).toEqual(['0–21 день', '22–91 день', 'понад 91 день']);
    expect(recencyBandLabel('ru', 0, { ...bands, activeTo: 2 })).toBe('Активные (0–2 дня)');
    expect(countBandLabel('ru', 1, { ...DEFAULT_BANDS, regularFrom: 3 })).toBe('Перспективные (2 покупки)');
    expect(countBandLabel('uk', 0, { ...DEFAULT_BANDS, prospectiveFrom: 3 })).toBe('Нові (1–2 покупки)');
  });

  it('keeps the segments a partition: counts add up to the customers, shares to 1', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 1, max: 800 }), fc.integer({ min: 0, max: 12 }), fc.integer({ min: 0, max: 500 })), {
          maxLength: 60,
        }),
        (raw) => {
          const rows = raw.map(([d, c, a]) => [ago(d), `c${c}`, a, '', '', '']);
          const s = buildSegmentMatrix(context(rows));
          const customers = table(s, 'Customers').rows;
          const total = customers[3][4] as number;
          expect(total).toBe(new Set(raw.map((r) => r[1])).size);
          const shares = table(s, 'Share of customers').rows;
          if (total > 0) expect(shares[3][4]).toBeCloseTo(1, 12);
        },
      ),
      { numRuns: 50 },
    );
  });

  it("the note under the actions points to the sidebar's segment lists by the labels the sidebar shows", () => {
    const paths = {
      en: 'Reports → Customer base → Customers of a segment',
      ru: 'Отчёты → Клиентская база → Клиенты сегмента',
      uk: 'Звіти → Клієнтська база → Клієнти сегмента',
    };
    for (const lang of LANGS) {
      const note = buildSegmentMatrix(context(BASE, { lang }))
        .cells.flat()
        .find((c) => typeof c === 'string' && c.includes(paths[lang]));
      expect(note, lang).toBeDefined();
      // Each step of the path is the sidebar's own label.
      const [section, group, picker] = paths[lang].split(' → ');
      expect([section, group, picker]).toEqual([t(lang, 'sb.actions.title'), t(lang, 'sb.group.base'), t(lang, 'sb.actions.segmentLabel')]);
    }
  });
});

describe('repeat sales share: revenue of 2nd and later purchases over all revenue, with a maturity model (1-3 by share; 4 is the next step)', () => {
  it('a stand-alone return belongs to the purchase it follows', () => {
    const s = context(
      [
        [ago(50), 'X', 100],
        [ago(40), 'X', -30], // one-time buyer with a return: no repeat revenue
        [ago(60), 'Y', 100],
        [ago(30), 'Y', 50],
        [ago(20), 'Y', -20], // return after the repeat purchase
      ].map((r) => [...r, '', '', '']),
    ).summary;
    const share = repeatSalesShare(s);
    expect(share.totalRevenue).toBe(200);
    expect(share.firstRevenue).toBe(170);
    expect(share.repeatRevenue).toBe(30);
    expect(share.share).toBe(30 / 200);
  });

  it.each([
    [0.05, 0],
    [0.1, 0],
    [0.149, 0],
    [0.15, 1],
    [0.2, 1],
    [0.299, 1],
    [0.3, 2],
    [0.5, 2],
    [0.8, 2],
    [0.9, 2],
    [1, 2],
    [NaN, -1],
  ])('share %d is model %d (0-based)', (share, level) => {
    expect(maturityLevel(share)).toBe(level);
  });

  it.each(['en', 'ru', 'uk'] as const)('%s: models 1-3 are named by share, model 4 only as the next step', (lang) => {
    for (const level of [0, 1, 2]) expect(L(lang, `report.maturity.${level}` as MessageKey)).toMatch(/^(Model|Модель) [123] /);
    expect(L(lang, 'report.maturity.goal.2')).toMatch(/4/);
    expect(L(lang, 'report.maturity.goal.2')).not.toMatch(/80|90%/);
  });
});

describe('segment list: one segment, largest revenue first, contacts, action above', () => {
  const ctx = context(BASE);

  it('lists the segment with its columns, sorted by revenue', () => {
    const spec = buildSegmentList(ctx, 'new_active');
    expect(spec.kind).toBe('segmentList');
    expect(spec.key).toBe('segmentList:new_active');
    expect(spec.name).toBe('New Active');
    expect(spec.summary).toBe('New Active: 2 customers');
    const { head, rows, top } = table(spec, 'Customer');
    expect(head).toEqual([
      'Customer',
      'Purchases',
      'First purchase',
      'Last purchase',
      'Days since last purchase',
      'Revenue',
      'Manager',
      'Email',
      'Phone',
    ]);
    expect(rows).toEqual([
      ['Ivy', 1, UTC.dateOf(ASOF - 5), UTC.dateOf(ASOF - 5), 5, 500, 'Ann', 'ivy@example.com', '+380 44 000 0009'],
      ['Alice', 1, UTC.dateOf(ASOF - 10), UTC.dateOf(ASOF - 10), 10, 100, 'Ann', 'alice@example.com', '+380 44 000 0001'],
    ]);
    expect(spec.frozenRows).toBe(top);
    expect(formatAt(spec, top + 1, 3)).toBe('m/d/yyyy');
    expect(formatAt(spec, top + 1, 6)).toBe('#,##0');
    expect(formatAt(spec, top + 1, 9)).toBe('@');
  });

  it('puts the suggested action above the table', () => {
    const spec = buildSegmentList(
      context(BASE, { actions: { prospective_sleeping: 'Send Eve the autumn catalogue' } }),
      'prospective_sleeping',
    );
    const { row, col } = find(spec, 'Suggested action');
    expect(row).toBeLessThan(find(spec, 'Customer').row);
    expect(at(spec, row, col + 1)).toBe('Send Eve the autumn catalogue');
    const lapsed = buildSegmentList(ctx, 'regular_lapsed');
    expect(at(lapsed, find(lapsed, 'Suggested action').row, 2)).toBe("Reactivation: call them, don't lose them to competitors");
  });

  it('breaks revenue ties by customer key', () => {
    const rows = [
      [ago(3), 'Beta', 100],
      [ago(4), 'alpha', 100],
      [ago(5), 'Gamma', 300],
    ].map((r) => [...r, '', '', '']);
    const names = table(buildSegmentList(context(rows), 'new_active'), 'Customer').rows.map((r) => r[0]);
    expect(names).toEqual(['Gamma', 'alpha', 'Beta']);
  });

  it('rejects an unknown segment key, naming the value and the valid keys', () => {
    expect(() => buildSegmentList(ctx, 'loyal_sleepy')).toThrow(UserError);
    expect(() => buildSegmentList(ctx, 'loyal_sleepy')).toThrow(
      /"loyal_sleepy".*new_active, new_sleeping, new_lapsed, prospective_active, .*regular_lapsed/,
    );
  });

  it('keeps the styles per column: as many for 3 customers as for 3,000', () => {
    const many = (n: number) => Array.from({ length: n }, (_, i) => [ago(1 + (i % 50)), `c${i}`, i, '', '', '']);
    expect(buildSegmentList(context(many(3)), 'new_active').styles.length).toBe(
      buildSegmentList(context(many(3000)), 'new_active').styles.length,
    );
  });

  // How fast it is belongs to `npm run bench`, not to a test: machines here are noisy.
  it('lists 125,000 customers, each once', () => {
    const rows = Array.from({ length: 125_000 }, (_, i) => [
      ago(1 + (i % 60)),
      `customer ${i}`,
      (i * 7919) % 10_000,
      `m${i % 20}`,
      `c${i}@example.com`,
      '',
    ]);
    const big = context(rows);
    const spec = buildSegmentList(big, 'new_active');
    const names = spec.cells.map((row) => row[0]).filter((c): c is string => typeof c === 'string' && c.startsWith('customer '));
    expect(names).toHaveLength(125_000);
    expect(new Set(names).size).toBe(125_000);
  });
});

describe('lifecycle migration: segment at date 1 vs date 2, per manager and per customer', () => {
  // Date 1 is 100 days before the as-of date: Alice, Ivy and Bob were not customers yet.
  const ctx = context(BASE, { period1: { from: ASOF - 465, to: ASOF - 100 }, period2: { from: ASOF - 100, to: ASOF } });
  const spec = buildLifecycleMigration(ctx);
  const corner = 'Date 1 \\ date 2';

  it('counts customers from each segment into each segment', () => {
    expect(spec.kind).toBe('migration');
    expect(spec.key).toBe('migration:lifecycle');
    const { head, rows } = table(spec, corner);
    expect(head).toEqual([
      corner,
      'New Active',
      'New Sleeping',
      'New Lapsed',
      'Prospective Active',
      'Prospective Sleeping',
      'Prospective Lapsed',
      'Regular Active',
      'Regular Sleeping',
      'Regular Lapsed',
      'Total',
    ]);
    const m = byLabel(rows);
    expect(m['Not a customer yet']).toEqual([2, 1, 0, 0, 0, 0, 0, 0, 0, 3]);
    expect(m['New Sleeping']).toEqual([0, 0, 0, 1, 0, 0, 0, 0, 0, 1]); // Dan bought again
    expect(m['New Lapsed']).toEqual([0, 0, 1, 0, 0, 0, 0, 0, 0, 1]); // Carol stayed
    expect(m['Prospective Lapsed']).toEqual([0, 0, 0, 0, 1, 0, 1, 0, 0, 2]); // Eve and Fay came back
    expect(m['Regular Active']).toEqual([0, 0, 0, 0, 0, 0, 0, 1, 0, 1]); // Gus is falling asleep
    expect(m['Regular Lapsed']).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 1, 1]);
    expect(m['Total']).toEqual([2, 1, 1, 1, 1, 0, 1, 1, 1, 9]);
    expect(spec.summary).toBe('Changed segment: 7 of 9 customers');
  });

  it('colours moves up green, down red, staying grey', () => {
    const { top } = table(spec, corner);
    const rowOf = (label: string): number => top + 1 + table(spec, corner).rows.findIndex((r) => r[0] === label);
    expect(backgroundAt(spec, rowOf('Regular Active'), 1 + 8)).toBe(COLOUR.bad);
    expect(backgroundAt(spec, rowOf('Prospective Lapsed'), 1 + 7)).toBe(COLOUR.good);
    expect(backgroundAt(spec, rowOf('Regular Lapsed'), 1 + 9)).toBe(COLOUR.same);
  });

  it('leaves out rows dated on or after the as-of date even when period 2 ends later', () => {
    const later = buildLifecycleMigration(
      context(BASE, { period1: { from: ASOF - 465, to: ASOF - 100 }, period2: { from: ASOF - 100, to: ASOF + 100 } }),
    );
    expect(table(later, corner).rows).toEqual(table(spec, corner).rows);
  });

  it('sums the moves per manager', () => {
    const perManager = byLabel(table(spec, 'Manager').rows);
    expect(table(spec, 'Manager').head).toEqual(['Manager', 'Customers', 'Stayed', 'Moved up', 'Moved down', 'Mixed', 'New', 'Gone']);
    expect(perManager['Ann']).toEqual([5, 1, 1, 0, 0, 3, 0]);
    expect(perManager['Ben']).toEqual([3, 1, 1, 1, 0, 0, 0]);
    expect(perManager['(no manager)']).toEqual([1, 0, 1, 0, 0, 0, 0]);
    expect(perManager['Total']).toEqual([9, 2, 3, 1, 0, 3, 0]);
  });

  it("lists each manager's transitions", () => {
    const { head, rows } = section(spec, 'Per manager: from and to');
    expect(head).toEqual(['Manager', 'Segment at date 1', 'Segment at date 2', 'Move', 'Customers']);
    expect(rows.filter((r) => r[0] === 'Ben')).toEqual([
      ['Ben', 'New Sleeping', 'Prospective Active', 'Moved up', 1],
      ['Ben', 'New Lapsed', 'New Lapsed', 'Stayed', 1],
      ['Ben', 'Regular Active', 'Regular Sleeping', 'Moved down', 1],
    ]);
  });

  it('lists who moved, by manager, worse moves first', () => {
    const { head, rows } = section(spec, 'Customers who moved');
    expect(head).toEqual(['Customer', 'Manager', 'Segment at date 1', 'Segment at date 2', 'Move']);
    expect(rows).toEqual([
      ['Eve', 'Ann', 'Prospective Lapsed', 'Prospective Sleeping', 'Moved up'],
      ['Alice', 'Ann', 'Not a customer yet', 'New Active', 'New'],
      ['Ivy', 'Ann', 'Not a customer yet', 'New Active', 'New'],
      ['Bob', 'Ann', 'Not a customer yet', 'New Sleeping', 'New'],
      ['Gus', 'Ben', 'Regular Active', 'Regular Sleeping', 'Moved down'],
      ['Dan', 'Ben', 'New Sleeping', 'Prospective Active', 'Moved up'],
      ['Fay', '(no manager)', 'Prospective Lapsed', 'Regular Active', 'Moved up'],
    ]);
  });
});

describe('ABC/XYZ migration: class in period 1 vs period 2, per manager, portfolio quality', () => {
  const months = (y: number, from: number, to: number, customer: string, amount: number, manager: string): Row[] =>
    Array.from({ length: to - from + 1 }, (_, k) => [iso(day(y, from + k, 15)), customer, amount, manager, '', '']);
  // Period 1 = first half of 2023, period 2 = second half.
  const rows: Row[] = [
    ...months(2023, 1, 6, 'K1', 100, 'Ann'), // AX in period 1 (regular), one small purchase in period 2: CZ
    [iso(day(2023, 7, 10)), 'K1', 50, 'Ann', '', ''],
    [iso(day(2023, 1, 10)), 'K2', 1000, 'Ann', '', ''], // AZ (one big purchase), then AX (monthly)
    ...months(2023, 7, 12, 'K2', 300, 'Ann'),
    [iso(day(2023, 2, 1)), 'K3', 10, 'Ben', '', ''], // CZ, then no purchases: gone
    [iso(day(2023, 9, 1)), 'K4', 100, 'Ben', '', ''], // new in period 2: BZ
  ];
  const ctx = context(rows, {
    period1: { from: day(2023, 1, 1), to: day(2023, 7, 1) },
    period2: { from: day(2023, 7, 1), to: day(2024, 1, 1) },
  });
  const spec = buildAbcXyzMigration(ctx);
  const corner = 'Period 1 \\ period 2';

  it('counts customers from each class into each class, with a "no purchases" row and column', () => {
    expect(spec.key).toBe('migration:abcxyz');
    const { head, rows: matrix } = table(spec, corner);
    expect(head).toEqual([corner, 'AX', 'AY', 'AZ', 'BX', 'BY', 'BZ', 'CX', 'CY', 'CZ', 'No purchases', 'Total']);
    const m = byLabel(matrix);
    expect(m['AX']).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 1]);
    expect(m['AZ']).toEqual([1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1]);
    expect(m['CZ']).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1]);
    expect(m['No purchases']).toEqual([0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1]);
    expect(m['Total']).toEqual([1, 0, 0, 0, 0, 1, 0, 0, 1, 1, 4]);
    expect(spec.summary).toBe('Changed class: 4 of 4 customers');
  });

  it('lists who moved with both classes', () => {
    const { head, rows: moved } = section(spec, 'Customers who moved');
    expect(head).toEqual(['Customer', 'Manager', 'Class, period 1', 'Class, period 2', 'Move']);
    expect(moved).toEqual([
      ['K1', 'Ann', 'AX', 'CZ', 'Moved down'],
      ['K2', 'Ann', 'AZ', 'AX', 'Moved up'],
      ['K3', 'Ben', 'CZ', 'No purchases', 'Gone'],
      ['K4', 'Ben', 'No purchases', 'BZ', 'New'],
    ]);
  });

  it("shows each manager's share of A and X customers in both periods, with the change", () => {
    const { head, rows: q } = table(spec, 'Manager');
    expect(head).toEqual([
      'Manager',
      'Customers, period 1',
      'Customers, period 2',
      'Share of A, period 1',
      'Share of A, period 2',
      'Change',
      'Share of X, period 1',
      'Share of X, period 2',
      'Change',
    ]);
    const quality = byLabel(q);
    expect(quality['Ann']).toEqual([2, 2, 1, 0.5, -0.5, 0.5, 0.5, 0]);
    expect(quality['Ben']).toEqual([1, 1, 0, 0, 0, 0, 0, 0]);
    expect(quality['Total']).toEqual([3, 3, 2 / 3, 1 / 3, 1 / 3 - 2 / 3, 1 / 3, 1 / 3, 0]);
  });

  it('shows the periods as dates: first and last day', () => {
    const p1 = find(spec, 'Period 1: last day');
    expect((at(spec, p1.row, 2) as Date).toISOString().slice(0, 10)).toBe('2023-06-30');
    // The default basis, named in words; the revenue basis names its period.
    expect(at(spec, find(spec, 'XYZ by').row, 2)).toBe('regularity of purchases (variation of the gaps between purchase days)');
    const byRevenue = buildAbcXyzMigration({
      ...ctx,
      params: { ...ctx.params, abcXyz: { ...ctx.params.abcXyz, basis: 'revenue', period: 'quarter' } },
    });
    expect(at(byRevenue, find(byRevenue, 'XYZ by').row, 2)).toBe('variation of revenue per period (quarter)');
    expect(at(spec, find(spec, 'ABC bounds (cumulative revenue)').row, 2)).toBe('A ≤ 80%, B ≤ 95%');
  });
});

describe('lost customers: the lost ratio of the year before the as-of date per manager, and each lost customer by return priority', () => {
  const spec = buildLostCustomers(context(BASE));
  // Fewer than 10 customers made a second purchase: one-time buyers' usual interval is 90 days (lost after 120).
  // A year before the as-of date, Eve, Fay, Gus and Hal had bought and none was lost; by the as-of date Gus
  // (every 100 days, silent 150) and Hal (silent 400) are. Carol (one purchase, 300 days ago) is lost too, but
  // she was not a customer at the start of the year.
  const gusYearly = Math.round((1000 / (450 / 365.25)) * 100) / 100;

  it('shows where the one-time buyers’ interval comes from and the period', () => {
    const header = byLabel(spec.cells.slice(0, 12).filter((r) => typeof r[0] === 'string') as unknown[][]);
    expect(header['Usual interval of one-time buyers, days'][0]).toBe(90);
    expect(header['Where it comes from'][0]).toBe('only 5 customers bought a second time (fewer than 10): 90 days stands in');
    expect(header['Lost ratio period from'][0]).toEqual(UTC.dateOf(ASOF - 365));
    expect(header['to (last day)'][0]).toEqual(UTC.dateOf(ASOF - 1));
    // The return priority rests on the class, so the sheet says what XYZ measured.
    expect(header['XYZ by'][0]).toBe('regularity of purchases (variation of the gaps between purchase days)');
  });

  it('counts per manager the customers at the start, the lost, the yearly ratio, the won back and the revenue lost a year', () => {
    expect(spec.kind).toBe('lost');
    expect(spec.key).toBe('lost');
    const { head, rows } = table(spec, 'Manager');
    expect(head).toEqual([
      'Manager',
      'Customers at the start (not lost)',
      'Lost by the end',
      'Lost ratio a year',
      'Won back (lost at the start, bought again)',
      'Lost revenue a year',
    ]);
    const m = byLabel(rows);
    expect(m['Ann']).toEqual([2, 1, 0.5, 0, 400]);
    expect(m['Ben']).toEqual([1, 1, 1, 0, gusYearly]);
    expect(m['(no manager)']).toEqual([1, 0, 0, 0, 0]);
    expect(m['Total']).toEqual([4, 2, 0.5, 0, Math.round((400 + gusYearly) * 100) / 100]);
    expect(spec.summary).toBe('3 lost customers; lost ratio 50% over 365 days');
  });

  it('counts a customer lost at the start who bought again as won back', () => {
    // Zoe bought every 50 days until 800 days ago: lost a year ago; she bought again 60 days ago.
    const rows = [...BASE, ...[900, 850, 800].map((d) => [ago(d), 'Zoe', 100, 'Ann', '', '']), [ago(60), 'Zoe', 100, 'Ann', '', '']];
    const m = byLabel(table(buildLostCustomers(context(rows)), 'Manager').rows);
    expect(m['Ann'][3]).toBe(1); // Zoe: lost 365 days ago (silent 435 days on a 50-day rhythm), bought 60 days ago
    expect(m['Ann'][0]).toBe(2); // she was not a customer "at the start": she was lost
  });

  it('says when the period is not a year that the benchmarks are yearly', () => {
    const ctx = context(BASE);
    const half = buildLostCustomers({ ...ctx, params: { ...ctx.params, lostPeriod: { from: ASOF - 180, to: ASOF } } });
    expect(table(half, 'Manager').head[3]).toBe('Lost ratio');
    expect(half.cells.flat()).toContain(
      'The ratio is over 180 days; the benchmarks (the best lose 9-11% a year, 20-40% is common) are yearly: set the period to 365 days to compare.',
    );
  });

  it('lists the customers lost as of the as-of date, return first, then by yearly value', () => {
    const { rows } = table(spec, 'Customer');
    expect(rows.map((r) => [r[0], r[1], r[7], r[8]])).toEqual([
      ['Gus', 'Ben', 'AX', 'Return first'],
      [HAL, 'Ann', 'AX', 'Return first'],
      ['Carol', 'Ben', 'CZ', 'Let go'],
    ]);
    const gus = rows[0];
    expect(gus.slice(2, 6)).toEqual([5, UTC.dateOf(ASOF - 150), 150, 100]);
    expect(gus[6]).toBe(gusYearly);
    expect(rows[2][5]).toBe(90); // Carol's usual interval is the base's
  });

  it('speaks Russian plurals in its summary', () => {
    const ru = buildLostCustomers(context(BASE, { lang: 'ru' }));
    expect(ru.summary).toBe('3 потерянных клиента; доля потерянных 50% за 365 дн.');
    expect(L('ru', 'report.lost.summary', { count: 1, n: 1, ratio: '10%', days: 365 })).toBe(
      '1 потерянный клиент; доля потерянных 10% за 365 дн.',
    );
    expect(L('uk', 'report.lost.summary', { count: 5, n: 5, ratio: '10%', days: 365 })).toBe(
      '5 втрачених клієнтів; частка втрачених 10% за 365 дн.',
    );
  });
});

describe('what-if: inputs in yellow cells, results as live formulas', () => {
  //  (docs/definitions.md: repeat sales share, what-if): a 55,000 sale with a margin of 15,000 before selling costs.
  const seeds = {
    averageCheck: 55_000,
    margin: 15_000 / 55_000,
    costPerLead: 500,
    conversion: 0.1,
    bonusNew: 5000,
    bonusRepeat: 3000,
    fixNew: 3000,
    fixRepeat: 1000,
    sales: 5,
  };
  const spec = buildWhatIfWith(context(BASE), seeds);
  const values = evaluateSheet(spec.cells);
  const rowValues = (label: string, grid: unknown[][] = values): unknown[] => {
    const { row } = find(spec, label, 1);
    return grid[row - 1].slice(1);
  };

  it('shows 2,000 profit on a new sale and 11,000 on a repeat one', () => {
    expect(rowValues('Acquiring the buyer (cost per lead / conversion)')).toEqual([5000, 0]);
    expect(rowValues('Margin before selling costs')).toEqual([15_000, 15_000]);
    expect(rowValues('Profit per sale')).toEqual([2000, 11_000]);
  });

  it('shows 10,000 for five new customers and 46,000 for one new customer buying five times', () => {
    expect(rowValues('N new customers buying once each')[0]).toBe(10_000);
    expect(rowValues('One new customer buying N times')[0]).toBe(46_000);
    expect(rowValues('Difference')[0]).toBe(36_000);
    expect(spec.summary).toBe('Profit per sale: 2,000 to a new customer, 11,000 repeat');
  });

  it('keeps the results live: they are formulas and follow an edited input', () => {
    const { row } = find(spec, 'Profit per sale', 1);
    expect(isFormula(at(spec, row, 2) as Cell)).toBe(true);
    const edited = spec.cells.map((line) => line.slice());
    const sales = find(spec, 'Number of sales (N)', 1);
    edited[sales.row - 1][1] = 3;
    const again = evaluateSheet(edited);
    expect(rowValues('N new customers buying once each', again)[0]).toBe(6000);
    expect(rowValues('One new customer buying N times', again)[0]).toBe(24_000);
  });

  it('marks the inputs in yellow and tells where each came from', () => {
    const check = find(spec, 'Average check (one purchase)', 1);
    expect(backgroundAt(spec, check.row, 2)).toBe('#fff2cc');
    expect(at(spec, check.row, 2)).toBe(55_000);
    expect(at(spec, check.row, 3)).toBe('given');
    expect(at(spec, find(spec, 'Customers', 1).row, 3)).toBe('from the data');
    expect(at(spec, find(spec, 'Target share of Regular customers', 1).row, 3)).toBe('example: enter yours');
  });

  it('pre-fills from the data: revenue now is the actual revenue', () => {
    const own = buildWhatIf(context(BASE));
    const grid = evaluateSheet(own.cells);
    const { row } = find(own, 'Revenue', 1);
    const [now, target] = grid[row - 1].slice(1, 3) as number[];
    expect(now).toBeCloseTo(3950, 6);
    const inputs = Object.fromEntries(
      [
        'customers',
        'averageCheck',
        'purchasesNew',
        'purchasesProspective',
        'purchasesRegular',
        'shareNew',
        'shareProspective',
        'shareRegular',
        'targetShareRegular',
        'margin',
        'costPerLead',
        'conversion',
        'bonusNew',
        'bonusRepeat',
        'fixNew',
        'fixRepeat',
        'sales',
      ].map((k, i) => [k, grid[find(own, 'Customers', 1).row - 1 + i][1]]),
    );
    expect(inputs.shareRegular).toBe(1 / 3);
    expect(inputs.targetShareRegular).toBe(0.4); // already 33%: five points above
    expect(target).toBeCloseTo(whatIfResults(inputs as never).revenue[1], 6);
    expect(grid.flat().filter((v) => typeof v === 'string' && v.startsWith('#'))).toEqual([]);
  });
});

describe("what-if examples: the source articles' figures where the data has none", () => {
  it("without data shows the source articles' sale: 2,000 new vs 11,000 repeat", () => {
    const spec = buildWhatIf(context([]));
    const grid = evaluateSheet(spec.cells);
    expect(grid[find(spec, 'Profit per sale', 1).row - 1].slice(1, 3)).toEqual([2000, 11_000]);
    expect(grid[find(spec, 'One new customer buying N times', 1).row - 1][1]).toBe(46_000);
  });

  it("scales the example selling costs to the data's average check, keeping the source articles' proportions", () => {
    const spec = buildWhatIf(context(BASE));
    const grid = evaluateSheet(spec.cells);
    const check = 3950 / 22; // 22 purchases
    expect(grid[find(spec, 'Average check (one purchase)', 1).row - 1][1]).toBeCloseTo(check, 9);
    expect(grid[find(spec, 'Seller bonus, sale to a new customer', 1).row - 1][1]).toBe(Math.round(((5000 * check) / 55_000) * 100) / 100);
    const [profitNew, profitRepeat] = grid[find(spec, 'Profit per sale', 1).row - 1].slice(1, 3) as number[];
    expect(profitNew).toBeCloseTo((2000 * check) / 55_000, 1);
    expect(profitRepeat).toBeCloseTo((11_000 * check) / 55_000, 1);
  });
});

describe('empty data: every report builds, with no NaN and no formula errors', () => {
  it.each(LANGS)('in %s', (lang) => {
    const c = context([], { lang });
    const specs = [
      buildSegmentMatrix(c),
      buildSegmentList(c, 'new_active'),
      buildLifecycleMigration(c),
      buildAbcXyzMigration(c),
      buildLostCustomers(c),
      buildWhatIf(c),
    ];
    for (const spec of specs) {
      for (const v of evaluateSheet(spec.cells).flat()) {
        if (typeof v === 'number') expect(Number.isFinite(v), spec.key).toBe(true);
        if (typeof v === 'string') expect(v, spec.key).not.toMatch(/^#(REF|NAME|VALUE|DIV|ERROR|NUM|N\/A)/);
      }
    }
    expect(specs[0].summary).toBe(L(lang, 'report.matrix.summary', { count: 0, n: 0 }));
  });
});

describe('local formula evaluator: the subset the builders emit', () => {
  const grid: Cell[][] = [
    [2, 3, 'text', null, { formula: '=A1*B1' }],
    [{ formula: '=SUM(A1:C1)' }, { formula: '=$A$1^3^2' }, { formula: '=-A1^2' }, { formula: '=E1+1' }],
  ];

  it('computes arithmetic with Sheets precedence', () => {
    const v = evaluateSheet(grid);
    expect(v[0][4]).toBe(6);
    expect(v[1]).toEqual([5, 64, 4, 7]);
    expect(evaluateFormula('=2+3*4-6/2')).toBe(11);
    expect(evaluateFormula('=(2+3)*4')).toBe(20);
    expect(evaluateFormula('=50%*10')).toBe(5);
  });

  it('compares, concatenates, branches and catches errors', () => {
    expect(evaluateFormula('=IF(A1>1,"big","small")', grid)).toBe('big');
    expect(evaluateFormula('=A1&"-"&C1', grid)).toBe('2-text');
    expect(evaluateFormula('="say ""hi"""')).toBe('say "hi"');
    expect(evaluateFormula('=IFERROR(1/0,"none")')).toBe('none');
    expect(evaluateFormula('=1/0')).toBe('#DIV/0!');
    expect(evaluateFormula('=C1+1', grid)).toBe('#VALUE!');
    expect(evaluateFormula('=D1+1', grid)).toBe(1);
    expect(evaluateFormula('="a"="A"')).toBe(true);
    expect(evaluateFormula('=2<>2')).toBe(false);
  });

  it('rounds half away from zero and aggregates ranges', () => {
    expect(evaluateFormula('=ROUND(2.5)')).toBe(3);
    expect(evaluateFormula('=ROUND(-2.5)')).toBe(-3);
    expect(evaluateFormula('=ROUND(1.005,2)')).toBe(1.01);
    expect(evaluateFormula('=ROUND(55000*(15000/55000),2)')).toBe(15_000);
    expect(evaluateFormula('=MIN(A1:B1)+MAX(A1:B1)', grid)).toBe(5);
    expect(evaluateFormula('=AVERAGE(A1:D1)', grid)).toBe(2.5);
  });

  it('gives #REF! to every cell of a cycle and #NAME? to unknown functions', () => {
    const cyclic: Cell[][] = [[{ formula: '=B1+1' }, { formula: '=IFERROR(A1,0)' }, { formula: '=A1' }, 5, { formula: '=D1*2' }]];
    expect(evaluateSheet(cyclic)[0]).toEqual(['#REF!', '#REF!', '#REF!', 5, 10]);
    expect(evaluateSheet([[{ formula: '=A1' }]])[0][0]).toBe('#REF!');
    expect(evaluateFormula('=VLOOKUP(1,A1:B2,2)')).toBe('#NAME?');
    expect(evaluateFormula('=1+')).toBe('#ERROR!');
  });
});

describe('every report: user text stays text, labels exist in every language', () => {
  const ctx = context(BASE);
  const specs = [
    buildSegmentMatrix(ctx),
    buildSegmentList(ctx, 'regular_lapsed'),
    buildLifecycleMigration(context(BASE, { period1: { from: ASOF - 465, to: ASOF - 100 } })),
    buildAbcXyzMigration(ctx),
    buildLostCustomers(ctx),
    buildWhatIf(ctx),
  ];

  it('a formula-like customer name is a plain string cell, never a Formula', () => {
    const list = specs[1];
    expect(table(list, 'Customer').rows[0][0]).toBe(HAL);
    for (const spec of specs) {
      for (const line of spec.cells) {
        for (const cell of line) {
          if (isFormula(cell)) expect(cell.formula).not.toContain('HYPERLINK');
        }
      }
    }
    expect(evaluateSheet(list.cells)[find(list, HAL).row - 1][0]).toBe(HAL);
    expect(specs.filter((s) => s.cells.flat().includes(HAL)).map((s) => s.key)).toEqual([
      'segmentList:regular_lapsed',
      'migration:abcxyz',
      'lost',
    ]);
  });

  it('names sheets so that Sheets and Excel both take them (31 characters, no []:*?/\\)', () => {
    for (const lang of LANGS) {
      const c = context(BASE, { lang });
      const names = [
        buildSegmentMatrix(c),
        buildLifecycleMigration(c),
        buildAbcXyzMigration(c),
        buildLostCustomers(c),
        buildWhatIf(c),
        ...['new_active', 'prospective_sleeping', 'regular_lapsed'].map((k) => buildSegmentList(c, k)),
      ].map((s) => s.name);
      for (const name of names) {
        expect(name.length).toBeLessThanOrEqual(31);
        expect(name).not.toMatch(/[[\]:*?/\\]/);
      }
    }
  });

  it('a failure message names the sheets a request would make by the names and keys its builders give them', () => {
    for (const lang of LANGS) {
      const c = context(BASE, { lang });
      const built: [BuildRequest, SheetSpec[]][] = [
        [{ kind: 'matrix' }, REPORT_BUILDERS.matrix(c)],
        [{ kind: 'migration' }, REPORT_BUILDERS.migration(c)],
        [{ kind: 'lost' }, REPORT_BUILDERS.lost(c)],
        [{ kind: 'whatIf' }, REPORT_BUILDERS.whatIf(c)],
        [{ kind: 'segmentList', segment: 'regular_lapsed' }, [REPORT_BUILDERS.segmentList(c, 'regular_lapsed')]],
      ];
      for (const [request, specs] of built) {
        expect(plannedSheets(lang, request), `${lang} ${request.kind}`).toEqual(specs.map((sp) => ({ key: sp.key, name: sp.name })));
      }
      expect(plannedSheets(lang, { kind: 'segmentList', segment: 'vip' })).toEqual([]);
    }
  });

  it('has a Russian and a Ukrainian text for every label, in Cyrillic', () => {
    const keys = Object.keys(reportMessages.en) as (keyof typeof reportMessages.en)[];
    for (const lang of ['ru', 'uk'] as const) {
      for (const key of keys) {
        expect(reportMessages[lang][key], `${lang} ${key}`).toMatch(/[А-Яа-яЁёІіЇїЄєҐґ]/);
      }
    }
  });

  it('writes only numbers as numbers: no NaN or Infinity in any cell', () => {
    for (const spec of specs) {
      for (const cell of spec.cells.flat()) {
        if (typeof cell === 'number') expect(Number.isFinite(cell), spec.key).toBe(true);
      }
    }
  });
});
