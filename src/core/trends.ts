/**
 * Month-end trends (docs/definitions.md: trends): the base's health figures as of
 * the end of each month of the history, each exactly what a report built with that
 * month-end as its as-of date shows, so that a figure can be followed month by month.
 *
 * Not one summary per month-end: one pass groups every customer's rows into
 * purchases (as buildSummary does, over the same grouped rows) and turns each row
 * and purchase into the day from which it counts; the sums over customers (revenue,
 * first and repeat revenue, purchases, customers per purchase band) then accumulate
 * into the month-ends by that day. What depends on a customer's whole state at a
 * date (recency, lost, the lifetime t, the class over the trailing year) comes from
 * per-customer pointers into their purchase days and rows, moved forward from one
 * month-end to the next: each row is passed once for the cumulative figures, and
 * once per month-end whose trailing year holds it for the classes.
 *
 * A month-end's figures use the rows dated before the first day of the next month
 * (its as-of date), as a report built on that date would: lifecycle bands, lost
 * customers with the base's time to a second purchase, base LTV; the lost ratio and
 * the repeat sales share over the 365 days before it; ABC and XYZ over the year
 * before it (as the ABC-XYZ migration's period 2), per manager of that year.
 */
import { type AbcXyzOptions, coefficientOfVariation, xyzFromCv } from './abcXyz';
import { type PeriodUnit, periodIndex, periodStart } from './calendar';
import { type LostOptions } from './churn';
import { yearsBefore } from './isoDates';
import { type LifecycleBands } from './lifecycle';
import { DAYS_PER_MONTH, type LtvParts, ltvFromParts } from './ltv';
import { compareManagers } from './migration';
import { fromCents } from './money';
import { type OrderRows } from './orders';
import { RowEvents } from './purchaseEvents';
import { maturityLevel } from './repeatShare';
import { type GroupedRows, groupedRows } from './summary';

/** Month-ends shown at most: two years. */
export const TREND_MONTHS = 24;
/** The trailing period of the lost ratio and the repeat sales share: a year before the month-end. */
export const TRAILING_DAYS = 365;

export interface TrendOptions {
  /** The report's as-of date: the last month-end is the last one on or before the day before it. */
  asOf: number;
  /** How many month-ends, the latest ones (default 24). */
  months?: number;
  bands: LifecycleBands;
  lost: LostOptions;
  abcXyz: AbcXyzOptions;
}

/** The classes of one manager's customers over the trailing year (or of everyone's, manager ''). */
export interface ManagerPortfolio {
  manager: string;
  customers: number;
  /** Customers in A, B, C. */
  abc: [number, number, number];
  /** Customers in X, Y, Z. */
  xyz: [number, number, number];
}

export interface TrendPoint {
  /** The first day of the next month: the figures are as of this date (the month-end is the day before). */
  asOf: number;
  /** Customers with a purchase before the date. */
  customers: number;
  /** Lost as of the date (section 7), and the rest. */
  lost: number;
  notLost: number;
  /** Customers in the Active column, and their share of all. */
  active: number;
  activeShare: number;
  /** New, Prospective, Regular: customers and shares. */
  bandCounts: [number, number, number];
  bandShares: [number, number, number];
  /** Regular customers a year earlier (the same day a year back), and the growth since; NaN with none then. */
  regularsYearAgo: number;
  regularsGrowth: number;
  /** Over the 365 days before the date: revenue, the part from repeat purchases, the share and its maturity model (-1 none). */
  repeat: { revenue: number; repeatRevenue: number; share: number; level: number };
  /** Over the 365 days before the date [from, asOf). */
  lostRatio: { from: number; atStart: number; lost: number; ratio: number; wonBack: number };
  /** Base LTV from totals, as `seedLtv(summary).base`. */
  ltv: LtvParts;
  /** ABC/XYZ over the year before the date [from, asOf), per manager (compareManagers order) and for everyone. */
  portfolio: { from: number; managers: ManagerPortfolio[]; total: ManagerPortfolio };
}

/** Larger than every day: "never". */
const NEVER = 2147483647;

/** The as-of dates of the month-ends: the first day of each month after the first purchase's, up to the as-of date. */
export function monthEndDates(firstPurchase: number, asOf: number, months: number = TREND_MONTHS): number[] {
  const out: number[] = [];
  const last = periodIndex(asOf, 'month');
  for (let m = Math.max(periodIndex(firstPurchase, 'month') + 1, last - months + 1); m <= last; m++) out.push(periodStart(m, 'month'));
  return out;
}

