/**
 * The Managers sheet's figures (docs/definitions.md: the Managers sheet): per manager
 * and per calendar month over the last 12 full months and the current month to
 * date, and the same months a year earlier: revenue, purchases, customers who
 * bought, new customers, repeat revenue, profit, active customers at the month's
 * end, and the lost and won back of the month by the lost-ratio rules of section 7
 * (lost at a date from the history before it). Plus the 12 full months and the 12
 * before them, and purchases per week.
 *
 * A customer counts in each period for their manager at the period's end: the
 * manager of their latest order row with a manager before it (section 1, as the
 * lost ratio counts them), "" when none.
 *
 * One pass over the order rows (each customer's manager at every period end) and
 * one over the summary's events (flows, and the lost state at every period
 * boundary, with a running median of each customer's gaps): not a summary per
 * month, so that a million rows take a fraction of a second.
 */
import { type LostOptions } from './churn';
import { periodIndex, periodStart } from './calendar';
import { yearsBefore } from './isoDates';
import { fromCents, toCents } from './money';
import { type OrderRows } from './orders';
import { type CustomerSummary } from './summary';

/** Months shown: the last 12 full months and the current one. */
export const SHOWN_MONTHS = 13;

export interface ManagerMonthsOptions {
  /** Active at a date: a purchase within this many days before it (lifecycle's Active band, default 60). */
  activeTo: number;
  lost: LostOptions;
}

/** One period's figures for one manager (or the total). Money is exact to the cent. */
export interface PeriodFigures {
  revenue: number;
  /** Revenue of 2nd and later purchases (docs/definitions.md section 8, within the period). */
  repeatRevenue: number;
  /** Null without a profit or margin column. */
  profit: number | null;
  purchases: number;
  /** Customers with a purchase in the period. */
  customers: number;
  /** Customers whose first purchase ever is in the period. */
  newCustomers: number;
  /** Customers whose last purchase before the period's end is within `activeTo` days of it. */
  active: number;
  /** The lost ratio of the period (section 7): not lost at its start, */
  atStart: number;
  /** of them lost at its end, */
  lost: number;
  /** and lost at its start who bought in it. */
  wonBack: number;
}

/** A period [from, to) in epoch days. */
export interface Period {
  from: number;
  to: number;
}

export interface ManagerMonths {
  /** Managers in the sheet's order (most revenue in the 12 full months first; '' = no manager, last). */
  managers: string[];
  /** The 13 months shown (month index: year x 12 + month - 1), oldest first; the last is the current one. */
  months: number[];
  /** Whether the current month is cut at the as-of date (it is, unless the as-of date is the 1st of the next). */
  currentPartial: boolean;
  /** Each shown month's period, and the same period a year earlier (for the current month: its days so far, a year back). */
  periods: Period[];
  yearAgo: Period[];
  /** figures[period][manager], the total at index managers.length; `yearAgoFigures` the same for `yearAgo`. */
  figures: PeriodFigures[][];
  yearAgoFigures: PeriodFigures[][];
  /** Revenue of each shown month's full calendar month a year earlier, per manager and in total: the plan's base. */
  planBase: number[][];
  /** The 12 full months and the 12 months before them, per manager and in total. */
  twelveMonths: PeriodFigures[];
  twelveMonthsYearAgo: PeriodFigures[];
  /** Purchases per week (weeks from Monday) over the shown months, per manager and in total. */
  weeks: { start: number; purchases: number[] }[];
}

// Period slots of the computation: 25 calendar months (a year before the first shown month to the current one),
// the current month's days a year earlier, the 12 full months and the 12 before them.
const MONTH_SLOTS = 25;
const SLOT_YEAR_AGO_TO_DATE = 25;
const SLOT_TWELVE = 26;
const SLOT_TWELVE_AGO = 27;
const SLOTS = 28;

/** A figure's sums per slot and manager, in one typed array: [slot * stride + manager]. */
interface Tallies {
  revenue: Float64Array;
  repeat: Float64Array;
  profit: Float64Array;
  purchases: Int32Array;
  customers: Int32Array;
  newCustomers: Int32Array;
  active: Int32Array;
  atStart: Int32Array;
  lost: Int32Array;
  wonBack: Int32Array;
}

