/**
 * Every figure of every warehouse report, computed twice: by the in-sheet core from
 * the rows as the sheet reads them, and by the warehouse queries from the same rows in
 * DuckDB; and the list of what differs. Used by test/warehouse.equality.test.ts and by
 * bench/warehouse.ts (1,000,000 rows).
 */
import { type AbcXyzOptions, abcXyz, returnPriority } from '../src/core/abcXyz';
import { calendarFor } from '../src/core/calendar';
import { lostCustomers, lostRatio, periodChurn, type LostRatio } from '../src/core/churn';
import { type OrderField } from '../src/core/columns';
import { SEGMENT_COUNT, lifecycleMatrix, lifecycleSegments, type LifecycleMatrix } from '../src/core/lifecycle';
import { type OrderRows, type OrderSources, type ReadReport, readOrders } from '../src/core/orders';
import { type ManagerMonths, type PeriodFigures, managerMonths } from '../src/core/managerMonths';
import { type FunnelConversion, type RepeatFunnel, repeatFunnel } from '../src/core/repeatFunnel';
import { repeatSalesShare, type RepeatShare } from '../src/core/repeatShare';
import { buildSummary, type CustomerSummary } from '../src/core/summary';
import { localeRules } from '../src/core/values';
import { type KeyCustomer, type KeyCustomers, keyCustomers } from '../src/core/keyCustomers';
import { customerHistories } from '../src/core/predictive/histories';
import { type FrequencyRow } from '../src/core/predictive/rfmInput';
import { duckDb } from '../src/sql/dialect';
import { readKeyCustomers, readKeyHistories } from '../src/sql/keyCustomers';
import { keyTopOf, type WarehouseParams, warehousePlan } from '../src/sql/reports';
import {
  type AbcXyzRows,
  type LostCustomerRow,
  type LostFigures,
  type PeriodChurnFigures,
  readAbcXyz,
  readAbcXyzCounts,
  readCustomers,
  readFunnel,
  readLost,
  readLostList,
  readManagerMonths,
  readLostRatio,
  readMatrix,
  readPeriodChurn,
  readSource,
} from '../src/sql/results';
import { type WarehouseSource } from '../src/sql/source';
import { type LocalWarehouse } from './warehouse';

/** The figures of the reports of phase 1, in the core's shapes. */
export interface ReportFigures {
  source: { readRows: number; afterAsOf: number; unreadableRows: number; returnsOnly: { customers: number; amount: number } };
  /** Per customer, in key order. */
  customers: CustomerSummary;
  matrix: LifecycleMatrix;
  repeat: RepeatShare;
  /** Customer keys of each segment's list, in list order. */
  segmentLists: string[][];
  abcXyz: AbcXyzRows;
  abcXyzCounts: number[];
  lost: LostFigures;
  lostList: LostCustomerRow[];
  lostRatio: LostRatio;
  churn: PeriodChurnFigures;
  funnel: RepeatFunnel;
  managers: ManagerMonths;
  /** The Key customers sheet: both tops as its lines show them, and the histories the P(alive) model is fitted on. */
  key: { top: number; customersNow: number; makeEightyPercent: number; rows: KeyLine[]; left: KeyLine[] };
  histories: readonly FrequencyRow[];
}

/** A line of the Key customers sheet, whoever the customer's row refers to: the key customer's figures and their person's. */
export type KeyLine = Pick<KeyCustomer, 'name' | 'rankNow' | 'rankBefore' | 'revenueNow' | 'revenueBefore' | 'change' | 'purchasesNow'> & {
  manager: string;
  lastPurchase: number;
  status: string;
};

/** The people a key customer's row refers to: the summary's (sheet) or the query's rows (warehouse). */
export interface KeyPeopleShown {
  name: ArrayLike<string>;
  manager: ArrayLike<string>;
  lastPurchase: ArrayLike<number>;
}

/** What a line of the Key customers sheet shows of a key customer, whichever people their row refers to. */
export function keyLine(c: KeyCustomer, people: KeyPeopleShown): KeyLine {
  return {
    name: people.name[c.row],
    manager: people.manager[c.row],
    lastPurchase: people.lastPurchase[c.row],
    rankNow: c.rankNow,
    rankBefore: c.rankBefore,
    revenueNow: c.revenueNow,
    revenueBefore: c.revenueBefore,
    change: c.change,
    purchasesNow: c.purchasesNow,
    status: c.status,
  };
}