/** The month-end figures over the history, oldest first; empty when nothing was bought before a month-end. */
export function monthEndTrends(orders: OrderRows, options: TrendOptions): TrendPoint[] {
  const g = groupedRows(orders);
  const { day, amount } = g;
  // The first purchase: the earliest row that is not a return (a purchase is dated by one).
  let firstPurchase = NEVER;
  for (let r = 0; r < orders.count; r++) if (amount[r] >= 0 && day[r] < options.asOf && day[r] < firstPurchase) firstPurchase = day[r];
  if (firstPurchase === NEVER) return [];
  const ends = monthEndDates(firstPurchase, options.asOf, options.months ?? TREND_MONTHS);
  if (ends.length === 0) return [];

  // Every date a figure is read at: the month-ends, the starts of their trailing periods, a year before each.
  const lostFrom = ends.map((d) => d - TRAILING_DAYS);
  const yearAgo = ends.map((d) => yearsBefore(d, 1));
  const dates = [...new Set([...ends, ...lostFrom, ...yearAgo])].sort((a, b) => a - b);
  const at = (d: number): number => dates.indexOf(d);

  const pass = customerPass(orders, dates, options);
  const prefix = (b: Float64Array): Float64Array => {
    const out = new Float64Array(dates.length);
    for (let i = 0, s = 0; i < dates.length; i++) out[i] = s += b[i];
    return out;
  };
  const customers = prefix(pass.customers);
  const purchases = prefix(pass.purchases);
  const prospectiveOrMore = prefix(pass.prospective);
  const regulars = prefix(pass.regular);
  const revenue = prefix(pass.revenue);
  const repeatRevenue = prefix(pass.repeatRevenue);
  const profit = prefix(pass.profit);
  const base = baseIntervals(pass.secondDay, pass.secondGap, pass.seconds, dates, options.lost);

  const sweep = new Sweep(orders, pass, options);
  return ends.map((asOf, k) => {
    const i = at(asOf);
    const from = lostFrom[k];
    const s = sweep.at(asOf, from, yearAgo[k], base[i], base[at(from)]);
    const n = customers[i];
    const bandCounts: [number, number, number] = [n - prospectiveOrMore[i], prospectiveOrMore[i] - regulars[i], regulars[i]];
    const share = (x: number): number => (n === 0 ? 0 : x / n);
    const ago = regulars[at(yearAgo[k])];
    const trailingRevenue = revenue[i] - revenue[at(from)];
    const trailingRepeat = repeatRevenue[i] - repeatRevenue[at(from)];
    const shareOfRepeat = trailingRevenue > 0 ? fromCents(trailingRepeat) / fromCents(trailingRevenue) : NaN;
    return {
      asOf,
      customers: n,
      lost: s.lost,
      notLost: n - s.lost,
      active: s.active,
      activeShare: share(s.active),
      bandCounts,
      bandShares: [share(bandCounts[0]), share(bandCounts[1]), share(bandCounts[2])],
      regularsYearAgo: ago,
      regularsGrowth: ago > 0 ? regulars[i] / ago - 1 : NaN,
      repeat: {
        revenue: fromCents(trailingRevenue),
        repeatRevenue: fromCents(trailingRepeat),
        share: shareOfRepeat,
        level: maturityLevel(shareOfRepeat),
      },
      lostRatio: {
        from,
        atStart: s.atStart,
        lost: s.lostInPeriod,
        ratio: s.atStart === 0 ? NaN : s.lostInPeriod / s.atStart,
        wonBack: s.wonBack,
      },
      ltv: baseLtv(n, purchases[i], revenue[i], orders.profit ? profit[i] : null, s.sumT),
      portfolio: { from: yearAgo[k], ...s.portfolio },
    };
  });
}

/** seedLtv's base figure from the same totals, in the same operations (so the same doubles). */
function baseLtv(n: number, purchases: number, revenueCents: number, profitCents: number | null, sumT: number): LtvParts {
  const revenue = fromCents(revenueCents);
  const P = profitCents === null ? 1 : revenueCents === 0 ? 0 : profitCents / revenueCents;
  const S = purchases === 0 ? 0 : revenue / purchases;
  const C = sumT === 0 ? 0 : purchases / sumT;
  const T = n === 0 ? 0 : sumT / n;
  return { averageCheck: S, purchasesPerMonth: C, profitability: P, lifetimeMonths: T, ltv: ltvFromParts(S, C, P, T) };
}

