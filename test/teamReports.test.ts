// The Trends, Repeat funnel and Key customers sheets (docs/definitions.md: trends,
// repeat-purchase funnel, key customers), cell by cell on the hand-made team table
// of test/support/trendOrders.ts: three managers over 14 months, as of 2024-11-01.
import { describe, expect, it } from 'vitest';
import { monthEndTrends } from '../src/core/trends';
import { LANGS, type Lang, t } from '../src/i18n/catalogue';
import { trendMessages } from '../src/i18n/messages/trends';
import { plannedSheets, REPORT_BUILDERS } from '../src/addon/reportBuilders';
import { buildKeyCustomers } from '../src/reports/keyCustomers';
import { buildRepeatFunnel } from '../src/reports/repeatFunnel';
import { buildTrends } from '../src/reports/trends';
import { type Cell, type SheetSpec } from '../src/reports/sheetSpec';
import { COLOUR } from '../src/reports/layout';
import { mulberry32 } from './support/simulateCustomers';
import { type OrderRow, TEAM_ASOF, TEAM_ORDERS, UTC, day, iso, teamContext } from './support/trendOrders';

const at = (spec: SheetSpec, row: number, col: number): Cell | undefined => spec.cells[row - 1]?.[col - 1];

function find(spec: SheetSpec, value: Cell, from = 1): { row: number; col: number } {
  for (let r = from - 1; r < spec.cells.length; r++) {
    const c = spec.cells[r].findIndex((v) => v === value);
    if (c >= 0) return { row: r + 1, col: c + 1 };
  }
  throw new Error(`no cell ${String(value)} in ${spec.key}`);
}

/** The table under a section title: header and rows up to the first blank line, as plain values (Dates as ISO days). */
function section(spec: SheetSpec, title: string): { head: unknown[]; rows: unknown[][]; first: number } {
  const { row } = find(spec, title);
  const head = spec.cells[row] as unknown[];
  const width = head.length;
  const shown = (v: unknown): unknown => (v instanceof Date ? iso(Math.round(v.getTime() / 86_400_000)) : (v ?? null));
  const rows: unknown[][] = [];
  // Up to a blank line, or a note (one cell) right under the table.
  for (
    let r = row + 1;
    r < spec.cells.length && ![undefined, null, ''].includes(spec.cells[r]?.[0] as never) && spec.cells[r].length > 1;
    r++
  ) {
    rows.push(Array.from({ length: width }, (_, k) => shown(spec.cells[r][k])));
  }
  return { head: head.map(shown), rows, first: row + 2 };
}

function backgroundAt(spec: SheetSpec, row: number, col: number): string | undefined {
  return spec.styles
    .filter((s) => row >= s.area.row && row < s.area.row + s.area.rows && col >= s.area.col && col < s.area.col + s.area.cols)
    .reverse()
    .find((s) => s.background)?.background;
}

const team = (lang: Lang = 'en', top = 20) => teamContext(TEAM_ORDERS, TEAM_ASOF, { lang, keyCustomersTop: top });
const JUNE = '2024-06-30';

