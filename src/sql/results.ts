/**
 * Warehouse result rows turned into the figures of src/core, so that the report
 * builders get what they get in the sheet. Rows are plain objects by column name;
 * values may be numbers, bigints or the strings BigQuery's REST API returns
 * (jobs.getQueryResults gives every cell as text), and NULL is null.
 */
import { type BaseInterval, type LostRatio, type LostRatioTally, type PeriodChurn } from '../core/churn';
import { type LifecycleMatrix, SEGMENT_COUNT } from '../core/lifecycle';
import { type ManagerMonths, type PeriodFigures, SHOWN_MONTHS, sumFigures } from '../core/managerMonths';
import { fromCents, toCents } from '../core/money';
import { type RepeatShare, maturityLevel } from '../core/repeatShare';
import { type CustomerSummary } from '../core/summary';
import { periodIndex, periodStart } from '../core/calendar';
import { compareManagers } from '../core/migration';
import { FUNNEL_MONTHS, type FunnelCohort, type FunnelConversion, type RepeatFunnel } from '../core/repeatFunnel';
import { firstCohortMonth } from './funnel';
import { MONTH_SLOTS, SLOTS, SLOT_TWELVE, SLOT_TWELVE_AGO, SLOT_YEAR_AGO_TO_DATE, managerSlots } from './managers';
import { WarehouseError } from './messages';

export type ResultRow = Readonly<Record<string, unknown>>;

function cell(row: ResultRow, column: string): unknown {
  if (!(column in row)) throw new WarehouseError('sql.missingResultColumn', { column });
  return row[column];
}

/** A number cell; NULL is NaN. */
export function numberOf(row: ResultRow, column: string): number {
  const v = cell(row, column);
  if (v === null || v === undefined) return NaN;
  const n = typeof v === 'number' ? v : typeof v === 'bigint' ? Number(v) : typeof v === 'string' && v.trim() !== '' ? Number(v) : NaN;
  if (Number.isNaN(n)) throw new WarehouseError('sql.badNumber', { value: String(v), column });
  return n;
}

/** A whole-number cell (counts, days, cents); exact while below 2^53. */
export function intOf(row: ResultRow, column: string): number {
  const n = numberOf(row, column);
  if (!Number.isSafeInteger(n)) throw new WarehouseError('sql.badNumber', { value: String(cell(row, column)), column });
  return n;
}

export function textOf(row: ResultRow, column: string): string {
  const v = cell(row, column);
  return v === null || v === undefined ? '' : String(v);
}

export function boolOf(row: ResultRow, column: string): boolean {
  const v = cell(row, column);
  return v === true || v === 'true' || v === 1 || v === '1';
}

/** What the source query counts: the sidebar's read report and every report header's row counts. */
export interface SourceCounts {
  /** Rows with anything in them (blank rows left out), as ReadReport.rows. */
  rows: number;
  blankRows: number;
  readRows: number;
  unreadableRows: number;
  afterAsOf: number;
  firstDay: number;
  lastDay: number;
  returnsOnly: { customers: number; amount: number };
}

export function readSource(rows: readonly ResultRow[]): SourceCounts {
  const r = rows[0];
  const all = intOf(r, 'all_rows');
  const blank = intOf(r, 'blank_rows');
  const read = intOf(r, 'read_rows');
  return {
    rows: all - blank,
    blankRows: blank,
    readRows: read,
    unreadableRows: all - blank - read,
    afterAsOf: intOf(r, 'after_as_of'),
    firstDay: numberOf(r, 'first_day'),
    lastDay: numberOf(r, 'last_day'),
    returnsOnly: { customers: intOf(r, 'returns_only_customers'), amount: fromCents(intOf(r, 'returns_only_cents')) },
  };
}

