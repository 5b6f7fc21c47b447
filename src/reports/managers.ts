/**
 * The Managers sheet (docs/definitions.md: the Managers sheet): per manager and in
 * total, per month over the last 12 full months and the current month to date,
 * against plan and against the same month a year earlier.
 *
 * - Plan: one yellow cell per manager and month, prefilled with the same calendar
 *   month a year earlier x (1 + plan growth); every cell can be typed over and is
 *   kept across rebuilds (src/reports/inputs.ts), keyed by manager and month.
 * - Fact / plan: live formulas over the revenue and the plan cells, green at 100%
 *   or more and red below (conditional formats, so the colour follows a typed plan).
 * - The figures (core/managerMonths.ts), each with the year-earlier row and the change.
 * - Shipments per week with the weeks without any, and a chart of revenue against
 *   plan per manager for the last full month.
 */
import { checkBands, lifecycleSegments } from '../core/lifecycle';
import { isoOfDay } from '../core/isoDates';
import { type ManagerMonths, managerMonths, type PeriodFigures, SHOWN_MONTHS } from '../core/managerMonths';
import { toCents, fromCents } from '../core/money';
import { type Lang, type MessageKey, t } from '../i18n/catalogue';
import { type ReportContext, type SheetContext } from './context';
import {
  COLOUR,
  FORMAT,
  moneyFormat,
  SheetGrid,
  dateCache,
  dateFormat,
  formatNumber,
  formatPercent,
  keptInputsWords,
  managerName,
  writeHeader,
  writeSection,
  writeTable,
} from './layout';
import { type NpsJoin } from '../core/npsResponses';
import { npsOfContext, writeNpsBlock } from './npsBlock';
import { type Cell, type SheetSpec, a1 } from './sheetSpec';

/** The plan's growth when the settings give none: "+10% to last year for each seller". */
export const DEFAULT_PLAN_GROWTH = 0.1;

/** A relative change with its sign: +12.5% / -3.0%. */
const CHANGE_FORMAT = '+0.0%;-0.0%;0.0%';
const MONTH_COL = 3; // C: the first month
const TWELVE_COL = MONTH_COL + SHOWN_MONTHS; // P: the 12 full months

/** "Nov 2025" in the user's language. */
export function monthLabel(lang: Lang, monthIndex: number): string {
  const names = t(lang, 'report.monthNames').split('|');
  return `${names[((monthIndex % 12) + 12) % 12]} ${Math.floor(monthIndex / 12)}`;
}

/** "2025-11": the key of a month, the same in every language. */
export function monthKey(monthIndex: number): string {
  const month = ((monthIndex % 12) + 12) % 12;
  return `${String((monthIndex - month) / 12).padStart(4, '0')}-${String(month + 1).padStart(2, '0')}`;
}

interface Figure {
  key: MessageKey;
  value: (f: PeriodFigures) => number | null;
  format: string;
  /** Shares change in points (now - a year earlier), the rest in % (now / a year earlier - 1). */
  points?: boolean;
}

const share = (part: number, whole: number): number | null => (whole > 0 ? part / whole : null);

function figuresOf(hasProfit: boolean, money: string): Figure[] {
  const list: Figure[] = [
    { key: 'report.managers.figure.revenue', value: (f) => f.revenue, format: money },
    { key: 'report.managers.figure.purchases', value: (f) => f.purchases, format: FORMAT.count },
    { key: 'report.managers.figure.customers', value: (f) => f.customers, format: FORMAT.count },
    { key: 'report.managers.figure.newCustomers', value: (f) => f.newCustomers, format: FORMAT.count },
    {
      key: 'report.managers.figure.averageCheck',
      value: (f) => (f.purchases > 0 ? f.revenue / f.purchases : null),
      format: money,
    },
    {
      key: 'report.managers.figure.repeatShare',
      value: (f) => share(f.repeatRevenue, f.revenue),
      format: FORMAT.percent,
      points: true,
    },
    { key: 'report.managers.figure.active', value: (f) => f.active, format: FORMAT.count },
    { key: 'report.managers.figure.lost', value: (f) => f.lost, format: FORMAT.count },
    { key: 'report.managers.figure.wonBack', value: (f) => f.wonBack, format: FORMAT.count },
  ];
  if (hasProfit) {
    list.push(
      { key: 'report.managers.figure.profit', value: (f) => f.profit, format: money },
      {
        key: 'report.managers.figure.margin',
        value: (f) => (f.profit === null ? null : share(f.profit, f.revenue)),
        format: FORMAT.percent,
        points: true,
      },
    );
  }
  return list;
}