/** What the pass over every customer's rows leaves: sums by the date they count from, and each customer's purchase days. */
interface CustomerPass {
  /** Per date index: what starts counting at that date (the first date after the day it happened). */
  customers: Float64Array;
  purchases: Float64Array;
  prospective: Float64Array;
  regular: Float64Array;
  revenue: Float64Array;
  repeatRevenue: Float64Array;
  profit: Float64Array;
  /** Customer k's distinct purchase days are dayStart[k] .. dayStart[k+1]-1 of these, rising. */
  dayStart: Int32Array;
  purchaseDay: Int32Array;
  /** The median gap between the customer's purchase days up to and including this one (NaN for the first). */
  medianGap: Float64Array;
  /** Each grouped row's amount in whole cents (0 for rows no date counts). */
  rowCents: Float64Array;
  /** The customer's second purchase day and its distance from the first, for customers with one. */
  secondDay: Int32Array;
  secondGap: Int32Array;
  seconds: number;
}

/**
 * Groups each customer's rows into purchases exactly as buildSummary does (an
 * order id's rows are one, else the customer-day's; dated by the first row that is
 * not a return), then places every figure at the first date it counts at.
 *
 * The repeat sales share splits revenue as repeatSalesShare does at each date:
 * events sorted by day then by order of appearance; everything before the second
 * purchase is first-purchase revenue. An event that is not a purchase yet sits at
 * its first row's day, and moves to its purchase day once it is one, so each row
 * has one day from which it is repeat revenue (or none).
 */