/** The lifecycle matrix and the repeat sales share, as src/core lifecycleMatrix and repeatSalesShare give them. */
export function readMatrix(rows: readonly ResultRow[]): { matrix: LifecycleMatrix; repeat: RepeatShare } {
  const customers = new Array<number>(SEGMENT_COUNT).fill(0);
  const revenueCents = new Array<number>(SEGMENT_COUNT).fill(0);
  let firstCents = 0;
  for (const row of rows) {
    const s = intOf(row, 'segment');
    customers[s] = intOf(row, 'customers');
    revenueCents[s] = intOf(row, 'revenue_cents');
    firstCents += intOf(row, 'first_cents');
  }
  const totalCents = revenueCents.reduce((a, b) => a + b, 0);
  const total = customers.reduce((a, b) => a + b, 0);
  const share = (n: number): number => (total === 0 ? 0 : n / total);
  const row = (c: number): number => customers[c * 3] + customers[c * 3 + 1] + customers[c * 3 + 2];
  const matrix: LifecycleMatrix = {
    customers,
    revenue: revenueCents.map(fromCents),
    totalCustomers: total,
    totalRevenue: fromCents(totalCents),
    countShares: [share(row(0)), share(row(1)), share(row(2))],
    activeShare: share(customers[0] + customers[3] + customers[6]),
  };
  // The same divisions as src/core/repeatShare.ts, from the same whole cents.
  const repeat = fromCents(totalCents - firstCents);
  const totalRevenue = fromCents(totalCents);
  const repeatShare = totalRevenue > 0 ? repeat / totalRevenue : NaN;
  return {
    matrix,
    repeat: {
      totalRevenue,
      firstRevenue: fromCents(firstCents),
      repeatRevenue: repeat,
      share: repeatShare,
      level: maturityLevel(repeatShare),
    },
  };
}

/**
 * Customer rows (the summary query, a segment's list, the lost list) as a CustomerSummary
 * holding only those customers, in the rows' order, without events: what a list report
 * (src/reports/segmentList.ts) reads from the summary.
 */
export function readCustomers(rows: readonly ResultRow[], asOf: number, window: { from?: number } = {}): CustomerSummary {
  const size = rows.length;
  const hasProfit = rows.some((r) => 'profit_cents' in r && r.profit_cents !== null);
  const summary: CustomerSummary = {
    asOf,
    from: window.from ?? -Infinity,
    size,
    ref: Int32Array.from({ length: size }, (_, i) => i),
    key: rows.map((r) => textOf(r, 'customer_key')),
    name: rows.map((r) => textOf(r, 'name')),
    manager: rows.map((r) => textOf(r, 'manager')),
    email: rows.map((r) => textOf(r, 'email')),
    phone: rows.map((r) => textOf(r, 'phone')),
    firstPurchase: Int32Array.from(rows, (r) => intOf(r, 'first_purchase')),
    lastPurchase: Int32Array.from(rows, (r) => intOf(r, 'last_purchase')),
    purchases: Int32Array.from(rows, (r) => intOf(r, 'purchases')),
    revenue: Float64Array.from(rows, (r) => fromCents(intOf(r, 'revenue_cents'))),
    profit: hasProfit ? Float64Array.from(rows, (r) => fromCents(intOf(r, 'profit_cents'))) : null,
    // The events stay in the warehouse: one start per customer, all empty.
    start: new Int32Array(size + 1),
    eventDay: new Int32Array(0),
    eventAmount: new Float64Array(0),
    eventIsPurchase: new Uint8Array(0),
    returnsOnly: { customers: 0, amount: 0 },
  };
  return summary;
}

/** ABC, XYZ and XYZ's CV per customer (src/core/abcXyz.ts AbcXyzResult), keyed by customer key. */
export interface AbcXyzRows {
  key: string[];
  name: string[];
  revenue: Float64Array;
  purchases: Int32Array;
  abc: Uint8Array;
  xyz: Uint8Array;
  /** NaN where there is none (one purchase; fewer than two gaps); Infinity for a revenue mean that is not positive. */
  cv: Float64Array;
}