describe('trends sheet: one row per month-end, headline tables with charts, portfolio quality per manager', () => {
  const spec = buildTrends(team());
  const points = monthEndTrends(team().orders, { asOf: TEAM_ASOF, ...team().params });

  it('is the trends report, with its month-ends and parameters in the header', () => {
    expect([spec.kind, spec.key, spec.name]).toEqual(['trends', 'trends', 'Trends']);
    expect(at(spec, 1, 1)).toBe('Trends: the customer base at each month-end');
    const first = find(spec, 'First month-end');
    expect(at(spec, first.row, 2)).toEqual(UTC.dateOf(day(2023, 9, 30)));
    expect(at(spec, find(spec, 'Last month-end').row, 2)).toEqual(UTC.dateOf(day(2024, 10, 31)));
    expect(at(spec, find(spec, 'Lost ratio and repeat sales share over').row, 2)).toBe('the 365 days before each month-end');
    expect(spec.summary).toBe('14 month-ends; at the last: 7 customers, 3 not lost, regular — a year');
  });

  it('customers: the month-ends, customers, not lost and regular; June by hand', () => {
    const { head, rows } = section(spec, 'Customers');
    expect(head).toEqual(['Month-end', 'Customers', 'Not lost', 'Regular customers']);
    expect(rows).toHaveLength(14);
    expect(rows[0]).toEqual(['2023-09-30', 1, 1, 0]);
    // 30 June: seven customers, Boris, Dmitry, Fedor and Galina lost, Anna the one regular.
    expect(rows.find((r) => r[0] === JUNE)).toEqual([JUNE, 7, 3, 1]);
    expect(rows.map((r) => r.slice(1))).toEqual(points.map((p) => [p.customers, p.notLost, p.bandCounts[2]]));
  });

  it('the shape of the base: Active share green at 30% or more, red below', () => {
    const s = section(spec, 'The shape of the base');
    expect(s.head).toEqual(['Month-end', 'Active share', 'New', 'Prospective', 'Regular']);
    const k = s.rows.findIndex((r) => r[0] === JUNE);
    // Anna, Clara and Elena bought within 60 days of 1 July; New 2, Prospective 4, Regular 1 of 7.
    expect(s.rows[k]).toEqual([JUNE, 3 / 7, 2 / 7, 4 / 7, 1 / 7]);
    expect(backgroundAt(spec, s.first + k, 2)).toBe(COLOUR.good);
    const low = points.findIndex((p) => p.activeShare < 0.3);
    expect(low).toBeGreaterThanOrEqual(0);
    expect(backgroundAt(spec, s.first + low, 2)).toBe(COLOUR.bad);
  });

  it('repeat sales, losses and regular growth over the 365 days before each month-end', () => {
    const s = section(spec, 'Repeat sales, losses and the regular base');
    expect(s.head).toEqual([
      'Month-end',
      'Repeat sales share, last 365 days',
      'Lost ratio, last 365 days',
      'Regular customers, change in a year',
      'Maturity model',
      'Won back, last 365 days',
    ]);
    const cell = (x: number): unknown => (Number.isFinite(x) ? x : '');
    expect(s.rows.map((r) => r.slice(1))).toEqual(
      points.map((p) => [
        cell(p.repeat.share),
        cell(p.lostRatio.ratio),
        cell(p.regularsGrowth),
        p.repeat.level >= 0 ? p.repeat.level + 1 : '',
        p.lostRatio.wonBack,
      ]),
    );
    // October, over 2023-11-02 .. 2024-10-31: 2,820 of 3,830 is repeat revenue (Anna's and Boris's all, Clara's 500,
    // Elena's second order of 3 June and her August one, Fedor's 70, Galina's 270): model 3. Anna and Boris were
    // customers on 2 November 2023; Boris is lost by the end: 1 of 2.
    expect(s.rows[s.rows.length - 1]).toEqual(['2024-10-31', 2820 / 3830, 0.5, '', 3, 0]);
    // Nobody was a customer a year before any month-end with a regular: no growth to show yet.
    expect(s.rows.every((r) => r[3] === '')).toBe(true);
  });

  it('what a customer is worth: base LTV, average check and purchases a month, in revenue without a profit column', () => {
    const s = section(spec, 'What a customer is worth');
    expect(s.head).toEqual(['Month-end', 'Base LTV', 'Average check', 'Purchases per customer a month']);
    expect(s.rows.map((r) => r.slice(1))).toEqual(points.map((p) => [p.ltv.ltv, p.ltv.averageCheck, p.ltv.purchasesPerMonth]));
    // 30 September 2023: Anna's one purchase of 100.
    expect(s.rows[0].slice(1)).toEqual([100, 100, 1]);
    expect(spec.cells.flat()).toContain(
      'Base LTV from totals (S × C × P × t), in revenue: the orders have no profit or margin column (P = 1).',
    );
  });

  it('portfolio quality: the share of A and of X per manager, June by hand', () => {
    const a = section(spec, 'Portfolio quality: share of A customers per manager (ABC over the year up to the month-end)');
    expect(a.head).toEqual(['Month-end', 'Ivan', 'Olga', 'Petr', '(no manager)', 'Total']);
    // The year to 30 June: Anna 1,000, Boris 800, Clara 750 and Dmitry 500 make 80%; Galina still Ivan's.
    expect(a.rows.find((r) => r[0] === JUNE)).toEqual([JUNE, 2 / 3, 1, 0, 0, 4 / 7]);
    // Petr has no customer before June: blank, not 0.
    expect(a.rows[0]).toEqual(['2023-09-30', '', 1, '', '', 1]);
    const x = section(spec, 'Portfolio quality: share of X customers per manager (XYZ over the year up to the month-end)');
    // Regular rhythm: Anna (monthly) and Clara (gaps 40 and 90, CV 0.38); Boris, Elena, Galina Y; Dmitry, Fedor Z.
    expect(x.rows.find((r) => r[0] === JUNE)).toEqual([JUNE, 1 / 3, 1 / 2, 0, 0, 2 / 7]);
  });

  it('every class per manager and month-end, then the total', () => {
    const s = section(spec, "Every class per manager and month-end: share of the manager's customers of that year");
    expect(s.head).toEqual([
      'Manager',
      'Month-end',
      'Customers',
      'Share of A',
      'Share of B',
      'Share of C',
      'Share of X',
      'Share of Y',
      'Share of Z',
    ]);
    expect(s.rows.find((r) => r[0] === 'Ivan' && r[1] === JUNE)).toEqual(['Ivan', JUNE, 3, 2 / 3, 1 / 3, 0, 1 / 3, 1 / 3, 1 / 3]);
    expect(s.rows.filter((r) => r[0] === 'Total')).toHaveLength(14);
    expect(s.rows.filter((r) => r[0] === 'Petr').map((r) => r[1])).toEqual([
      '2024-06-30',
      '2024-07-31',
      '2024-08-31',
      '2024-09-30',
      '2024-10-31',
    ]);
  });

  it('six line charts, each over its table: month-ends as categories, the series beside them', () => {
    expect(spec.charts.map((c) => [c.type, c.title])).toEqual([
      ['line', 'Customers, not lost and regular'],
      ['line', 'Active share and purchase bands'],
      ['line', 'Repeat sales share and lost ratio'],
      ['line', 'Base LTV and average check'],
      ['line', 'Share of A customers per manager'],
      ['line', 'Share of X customers per manager'],
    ]);
    for (const c of spec.charts) {
      expect(at(spec, c.data.row, c.data.col)).toBe('Month-end');
      expect(at(spec, c.data.row + c.data.rows - 1, c.data.col)).toEqual(UTC.dateOf(day(2024, 10, 31)));
      expect(c.anchor.col).toBeGreaterThan(c.data.col + c.data.cols - 1);
    }
    expect(spec.charts[4].data.cols).toBe(6); // month-end, four managers' columns, total
    // Shares only: the growth of the regulars (+9,300% on the sample a year after its start) would flatten them.
    expect(spec.charts[2].data.cols).toBe(3);
  });

  it('with no month-end before the as-of date, says so', () => {
    const c = teamContext([['2024-10-03', 'Anna', 10, 'A', 'Olga']], day(2024, 10, 20));
    const s = buildTrends(c);
    expect(s.cells.flat()).toContain('No month-end yet: every purchase before the as-of date is in its own month.');
    expect(s.charts).toEqual([]);
    expect(s.summary).toBe('No month-end yet: every purchase before the as-of date is in its own month.');
  });
});

