/**
 * The Trends sheet (docs/definitions.md: trends): one row per month-end over the
 * last two years, each what the reports built on the next day show; line charts of
 * the headline figures; and each manager's portfolio over time (the share of each
 * ABC and XYZ class among their customers of the year before the month-end), so
 * that a manager whose share of A falls month by month is seen early.
 */
import { checkAbcXyzOptions } from '../core/abcXyz';
import { checkBands } from '../core/lifecycle';
import { compareManagers } from '../core/migration';
import { type ManagerPortfolio, TRAILING_DAYS, type TrendPoint, monthEndTrends } from '../core/trends';
import { type MessageKey, t } from '../i18n/catalogue';
import { type ReportContext } from './context';
import {
  COLOUR,
  FORMAT,
  moneyFormat,
  SheetGrid,
  type TablePlace,
  countRange,
  dateCache,
  dateFormat,
  formatNumber,
  formatPercent,
  managerName,
  recencyRange,
  writeHeader,
  writeSection,
  writeTable,
  xyzBasisRow,
} from './layout';
import { type Cell, type SheetSpec } from './sheetSpec';

/** A young company adds 10-15% regular customers a year (the lower end marks a good year). */
export const REGULAR_GROWTH_BENCHMARK = 0.1;
/** Share of the base in the Active column that counts as healthy. */
const ACTIVE_SHARE_BENCHMARK = 0.3;
/** Even the best companies lose 9-11% of their customers a year; 20-40% is common. */
const LOST_RATIO_GOOD = 0.11;
const LOST_RATIO_BAD = 0.4;
const CHANGE_FORMAT = '+0.0%;-0.0%;0.0%';
const CHART_LEFT = 9;