function keyLines(key: KeyCustomers, people: KeyPeopleShown): ReportFigures['key'] {
  const line = (c: KeyCustomer): KeyLine => keyLine(c, people);
  return {
    top: key.top,
    customersNow: key.customersNow,
    makeEightyPercent: key.makeEightyPercent,
    rows: key.rows.map(line),
    left: key.left.map(line),
  };
}

export interface QueryCost {
  name: string;
  ms: number;
  bytes: number;
  rows: number;
}

/** Figures from the in-sheet core: the reports' own functions over the summary as of the as-of date. */
export function sheetFigures(orders: OrderRows, report: ReadReport, params: WarehouseParams): ReportFigures {
  const summary = buildSummary(orders, { asOf: params.asOf });
  const segments = lifecycleSegments(summary, params.bands);
  const lists: string[][] = Array.from({ length: SEGMENT_COUNT }, () => []);
  const bySegment: number[][] = Array.from({ length: SEGMENT_COUNT }, () => []);
  for (let i = 0; i < summary.size; i++) bySegment[segments[i]].push(i);
  for (let s = 0; s < SEGMENT_COUNT; s++) {
    // src/reports/segmentList.ts: revenue, largest first; the summary is in key order.
    bySegment[s].sort((a, b) => summary.revenue[b] - summary.revenue[a] || a - b);
    lists[s] = bySegment[s].map((i) => summary.key[i]);
  }
  const classes = abcXyz(summary, params.abcXyz);
  const byRevenue = Array.from({ length: summary.size }, (_, i) => i).sort((a, b) => summary.revenue[b] - summary.revenue[a] || a - b);
  const counts = new Array<number>(9).fill(0);
  for (let i = 0; i < summary.size; i++) counts[classes.abc[i] * 3 + classes.xyz[i]]++;
  const lost = lostCustomers(summary, params.lost);
  const priority = (i: number): number => returnPriority(classes.abc[i], classes.xyz[i]);
  const who: number[] = [];
  for (let i = 0; i < summary.size; i++) if (lost.lost[i]) who.push(i);
  // src/reports/lostCustomers.ts: return priority, then yearly value, largest first.
  who.sort((a, b) => priority(a) - priority(b) || lost.yearlyValue[b] - lost.yearlyValue[a] || a - b);
  const churn = periodChurn(summary, params.churn);
  return {
    source: {
      readRows: report.readRows,
      afterAsOf: report.afterAsOf,
      unreadableRows: report.unreadableRows,
      returnsOnly: summary.returnsOnly,
    },
    customers: summary,
    matrix: lifecycleMatrix(summary, segments),
    repeat: repeatSalesShare(summary),
    segmentLists: lists,
    abcXyz: {
      key: byRevenue.map((i) => summary.key[i]),
      name: byRevenue.map((i) => summary.name[i]),
      revenue: Float64Array.from(byRevenue, (i) => summary.revenue[i]),
      purchases: Int32Array.from(byRevenue, (i) => summary.purchases[i]),
      abc: Uint8Array.from(byRevenue, (i) => classes.abc[i]),
      xyz: Uint8Array.from(byRevenue, (i) => classes.xyz[i]),
      cv: Float64Array.from(byRevenue, (i) => classes.cv[i]),
    },
    abcXyzCounts: counts,
    lost: { base: lost.base, lostCount: lost.lostCount, lostYearlyValue: lost.lostYearlyValue },
    lostList: who.map((i) => ({
      key: summary.key[i],
      name: summary.name[i],
      manager: summary.manager[i],
      purchases: summary.purchases[i],
      lastPurchase: summary.lastPurchase[i],
      daysSince: lost.daysSinceLast[i],
      usualInterval: lost.usualInterval[i],
      yearlyValue: lost.yearlyValue[i],
      abc: classes.abc[i],
      xyz: classes.xyz[i],
      priority: priority(i),
      email: summary.email[i],
      phone: summary.phone[i],
    })),
    lostRatio: lostRatio(orders, params.lostPeriod, params.lost),
    churn: (({ status: _status, ...rest }) => rest)(churn),
    funnel: repeatFunnel(summary),
    managers: managerMonths(orders, summary, { activeTo: params.bands.activeTo, lost: params.lost }),
    key: keyLines(keyCustomers(orders, summary, keyTopOf(params)), summary),
    histories: customerHistories(summary),
  };
}

