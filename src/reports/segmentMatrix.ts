/**
 * The lifecycle matrix report (docs/definitions.md: lifecycle segments; repeat sales share, what-if): customers, share of
 * customers, revenue and share of revenue per segment as four 3 x 3 blocks with a
 * colour scale, the base's health figures against their benchmarks, the suggested
 * action per segment and a chart of customers per segment.
 */
import { checkBands, type LifecycleMatrix, lifecycleMatrix, lifecycleSegments, SEGMENT_COUNT } from '../core/lifecycle';
import { fromCents, toCents } from '../core/money';
import { type RepeatShare, repeatSalesShare } from '../core/repeatShare';
import { type MessageKey, t } from '../i18n/catalogue';
import { type ReportContext, type SheetContext } from './context';
import {
  COLOUR,
  FORMAT,
  moneyFormat,
  SheetGrid,
  countBandLabel,
  countRange,
  formatNumber,
  recencyBandLabel,
  recencyRange,
  scaleColour,
  segmentAction,
  segmentName,
  writeHeader,
  writeSection,
  writeTable,
} from './layout';
import { npsOfContext, writeNpsBlock } from './npsBlock';
import { type NpsJoin } from '../core/npsResponses';
import { type Cell, type SheetSpec } from './sheetSpec';

/** Share of the base in the Active column that counts as healthy. */
export const ACTIVE_SHARE_BENCHMARK = 0.3;
/** Share of regular customers of a company 2-3 years old (lower end of 25-30%). */
export const REGULAR_SHARE_BENCHMARK = 0.25;

const BLOCK_ROWS = 5; // header, three count bands, total
const MATRIX_LEFT = 1;
const SIDE_LEFT = 7; // column G: health figures and actions

/** The figures the matrix sheet shows: what the in-sheet summary gives, or the warehouse's queries. */
export interface MatrixFigures {
  matrix: LifecycleMatrix;
  repeat: RepeatShare;
  /** Profit per segment to the cent; null without a profit or margin column. */
  profit: number[] | null;
  /** NPS per segment when the spreadsheet has an NPS tab that could be read (absent: none, e.g. in the warehouse edition). */
  nps?: NpsJoin | null;
}

export function buildSegmentMatrix(ctx: ReportContext): SheetSpec {
  const bands = checkBands(ctx.params.bands);
  const segments = lifecycleSegments(ctx.summary, bands);
  return segmentMatrixSheet(ctx, {
    matrix: lifecycleMatrix(ctx.summary, segments),
    repeat: repeatSalesShare(ctx.summary),
    // With a profit or margin column: each segment's profit and margin beside its revenue.
    profit: ctx.orders.profit ? segmentProfit(ctx.summary, segments) : null,
    nps: npsOfContext(ctx, segments),
  });
}