describe('repeat funnel sheet: cohorts by month of first purchase, the share with a second purchase within 1-12 months', () => {
  const spec = buildRepeatFunnel(team());
  const cohorts = section(spec, "Share of each month's new customers whose second purchase came within 1-12 months");

  it('is the funnel report: one row per month from September 2023 to October 2024', () => {
    expect([spec.kind, spec.key, spec.name]).toEqual(['funnel', 'funnel', 'Repeat funnel']);
    expect(cohorts.head).toEqual([
      'First purchase in',
      'Customers',
      'Within 1 month',
      ...Array.from({ length: 11 }, (_, k) => `Within ${k + 2} months`),
      'So far',
    ]);
    expect(cohorts.rows.map((r) => r[0])).toEqual([
      '2023-09-01',
      '2023-10-01',
      '2023-11-01',
      '2023-12-01',
      '2024-01-01',
      '2024-02-01',
      '2024-03-01',
      '2024-04-01',
      '2024-05-01',
      '2024-06-01',
      '2024-07-01',
      '2024-08-01',
      '2024-09-01',
      '2024-10-01',
    ]);
    expect(spec.summary).toBe('14 cohorts; 85.7% of customers bought a second time');
  });

  it('shares by hand; blank where the cohort is too young, or has nobody', () => {
    const row = (month: string): unknown[] => cohorts.rows.find((r) => r[0] === month)!.slice(1);
    const blank = (n: number): string[] => new Array<string>(n).fill('');
    // Anna: 5 September, again 5 October (a month to the day: within 1 month).
    expect(row('2023-09-01')).toEqual([1, ...new Array<number>(12).fill(1), 1]);
    // Nobody first bought in November 2023.
    expect(row('2023-11-01')).toEqual([0, ...blank(12), '']);
    // Fedor: 1 December, again 20 September (more than 9 months, within 10); known up to 10 months by 1 November 2024.
    expect(row('2023-12-01')).toEqual([1, ...new Array<number>(9).fill(0), 1, '', '', 1]);
    // Clara: 15 January, again 24 February (within 2 months); known up to 9 months.
    expect(row('2024-01-01')).toEqual([1, 0, ...new Array<number>(8).fill(1), ...blank(3), 1]);
    // Galina: 1 February, 1 April (two months to the day).
    expect(row('2024-02-01')).toEqual([1, 0, ...new Array<number>(7).fill(1), ...blank(4), 1]);
    // Dmitry: once, his return is part of the order.
    expect(row('2024-03-01')).toEqual([1, ...new Array<number>(7).fill(0), ...blank(5), 0]);
    // Elena: two orders on 3 June are two purchases: a second purchase 0 days after the first; known up to 4 months.
    expect(row('2024-06-01')).toEqual([1, 1, 1, 1, 1, ...blank(8), 1]);
    expect(row('2024-10-01')).toEqual([0, ...blank(12), '']);
  });

  it('a colour scale on the shares shown, none on blank cells', () => {
    const k = cohorts.rows.findIndex((r) => r[0] === '2023-12-01');
    expect(backgroundAt(spec, cohorts.first + k, 3)).toBe('#ffffff'); // 0%
    expect(backgroundAt(spec, cohorts.first + k, 12)).toBe('#57bb8a'); // 100%, the largest
    expect(backgroundAt(spec, cohorts.first + k, 13)).toBeUndefined(); // too young
  });

  it('from one purchase to the next per manager, with the median days to a second purchase', () => {
    const s = section(spec, 'From one purchase to the next, per manager');
    expect(s.head).toEqual(['Manager', 'Customers', '1 → 2', '2 → 3', '3 → 4', 'Bought twice or more', 'Median days to a 2nd purchase']);
    expect(s.rows).toEqual([
      ['Ivan', 2, 1 / 2, 1, 0, 1, 40],
      ['Olga', 2, 1, 1 / 2, 1, 2, 30.5],
      ['Petr', 2, 1, 1, 1 / 2, 2, 30],
      ['(no manager)', 1, 1, 0, '', 1, 294],
      // 7 customers, 6 bought twice, 4 three times, 2 four times; days to a second: 0, 30, 31, 40, 60, 294.
      ['Total', 7, 6 / 7, 4 / 6, 2 / 4, 6, 35.5],
    ]);
  });
});