/** The same figures from the warehouse: every query run in DuckDB, with what each cost. */
export async function warehouseFigures(
  wh: LocalWarehouse,
  source: WarehouseSource,
  params: WarehouseParams,
  options: { staged?: boolean } = {},
): Promise<{ figures: ReportFigures; costs: QueryCost[] }> {
  const plan = warehousePlan(duckDb, source, params, options);
  const q = plan.queries;
  const costs: QueryCost[] = [];
  const run = async (name: string, sql: string) => {
    const r = await wh.query(sql);
    costs.push({ name, ms: r.ms, bytes: r.bytes, rows: r.rows.length });
    return r.rows;
  };
  for (const [i, sql] of plan.setup.entries()) await run(`setup ${i + 1}`, sql);
  try {
    return { figures: await readAll(run, q, params, Boolean(source.columns.profit || source.columns.margin)), costs };
  } finally {
    for (const sql of plan.teardown) await wh.run(sql);
  }
}

async function readAll(
  run: (name: string, sql: string) => Promise<Record<string, unknown>[]>,
  q: ReturnType<typeof warehousePlan>['queries'],
  params: WarehouseParams,
  hasProfit: boolean,
): Promise<ReportFigures> {
  const counts = readSource(await run('source', q.source));
  const top = keyTopOf(params);
  const { key, people } = readKeyCustomers(
    await run('keyCustomers', q.keyCustomers),
    await run('keyPareto', q.keyPareto),
    top,
    params.asOf,
  );
  const customers = readCustomers(await run('summary', q.summary), params.asOf);
  customers.returnsOnly = counts.returnsOnly;
  const { matrix, repeat } = readMatrix(await run('matrix', q.matrix));
  const segmentLists: string[][] = [];
  for (let s = 0; s < SEGMENT_COUNT; s++)
    segmentLists.push(readCustomers(await run(`segmentList ${s}`, q.segmentList(s)), params.asOf).key);
  const figures: ReportFigures = {
    source: {
      readRows: counts.readRows,
      afterAsOf: counts.afterAsOf,
      unreadableRows: counts.unreadableRows,
      returnsOnly: counts.returnsOnly,
    },
    customers,
    matrix,
    repeat,
    segmentLists,
    abcXyz: readAbcXyz(await run('abcXyz', q.abcXyz), params.abcXyz.basis),
    abcXyzCounts: readAbcXyzCounts(await run('abcXyzCounts', q.abcXyzCounts)),
    lost: readLost(await run('lost', q.lost)),
    lostList: readLostList(await run('lostList', q.lostList)),
    lostRatio: readLostRatio(await run('lostRatio', q.lostRatio), params.lostPeriod),
    churn: readPeriodChurn(await run('periodChurn', q.periodChurn), params.asOf, params.churn),
    funnel: readFunnel(await run('funnelCohorts', q.funnelCohorts), await run('funnelConversions', q.funnelConversions), params.asOf),
    managers: readManagerMonths(
      await run('managerMonths', q.managerMonths),
      await run('managerWeeks', q.managerWeeks),
      params.asOf,
      hasProfit,
    ),
    key: keyLines(key, people),
    histories: readKeyHistories(await run('keyHistories', q.keyHistories), params.asOf),
  };
  return figures;
}

/** Relative difference of two shares or ratios, 0 when both are the same non-finite value. */
function apart(a: number, b: number): number {
  if (Object.is(a, b) || (Number.isNaN(a) && Number.isNaN(b))) return 0;
  return Math.abs(a - b) / Math.max(1, Math.abs(a), Math.abs(b));
}

/**
 * What differs between two sets of figures, as readable lines (empty when equal):
 * counts, days, classes and money exactly (money is whole cents on both sides), shares and
 * CVs to 1e-12.
 */