function customerPass(orders: OrderRows, dates: readonly number[], options: TrendOptions): CustomerPass {
  const g = groupedRows(orders);
  const { day, amount, order, start } = g;
  const profitColumn = g.profit;
  const customerCount = g.byKey.length;
  const slots = dates.length + 1; // the last slot: after every date (never counted)
  const lastDate = dates[dates.length - 1];
  const slotOf = (d: number): number => {
    let lo = 0;
    let hi = dates.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (dates[mid] > d) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  };
  const out: CustomerPass = {
    customers: new Float64Array(slots),
    purchases: new Float64Array(slots),
    prospective: new Float64Array(slots),
    regular: new Float64Array(slots),
    revenue: new Float64Array(slots),
    repeatRevenue: new Float64Array(slots),
    profit: new Float64Array(slots),
    dayStart: new Int32Array(customerCount + 1),
    purchaseDay: new Int32Array(0),
    medianGap: new Float64Array(0),
    rowCents: new Float64Array(orders.count),
    secondDay: new Int32Array(customerCount),
    secondGap: new Int32Array(customerCount),
    seconds: 0,
  };
  const { prospectiveFrom, regularFrom } = options.bands;
  let purchaseDay = new Int32Array(1024);
  let medianGap = new Float64Array(1024);
  let days = 0;
  // Per event of the customer at hand: first row's day, purchase day (NEVER: a return); the customer's purchases in order.
  let firstDay = new Int32Array(64);
  let boughtOn = new Int32Array(64);
  let bought = new Int32Array(64);
  let rowEvent = new Int32Array(64);
  const rowEvents = new RowEvents(g.orderCount);
  const heaps = new RunningMedian();

  for (let k = 0; k < customerCount; k++) {
    const lo = start[k];
    let hi = start[k + 1];
    while (hi > lo && day[hi - 1] >= lastDate) hi--; // rows on or after the last date count nowhere
    out.dayStart[k] = days;
    if (hi - lo > firstDay.length) {
      const size = Math.max(hi - lo, 2 * firstDay.length);
      [firstDay, boughtOn, bought, rowEvent] = [new Int32Array(size), new Int32Array(size), new Int32Array(size), new Int32Array(size)];
    }
    let purchases = 0;
    rowEvents.begin(k, 0);
    for (let r = lo; r < hi; r++) {
      const d = day[r];
      let e = rowEvents.eventOf(d, order ? order[r] : -1, -1);
      if (e < 0) {
        e = ~e;
        firstDay[e] = d;
        boughtOn[e] = NEVER;
      }
      rowEvent[r - lo] = e;
      if (amount[r] >= 0 && boughtOn[e] === NEVER) {
        boughtOn[e] = d;
        bought[purchases++] = e; // rows come by day: purchases come by purchase day
      }
    }
    if (purchases === 0) continue;
    // Purchases on one day in order of appearance, as the summary's events are.
    for (let i = 1; i < purchases; i++) {
      for (let j = i; j > 0 && boughtOn[bought[j - 1]] === boughtOn[bought[j]] && bought[j - 1] > bought[j]; j--) {
        const x = bought[j];
        bought[j] = bought[j - 1];
        bought[j - 1] = x;
      }
    }
    const first = boughtOn[bought[0]];
    out.customers[slotOf(first)]++;
    if (purchases >= prospectiveFrom) out.prospective[slotOf(boughtOn[bought[prospectiveFrom - 1]])]++;
    if (purchases >= regularFrom) out.regular[slotOf(boughtOn[bought[regularFrom - 1]])]++;

    // Distinct purchase days, the median gap so far at each, the time to the second one.
    heaps.clear();
    for (let i = 0; i < purchases; i++) {
      const d = boughtOn[bought[i]];
      out.purchases[slotOf(d)]++;
      if (i > 0 && d === purchaseDay[days - 1]) continue;
      if (days === purchaseDay.length) {
        purchaseDay = grown(purchaseDay);
        medianGap = grown(medianGap);
      }
      if (i === 0) medianGap[days] = NaN;
      else {
        const gap = d - purchaseDay[days - 1];
        if (heaps.size === 0) {
          out.secondDay[out.seconds] = d;
          out.secondGap[out.seconds++] = gap;
        }
        heaps.push(gap);
        medianGap[days] = heaps.median();
      }
      purchaseDay[days++] = d;
    }

    // Revenue from the customer's first purchase on; repeat revenue from the day each row's event sorts after the second purchase.
    const second = purchases >= 2 ? bought[1] : -1;
    const secondOn = second >= 0 ? boughtOn[second] : NEVER;
    const rowCents = out.rowCents;
    for (let r = lo; r < hi; r++) {
      const cents = (rowCents[r] = Math.round(amount[r] * 100)); // toCents, inlined: a call per row adds up at a million rows
      const counted = slotOf(day[r] > first ? day[r] : first);
      out.revenue[counted] += cents;
      if (profitColumn) out.profit[counted] += Math.round(profitColumn[r] * 100);
      if (second < 0) continue;
      const e = rowEvent[r - lo];
      const afterWhileReturn = firstDay[e] > secondOn || (firstDay[e] === secondOn && e >= second);
      const afterAsPurchase = boughtOn[e] > secondOn || (boughtOn[e] === secondOn && e >= second);
      const from = afterWhileReturn ? Math.max(day[r], secondOn) : afterAsPurchase ? Math.max(day[r], secondOn, boughtOn[e]) : NEVER;
      if (from !== NEVER) out.repeatRevenue[slotOf(from)] += cents;
    }
  }
  out.dayStart[customerCount] = days;
  out.purchaseDay = purchaseDay.subarray(0, days);
  out.medianGap = medianGap.subarray(0, days);
  return out;
}

function grown<T extends Int32Array | Float64Array>(values: T): T {
  const wider = new (values.constructor as new (n: number) => T)(values.length * 2);
  wider.set(values);
  return wider;
}

/** The median of a growing list of numbers: two heaps, the lower half's largest and the upper half's smallest on top. */
class RunningMedian {
  private low: Float64Array = new Float64Array(64); // max-heap
  private high: Float64Array = new Float64Array(64); // min-heap
  private lowSize = 0;
  private highSize = 0;

  get size(): number {
    return this.lowSize + this.highSize;
  }

  clear(): void {
    this.lowSize = this.highSize = 0;
  }

  push(value: number): void {
    if (this.lowSize === 0 || value <= this.low[0])
      this.lowSize = siftUp((this.low = room(this.low, this.lowSize)), this.lowSize, value, 1);
    else this.highSize = siftUp((this.high = room(this.high, this.highSize)), this.highSize, value, -1);
    // Keep low holding half, or one more.
    if (this.lowSize > this.highSize + 1) {
      const top = popTop(this.low, this.lowSize--, 1);
      this.highSize = siftUp((this.high = room(this.high, this.highSize)), this.highSize, top, -1);
    } else if (this.highSize > this.lowSize) {
      const top = popTop(this.high, this.highSize--, -1);
      this.lowSize = siftUp((this.low = room(this.low, this.lowSize)), this.lowSize, top, 1);
    }
  }

  /** As medianInPlace computes it: the middle value, or the mean of the two middle ones. */
  median(): number {
    return this.lowSize > this.highSize ? this.low[0] : (this.low[0] + this.high[0]) / 2;
  }
}