/**
 * 25 customers, C01 .. C25: in the year before last C25 spent most (C_i: i x 10),
 * in the last year C01 ((26 - i) x 10, over 2 to 5 purchases); and 300 small
 * customers (1 a purchase) who come and go at random, so that BG/NBD has a base to fit.
 */
function ranking(): OrderRow[] {
  const rows: OrderRow[] = [];
  for (let i = 1; i <= 25; i++) {
    const name = `C${String(i).padStart(2, '0')}`;
    const manager = ['Olga', 'Ivan', 'Petr'][i % 3];
    rows.push([iso(day(2023, 3, i)), name, i * 10, `${name}-0`, manager]);
    const k = 2 + (i % 4);
    for (let j = 0; j < k; j++) {
      const amount = j === 0 ? (26 - i) * 10 - (k - 1) : 1;
      rows.push([iso(day(2023, 11, 15) + ((i * 37 + j * 53) % 340)), name, amount, `${name}-${j + 1}`, manager]);
    }
  }
  const random = mulberry32(13);
  const end = day(2024, 11, 1);
  for (let c = 0; c < 300; c++) {
    const name = `s${String(c).padStart(3, '0')}`;
    let d = end - 730 + Math.floor(random() * 700);
    const gap = 20 + random() * 120;
    for (let n = 0; d < end; n++) {
      rows.push([iso(d), name, 1, `${name}-${n}`, '']);
      if (random() < 0.35) break;
      d += 1 + Math.floor(-Math.log(1 - random()) * gap);
    }
  }
  return rows;
}