export function figureDifferences(sheet: ReportFigures, warehouse: ReportFigures, limit = 20): string[] {
  const out: string[] = [];
  const same = (what: string, a: unknown, b: unknown): void => {
    if (out.length < limit && !(Object.is(a, b) || (Number.isNaN(a) && Number.isNaN(b))))
      out.push(`${what}: sheet ${String(a)}, warehouse ${String(b)}`);
  };
  const close = (what: string, a: number, b: number): void => {
    if (out.length < limit && !(apart(a, b) <= 1e-12)) out.push(`${what}: sheet ${a}, warehouse ${b}`);
  };
  const shareOrNull = (what: string, a: number | null, b: number | null): void => {
    if (a === null || b === null) same(what, a, b);
    else close(what, a, b);
  };
  for (const k of ['readRows', 'afterAsOf', 'unreadableRows'] as const) same(`source.${k}`, sheet.source[k], warehouse.source[k]);
  same('returnsOnly.customers', sheet.source.returnsOnly.customers, warehouse.source.returnsOnly.customers);
  same('returnsOnly.amount', sheet.source.returnsOnly.amount, warehouse.source.returnsOnly.amount);

  const s = sheet.customers;
  const w = warehouse.customers;
  same('customers', s.size, w.size);
  const wAt = new Map<string, number>();
  for (let i = 0; i < w.size; i++) wAt.set(w.key[i], i);
  for (let i = 0; i < s.size && out.length < limit; i++) {
    const j = wAt.get(s.key[i]);
    if (j === undefined) {
      out.push(`customer ${s.key[i]}: not in the warehouse summary`);
      continue;
    }
    const who = `customer ${s.key[i]}`;
    same(`${who} name`, s.name[i], w.name[j]);
    same(`${who} manager`, s.manager[i], w.manager[j]);
    same(`${who} email`, s.email[i], w.email[j]);
    same(`${who} phone`, s.phone[i], w.phone[j]);
    same(`${who} purchases`, s.purchases[i], w.purchases[j]);
    same(`${who} first purchase`, s.firstPurchase[i], w.firstPurchase[j]);
    same(`${who} last purchase`, s.lastPurchase[i], w.lastPurchase[j]);
    same(`${who} revenue`, s.revenue[i], w.revenue[j]);
    if (s.profit) same(`${who} profit`, s.profit[i], w.profit ? w.profit[j] : 0);
  }
  // The warehouse lists customers in its own key order; the sheet's is code-unit order. Equal for these keys?
  same('key order', s.key.join('\n'), w.key.join('\n'));

  const m1 = sheet.matrix;
  const m2 = warehouse.matrix;
  for (let c = 0; c < SEGMENT_COUNT; c++) {
    same(`matrix customers ${c}`, m1.customers[c], m2.customers[c]);
    same(`matrix revenue ${c}`, m1.revenue[c], m2.revenue[c]);
  }
  same('matrix total customers', m1.totalCustomers, m2.totalCustomers);
  same('matrix total revenue', m1.totalRevenue, m2.totalRevenue);
  for (let c = 0; c < 3; c++) close(`count share ${c}`, m1.countShares[c], m2.countShares[c]);
  close('active share', m1.activeShare, m2.activeShare);
  same('first-purchase revenue', sheet.repeat.firstRevenue, warehouse.repeat.firstRevenue);
  same('repeat revenue', sheet.repeat.repeatRevenue, warehouse.repeat.repeatRevenue);
  close('repeat share', sheet.repeat.share, warehouse.repeat.share);
  same('maturity level', sheet.repeat.level, warehouse.repeat.level);

  for (let c = 0; c < SEGMENT_COUNT; c++) same(`segment list ${c}`, sheet.segmentLists[c].join('\n'), warehouse.segmentLists[c].join('\n'));

  const a1 = sheet.abcXyz;
  const a2 = warehouse.abcXyz;
  same('abcXyz rows', a1.key.length, a2.key.length);
  for (let i = 0; i < a1.key.length && out.length < limit; i++) {
    const who = `abcXyz row ${i + 1} (${a1.key[i]})`;
    same(`${who} key`, a1.key[i], a2.key[i]);
    same(`${who} revenue`, a1.revenue[i], a2.revenue[i]);
    same(`${who} abc`, a1.abc[i], a2.abc[i]);
    same(`${who} xyz`, a1.xyz[i], a2.xyz[i]);
    close(`${who} cv`, a1.cv[i], a2.cv[i]);
  }
  for (let c = 0; c < 9; c++) same(`class count ${c}`, sheet.abcXyzCounts[c], warehouse.abcXyzCounts[c]);

  same('base interval days', sheet.lost.base.days, warehouse.lost.base.days);
  same('base interval customers', sheet.lost.base.customers, warehouse.lost.base.customers);
  same('base interval fallback', sheet.lost.base.fallback, warehouse.lost.base.fallback);
  same('lost customers', sheet.lost.lostCount, warehouse.lost.lostCount);
  same('lost yearly value', sheet.lost.lostYearlyValue, warehouse.lost.lostYearlyValue);
  same('lost list length', sheet.lostList.length, warehouse.lostList.length);
  for (let i = 0; i < sheet.lostList.length && i < warehouse.lostList.length && out.length < limit; i++) {
    const a = sheet.lostList[i];
    const b = warehouse.lostList[i];
    for (const k of Object.keys(a) as (keyof LostCustomerRow)[]) same(`lost row ${i + 1} (${a.key}) ${k}`, a[k], b[k]);
  }

  const r1 = sheet.lostRatio;
  const r2 = warehouse.lostRatio;
  const tally = (what: string, a: LostRatio | undefined, b: LostRatio | undefined): void => {
    if (!a || !b) {
      same(`${what} present`, Boolean(a), Boolean(b));
      return;
    }
    same(`${what} at start`, a.atStart, b.atStart);
    same(`${what} lost`, a.lost, b.lost);
    close(`${what} ratio`, a.ratio, b.ratio);
    same(`${what} won back`, a.wonBack, b.wonBack);
    same(`${what} lost yearly value`, a.lostYearlyValue, b.lostYearlyValue);
  };
  tally('lost ratio', r1, r2);
  same('lost ratio managers', [...r1.byManager.keys()].sort().join('|'), [...r2.byManager.keys()].sort().join('|'));
  for (const [name, t] of r1.byManager)
    tally(`lost ratio of ${name || '(none)'}`, { ...r1, ...t }, r2.byManager.has(name) ? { ...r2, ...r2.byManager.get(name)! } : undefined);

  const c1 = sheet.churn;
  const c2 = warehouse.churn;
  for (const k of ['periodStart', 'periodEnd', 'baseStart', 'base', 'churned', 'retained', 'newInPeriod'] as const)
    same(`churn ${k}`, c1[k], c2[k]);
  close('churn rate', c1.rate, c2.rate);

  const f1 = sheet.funnel;
  const f2 = warehouse.funnel;
  same('funnel cohorts', f1.cohorts.map((c) => c.month).join(' '), f2.cohorts.map((c) => c.month).join(' '));
  for (let i = 0; i < f1.cohorts.length && i < f2.cohorts.length && out.length < limit; i++) {
    const a = f1.cohorts[i];
    const b = f2.cohorts[i];
    const who = `funnel cohort ${a.month}`;
    same(`${who} start`, a.start, b.start);
    same(`${who} customers`, a.customers, b.customers);
    same(`${who} repeated`, a.repeated, b.repeated);
    shareOrNull(`${who} repeated share`, a.repeatedShare, b.repeatedShare);
    for (let k = 0; k < a.within.length; k++) {
      same(`${who} within ${k + 1}`, a.within[k], b.within[k]);
      shareOrNull(`${who} share ${k + 1}`, a.share[k], b.share[k]);
    }
  }
  const conversion = (what: string, a: FunnelConversion, b: FunnelConversion | undefined): void => {
    if (!b) return void same(`${what} present`, true, false);
    same(`${what} manager`, a.manager, b.manager);
    for (let k = 0; k < 4; k++) same(`${what} at least ${k + 1}`, a.atLeast[k], b.atLeast[k]);
    for (let k = 0; k < 3; k++) close(`${what} rate ${k + 1} -> ${k + 2}`, a.rates[k], b.rates[k]);
    same(`${what} median days to a second purchase`, a.medianDaysToSecond, b.medianDaysToSecond);
  };
  conversion('funnel total', f1.total, f2.total);
  same('funnel managers', f1.managers.map((m) => m.manager).join('|'), f2.managers.map((m) => m.manager).join('|'));
  for (let i = 0; i < f1.managers.length; i++)
    conversion(`funnel of ${f1.managers[i].manager || '(none)'}`, f1.managers[i], f2.managers[i]);

  const g1 = sheet.managers;
  const g2 = warehouse.managers;
  same('Managers: managers', g1.managers.join('|'), g2.managers.join('|'));
  same('Managers: months', g1.months.join(' '), g2.months.join(' '));
  same('Managers: current month partial', g1.currentPartial, g2.currentPartial);
  same('Managers: periods', JSON.stringify(g1.periods), JSON.stringify(g2.periods));
  same('Managers: year-earlier periods', JSON.stringify(g1.yearAgo), JSON.stringify(g2.yearAgo));
  const names = [...g1.managers.map((m) => m || '(none)'), 'total'];
  const figures = (what: string, a: PeriodFigures[], b: PeriodFigures[] | undefined): void => {
    same(`${what} rows`, a.length, b?.length);
    for (let i = 0; b && i < a.length && i < b.length && out.length < limit; i++)
      for (const k of Object.keys(a[i]) as (keyof PeriodFigures)[]) same(`${what} ${names[i]} ${k}`, a[i][k], b[i][k]);
  };
  for (let k = 0; k < g1.months.length; k++) {
    figures(`Managers: month ${g1.months[k]}`, g1.figures[k], g2.figures[k]);
    figures(`Managers: month ${g1.months[k]} a year earlier`, g1.yearAgoFigures[k], g2.yearAgoFigures[k]);
    same(`Managers: month ${g1.months[k]} plan base`, g1.planBase[k].join(' '), (g2.planBase[k] ?? []).join(' '));
  }
  figures('Managers: 12 months', g1.twelveMonths, g2.twelveMonths);
  figures('Managers: 12 months a year earlier', g1.twelveMonthsYearAgo, g2.twelveMonthsYearAgo);
  same('Managers: weeks', JSON.stringify(g1.weeks), JSON.stringify(g2.weeks));
  const k1 = sheet.key;
  const k2 = warehouse.key;
  for (const f of ['top', 'customersNow', 'makeEightyPercent'] as const) same(`Key customers: ${f}`, k1[f], k2[f]);
  for (const side of ['rows', 'left'] as const) {
    same(`Key customers: ${side}`, k1[side].length, k2[side].length);
    k1[side].forEach((a, i) => same(`Key customers: ${side} ${i + 1}`, JSON.stringify(a), JSON.stringify(k2[side][i])));
  }
  same('P(alive) histories', sheet.histories.length, warehouse.histories.length);
  for (let i = 0; i < sheet.histories.length && out.length < limit; i++) {
    const [a, b] = [sheet.histories[i], warehouse.histories[i]];
    if (b === undefined || a.x !== b.x || a.tx !== b.tx || a.T !== b.T)
      same(`P(alive) history ${i + 1}`, JSON.stringify(a), JSON.stringify(b ?? null));
  }
  return out;
}