/** The change shown beside a year earlier: relative for counts and money, in points for shares; null without a base. */
export function changeOf(now: number | null, before: number | null, points: boolean): number | null {
  if (now === null || before === null) return null;
  if (points) return now - before;
  return before > 0 ? now / before - 1 : null;
}

/** The figures the Managers sheet shows: what the in-sheet orders give, or the warehouse's queries. */
export interface ManagersFigures {
  months: ManagerMonths;
  /** Profit and margin figures too (a profit or margin column). */
  hasProfit: boolean;
  /** NPS per manager when the spreadsheet has an NPS tab that could be read (absent: none, e.g. in the warehouse edition). */
  nps?: NpsJoin | null;
}

export function buildManagers(ctx: ReportContext): SheetSpec {
  const bands = checkBands(ctx.params.bands);
  const months = managerMonths(ctx.orders, ctx.summary, { activeTo: bands.activeTo, lost: ctx.params.lost });
  return managersSheet(ctx, {
    months,
    hasProfit: ctx.orders.profit !== null && ctx.summary.profit !== null,
    // NPS per manager (the customer's manager as of the as-of date), where the spreadsheet has an NPS tab (issue 14).
    nps: npsOfContext(ctx, lifecycleSegments(ctx.summary, bands), months.managers),
  });
}