function tallies(size: number): Tallies {
  return {
    revenue: new Float64Array(size),
    repeat: new Float64Array(size),
    profit: new Float64Array(size),
    purchases: new Int32Array(size),
    customers: new Int32Array(size),
    newCustomers: new Int32Array(size),
    active: new Int32Array(size),
    atStart: new Int32Array(size),
    lost: new Int32Array(size),
    wonBack: new Int32Array(size),
  };
}

/** Running median of a growing list of numbers: two heaps, the lower half a max-heap, the upper a min-heap. */
class RunningMedian {
  private low = new Float64Array(16);
  private high = new Float64Array(16);
  private nLow = 0;
  private nHigh = 0;
  get size(): number {
    return this.nLow + this.nHigh;
  }
  clear(): void {
    this.nLow = 0;
    this.nHigh = 0;
  }
  median(): number {
    if (this.nLow === 0) return NaN;
    return this.nLow > this.nHigh ? this.low[0] : (this.low[0] + this.high[0]) / 2;
  }
  add(x: number): void {
    if (this.nLow === 0 || x <= this.low[0]) this.push(true, x);
    else this.push(false, x);
    // Keep nLow == nHigh or nLow == nHigh + 1.
    if (this.nLow > this.nHigh + 1) this.push(false, this.pop(true));
    else if (this.nHigh > this.nLow) this.push(true, this.pop(false));
  }
  private push(toLow: boolean, x: number): void {
    let heap = toLow ? this.low : this.high;
    let n = toLow ? this.nLow : this.nHigh;
    if (n === heap.length) {
      const wider = new Float64Array(heap.length * 2);
      wider.set(heap);
      heap = wider;
      if (toLow) this.low = heap;
      else this.high = heap;
    }
    // Sift up; the low heap keeps its largest on top, the high heap its smallest.
    let i = n++;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (toLow ? heap[parent] >= x : heap[parent] <= x) break;
      heap[i] = heap[parent];
      i = parent;
    }
    heap[i] = x;
    if (toLow) this.nLow = n;
    else this.nHigh = n;
  }
  private pop(fromLow: boolean): number {
    const heap = fromLow ? this.low : this.high;
    const n = (fromLow ? this.nLow : this.nHigh) - 1;
    const top = heap[0];
    const x = heap[n];
    let i = 0;
    for (;;) {
      let child = 2 * i + 1;
      if (child >= n) break;
      if (child + 1 < n && (fromLow ? heap[child + 1] > heap[child] : heap[child + 1] < heap[child])) child++;
      if (fromLow ? heap[child] <= x : heap[child] >= x) break;
      heap[i] = heap[child];
      i = child;
    }
    heap[i] = x;
    if (fromLow) this.nLow = n;
    else this.nHigh = n;
    return top;
  }
}

/**
 * The figures of the Managers sheet from every order row before the as-of date
 * (`summary` is the summary as of it). See the module comment for the rules.
 */