export function readAbcXyz(rows: readonly ResultRow[], basis: 'intervals' | 'revenue'): AbcXyzRows {
  return {
    key: rows.map((r) => textOf(r, 'customer_key')),
    name: rows.map((r) => textOf(r, 'name')),
    revenue: Float64Array.from(rows, (r) => fromCents(intOf(r, 'revenue_cents'))),
    purchases: Int32Array.from(rows, (r) => intOf(r, 'purchases')),
    abc: Uint8Array.from(rows, (r) => intOf(r, 'abc')),
    xyz: Uint8Array.from(rows, (r) => intOf(r, 'xyz')),
    cv: Float64Array.from(rows, (r) => {
      const v = numberOf(r, 'xyz_cv');
      if (!Number.isNaN(v)) return v;
      return basis === 'revenue' && intOf(r, 'purchases') >= 2 ? Infinity : NaN;
    }),
  };
}

/** Customers per ABC/XYZ class: counts[abc * 3 + xyz], AX first. */
export function readAbcXyzCounts(rows: readonly ResultRow[]): number[] {
  const counts = new Array<number>(9).fill(0);
  for (const r of rows) counts[intOf(r, 'abc') * 3 + intOf(r, 'xyz')] = intOf(r, 'customers');
  return counts;
}

/** The lost customers' figures (src/core/churn.ts LostCustomers: base, lostCount, lostYearlyValue). */
export interface LostFigures {
  base: BaseInterval;
  lostCount: number;
  lostYearlyValue: number;
}

export function readLost(rows: readonly ResultRow[]): LostFigures {
  const r = rows[0];
  return {
    base: { days: intOf(r, 'base_days'), customers: intOf(r, 'base_customers'), fallback: boolOf(r, 'base_fallback') },
    lostCount: intOf(r, 'lost_customers'),
    lostYearlyValue: fromCents(intOf(r, 'lost_yearly_cents')),
  };
}