/** The matrix sheet from its figures (the in-sheet build above, or the warehouse edition's). */
export function segmentMatrixSheet(ctx: SheetContext, figures: MatrixFigures): SheetSpec {
  const L = ctx.lang;
  const bands = checkBands(ctx.params.bands);
  const m = figures.matrix;
  const repeat = figures.repeat;
  const g = new SheetGrid();

  const bandList = (range: (lang: typeof L, band: number, b: typeof bands) => string, keys: MessageKey[]): string =>
    keys.map((k, band) => `${t(L, k)}: ${range(L, band, bands)}`).join('; ');
  const top = writeHeader(g, ctx, t(L, 'report.matrix.title'), [
    [t(L, 'report.countBands'), bandList(countRange, ['count.new', 'count.prospective', 'count.regular'])],
    [t(L, 'report.recencyBands'), bandList(recencyRange, ['recency.active', 'recency.sleeping', 'recency.lapsed'])],
  ]);

  // Four blocks, one under the other: customers, share of customers, revenue, share of revenue.
  const share = (part: number, whole: number): number | string => (whole === 0 ? '' : part / whole);
  const blocks: {
    title: MessageKey;
    value: (s: number) => number | string;
    total: number | string;
    format: string;
    shade: (s: number) => number;
  }[] = [
    {
      title: 'report.matrix.customers',
      value: (s) => m.customers[s],
      total: m.totalCustomers,
      format: FORMAT.count,
      shade: (s) => fraction(m.customers, s),
    },
    {
      title: 'report.matrix.customerShare',
      value: (s) => share(m.customers[s], m.totalCustomers),
      total: share(m.totalCustomers, m.totalCustomers),
      format: FORMAT.percent,
      shade: (s) => fraction(m.customers, s),
    },
    {
      title: 'report.matrix.revenue',
      value: (s) => m.revenue[s],
      total: m.totalRevenue,
      format: moneyFormat(ctx),
      shade: (s) => fraction(m.revenue, s),
    },
    {
      title: 'report.matrix.revenueShare',
      value: (s) => share(m.revenue[s], m.totalRevenue),
      total: share(m.totalRevenue, m.totalRevenue),
      format: FORMAT.percent,
      shade: (s) => fraction(m.revenue, s),
    },
  ];
  const columnHeads = [0, 1, 2].map((r) => recencyBandLabel(L, r, bands));
  blocks.forEach((b, k) => {
    const row = top + k * (BLOCK_ROWS + 1);
    const rows: Cell[][] = [0, 1, 2].map((c) => [
      countBandLabel(L, c, bands),
      b.value(c * 3),
      b.value(c * 3 + 1),
      b.value(c * 3 + 2),
      rowTotal(b.value, c),
    ]);
    const totals: Cell[] = [t(L, 'report.total'), colTotal(b.value, 0), colTotal(b.value, 1), colTotal(b.value, 2), b.total];
    writeTable(
      g,
      row,
      MATRIX_LEFT,
      [
        { header: t(L, b.title) },
        ...columnHeads.map((h) => ({ header: h, format: b.format })),
        { header: t(L, 'report.total'), format: b.format },
      ],
      rows,
      totals,
    );
    g.style({ row: row + 1, col: MATRIX_LEFT, rows: 4, cols: 1 }, { bold: true });
    for (let s = 0; s < SEGMENT_COUNT; s++) {
      g.style(
        { row: row + 1 + Math.floor(s / 3), col: MATRIX_LEFT + 1 + (s % 3), rows: 1, cols: 1 },
        { background: scaleColour(b.shade(s)) },
      );
    }
  });
  const matrixEnd = top + blocks.length * (BLOCK_ROWS + 1) - 1;

  // Health figures beside the blocks.
  const [oneTime, prospective, regular] = m.countShares;
  const any = m.totalCustomers > 0;
  const verdict = (ok: boolean): string => (any ? t(L, ok ? 'report.health.good' : 'report.health.below') : '');
  const pct = (x: number): number | string => (any && Number.isFinite(x) ? x : '');
  const level = repeat.level;
  const healthRows: Cell[][] = [
    [t(L, 'report.health.customers'), m.totalCustomers, '', ''],
    [
      t(L, 'report.health.active'),
      pct(m.activeShare),
      t(L, 'report.health.activeBenchmark'),
      verdict(m.activeShare >= ACTIVE_SHARE_BENCHMARK),
    ],
    [t(L, 'report.health.oneTime'), pct(oneTime), '', ''],
    [t(L, 'report.health.prospective'), pct(prospective), '', ''],
    [t(L, 'report.health.regular'), pct(regular), t(L, 'report.health.regularBenchmark'), verdict(regular >= REGULAR_SHARE_BENCHMARK)],
    [t(L, 'report.health.repeatRevenue'), repeat.repeatRevenue, '', ''],
    [
      t(L, 'report.health.repeatShare'),
      pct(repeat.share),
      t(L, 'report.health.repeatBenchmark'),
      level >= 0 ? t(L, `report.maturity.${level}` as MessageKey) : t(L, 'report.noData'),
    ],
    // Models 1-3 by share; the goal (or, at model 3, model 4 as the next step) beside it.
    [
      t(L, 'report.health.maturity'),
      level >= 0 ? level + 1 : '',
      level >= 0 ? t(L, `report.maturity.goal.${level}` as MessageKey) : '',
      '',
    ],
  ];
  writeSection(g, top - 1, SIDE_LEFT, t(L, 'report.health.title'), 4);
  const health = writeTable(
    g,
    top,
    SIDE_LEFT,
    [
      { header: t(L, 'report.health.measure') },
      { header: t(L, 'report.health.value'), align: 'right' },
      { header: t(L, 'report.health.benchmark'), wrap: true },
      { header: t(L, 'report.health.assessment'), wrap: true },
    ],
    healthRows,
  );
  const valueCol = SIDE_LEFT + 1;
  const formats = [
    FORMAT.count,
    FORMAT.percent,
    FORMAT.percent,
    FORMAT.percent,
    FORMAT.percent,
    moneyFormat(ctx),
    FORMAT.percent,
    FORMAT.count,
  ];
  formats.forEach((f, k) => g.style({ row: health.first + k, col: valueCol, rows: 1, cols: 1 }, { numberFormat: f }));
  if (any) {
    g.style(
      { row: health.first + 1, col: SIDE_LEFT + 3, rows: 1, cols: 1 },
      { background: m.activeShare >= ACTIVE_SHARE_BENCHMARK ? COLOUR.good : COLOUR.bad },
    );
    g.style(
      { row: health.first + 4, col: SIDE_LEFT + 3, rows: 1, cols: 1 },
      { background: regular >= REGULAR_SHARE_BENCHMARK ? COLOUR.good : COLOUR.bad },
    );
  }

  // Segments with their suggested actions; the first two columns feed the chart.
  const actionsTop = health.last + 3;
  writeSection(g, actionsTop - 1, SIDE_LEFT, t(L, 'report.actions.title'), 4);
  const profit = figures.profit;
  const actionRows: Cell[][] = [];
  for (let s = 0; s < SEGMENT_COUNT; s++) {
    actionRows.push([
      segmentName(L, s),
      m.customers[s],
      m.revenue[s],
      ...(profit ? [profit[s], m.revenue[s] > 0 ? profit[s] / m.revenue[s] : ''] : []),
      segmentAction(ctx, s),
    ]);
  }
  const actions = writeTable(
    g,
    actionsTop,
    SIDE_LEFT,
    [
      { header: t(L, 'report.segment') },
      { header: t(L, 'report.matrix.customers'), format: FORMAT.count },
      { header: t(L, 'report.matrix.revenue'), format: moneyFormat(ctx) },
      ...(profit
        ? [
            { header: t(L, 'report.matrix.profit'), format: moneyFormat(ctx) },
            { header: t(L, 'report.matrix.margin'), format: FORMAT.percent },
          ]
        : []),
      { header: t(L, 'report.action'), wrap: true },
    ],
    actionRows,
  );
  // The sidebar's own labels, so the note names what the sidebar shows.
  const path = [t(L, 'sb.actions.title'), t(L, 'sb.group.base'), t(L, 'sb.actions.segmentLabel')].join(' → ');
  g.put(actions.last + 2, SIDE_LEFT, [t(L, 'report.matrix.listsHint', { path })]);
  g.style({ row: actions.last + 2, col: SIDE_LEFT, rows: 1, cols: 1 }, { italic: true, fontColor: '#5f6368' });

  // NPS per segment, where the spreadsheet has an NPS tab (issue 14).
  const nps = figures.nps ?? null;
  writeNpsBlock(
    g,
    ctx,
    actions.last + 4,
    SIDE_LEFT,
    {
      title: t(L, 'report.nps.segmentTitle'),
      rowHeader: t(L, 'report.segment'),
      labels: Array.from({ length: SEGMENT_COUNT }, (_, s) => segmentName(L, s)),
      figures: nps ? nps.segments : [],
    },
    nps,
  );

  g.charts.push({
    type: 'column',
    data: { row: actions.header, col: SIDE_LEFT, rows: SEGMENT_COUNT + 1, cols: 2 },
    anchor: { row: matrixEnd + 2, col: MATRIX_LEFT },
    title: t(L, 'report.matrix.chart'),
    width: 640,
    height: 320,
  });

  return g.spec({
    kind: 'matrix',
    key: 'matrix',
    name: t(L, 'report.matrix.name'),
    summary: t(L, 'report.matrix.summary', { count: formatNumber(ctx, m.totalCustomers), n: m.totalCustomers }),
    columnWidths: [230, 130, 130, 150, 110, 24, 240, 110, profit ? 130 : 260, ...(profit ? [130, 90, 300] : [300])],
  });
}

/** Profit per segment, to the cent; null without a profit or margin column. */
function segmentProfit(summary: ReportContext['summary'], segments: Uint8Array): number[] | null {
  const profit = summary.profit;
  if (!profit) return null;
  const cents = new Array<number>(SEGMENT_COUNT).fill(0);
  for (let i = 0; i < summary.size; i++) cents[segments[i]] += toCents(profit[i]);
  return cents.map(fromCents);
}

/** A cell's value as a fraction of the block's largest cell, for the colour scale. */
function fraction(values: number[], s: number): number {
  const max = Math.max(...values);
  return max > 0 ? Math.max(0, values[s]) / max : 0;
}

function sum(values: (number | string)[]): number | string {
  return values.some((v) => typeof v !== 'number') ? '' : (values as number[]).reduce((a, b) => a + b, 0);
}

function rowTotal(value: (s: number) => number | string, countBand: number): number | string {
  return sum([0, 1, 2].map((r) => value(countBand * 3 + r)));
}

function colTotal(value: (s: number) => number | string, recencyBand: number): number | string {
  return sum([0, 1, 2].map((c) => value(c * 3 + recencyBand)));
}