/** The Managers sheet from its figures (the in-sheet build above, or the warehouse edition's). */
export function managersSheet(ctx: SheetContext, shown: ManagersFigures): SheetSpec {
  const L = ctx.lang;
  const growth = ctx.params.planGrowth ?? DEFAULT_PLAN_GROWTH;
  const m = shown.months;
  const hasProfit = shown.hasProfit;
  const g = new SheetGrid();
  const dateOf = dateCache(ctx);
  const current = m.months[SHOWN_MONTHS - 1];
  const monthHeads = m.months.map((mi, k) =>
    k === SHOWN_MONTHS - 1 && m.currentPartial ? t(L, 'report.managers.toDate', { month: monthLabel(L, mi) }) : monthLabel(L, mi),
  );
  let row = writeHeader(g, ctx, t(L, 'report.managers.title'), [
    [
      t(L, 'report.managers.months'),
      t(L, 'report.managers.monthsValue', {
        from: monthLabel(L, m.months[0]),
        to: monthLabel(L, current),
        current: monthHeads[SHOWN_MONTHS - 1],
      }),
    ],
    [t(L, 'report.managers.growth'), growth, CHANGE_FORMAT],
    [t(L, 'report.managers.attribution'), ''],
  ]);
  const rowsOf = m.managers.length + 1; // the managers and the total
  const names = [...m.managers.map((name) => managerName(L, name)), t(L, 'report.total')];
  const columns = (kind: string) => [
    { header: t(L, 'report.manager') },
    { header: kind },
    ...monthHeads.map((h) => ({ header: h, align: 'right' as const })),
    { header: t(L, 'report.managers.twelveMonths'), align: 'right' as const },
  ];

  // Plan: the yellow cells, prefilled from the same month a year earlier; totals and the 12 months are SUMs.
  writeSection(g, row, 1, t(L, 'report.managers.planSection'), TWELVE_COL);
  g.put(row + 1, 1, [t(L, 'report.managers.planNote')]);
  g.style({ row: row + 1, col: 1, rows: 1, cols: 1 }, { italic: true, fontColor: '#5f6368' });
  const planTop = row + 2;
  const planFirst = planTop + 1;
  const planCell = (r: number, k: number): string => a1(planFirst + r, MONTH_COL + k);
  const twelve = (r: number, first: (r: number, k: number) => string): Cell => ({
    formula: `=SUM(${first(r, 0)}:${first(r, SHOWN_MONTHS - 2)})`,
  });
  const planRows: Cell[][] = m.managers.map((_, r) => [
    names[r],
    t(L, 'report.managers.plan'),
    ...m.planBase.map((base) => fromCents(Math.round(toCents(base[r]) * (1 + growth)))),
    twelve(r, planCell),
  ]);
  const columnSum = (first: number, last: number, col: number): Cell =>
    last >= first ? { formula: `=SUM(${a1(first, col)}:${a1(last, col)})` } : 0;
  const planLast = planFirst + m.managers.length - 1;
  const plan = writeTable(g, planTop, 1, columns(t(L, 'report.managers.kind')), planRows, [
    t(L, 'report.total'),
    t(L, 'report.managers.plan'),
    ...Array.from({ length: SHOWN_MONTHS + 1 }, (_, k) => columnSum(planFirst, planLast, MONTH_COL + k)),
  ]);
  if (m.managers.length > 0) {
    g.style({ row: planFirst, col: MONTH_COL, rows: m.managers.length, cols: SHOWN_MONTHS }, { background: COLOUR.input, bold: true });
  }
  g.style({ row: plan.first, col: MONTH_COL, rows: rowsOf, cols: SHOWN_MONTHS + 1 }, { numberFormat: moneyFormat(ctx) });
  g.inputs = {
    blocks: [
      {
        id: 'plan',
        row: planFirst,
        col: MONTH_COL,
        rowKeys: [...m.managers],
        colKeys: m.months.map(monthKey),
        label: t(L, 'report.managers.planLabel'),
        rowLabels: names.slice(0, m.managers.length),
        colLabels: m.months.map((mi) => monthLabel(L, mi)),
      },
    ],
    kept: keptInputsWords(L),
  };
  row = plan.last + 2;

  // Fact / plan: formulas over the revenue rows below and the plan cells above.
  writeSection(g, row, 1, t(L, 'report.managers.ofPlan'), TWELVE_COL);
  const factTop = row + 1;
  const factFirst = factTop + 1;
  const figures = figuresOf(hasProfit, moneyFormat(ctx));
  // The revenue figure block comes first after this one: its "this year" row of manager r.
  const revenueTop = factFirst + rowsOf + 1;
  const revenueNow = (r: number, k: number): string => a1(revenueTop + 2 + 3 * r, MONTH_COL + k);
  const planOf = (r: number, k: number): string => a1(plan.first + r, MONTH_COL + k);
  const ratio = (r: number, k: number): Cell => ({ formula: `=IFERROR(${revenueNow(r, k)}/${planOf(r, k)},"")` });
  writeTable(
    g,
    factTop,
    1,
    columns(t(L, 'report.managers.kind')),
    names.map((name, r) => [name, t(L, 'report.managers.ofPlan'), ...Array.from({ length: SHOWN_MONTHS + 1 }, (_, k) => ratio(r, k))]),
  );
  const factArea = { row: factFirst, col: MONTH_COL, rows: rowsOf, cols: SHOWN_MONTHS + 1 };
  g.style(factArea, { numberFormat: FORMAT.percent });
  g.style({ row: factFirst + rowsOf - 1, col: 1, rows: 1, cols: TWELVE_COL }, { bold: true, background: COLOUR.same });
  g.conditionalFormats.push(
    { area: factArea, when: 'atLeast', value: 1, background: COLOUR.good },
    { area: factArea, when: 'below', value: 1, background: COLOUR.bad },
  );
  row = factFirst + rowsOf + 1;

  // The figures: this year, a year earlier, the change, per manager and in total.
  const pointsFormat = `+0.0" ${t(L, 'report.managers.pp')}";-0.0" ${t(L, 'report.managers.pp')}";0.0" ${t(L, 'report.managers.pp')}"`;
  const cell = (v: number | null): Cell => (v === null || !Number.isFinite(v) ? '' : v);
  for (const figure of figures) {
    writeSection(g, row, 1, t(L, figure.key), TWELVE_COL);
    const top = row + 1;
    const lines: Cell[][] = [];
    for (let r = 0; r < rowsOf; r++) {
      const now = [...m.figures.map((f) => figure.value(f[r])), figure.value(m.twelveMonths[r])];
      const before = [...m.yearAgoFigures.map((f) => figure.value(f[r])), figure.value(m.twelveMonthsYearAgo[r])];
      const change = now.map((v, k) => changeOf(v, before[k], Boolean(figure.points)));
      const scaled = figure.points ? change.map((v) => (v === null ? null : v * 100)) : change;
      lines.push(
        [names[r], t(L, 'report.managers.now'), ...now.map(cell)],
        ['', t(L, 'report.managers.yearAgo'), ...before.map(cell)],
        ['', t(L, 'report.managers.change'), ...scaled.map(cell)],
      );
    }
    const table = writeTable(g, top, 1, columns(t(L, 'report.managers.kind')), lines);
    for (let r = 0; r < rowsOf; r++) {
      const first = table.first + 3 * r;
      g.style({ row: first, col: MONTH_COL, rows: 2, cols: SHOWN_MONTHS + 1 }, { numberFormat: figure.format });
      g.style({ row: first + 1, col: 2, rows: 1, cols: TWELVE_COL - 1 }, { fontColor: '#5f6368' });
      g.style(
        { row: first + 2, col: MONTH_COL, rows: 1, cols: SHOWN_MONTHS + 1 },
        { numberFormat: figure.points ? pointsFormat : CHANGE_FORMAT, italic: true },
      );
    }
    g.style({ row: table.first + 3 * (rowsOf - 1), col: 1, rows: 3, cols: TWELVE_COL }, { bold: true, background: COLOUR.same });
    row = table.last + 2;
  }
  g.put(row - 1, 1, [t(L, 'report.managers.changeNote')]);
  g.style({ row: row - 1, col: 1, rows: 1, cols: 1 }, { italic: true, fontColor: '#5f6368' });
  row += 1;

  // Shipments per week, and the weeks without any.
  writeSection(g, row, 1, t(L, 'report.managers.weeksSection'), rowsOf + 1);
  g.put(row + 1, 1, [t(L, 'report.managers.weeksNote', { weeks: m.weeks.length, from: isoOfDay(m.weeks[0].start) })]);
  g.style({ row: row + 1, col: 1, rows: 1, cols: 1 }, { italic: true, fontColor: '#5f6368' });
  const weekRows: Cell[][] = m.weeks.map((w) => [dateOf(w.start), ...w.purchases]);
  const without = names.map((_, r) => m.weeks.filter((w) => w.purchases[r] === 0).length);
  const weeks = writeTable(
    g,
    row + 2,
    1,
    [{ header: t(L, 'report.managers.weekStart'), format: dateFormat(ctx) }, ...names.map((n) => ({ header: n, format: FORMAT.count }))],
    weekRows,
    [t(L, 'report.managers.weeksWithout'), ...without],
  );

  const nps = shown.nps ?? null;
  writeNpsBlock(
    g,
    ctx,
    weeks.last + 2,
    1,
    {
      title: t(L, 'report.nps.managerTitle'),
      rowHeader: t(L, 'report.manager'),
      labels: names.slice(0, m.managers.length),
      figures: nps ? m.managers.map((name) => nps.managers.get(name)!) : [],
    },
    nps,
  );

  // The chart: revenue against plan per manager, the last full month (its plan cells: the chart follows a typed plan).
  const chartMonth = SHOWN_MONTHS - 2;
  const chartCol = TWELVE_COL + 2;
  const chartTop = planTop;
  g.put(chartTop, chartCol, [t(L, 'report.manager'), t(L, 'report.managers.chartFact'), t(L, 'report.managers.chartPlan')]);
  g.style({ row: chartTop, col: chartCol, rows: 1, cols: 3 }, { bold: true, background: COLOUR.header });
  m.managers.forEach((_, r) =>
    g.put(chartTop + 1 + r, chartCol, [names[r], { formula: `=${revenueNow(r, chartMonth)}` }, { formula: `=${planOf(r, chartMonth)}` }]),
  );
  if (m.managers.length > 0) {
    g.style({ row: chartTop + 1, col: chartCol + 1, rows: m.managers.length, cols: 2 }, { numberFormat: moneyFormat(ctx) });
    g.charts.push({
      type: 'column',
      data: { row: chartTop, col: chartCol, rows: m.managers.length + 1, cols: 3 },
      anchor: { row: chartTop + m.managers.length + 2, col: chartCol },
      title: t(L, 'report.managers.chart', { month: monthLabel(L, m.months[chartMonth]) }),
      width: 560,
      height: 320,
    });
  }

  const total = m.twelveMonths[rowsOf - 1];
  const totalBefore = m.twelveMonthsYearAgo[rowsOf - 1];
  const change = changeOf(total.revenue, totalBefore.revenue, false);
  return g.spec({
    kind: 'managers',
    key: 'managers',
    name: t(L, 'report.managers.name'),
    summary: t(L, 'report.managers.summary', {
      count: formatNumber(ctx, m.managers.length),
      n: m.managers.length,
      revenue: formatNumber(ctx, total.revenue),
      change: change === null ? '—' : `${change >= 0 ? '+' : ''}${formatPercent(ctx, change)}`,
    }),
    columnWidths: [200, 110, ...new Array<number>(SHOWN_MONTHS).fill(92), 110, 24, 180, 110, 110],
    frozenColumns: 2,
  });
}

export type { ManagerMonths };