/** A lost customer of the list with what the Lost customers sheet shows of them. */
export interface LostCustomerRow {
  key: string;
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

export function readLostList(rows: readonly ResultRow[]): LostCustomerRow[] {
  return rows.map((r) => ({
    key: textOf(r, 'customer_key'),
    name: textOf(r, 'name'),
    manager: textOf(r, 'manager'),
    purchases: intOf(r, 'purchases'),
    lastPurchase: intOf(r, 'last_purchase'),
    daysSince: intOf(r, 'days_since'),
    usualInterval: numberOf(r, 'usual_interval'),
    yearlyValue: fromCents(intOf(r, 'yearly_cents')),
    abc: intOf(r, 'abc'),
    xyz: intOf(r, 'xyz'),
    priority: intOf(r, 'priority'),
    email: textOf(r, 'email'),
    phone: textOf(r, 'phone'),
  }));
}

/** The lost ratio of a period per manager and in total, as src/core/churn.ts lostRatio gives it. */
export function readLostRatio(rows: readonly ResultRow[], period: { from: number; to: number }): LostRatio {
  const byManager = new Map<string, LostRatioTally>();
  const total = { atStart: 0, lost: 0, wonBack: 0, cents: 0 };
  const tally = (atStart: number, lost: number, wonBack: number, cents: number): LostRatioTally => ({
    atStart,
    lost,
    ratio: atStart === 0 ? NaN : lost / atStart,
    wonBack,
    lostYearlyValue: fromCents(cents),
  });
  for (const r of rows) {
    const t = [intOf(r, 'at_start'), intOf(r, 'lost'), intOf(r, 'won_back'), intOf(r, 'lost_yearly_cents')] as const;
    byManager.set(textOf(r, 'manager'), tally(...t));
    total.atStart += t[0];
    total.lost += t[1];
    total.wonBack += t[2];
    total.cents += t[3];
  }
  return { ...tally(total.atStart, total.lost, total.wonBack, total.cents), from: period.from, to: period.to, byManager };
}

/** Period churn without the per-customer status (which stays in the warehouse). */
export type PeriodChurnFigures = Omit<PeriodChurn, 'status'>;

export function readPeriodChurn(
  rows: readonly ResultRow[],
  asOf: number,
  options: { periodDays: number; lookbackDays: number },
): PeriodChurnFigures {
  const r = rows[0];
  const base = intOf(r, 'base');
  const churned = intOf(r, 'churned');
  const periodStart = asOf - options.periodDays;
  return {
    periodStart,
    periodEnd: asOf,
    baseStart: periodStart - options.lookbackDays,
    base,
    churned,
    retained: base - churned,
    newInPeriod: intOf(r, 'new_in_period'),
    rate: base === 0 ? NaN : churned / base,
  };
}

/**
 * The repeat-purchase funnel (src/core/repeatFunnel.ts RepeatFunnel) from the cohort and
 * conversion rows: the cohorts from the first month with customers (or the first shown,
 * when older customers exist) to the month of the day before the as-of date, with the
 * core's rule for a share that is not known yet.
 */
export function readFunnel(cohortRows: readonly ResultRow[], conversionRows: readonly ResultRow[], asOf: number): RepeatFunnel {
  const months = FUNNEL_MONTHS;
  const shownFrom = firstCohortMonth(asOf);
  const lastMonth = periodIndex(asOf - 1, 'month');
  const byMonth = new Map<number, ResultRow>();
  for (const r of cohortRows) byMonth.set(intOf(r, 'cohort'), r);
  const present = [...byMonth.keys()];
  const from = present.length === 0 ? Infinity : Math.max(shownFrom, Math.min(...present));
  const cohorts: FunnelCohort[] = [];
  for (let m = from; m <= lastMonth && Number.isFinite(from); m++) {
    const r = byMonth.get(m);
    const customers = r ? intOf(r, 'customers') : 0;
    const within = Array.from({ length: months }, (_, k) => (r ? intOf(r, `within_${k + 1}`) : 0));
    const repeated = r ? intOf(r, 'repeated') : 0;
    cohorts.push({
      month: m,
      start: periodStart(m, 'month'),
      customers,
      within,
      // Column n is known once the month n + 1 months after the cohort's has begun.
      share: within.map((w, k) => (customers > 0 && periodStart(m + k + 2, 'month') <= asOf ? w / customers : null)),
      repeated,
      repeatedShare: customers > 0 ? repeated / customers : null,
    });
  }
  const conversion = (r: ResultRow): FunnelConversion => {
    const atLeast = [1, 2, 3, 4].map((k) => intOf(r, `at_least_${k}`)) as [number, number, number, number];
    return {
      manager: intOf(r, 'is_total') === 1 ? '' : textOf(r, 'manager'),
      atLeast,
      rates: [0, 1, 2].map((k) => (atLeast[k] === 0 ? NaN : atLeast[k + 1] / atLeast[k])) as [number, number, number],
      medianDaysToSecond: numberOf(r, 'median_days'),
    };
  };
  const totalRow = conversionRows.find((r) => intOf(r, 'is_total') === 1);
  if (!totalRow) throw new WarehouseError('sql.missingResultColumn', { column: 'is_total' });
  const managers = conversionRows
    .filter((r) => intOf(r, 'is_total') === 0)
    .map(conversion)
    .sort((a, b) => compareManagers(a.manager, b.manager));
  return { asOf, months, cohorts, total: conversion(totalRow), managers };
}

/**
 * The Managers sheet's figures (src/core/managerMonths.ts ManagerMonths) from the rows
 * per slot and manager and per week and manager: the managers with anything in any
 * period, most revenue in the 12 full months first (ties A-Z), no manager last, and
 * each slot's total as the sum of its managers.
 */
export function readManagerMonths(
  slotRows: readonly ResultRow[],
  weekRows: readonly ResultRow[],
  asOf: number,
  hasProfit: boolean,
): ManagerMonths {
  const g = managerSlots(asOf);
  const bySlot = Array.from({ length: SLOTS }, () => new Map<string, PeriodFigures>());
  const names = new Set<string>();
  for (const r of slotRows) {
    const slot = intOf(r, 'slot');
    if (slot < 0 || slot >= SLOTS) throw new WarehouseError('sql.badNumber', { value: String(slot), column: 'slot' });
    const manager = textOf(r, 'manager');
    names.add(manager);
    bySlot[slot].set(manager, {
      revenue: fromCents(intOf(r, 'revenue_cents')),
      repeatRevenue: fromCents(intOf(r, 'repeat_cents')),
      profit: hasProfit ? fromCents(intOf(r, 'profit_cents')) : null,
      purchases: intOf(r, 'purchases'),
      customers: intOf(r, 'customers'),
      newCustomers: intOf(r, 'new_customers'),
      active: intOf(r, 'active'),
      atStart: intOf(r, 'at_start'),
      lost: intOf(r, 'lost'),
      wonBack: intOf(r, 'won_back'),
    });
  }
  const zero = (): PeriodFigures => ({
    revenue: 0,
    repeatRevenue: 0,
    profit: hasProfit ? 0 : null,
    purchases: 0,
    customers: 0,
    newCustomers: 0,
    active: 0,
    atStart: 0,
    lost: 0,
    wonBack: 0,
  });
  const at = (slot: number, manager: string): PeriodFigures => bySlot[slot].get(manager) ?? zero();
  const used = [...names].filter((m) =>
    bySlot.some((slot) => {
      const f = slot.get(m);
      return f !== undefined && (f.revenue !== 0 || f.purchases > 0 || f.active > 0 || f.atStart > 0 || f.wonBack > 0);
    }),
  );
  const twelve = (m: string): number => toCents(at(SLOT_TWELVE, m).revenue);
  used.sort((a, b) => (a === '' ? 1 : b === '' ? -1 : twelve(b) - twelve(a) || (a < b ? -1 : a > b ? 1 : 0)));
  const row = (slot: number): PeriodFigures[] => {
    const out = used.map((m) => at(slot, m));
    // The total row, summed as the in-sheet Managers sheet sums it (money in cents).
    out.push(sumFigures(out, hasProfit));
    return out;
  };
  const shown = Array.from({ length: SHOWN_MONTHS }, (_, k) => 12 + k);
  const weekCount = Math.max(1, Math.ceil((asOf - g.weekStart) / 7));
  const weekly = new Map<string, number>();
  for (const r of weekRows) weekly.set(`${intOf(r, 'week')}\u0000${textOf(r, 'manager')}`, intOf(r, 'purchases'));
  const weeks = Array.from({ length: weekCount }, (_, w) => {
    const purchases = used.map((m) => weekly.get(`${w}\u0000${m}`) ?? 0);
    purchases.push(purchases.reduce((a, x) => a + x, 0));
    return { start: g.weekStart + 7 * w, purchases };
  });
  const current = g.firstMonth + MONTH_SLOTS - 1;
  return {
    managers: used,
    months: shown.map((k) => g.firstMonth + k),
    currentPartial: asOf < periodStart(current + 1, 'month'),
    periods: shown.map((k) => ({ from: g.from[k], to: g.to[k] })),
    yearAgo: shown.map((k) =>
      k === 24 ? { from: g.from[SLOT_YEAR_AGO_TO_DATE], to: g.to[SLOT_YEAR_AGO_TO_DATE] } : { from: g.from[k - 12], to: g.to[k - 12] },
    ),
    figures: shown.map((k) => row(k)),
    yearAgoFigures: shown.map((k) => row(k === 24 ? SLOT_YEAR_AGO_TO_DATE : k - 12)),
    planBase: shown.map((k) => row(k - 12).map((f) => f.revenue)),
    twelveMonths: row(SLOT_TWELVE),
    twelveMonthsYearAgo: row(SLOT_TWELVE_AGO),
    weeks,
  };
}