function room(heap: Float64Array, size: number): Float64Array {
  if (size < heap.length) return heap;
  const wider = new Float64Array(heap.length * 2);
  wider.set(heap);
  return wider;
}

/** Adds a value to a heap of `size` values (sign 1: largest on top, -1: smallest); returns the new size. */
function siftUp(heap: Float64Array, size: number, value: number, sign: number): number {
  let i = size;
  while (i > 0) {
    const parent = (i - 1) >> 1;
    if (sign * (heap[parent] - value) >= 0) break;
    heap[i] = heap[parent];
    i = parent;
  }
  heap[i] = value;
  return size + 1;
}

/** Removes and returns the top of a heap of `size` values. */
function popTop(heap: Float64Array, size: number, sign: number): number {
  const top = heap[0];
  const last = heap[size - 1];
  const n = size - 1;
  let i = 0;
  for (;;) {
    let child = 2 * i + 1;
    if (child >= n) break;
    if (child + 1 < n && sign * (heap[child + 1] - heap[child]) > 0) child++;
    if (sign * (heap[child] - last) <= 0) break;
    heap[i] = heap[child];
    i = child;
  }
  if (n > 0) heap[i] = last;
  return top;
}

/**
 * The base's time to a second purchase at each date (churn.ts baseInterval): the
 * nearest-rank percentile of the days from first to second purchase day of the
 * customers whose second purchase day came before the date; the fallback with too few.
 * The customers are added date by date into counts over the distinct gaps (a Fenwick tree).
 */
function baseIntervals(secondDay: Int32Array, secondGap: Int32Array, n: number, dates: readonly number[], options: LostOptions): number[] {
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => secondDay[a] - secondDay[b]);
  const values = Float64Array.from(secondGap.subarray(0, n)).sort();
  const distinct: number[] = [];
  for (let i = 0; i < values.length; i++) if (i === 0 || values[i] !== values[i - 1]) distinct.push(values[i]);
  const tree = new Int32Array(distinct.length + 1);
  const rankOf = (v: number): number => {
    let lo = 0;
    let hi = distinct.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (distinct[mid] < v) lo = mid + 1;
      else hi = mid;
    }
    return lo + 1;
  };
  let top = 1;
  while (top * 2 <= distinct.length) top *= 2;
  /** The k-th smallest value added (1-based). */
  const kth = (k: number): number => {
    let pos = 0;
    for (let step = top; step > 0; step >>= 1) {
      if (pos + step <= distinct.length && tree[pos + step] < k) {
        pos += step;
        k -= tree[pos];
      }
    }
    return distinct[pos];
  };
  let added = 0;
  return dates.map((d) => {
    while (added < n && secondDay[order[added]] < d) {
      for (let i = rankOf(secondGap[order[added]]); i <= distinct.length; i += i & -i) tree[i]++;
      added++;
    }
    if (added < options.minSecondPurchases) return options.fallbackIntervalDays;
    const rank = Math.max(1, Math.ceil(options.secondPurchasePercentile * added - 1e-9));
    return kth(Math.min(added, rank));
  });
}

/** One month-end's figures that need each customer's state at the date. */
interface SweepResult {
  lost: number;
  active: number;
  sumT: number;
  atStart: number;
  lostInPeriod: number;
  wonBack: number;
  portfolio: { managers: ManagerPortfolio[]; total: ManagerPortfolio };
}

/**
 * Walks every customer at each month-end in turn (dates rising), in key order, so
 * that floating-point sums come out as the summary's do. Per customer: the last
 * purchase day before the month-end and before the lost ratio's start (pointers into
 * their purchase days), and their rows of the trailing year (pointers into their rows),
 * each only ever moved forward.
 */
class Sweep {
  private readonly g: GroupedRows;
  private readonly atEnd: Int32Array;
  private readonly atFrom: Int32Array;
  private readonly rowFrom: Int32Array;
  private readonly rowTo: Int32Array;
  private readonly year: YearWindow;
  private readonly count: number;

  constructor(
    orders: OrderRows,
    private readonly pass: CustomerPass,
    private readonly options: TrendOptions,
  ) {
    this.g = groupedRows(orders);
    this.count = this.g.byKey.length;
    // "No purchase day yet" is the index before the customer's first one.
    this.atEnd = new Int32Array(this.count);
    for (let k = 0; k < this.count; k++) this.atEnd[k] = pass.dayStart[k] - 1;
    this.atFrom = this.atEnd.slice();
    this.rowFrom = this.g.start.slice(0, this.count);
    this.rowTo = this.rowFrom.slice();
    this.year = new YearWindow(orders, pass, options.abcXyz);
  }