export function managerMonths(orders: OrderRows, summary: CustomerSummary, options: ManagerMonthsOptions): ManagerMonths {
  const asOf = summary.asOf;
  const current = periodIndex(asOf - 1, 'month');
  const firstMonth = current - (MONTH_SLOTS - 1);
  const monthStart = (k: number): number => periodStart(firstMonth + k, 'month');
  const yearAgoAsOf = Math.max(monthStart(12), yearsBefore(asOf, 1));

  // Period slots [from, to), and the boundaries (period starts and ends) the lost state is needed at.
  const from = new Int32Array(SLOTS);
  const to = new Int32Array(SLOTS);
  for (let k = 0; k < MONTH_SLOTS; k++) {
    from[k] = monthStart(k);
    to[k] = k === MONTH_SLOTS - 1 ? asOf : monthStart(k + 1);
  }
  from[SLOT_YEAR_AGO_TO_DATE] = monthStart(12);
  to[SLOT_YEAR_AGO_TO_DATE] = yearAgoAsOf;
  from[SLOT_TWELVE] = monthStart(12);
  to[SLOT_TWELVE] = monthStart(24);
  from[SLOT_TWELVE_AGO] = monthStart(0);
  to[SLOT_TWELVE_AGO] = monthStart(12);
  const boundaries = [...new Set([...from, ...to])].sort((a, b) => a - b);
  const nB = boundaries.length;
  const startB = new Int32Array(SLOTS);
  const endB = new Int32Array(SLOTS);
  for (let s = 0; s < SLOTS; s++) {
    startB[s] = boundaries.indexOf(from[s]);
    endB[s] = boundaries.indexOf(to[s]);
  }
  const first = boundaries[0];
  const last = boundaries[nB - 1];
  // Day -> the number of boundaries at or before it (0 before the first), and -> its month slot (-1 outside).
  const span = last - first;
  const intervalOfDay = new Uint8Array(span + 1);
  const monthOfDay = new Int8Array(span + 1).fill(-1);
  for (let d = first, b = 0, k = 0; d <= last; d++) {
    while (b < nB && boundaries[b] <= d) b++;
    intervalOfDay[d - first] = b;
    while (k < MONTH_SLOTS && to[k] <= d) k++;
    if (k < MONTH_SLOTS && d >= from[k]) monthOfDay[d - first] = k;
  }
  const intervalOf = (d: number): number => (d < first ? 0 : d > last ? nB : intervalOfDay[d - first]);

  // Each customer's manager at every boundary: the latest row with a manager in each interval between
  // boundaries (same day: the first name A-Z), carried forward.
  const managerCount = orders.managerNames.length;
  const none = managerCount; // the "(no manager)" column
  const stride = managerCount + 1;
  const dirSize = orders.customers.key.length;
  const intervals = nB + 1;
  const bestManager = new Int32Array(dirSize * intervals).fill(-1);
  const bestDay = new Int32Array(dirSize * intervals);
  if (orders.manager) {
    const names = orders.managerNames;
    const { day, customer, manager } = orders;
    for (let r = 0; r < orders.count; r++) {
      const m = manager[r];
      if (m < 0 || day[r] >= asOf) continue;
      const at = customer[r] * intervals + intervalOf(day[r]);
      const held = bestManager[at];
      if (held < 0 || day[r] > bestDay[at] || (day[r] === bestDay[at] && names[m] < names[held])) {
        bestManager[at] = m;
        bestDay[at] = day[r];
      }
    }
  }

  // The base's time to a second purchase at every boundary (section 7): the nearest-rank percentile of the
  // days from first to second purchase day, over the customers whose second purchase day is before it.
  const baseDays = baseIntervals(summary, boundaries, options.lost);

  const t = tallies(SLOTS * stride);
  const weekStart = from[12] - ((((from[12] + 3) % 7) + 7) % 7); // the Monday on or before the first shown day
  const weekCount = Math.max(1, Math.ceil((asOf - weekStart) / 7));
  const weekly = new Int32Array(weekCount * stride);
  const slotManager = new Int32Array(SLOTS);
  const lostAt = new Uint8Array(nB);
  const hasAt = new Uint8Array(nB);
  const lastAt = new Int32Array(nB);
  const managerAt = new Int32Array(nB);
  const gaps = new RunningMedian();
  const { start, eventDay, eventAmount, eventIsPurchase, eventProfit } = summary;
  const factor = options.lost.factor;

  for (let i = 0; i < summary.size; i++) {
    const c = summary.ref[i];
    // Manager at each slot's end.
    let m = none;
    let b = 0;
    for (let j = 0; j < nB; j++) {
      for (; b <= j; b++) {
        const held = bestManager[c * intervals + b];
        if (held >= 0) m = held;
      }
      managerAt[j] = m;
    }
    for (let s = 0; s < SLOTS; s++) slotManager[s] = managerAt[endB[s]];

    // Flows: each event in its month slot, the current month's days a year earlier, and the 12-month slots
    // (those by the month's manager, so that the 12 months add up the months).
    let purchasesSoFar = 0;
    let bought = 0; // bit per slot
    for (let e = start[i]; e < start[i + 1]; e++) {
      const d = eventDay[e];
      const purchase = eventIsPurchase[e] === 1;
      if (purchase) purchasesSoFar++;
      if (d < first || d >= asOf) continue;
      const k = monthOfDay[d - first];
      if (k < 0) continue;
      const cents = toCents(eventAmount[e]);
      const profit = eventProfit ? toCents(eventProfit[e]) : 0;
      const repeat = purchasesSoFar > 1;
      const add = (slot: number, manager: number): void => {
        const at = slot * stride + manager;
        t.revenue[at] += cents;
        if (repeat) t.repeat[at] += cents;
        t.profit[at] += profit;
        if (purchase) {
          t.purchases[at]++;
          bought |= 1 << slot;
        }
      };
      add(k, slotManager[k]);
      if (d >= from[SLOT_YEAR_AGO_TO_DATE] && d < to[SLOT_YEAR_AGO_TO_DATE]) add(SLOT_YEAR_AGO_TO_DATE, slotManager[SLOT_YEAR_AGO_TO_DATE]);
      if (k >= 12 && k < 24) add(SLOT_TWELVE, slotManager[k]);
      else if (k < 12) add(SLOT_TWELVE_AGO, slotManager[k]);
      if (purchase && k >= 12) {
        const w = Math.floor((d - weekStart) / 7);
        weekly[w * stride + slotManager[k]]++;
      }
    }
    const firstDay = summary.firstPurchase[i];
    for (let s = 0; s < SLOTS; s++) {
      const manager = slotManager[s];
      // A buyer counts once per period, for the manager at its end (in the 12-month slots too).
      if (bought & (1 << s)) t.customers[s * stride + manager]++;
      if (s !== SLOT_TWELVE && s !== SLOT_TWELVE_AGO && firstDay >= from[s] && firstDay < to[s]) t.newCustomers[s * stride + manager]++;
    }
    // New customers add up over the 12 months: each for the manager of their month.
    const firstMonthSlot = firstDay >= first && firstDay < asOf ? monthOfDay[firstDay - first] : -1;
    if (firstMonthSlot >= 12 && firstMonthSlot < 24) t.newCustomers[SLOT_TWELVE * stride + slotManager[firstMonthSlot]]++;
    else if (firstMonthSlot >= 0 && firstMonthSlot < 12) t.newCustomers[SLOT_TWELVE_AGO * stride + slotManager[firstMonthSlot]]++;

    // The lost state at every boundary, from the purchase days before it.
    gaps.clear();
    let prev = NaN;
    let j = 0;
    const settle = (upTo: number): void => {
      for (; j < nB && boundaries[j] <= upTo; j++) {
        const B = boundaries[j];
        hasAt[j] = Number.isNaN(prev) ? 0 : 1;
        if (!hasAt[j]) continue;
        lastAt[j] = prev;
        const interval = gaps.size > 0 ? gaps.median() : baseDays[j];
        lostAt[j] = B - prev > interval * factor ? 1 : 0;
      }
    };
    for (let e = start[i]; e < start[i + 1]; e++) {
      if (!eventIsPurchase[e]) continue;
      const d = eventDay[e];
      if (d === prev) continue;
      settle(d); // boundaries at or before d see only the days before d
      if (!Number.isNaN(prev)) gaps.add(d - prev);
      prev = d;
    }
    settle(Infinity);
    for (let s = 0; s < SLOTS; s++) {
      const at = s * stride + slotManager[s];
      const js = startB[s];
      const je = endB[s];
      if (hasAt[je] && boundaries[je] - lastAt[je] <= options.activeTo) t.active[at]++;
      if (!hasAt[js]) continue;
      if (!lostAt[js]) {
        t.atStart[at]++;
        if (lostAt[je]) t.lost[at]++;
      } else if (lastAt[je] >= boundaries[js]) t.wonBack[at]++;
    }
  }

  // Managers with anything in any period, most revenue in the 12 full months first; no manager last.
  const used: number[] = [];
  const twelveRevenue = (mi: number): number => t.revenue[SLOT_TWELVE * stride + mi];
  for (let mi = 0; mi < stride; mi++) {
    let any = false;
    for (let s = 0; s < SLOTS && !any; s++) {
      const at = s * stride + mi;
      any = t.revenue[at] !== 0 || t.purchases[at] > 0 || t.active[at] > 0 || t.atStart[at] > 0 || t.wonBack[at] > 0;
    }
    if (any) used.push(mi);
  }
  const names = orders.managerNames;
  used.sort((a, b) =>
    a === none ? 1 : b === none ? -1 : twelveRevenue(b) - twelveRevenue(a) || (names[a] < names[b] ? -1 : names[a] > names[b] ? 1 : 0),
  );
  const hasProfit = summary.profit !== null;
  const row = (slot: number): PeriodFigures[] => {
    const out = used.map((mi) => figuresAt(t, slot * stride + mi, hasProfit));
    out.push(sumFigures(out, hasProfit));
    return out;
  };
  const shown = Array.from({ length: SHOWN_MONTHS }, (_, k) => 12 + k);
  const monthsShown = shown.map((k) => firstMonth + k);
  const weeks = Array.from({ length: weekCount }, (_, w) => {
    const purchases = used.map((mi) => weekly[w * stride + mi]);
    purchases.push(purchases.reduce((a, x) => a + x, 0));
    return { start: weekStart + 7 * w, purchases };
  });
  return {
    managers: used.map((mi) => (mi === none ? '' : names[mi])),
    months: monthsShown,
    currentPartial: asOf < periodStart(current + 1, 'month'),
    periods: shown.map((k) => ({ from: from[k], to: to[k] })),
    yearAgo: shown.map((k) =>
      k === 24 ? { from: from[SLOT_YEAR_AGO_TO_DATE], to: to[SLOT_YEAR_AGO_TO_DATE] } : { from: from[k - 12], to: to[k - 12] },
    ),
    figures: shown.map((k) => row(k)),
    yearAgoFigures: shown.map((k) => row(k === 24 ? SLOT_YEAR_AGO_TO_DATE : k - 12)),
    planBase: shown.map((k) => row(k - 12).map((f) => f.revenue)),
    twelveMonths: row(SLOT_TWELVE),
    twelveMonthsYearAgo: row(SLOT_TWELVE_AGO),
    weeks,
  };
}