export function buildTrends(ctx: ReportContext): SheetSpec {
  const L = ctx.lang;
  const bands = checkBands(ctx.params.bands);
  const abcXyz = checkAbcXyzOptions(ctx.params.abcXyz);
  const points = monthEndTrends(ctx.orders, { asOf: ctx.asOf, bands, lost: ctx.params.lost, abcXyz });
  const dateOf = dateCache(ctx);
  const df = dateFormat(ctx);
  const pct = (x: number): string => formatPercent(ctx, x);
  const g = new SheetGrid();
  const bandList = (range: typeof countRange, keys: readonly MessageKey[]): string =>
    keys.map((k, band) => `${t(L, k)}: ${range(L, band, bands)}`).join('; ');
  let row = writeHeader(g, ctx, t(L, 'report.trends.title'), [
    [t(L, 'report.trends.first'), points.length ? dateOf(points[0].asOf - 1) : '', df],
    [t(L, 'report.trends.last'), points.length ? dateOf(points[points.length - 1].asOf - 1) : '', df],
    [t(L, 'report.countBands'), bandList(countRange, ['count.new', 'count.prospective', 'count.regular'])],
    [t(L, 'report.recencyBands'), bandList(recencyRange, ['recency.active', 'recency.sleeping', 'recency.lapsed'])],
    [t(L, 'report.lost.factor'), ctx.params.lost.factor, FORMAT.ratio],
    [t(L, 'report.trends.trailing'), t(L, 'report.trends.trailingDays', { n: TRAILING_DAYS })],
    [t(L, 'report.abcBounds'), `A ≤ ${pct(abcXyz.abcBounds[0])}, B ≤ ${pct(abcXyz.abcBounds[1])}`],
    xyzBasisRow(L, abcXyz),
    [t(L, 'report.xyzBounds'), abcXyz.xyzBounds.map((b) => formatNumber(ctx, b, 2)).join(' / ')],
  ]);
  g.put(row - 1, 1, [t(L, 'report.trends.how')]);
  g.style({ row: row - 1, col: 1, rows: 1, cols: 1 }, { italic: true, fontColor: '#5f6368' });
  row++;

  if (points.length === 0) {
    g.put(row, 1, [t(L, 'report.trends.none')]);
    return spec(ctx, g, points);
  }
  const monthEnd = { header: t(L, 'report.trends.monthEnd'), format: df };
  const num = (x: number): Cell => (Number.isFinite(x) ? x : '');
  const colour = (place: TablePlace, col: number, paint: (p: TrendPoint) => string | null): void =>
    points.forEach((p, k) => {
      const background = paint(p);
      if (background) g.style({ row: place.first + k, col: place.left + col, rows: 1, cols: 1 }, { background });
    });

  // 1. How many customers, how many still buying, how many regular.
  writeSection(g, row, 1, t(L, 'report.trends.customers.title'), 4);
  let place = writeTable(
    g,
    row + 1,
    1,
    [
      monthEnd,
      { header: t(L, 'report.trends.customers'), format: FORMAT.count },
      { header: t(L, 'report.trends.notLost'), format: FORMAT.count },
      { header: t(L, 'report.trends.regulars'), format: FORMAT.count },
    ],
    points.map((p) => [dateOf(p.asOf - 1), p.customers, p.notLost, p.bandCounts[2]]),
  );
  chart(g, place, 4, t(L, 'report.trends.customers.chart'));
  row = below(place);

  // 2. The shape of the base: Active, and the three purchase bands.
  writeSection(g, row, 1, t(L, 'report.trends.shares.title'), 5);
  place = writeTable(
    g,
    row + 1,
    1,
    [
      monthEnd,
      { header: t(L, 'report.trends.activeShare'), format: FORMAT.percent },
      { header: t(L, 'count.new'), format: FORMAT.percent },
      { header: t(L, 'count.prospective'), format: FORMAT.percent },
      { header: t(L, 'count.regular'), format: FORMAT.percent },
    ],
    points.map((p) => [dateOf(p.asOf - 1), p.activeShare, ...p.bandShares]),
  );
  colour(place, 1, (p) => (p.activeShare >= ACTIVE_SHARE_BENCHMARK ? COLOUR.good : COLOUR.bad));
  chart(g, place, 5, t(L, 'report.trends.shares.chart'));
  note(g, place.last + 1, t(L, 'report.trends.shares.note', { share: pct(ACTIVE_SHARE_BENCHMARK) }));
  row = below(place) + 1;

  // 3. Repeat sales, losses and the growth of the regular base, each over the year before the month-end.
  writeSection(g, row, 1, t(L, 'report.trends.repeat.title'), 6);
  place = writeTable(
    g,
    row + 1,
    1,
    [
      monthEnd,
      { header: t(L, 'report.trends.repeatShare'), format: FORMAT.percent, wrap: true },
      { header: t(L, 'report.trends.lostRatio'), format: FORMAT.percent, wrap: true },
      { header: t(L, 'report.trends.regularsGrowth'), format: CHANGE_FORMAT, wrap: true },
      { header: t(L, 'report.trends.maturity'), format: FORMAT.count, align: 'center', wrap: true },
      { header: t(L, 'report.trends.wonBack'), format: FORMAT.count, wrap: true },
    ],
    points.map((p) => [
      dateOf(p.asOf - 1),
      num(p.repeat.share),
      num(p.lostRatio.ratio),
      num(p.regularsGrowth),
      p.repeat.level >= 0 ? p.repeat.level + 1 : '',
      p.lostRatio.wonBack,
    ]),
  );
  colour(place, 2, (p) =>
    Number.isNaN(p.lostRatio.ratio)
      ? null
      : p.lostRatio.ratio <= LOST_RATIO_GOOD
        ? COLOUR.good
        : p.lostRatio.ratio > LOST_RATIO_BAD
          ? COLOUR.bad
          : null,
  );
  colour(place, 3, (p) =>
    Number.isNaN(p.regularsGrowth)
      ? null
      : p.regularsGrowth >= REGULAR_GROWTH_BENCHMARK
        ? COLOUR.good
        : p.regularsGrowth < 0
          ? COLOUR.bad
          : null,
  );
  // Shares only: the regulars' growth can be thousands of per cent in a young base and would flatten them.
  chart(g, place, 3, t(L, 'report.trends.repeat.chart'));
  note(g, place.last + 1, t(L, 'report.trends.repeat.note'));
  row = below(place) + 1;

  // 4. What a customer is worth: base LTV from totals, its average check and rhythm.
  writeSection(g, row, 1, t(L, 'report.trends.value.title'), 4);
  place = writeTable(
    g,
    row + 1,
    1,
    [
      monthEnd,
      { header: t(L, 'report.trends.ltv'), format: moneyFormat(ctx) },
      { header: t(L, 'report.trends.averageCheck'), format: moneyFormat(ctx) },
      { header: t(L, 'report.trends.purchasesPerMonth'), format: FORMAT.ratio, wrap: true },
    ],
    points.map((p) => [dateOf(p.asOf - 1), p.ltv.ltv, p.ltv.averageCheck, p.ltv.purchasesPerMonth]),
  );
  chart(g, place, 3, t(L, 'report.trends.value.chart'));
  note(g, place.last + 1, t(L, ctx.orders.profit ? 'report.trends.ltvProfit' : 'report.trends.ltvRevenue'));
  row = below(place) + 1;

  // 5. Portfolio quality per manager: the share of A and of X over time, then every class.
  const managers = [...new Set(points.flatMap((p) => p.portfolio.managers.map((m) => m.manager)))].sort(compareManagers);
  const ofManager = (p: TrendPoint, manager: string): ManagerPortfolio | undefined =>
    p.portfolio.managers.find((m) => m.manager === manager);
  const share = (m: ManagerPortfolio | undefined, count: (m: ManagerPortfolio) => number): Cell =>
    m && m.customers > 0 ? count(m) / m.customers : '';
  for (const [title, chartTitle, count] of [
    ['report.trends.shareA.title', 'report.trends.shareA.chart', (m: ManagerPortfolio) => m.abc[0]],
    ['report.trends.shareX.title', 'report.trends.shareX.chart', (m: ManagerPortfolio) => m.xyz[0]],
  ] as const) {
    writeSection(g, row, 1, t(L, title), managers.length + 2);
    place = writeTable(
      g,
      row + 1,
      1,
      [
        monthEnd,
        ...managers.map((m) => ({ header: managerName(L, m), format: FORMAT.percent, wrap: true })),
        { header: t(L, 'report.total'), format: FORMAT.percent },
      ],
      points.map((p) => [dateOf(p.asOf - 1), ...managers.map((m) => share(ofManager(p, m), count)), share(p.portfolio.total, count)]),
    );
    chart(g, place, managers.length + 2, t(L, chartTitle), Math.max(CHART_LEFT, managers.length + 4));
    row = below(place);
  }
  writeSection(g, row, 1, t(L, 'report.trends.classes.title'), 9);
  const classRows: Cell[][] = [];
  for (const m of [...managers, null]) {
    for (const p of points) {
      const q = m === null ? p.portfolio.total : ofManager(p, m);
      if (!q) continue;
      const of = (n: number): number => n / q.customers;
      classRows.push([
        m === null ? t(L, 'report.total') : managerName(L, m),
        dateOf(p.asOf - 1),
        q.customers,
        ...q.abc.map(of),
        ...q.xyz.map(of),
      ]);
    }
  }
  writeTable(
    g,
    row + 1,
    1,
    [
      { header: t(L, 'report.manager'), format: FORMAT.text },
      monthEnd,
      { header: t(L, 'report.customers'), format: FORMAT.count },
      ...['A', 'B', 'C', 'X', 'Y', 'Z'].map((c) => ({ header: t(L, 'report.trends.classShare', { c }), format: FORMAT.percent })),
    ],
    classRows,
  );
  return spec(ctx, g, points);
}