  at(asOf: number, lostFrom: number, yearFrom: number, interval: number, intervalAtFrom: number): SweepResult {
    const { dayStart, purchaseDay, medianGap } = this.pass;
    const { activeTo } = this.options.bands;
    const { factor } = this.options.lost;
    const { day, start } = this.g;
    const year = this.year;
    year.begin(asOf);
    let lost = 0;
    let active = 0;
    let sumT = 0;
    let atStart = 0;
    let lostInPeriod = 0;
    let wonBack = 0;
    for (let k = 0; k < this.count; k++) {
      const first = dayStart[k];
      const end = dayStart[k + 1];
      let j = this.atEnd[k];
      while (j + 1 < end && purchaseDay[j + 1] < asOf) j++;
      this.atEnd[k] = j;
      if (j < first) continue;
      // The rows of the trailing year [yearFrom, asOf).
      let a = this.rowFrom[k];
      const rowsEnd = start[k + 1];
      while (a < rowsEnd && day[a] < yearFrom) a++;
      this.rowFrom[k] = a;
      let b = Math.max(this.rowTo[k], a);
      while (b < rowsEnd && day[b] < asOf) b++;
      this.rowTo[k] = b;
      if (a < b) year.add(a, b);

      const last = purchaseDay[j];
      if (asOf - last <= activeTo) active++;
      sumT += Math.max(1, (last - purchaseDay[first]) / DAYS_PER_MONTH);
      const lostNow = asOf - last > (j > first ? medianGap[j] : interval) * factor;
      if (lostNow) lost++;
      // The lost ratio: customers before its start, lost or not then.
      let i = this.atFrom[k];
      while (i + 1 < end && purchaseDay[i + 1] < lostFrom) i++;
      this.atFrom[k] = i;
      if (i < first) continue;
      if (lostFrom - purchaseDay[i] > (i > first ? medianGap[i] : intervalAtFrom) * factor) {
        if (last >= lostFrom) wonBack++;
      } else {
        atStart++;
        if (lostNow) lostInPeriod++;
      }
    }
    return { lost, active, sumT, atStart, lostInPeriod, wonBack, portfolio: year.finish() };
  }
}

/**
 * ABC and XYZ of every customer over one trailing year, as abcXyz classes the
 * summary of that window: the window's own purchases (an order whose first lines
 * fall before the window is a return in it, or a purchase from its first line in
 * it), revenue, manager and purchase gaps, from the customer's rows in the window.
 */
class YearWindow {
  private readonly g: GroupedRows;
  private readonly rowCents: Float64Array;
  private readonly managerNames: string[];
  private readonly periodOf: (day: number) => number;
  private lastPeriod = 0;
  private size = 0;
  private cents: Float64Array = new Float64Array(1024);
  private manager: Int32Array = new Int32Array(1024);
  private xyz: Uint8Array = new Uint8Array(1024);
  private readonly rowEvents: RowEvents;
  private stamp = 0;
  // Per event of the customer at hand (revenue basis: its day and amount).
  private eventDay: Int32Array = new Int32Array(64);
  private eventCents: Float64Array = new Float64Array(64);
  private eventBought: Uint8Array = new Uint8Array(64);
  private perPeriod: Float64Array = new Float64Array(64);

  constructor(
    orders: OrderRows,
    pass: CustomerPass,
    private readonly options: AbcXyzOptions,
  ) {
    this.g = groupedRows(orders);
    this.rowCents = pass.rowCents;
    this.managerNames = orders.managerNames;
    this.rowEvents = new RowEvents(this.g.orderCount, orders.managerNames);
    this.periodOf = options.basis === 'revenue' ? periodTable(this.g.day, options.period) : () => 0;
  }

  begin(asOf: number): void {
    this.lastPeriod = periodIndex(asOf - 1, this.options.period);
    this.size = 0;
  }

