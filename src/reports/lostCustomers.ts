/**
 * Lost customers (docs/definitions.md: ABC / XYZ; churn and lost customers): for the
 * lost ratio's period (by default the year before the as-of date), per manager the
 * customers at its start, those lost at its end, the ratio (a yearly rate next to the
 * yearly benchmarks), the customers won back and the revenue lost a year; then every
 * customer lost as of the as-of date with their return priority, most worth
 * returning first.
 */
import { abcXyz, abcXyzLabel, checkAbcXyzOptions, returnPriority } from '../core/abcXyz';
import { type BaseInterval, LOST_PERIOD_DAYS, type LostRatio, type LostRatioTally, lostCustomers, lostRatio } from '../core/churn';
import { compareManagers } from '../core/migration';
import { type MessageKey, t } from '../i18n/catalogue';
import { type ReportContext, type SheetContext } from './context';
import {
  FORMAT,
  moneyFormat,
  SheetGrid,
  dateCache,
  dateFormat,
  formatNumber,
  formatPercent,
  managerName,
  writeHeader,
  writeSection,
  writeTable,
  xyzBasisRow,
} from './layout';
import { type Cell, type SheetSpec } from './sheetSpec';

/** One lost customer as the list shows them. */
export interface LostListRow {
  name: string;
  manager: string;
  purchases: number;
  lastPurchase: number;
  daysSince: number;
  usualInterval: number;
  yearlyValue: number;
  abc: number;
  xyz: number;
  priority: number;
  email: string;
  phone: string;
}

/** The figures the Lost customers sheet shows: what the in-sheet summary gives, or the warehouse's queries. */
export interface LostFigures {
  base: BaseInterval;
  lostCount: number;
  ratios: LostRatio;
  /** Every lost customer, return first .. let go, then by yearly value (or the first of them, see `listNote`). */
  list: LostListRow[];
  /** Lines shown under the list's title, for a list that is not all here (the warehouse edition's big lists). */
  listNote?: string[];
}

export function buildLostCustomers(ctx: ReportContext): SheetSpec {
  const { summary } = ctx;
  const lost = lostCustomers(summary, ctx.params.lost);
  const classes = abcXyz(summary, checkAbcXyzOptions(ctx.params.abcXyz));
  const priority = new Uint8Array(summary.size);
  for (let i = 0; i < summary.size; i++) priority[i] = returnPriority(classes.abc[i], classes.xyz[i]);
  // Every lost customer, return first .. let go, then by yearly value.
  const who: number[] = [];
  for (let i = 0; i < summary.size; i++) if (lost.lost[i]) who.push(i);
  who.sort((a, b) => priority[a] - priority[b] || lost.yearlyValue[b] - lost.yearlyValue[a] || a - b);
  return lostCustomersSheet(ctx, {
    base: lost.base,
    lostCount: lost.lostCount,
    ratios: lostRatio(ctx.orders, ctx.params.lostPeriod, ctx.params.lost),
    list: who.map((i) => ({
      name: summary.name[i],
      manager: summary.manager[i],
      purchases: summary.purchases[i],
      lastPurchase: summary.lastPurchase[i],
      daysSince: lost.daysSinceLast[i],
      usualInterval: lost.usualInterval[i],
      yearlyValue: lost.yearlyValue[i],
      abc: classes.abc[i],
      xyz: classes.xyz[i],
      priority: priority[i],
      email: summary.email[i],
      phone: summary.phone[i],
    })),
  });
}