/** Which column of the rows holds which field (whole-table sources of src/core/orders.ts). */
export type RowColumns = Partial<Record<OrderField, number>> & { date: number; customer: number };

/** Rows read the way the add-on reads an orders tab, in a time zone and locale. */
export function readSheetRows(
  rows: readonly (readonly unknown[])[],
  columns: RowColumns,
  options: { timeZone: string; asOf: number; locale?: string },
): { orders: OrderRows; report: ReadReport } {
  const sources = {} as OrderSources;
  for (const [field, column] of Object.entries(columns) as [OrderField, number][]) {
    (sources as Record<string, unknown>)[field] = { values: rows, column, label: field };
  }
  return readOrders(sources, {
    calendar: calendarFor(options.timeZone),
    rules: localeRules(options.locale ?? 'en_US'),
    firstRow: 2,
    asOf: options.asOf,
  });
}

/** Figures of both sides for the same rows, and their differences. */
export async function compareOnRows(
  wh: LocalWarehouse,
  rows: readonly (readonly unknown[])[],
  columns: RowColumns,
  source: WarehouseSource,
  params: WarehouseParams,
  options: { staged?: boolean } = {},
): Promise<{ differences: string[]; sheet: ReportFigures; warehouse: ReportFigures; costs: QueryCost[] }> {
  const { orders, report } = readSheetRows(rows, columns, { timeZone: source.timeZone, asOf: params.asOf });
  const sheet = sheetFigures(orders, report, params);
  const { figures, costs } = await warehouseFigures(wh, source, params, options);
  return { differences: figureDifferences(sheet, figures), sheet, warehouse: figures, costs };
}

export type { AbcXyzOptions };