describe('key customers sheet: the top 20 of the last 365 days against the 365 days before', () => {
  it('on the team table: everyone is in the top; ranks, changes, the 80% line, P(alive) says once why it is missing', () => {
    const spec = buildKeyCustomers(team());
    expect([spec.kind, spec.key, spec.name]).toEqual(['keyCustomers', 'keyCustomers', 'Key customers']);
    expect(at(spec, 1, 1)).toBe('Key customers: the top 20 by revenue over the last 365 days');
    // 1,200 + 750 + 500 + 500 + 400 = 3,350 of 3,830: the fifth customer crosses 80%.
    expect(spec.cells.flat()).toContain('5 of 7 customers make 80% of the revenue of the last 365 days.');
    const s = section(spec, 'The top 20');
    expect(s.head).toEqual([
      'Rank',
      'Rank a year before',
      'Customer',
      'Revenue, last 365 days',
      'Revenue, 365 days before',
      'Change',
      'Change, %',
      'Purchases, last 365 days',
      'Last purchase',
      'Days since last purchase',
      'P(alive)',
      'Manager',
      'In the top',
    ]);
    const rows = s.rows.map((r) => [r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7], r[9], r[11], r[12]]);
    expect(rows).toEqual([
      [1, 2, 'Anna', 1200, 200, 1000, 5, 12, 27, 'Olga', 'kept'],
      [2, '', 'Clara', 750, 0, 750, '', 3, 161, 'Ivan', 'entered'],
      // Dmitry and Elena both 500: equal revenue is ranked by customer key.
      [3, '', 'Dmitry', 500, 0, 500, '', 1, 245, 'Ivan', 'entered'],
      [4, '', 'Elena', 500, 0, 500, '', 3, 90, 'Petr', 'entered'],
      [5, 1, 'Boris', 400, 400, 0, 0, 1, 357, 'Olga', 'kept'],
      [6, '', 'Galina', 360, 0, 360, '', 4, 31, 'Petr', 'entered'],
      [7, '', 'Fedor', 120, 0, 120, '', 2, 42, '(no manager)', 'entered'],
    ]);
    // Seven customers, none with 20 repeat buyers: the model cannot be fitted; the first cell says why, the others are blank.
    expect(String(s.rows[0][10])).toMatch(/^No P\(alive\): .*20/);
    expect(s.rows.slice(1).map((r) => r[10])).toEqual(new Array<string>(6).fill(''));
    expect(section(spec, 'Left the top (0)').rows).toEqual([]);
    expect(backgroundAt(spec, s.first + 1, 13)).toBe(COLOUR.good);
    expect(spec.summary).toBe('Top 20: 5 entered, 0 left; 5 customers make 80% of revenue');
  });

  it('entered, kept and left: the five who left are listed below, by their rank a year before; P(alive) where the model fits', () => {
    const spec = buildKeyCustomers(teamContext(ranking(), day(2024, 11, 1)));
    const top = section(spec, 'The top 20');
    expect(top.rows.map((r) => r[2])).toEqual(Array.from({ length: 20 }, (_, k) => `C${String(k + 1).padStart(2, '0')}`));
    expect(top.rows.map((r) => r[12])).toEqual([...new Array<string>(5).fill('entered'), ...new Array<string>(15).fill('kept')]);
    // C06 was 20th a year before (C25 first), and is 6th now.
    expect(top.rows[5].slice(0, 5)).toEqual([6, 20, 'C06', 200, 60]);
    const left = section(spec, 'Left the top (5)');
    expect(left.rows.map((r) => [r[0], r[1], r[2], r[12]])).toEqual([
      [25, 1, 'C25', 'left'],
      [24, 2, 'C24', 'left'],
      [23, 3, 'C23', 'left'],
      [22, 4, 'C22', 'left'],
      [21, 5, 'C21', 'left'],
    ]);
    for (const r of [...top.rows, ...left.rows]) {
      expect(typeof r[10]).toBe('number');
      expect(r[10] as number).toBeGreaterThan(0);
      expect(r[10] as number).toBeLessThanOrEqual(1);
    }
    expect(backgroundAt(spec, left.first, 13)).toBe(COLOUR.bad);
  });

  it('a top of 50 from the parameters; any other size is refused', () => {
    const spec = buildKeyCustomers(teamContext(ranking(), day(2024, 11, 1), { keyCustomersTop: 50 }));
    expect(at(spec, 1, 1)).toBe('Key customers: the top 50 by revenue over the last 365 days');
    const rows = section(spec, 'The top 50').rows;
    expect(rows).toHaveLength(50);
    expect(rows.slice(0, 20).map((r) => r[2])).toEqual(Array.from({ length: 20 }, (_, k) => `C${String(k + 1).padStart(2, '0')}`));
    expect(() => buildKeyCustomers(teamContext(ranking(), day(2024, 11, 1), { keyCustomersTop: 30 }))).toThrow(
      'The key customers top must be 20 or 50, not 30.',
    );
  });
});