function figuresAt(t: Tallies, at: number, hasProfit: boolean): PeriodFigures {
  return {
    revenue: fromCents(t.revenue[at]),
    repeatRevenue: fromCents(t.repeat[at]),
    profit: hasProfit ? fromCents(t.profit[at]) : null,
    purchases: t.purchases[at],
    customers: t.customers[at],
    newCustomers: t.newCustomers[at],
    active: t.active[at],
    atStart: t.atStart[at],
    lost: t.lost[at],
    wonBack: t.wonBack[at],
  };
}

/** The total of the managers' figures (each customer counts for one manager per period, so counts add up too). */
export function sumFigures(rows: readonly PeriodFigures[], hasProfit: boolean): PeriodFigures {
  const cents = (pick: (f: PeriodFigures) => number): number => fromCents(rows.reduce((a, f) => a + toCents(pick(f)), 0));
  const count = (pick: (f: PeriodFigures) => number): number => rows.reduce((a, f) => a + pick(f), 0);
  return {
    revenue: cents((f) => f.revenue),
    repeatRevenue: cents((f) => f.repeatRevenue),
    profit: hasProfit ? cents((f) => f.profit ?? 0) : null,
    purchases: count((f) => f.purchases),
    customers: count((f) => f.customers),
    newCustomers: count((f) => f.newCustomers),
    active: count((f) => f.active),
    atStart: count((f) => f.atStart),
    lost: count((f) => f.lost),
    wonBack: count((f) => f.wonBack),
  };
}