  /** One customer's rows a .. b-1 (the window's), in key order: a customer of the window if any of them is a purchase. */
  add(a: number, b: number): void {
    const { day, amount, order, manager: rowManager } = this.g;
    const rowCents = this.rowCents;
    if (b - a > this.eventDay.length) {
      const n = Math.max(b - a, 2 * this.eventDay.length);
      [this.eventDay, this.eventCents, this.eventBought] = [new Int32Array(n), new Float64Array(n), new Uint8Array(n)];
    }
    const { eventDay, eventCents, eventBought, rowEvents } = this;
    rowEvents.begin(this.stamp++, 0);
    let cents = 0;
    let purchases = 0;
    let firstPurchase = 0;
    let prev = NaN;
    let gaps = 0;
    let sum = 0;
    let sq = 0;
    for (let r = a; r < b; r++) {
      const d = day[r];
      let e = rowEvents.eventOf(d, order ? order[r] : -1, rowManager ? rowManager[r] : -1);
      if (e < 0) {
        e = ~e;
        eventDay[e] = d;
        eventCents[e] = 0;
        eventBought[e] = 0;
      }
      const c = rowCents[r];
      cents += c;
      eventCents[e] += c;
      if (amount[r] >= 0 && !eventBought[e]) {
        eventBought[e] = 1;
        eventDay[e] = d;
        if (purchases++ === 0) firstPurchase = d;
        // Rows come by day, so purchase days come rising: the gaps between distinct ones, as intervalCv takes them.
        if (!Number.isNaN(prev) && d !== prev) {
          const gap = d - prev;
          gaps++;
          sum += gap;
          sq += gap * gap;
        }
        prev = d;
      }
    }
    if (purchases === 0) return; // only returns in the window: not a customer of it
    const events = rowEvents.end;
    if (this.size === this.cents.length) {
      this.cents = grown(this.cents);
      this.manager = grown(this.manager);
      const wider = new Uint8Array(this.xyz.length * 2);
      wider.set(this.xyz);
      this.xyz = wider;
    }
    let xyz: number;
    if (purchases < 2) xyz = 2;
    else if (this.options.basis === 'revenue') xyz = xyzFromCv(this.revenueCv(events, firstPurchase), this.options.xyzBounds);
    else if (gaps < 2) xyz = 1;
    else {
      const mean = sum / gaps;
      const cv = Math.sqrt(Math.max(0, sq / gaps - mean * mean)) / mean;
      xyz = cv <= this.options.xyzBounds[0] ? 0 : 1;
    }
    this.cents[this.size] = cents;
    this.manager[this.size] = rowEvents.manager;
    this.xyz[this.size++] = xyz;
  }

  /** periodCv for the customer's events of the window: revenue per period from the first purchase's to the last day's. */
  private revenueCv(events: number, firstPurchase: number): number {
    const firstPeriod = this.periodOf(firstPurchase);
    const length = this.lastPeriod - firstPeriod + 1;
    if (length > this.perPeriod.length) this.perPeriod = new Float64Array(Math.max(length, 2 * this.perPeriod.length));
    const row = this.perPeriod.subarray(0, Math.max(length, 0));
    row.fill(0);
    // The summary's events are by day; a sum of whole cents per period does not depend on their order.
    for (let e = 0; e < events; e++) {
      const p = this.periodOf(this.eventDay[e]) - firstPeriod;
      if (p >= 0) row[p] += this.eventCents[e];
    }
    return coefficientOfVariation(row);
  }

  /** The classes of the window's customers, tallied per manager. */
  finish(): { managers: ManagerPortfolio[]; total: ManagerPortfolio } {
    const abc = abcOfCents(this.cents.subarray(0, this.size), this.options.abcBounds);
    const names = this.managerNames;
    const tallies = new Map<number, ManagerPortfolio>();
    const total: ManagerPortfolio = { manager: '', customers: 0, abc: [0, 0, 0], xyz: [0, 0, 0] };
    for (let i = 0; i < this.size; i++) {
      const m = this.manager[i];
      let t = tallies.get(m);
      if (!t) tallies.set(m, (t = { manager: m >= 0 ? names[m] : '', customers: 0, abc: [0, 0, 0], xyz: [0, 0, 0] }));
      t.customers++;
      t.abc[abc[i]]++;
      t.xyz[this.xyz[i]]++;
      total.customers++;
      total.abc[abc[i]]++;
      total.xyz[this.xyz[i]]++;
    }
    const managers = [...tallies.values()].sort((x, y) => compareManagers(x.manager, y.manager));
    return { managers, total };
  }
}