describe('the three sheets in every language, and on no data', () => {
  it('are registered: the sheets a request plans are the ones its builder makes', () => {
    for (const lang of LANGS) {
      const c = team(lang);
      for (const kind of ['trends', 'funnel', 'keyCustomers'] as const) {
        const specs = REPORT_BUILDERS[kind](c);
        expect(plannedSheets(lang, { kind })).toEqual(specs.map((s) => ({ key: s.key, name: s.name })));
        for (const s of specs) {
          expect(s.name.length).toBeLessThanOrEqual(31);
          expect(s.name).not.toMatch(/[[\]:*?/\\]/);
        }
      }
    }
  });

  it('have a Russian and a Ukrainian text for every label, in Cyrillic where English has words', () => {
    const keys = Object.keys(trendMessages.en) as (keyof typeof trendMessages.en)[];
    for (const lang of ['ru', 'uk'] as const) {
      for (const key of keys) expect(trendMessages[lang][key], `${lang} ${key}`).toMatch(/[А-Яа-яЁёІіЇїЄєҐґ]|^[\d ]+$/);
    }
    expect(buildTrends(team('ru')).name).toBe('Динамика');
    expect(buildRepeatFunnel(team('uk')).cells.flat()).toContain(t('uk', 'report.funnel.within', { n: 5 }));
    expect(t('uk', 'report.funnel.within', { n: 5 })).toBe('За 5 місяців');
    expect(t('ru', 'report.funnel.within', { n: 2 })).toBe('За 2 месяца');
  });

  it('build with no orders at all, with no NaN or Infinity in any cell', () => {
    for (const lang of LANGS) {
      const c = teamContext([], TEAM_ASOF, { lang });
      for (const spec of [buildTrends(c), buildRepeatFunnel(c), buildKeyCustomers(c)]) {
        for (const cell of spec.cells.flat()) if (typeof cell === 'number') expect(Number.isFinite(cell), spec.key).toBe(true);
      }
    }
  });

  it('write only finite numbers on the team table', () => {
    for (const spec of [buildTrends(team()), buildRepeatFunnel(team()), buildKeyCustomers(team())]) {
      for (const cell of spec.cells.flat()) if (typeof cell === 'number') expect(Number.isFinite(cell), spec.key).toBe(true);
    }
  });
});