/**
 * The base's interval for one-time buyers at every boundary (churn.ts baseInterval
 * as of each): customers' days from first to second purchase day, counted at the
 * boundaries after the second purchase day; a histogram of the days keeps each
 * boundary's percentile a scan, not a sort.
 */
function baseIntervals(summary: CustomerSummary, boundaries: number[], options: LostOptions): Float64Array {
  const { start, eventDay, eventIsPurchase } = summary;
  const second: number[] = [];
  const toSecond: number[] = [];
  let maxGap = 0;
  for (let i = 0; i < summary.size; i++) {
    const firstDay = summary.firstPurchase[i];
    for (let e = start[i]; e < start[i + 1]; e++) {
      if (eventIsPurchase[e] && eventDay[e] !== firstDay) {
        second.push(eventDay[e]);
        toSecond.push(eventDay[e] - firstDay);
        if (eventDay[e] - firstDay > maxGap) maxGap = eventDay[e] - firstDay;
        break;
      }
    }
  }
  const order = Array.from(second.keys()).sort((a, b) => second[a] - second[b]);
  const histogram = new Int32Array(maxGap + 1);
  const out = new Float64Array(boundaries.length);
  let added = 0;
  for (let j = 0; j < boundaries.length; j++) {
    while (added < order.length && second[order[added]] < boundaries[j]) histogram[toSecond[order[added++]]]++;
    if (added < options.minSecondPurchases) {
      out[j] = options.fallbackIntervalDays;
      continue;
    }
    const rank = Math.max(1, Math.ceil(options.secondPurchasePercentile * added - 1e-9));
    let seen = 0;
    let v = 0;
    for (; v <= maxGap; v++) {
      seen += histogram[v];
      if (seen >= Math.min(added, rank)) break;
    }
    out[j] = v;
  }
  return out;
}