/** The period of each day of the rows' span, from a table (calendar arithmetic once per day, not per event). */
function periodTable(days: Int32Array, period: PeriodUnit): (day: number) => number {
  let lo = NEVER;
  let hi = -NEVER;
  for (let i = 0; i < days.length; i++) {
    if (days[i] < lo) lo = days[i];
    if (days[i] > hi) hi = days[i];
  }
  if (!(lo <= hi && hi - lo < 1 << 22)) return (d) => periodIndex(d, period); // no rows, or dates across millennia
  const table = new Int32Array(hi - lo + 1);
  for (let d = lo; d <= hi; d++) table[d - lo] = periodIndex(d, period);
  return (d) => (d >= lo && d <= hi ? table[d - lo] : periodIndex(d, period));
}

/**
 * abcClasses for revenues in whole cents listed in key order (ties ranked by
 * position), without sorting the customers: the cents are sorted as numbers, the
 * two cut positions found from the shares above each, and only customers whose
 * revenue equals the value at a cut are placed by their position among equals.
 */
export function abcOfCents(cents: Float64Array, bounds: readonly [number, number]): Uint8Array {
  const n = cents.length;
  const out = new Uint8Array(n).fill(2);
  let positives = 0;
  let total = 0;
  for (let i = 0; i < n; i++) {
    if (cents[i] > 0) {
      positives++;
      total += cents[i];
    }
  }
  if (positives === 0) return out;
  const sorted = sortedPositive(cents, positives);
  // Walking from the largest: position p has `above` = the sum of the p larger ones.
  const desc = (p: number): number => sorted[positives - 1 - p];
  let cutA = positives;
  let cutB = positives;
  let above = 0;
  for (let p = 0; p < positives; p++) {
    if (cutA === positives && !(above < bounds[0] * total)) cutA = p;
    if (!(above < bounds[1] * total)) {
      cutB = p;
      break;
    }
    above += desc(p);
  }
  const classAt = (p: number): number => (p < cutA ? 0 : p < cutB ? 1 : 2);
  // Values at the cuts: equal revenue is ranked by key, so their class depends on the place among equals.
  const edge = [cutA, cutB].filter((p) => p > 0 && p < positives).map((p) => desc(p));
  const larger = (v: number): number => {
    let lo = 0;
    let hi = positives;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (sorted[mid] <= v) lo = mid + 1;
      else hi = mid;
    }
    return positives - lo;
  };
  const edgeNext = edge.map((v) => larger(v));
  const valueA = cutA < positives ? desc(cutA) : -Infinity;
  const valueB = cutB < positives ? desc(cutB) : -Infinity;
  for (let i = 0; i < n; i++) {
    const v = cents[i];
    if (!(v > 0)) continue;
    const e = edge.indexOf(v);
    if (e >= 0) {
      const p = edgeNext[e]++;
      // The same value may sit at both cuts: keep both counters in step.
      for (let f = 0; f < edge.length; f++) if (f !== e && edge[f] === v) edgeNext[f] = edgeNext[e];
      out[i] = classAt(p);
    } else out[i] = v > valueA ? 0 : v > valueB ? 1 : 2;
  }
  return out;
}

/**
 * The positive values, rising. Whole cents below 2^32 (a customer's 43 million a
 * window) are radix-sorted in three passes of 11 bits: the native sort of typed
 * arrays compares, and took most of the trends' time at 24 month-ends of 60,000 customers.
 */
function sortedPositive(values: Float64Array, positives: number): Float64Array | Uint32Array {
  let max = 0;
  for (let i = 0; i < values.length; i++) if (values[i] > max) max = values[i];
  if (!(max < 2 ** 32)) {
    const sorted = new Float64Array(positives);
    for (let i = 0, p = 0; i < values.length; i++) if (values[i] > 0) sorted[p++] = values[i];
    return sorted.sort();
  }
  let from = new Uint32Array(positives);
  for (let i = 0, p = 0; i < values.length; i++) if (values[i] > 0) from[p++] = values[i];
  let to = new Uint32Array(positives);
  const count = new Int32Array(2048);
  for (let shift = 0; shift < 32; shift += 11) {
    if (max < 2 ** shift) break; // the higher digits are all 0: already in order
    count.fill(0);
    for (let i = 0; i < positives; i++) count[(from[i] >>> shift) & 2047]++;
    for (let d = 0, sum = 0; d < 2048; d++) {
      const c = count[d];
      count[d] = sum;
      sum += c;
    }
    for (let i = 0; i < positives; i++) to[count[(from[i] >>> shift) & 2047]++] = from[i];
    [from, to] = [to, from];
  }
  return from;
}