/** The Lost customers sheet from its figures (the in-sheet build above, or the warehouse edition's). */
export function lostCustomersSheet(ctx: SheetContext, figures: LostFigures): SheetSpec {
  const L = ctx.lang;
  const xyzOptions = checkAbcXyzOptions(ctx.params.abcXyz);
  const period = ctx.params.lostPeriod;
  const days = period.to - period.from;
  const ratios = figures.ratios;
  const dateOf = dateCache(ctx);
  const { base } = figures;
  const g = new SheetGrid();
  let row = writeHeader(g, ctx, t(L, 'report.lost.title'), [
    [t(L, 'report.lost.factor'), ctx.params.lost.factor, FORMAT.ratio],
    [t(L, 'report.lost.globalInterval'), base.days, FORMAT.count],
    [
      t(L, 'report.lost.intervalWhy'),
      base.fallback
        ? t(L, 'report.lost.intervalFallback', { n: base.customers, min: ctx.params.lost.minSecondPurchases, days: base.days })
        : t(L, 'report.lost.intervalFrom', { n: base.customers, share: Math.round(ctx.params.lost.secondPurchasePercentile * 100) }),
    ],
    [t(L, 'report.lost.periodFrom'), dateOf(period.from), dateFormat(ctx)],
    [t(L, 'report.lost.periodTo'), dateOf(period.to - 1), dateFormat(ctx)],
    // The return priority rests on the class: say what XYZ measured.
    xyzBasisRow(L, xyzOptions),
  ]);

  // Per manager, over the period: at the start, lost at the end, won back.
  const tally = (s: LostRatioTally): Cell[] => [s.atStart, s.lost, Number.isNaN(s.ratio) ? '' : s.ratio, s.wonBack, s.lostYearlyValue];
  const managerRows: Cell[][] = [...ratios.byManager.entries()]
    .sort((a, b) => compareManagers(a[0], b[0]))
    .map(([m, s]) => [managerName(L, m), ...tally(s)]);
  writeSection(g, row, 1, t(L, 'report.lost.byManager', { n: days }), 6);
  const perManager = writeTable(
    g,
    row + 1,
    1,
    [
      { header: t(L, 'report.manager') },
      { header: t(L, 'report.lost.atStart'), format: FORMAT.count, wrap: true },
      { header: t(L, 'report.lost.lost'), format: FORMAT.count, wrap: true },
      { header: t(L, days === LOST_PERIOD_DAYS ? 'report.lost.ratioYear' : 'report.lost.ratio'), format: FORMAT.percent, wrap: true },
      { header: t(L, 'report.lost.wonBack'), format: FORMAT.count, wrap: true },
      { header: t(L, 'report.lost.value'), format: moneyFormat(ctx), wrap: true },
    ],
    managerRows,
    [t(L, 'report.total'), ...tally(ratios)],
  );
  // The benchmarks are yearly: comparable only when the period is a year.
  g.put(perManager.last + 1, 1, [t(L, days === LOST_PERIOD_DAYS ? 'report.lost.benchmark' : 'report.lost.benchmarkNotYear', { n: days })]);
  g.style({ row: perManager.last + 1, col: 1, rows: 1, cols: 1 }, { italic: true, fontColor: '#5f6368' });
  row = perManager.last + 3;

  // Labels per distinct value, not per row: at most 9 classes and 4 priorities.
  const noManager = managerName(L, '');
  const classLabels = Array.from({ length: 9 }, (_, c) => abcXyzLabel(Math.floor(c / 3), c % 3));
  const priorityLabels = Array.from({ length: 4 }, (_, p) => t(L, `report.priority.${p}` as MessageKey));
  const rows: Cell[][] = figures.list.map((c) => [
    c.name,
    c.manager === '' ? noManager : c.manager,
    c.purchases,
    dateOf(c.lastPurchase),
    c.daysSince,
    c.usualInterval,
    c.yearlyValue,
    classLabels[c.abc * 3 + c.xyz],
    priorityLabels[c.priority],
    c.email,
    c.phone,
  ]);
  writeSection(g, row, 1, t(L, 'report.lost.list', { n: figures.lostCount }), 11);
  for (const line of figures.listNote ?? []) {
    row++;
    g.put(row, 1, [line]);
    g.style({ row, col: 1, rows: 1, cols: 1 }, { italic: true, fontColor: '#5f6368' });
  }
  writeTable(
    g,
    row + 1,
    1,
    [
      { header: t(L, 'col.customer'), format: FORMAT.text },
      { header: t(L, 'report.manager'), format: FORMAT.text },
      { header: t(L, 'col.purchases'), format: FORMAT.count },
      { header: t(L, 'col.lastPurchase'), format: dateFormat(ctx) },
      { header: t(L, 'col.daysSince'), format: FORMAT.count },
      { header: t(L, 'col.usualInterval'), format: FORMAT.decimal },
      { header: t(L, 'col.yearlyValue'), format: moneyFormat(ctx) },
      { header: t(L, 'col.class'), align: 'center' },
      { header: t(L, 'report.lost.priority') },
      { header: t(L, 'report.email'), format: FORMAT.text },
      { header: t(L, 'report.phone'), format: FORMAT.text },
    ],
    rows,
  );

  return g.spec({
    kind: 'lost',
    key: 'lost',
    name: t(L, 'report.lost.name'),
    summary: t(L, 'report.lost.summary', {
      count: formatNumber(ctx, figures.lostCount),
      n: figures.lostCount,
      ratio: Number.isNaN(ratios.ratio) ? '—' : formatPercent(ctx, ratios.ratio),
      days,
    }),
    columnWidths: [230, 160, 110, 110, 110, 120, 120, 80, 190, 220, 150],
  });
}