/** A line chart of a table's first `cols` columns (month-ends and their series), beside it. */
function chart(g: SheetGrid, place: TablePlace, cols: number, title: string, left = CHART_LEFT): void {
  g.charts.push({
    type: 'line',
    data: { row: place.header, col: place.left, rows: place.last - place.header + 1, cols },
    anchor: { row: place.header, col: left },
    title,
    width: 560,
    height: 300,
  });
}

/** The first row of the next block: after the table, or after the chart beside it when that is taller. */
function below(place: TablePlace): number {
  return Math.max(place.last + 2, place.header + 17);
}

function note(g: SheetGrid, row: number, text: string): void {
  g.put(row, 1, [text]);
  g.style({ row, col: 1, rows: 1, cols: 1 }, { italic: true, fontColor: '#5f6368' });
}

function spec(ctx: ReportContext, g: SheetGrid, points: TrendPoint[]): SheetSpec {
  const L = ctx.lang;
  const last = points[points.length - 1];
  return g.spec({
    kind: 'trends',
    key: 'trends',
    name: t(L, 'report.trends.name'),
    summary: last
      ? t(L, 'report.trends.summary', {
          n: points.length,
          months: formatNumber(ctx, points.length),
          customers: formatNumber(ctx, last.customers),
          notLost: formatNumber(ctx, last.notLost),
          growth: Number.isNaN(last.regularsGrowth)
            ? '—'
            : `${last.regularsGrowth >= 0 ? '+' : ''}${formatPercent(ctx, last.regularsGrowth)}`,
        })
      : t(L, 'report.trends.none'),
    columnWidths: [150, 120, 120, 120, 120, 120, 110, 110, 110],
  });
}
