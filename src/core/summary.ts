/**
 * The per-customer summary: one pass over the order rows that every metric,
 * report and e-mail takes as input (docs/definitions.md: purchases and returns).
 */
import { fromCents, toCents } from './money';
import { type OrderRows } from './orders';
import { RowEvents } from './purchaseEvents';

/** Which rows count: dated in [from, asOf). */
export interface Window {
  asOf: number;
  from?: number;
}

/**
 * Customers with at least one purchase in the window, sorted by key, as
 * parallel columns, plus each customer's dated history ("events").
 */
export interface CustomerSummary {
  asOf: number;
  from: number;
  size: number;
  /** Index into the order rows' customer directory. */
  ref: Int32Array;
  key: string[];
  name: string[];
  manager: string[];
  email: string[];
  phone: string[];
  firstPurchase: Int32Array;
  lastPurchase: Int32Array;
  purchases: Int32Array;
  /** Net of returns; summed as whole cents, so equal spend is the same number. */
  revenue: Float64Array;
  /** Null when the orders have no profit or margin column; summed as whole cents too. */
  profit: Float64Array | null;
  /** Customer i's events are start[i] .. start[i+1]-1, by day: purchases and stand-alone returns. */
  start: Int32Array;
  eventDay: Int32Array;
  eventAmount: Float64Array;
  eventIsPurchase: Uint8Array;
  /**
   * Profit of each event (to the cent), null without a profit or margin column. Optional: a summary
   * read back from the warehouse (src/sql/results.ts) has no events, so none.
   */
  eventProfit?: Float64Array | null;
  /** Customers whose rows in the window are all returns: not customers of the window, but not forgotten. */
  returnsOnly: { customers: number; amount: number };
}

/**
 * What every summary of the same orders shares, whatever its window: customers in
 * key order, and each customer's rows in a fixed order. Built once per OrderRows,
 * since reports summarise several windows (migration: two dates, two periods).
 */
export interface RowIndex {
  /** Directory indexes sorted by customer key, so that output order never depends on row order. */
  byKey: Int32Array;
  /** The rows of customer byKey[k] are at start[k] .. start[k+1]-1 of the columns below: customers in key order. */
  start: Int32Array;
  /**
   * The rows' columns in that order, copied: the summary then reads memory in
   * sequence instead of jumping across columns of millions of rows.
   */
  day: Int32Array;
  amount: Float64Array;
  profit: Float64Array | null;
  /** Order ids renumbered in this order (-1 blank), so that order lookups stay close together too. */
  order: Int32Array | null;
  orderCount: number;
  /** Manager of each row (index into OrderRows.managerNames, -1 blank), in this order. */
  manager: Int32Array | null;
}

const rowIndexes = new WeakMap<OrderRows, RowIndex>();

function rowIndex(orders: OrderRows): RowIndex {
  let index = rowIndexes.get(orders);
  if (!index) {
    const byKey = customersByKey(orders.customers.key);
    index = { byKey, ...rowsByCustomer(orders, byKey) };
    rowIndexes.set(orders, index);
  }
  return index;
}

/**
 * The rows grouped as every summary reads them (customers in key order, each
 * customer's rows by day, ties in a fixed order), for computations that walk the
 * same events at many dates (src/core/trends.ts) and must group rows into
 * purchases exactly as a summary does. Shared, not copied: read only.
 */
export type GroupedRows = Readonly<RowIndex>;

export function groupedRows(orders: OrderRows): GroupedRows {
  return rowIndex(orders);
}

const keyRanks = new WeakMap<OrderRows, Int32Array>();

/**
 * The place of every directory index in key order (rank[c] < rank[d] exactly when
 * customer c's key sorts before d's): summaries of the same orders list their
 * customers in this order, so two of them are aligned by rank with no string compares.
 */
export function customerRank(orders: OrderRows): Int32Array {
  let rank = keyRanks.get(orders);
  if (!rank) {
    const { byKey } = rowIndex(orders);
    rank = new Int32Array(byKey.length);
    for (let k = 0; k < byKey.length; k++) rank[byKey[k]] = k;
    keyRanks.set(orders, rank);
  }
  return rank;
}

/**
 * Directory indexes in key order (code-unit order, as `<` compares strings).
 * Comparing whole strings was the summary's largest cost at 100,000 customers,
 * whose keys share long prefixes ("иванов иван, к-0..."). This is an MSD radix
 * sort instead: the keys' code units copied into one buffer; a run of keys that
 * agree so far skips the prefix they all share, then is ordered by its next two
 * code units with a native sort of numbers. Equal keys keep their index order.
 */
export function customersByKey(keys: readonly string[]): Int32Array {
  const n = keys.length;
  const idx = new Int32Array(n);
  for (let i = 0; i < n; i++) idx[i] = i;
  // Two code units (33 bits with "ended" below every unit) and a position below 2^20 fit a double exactly.
  if (n >= 1 << 20) return sortByComparison(keys, idx, 0, n);
  const offset = new Int32Array(n + 1);
  for (let i = 0; i < n; i++) offset[i + 1] = offset[i] + keys[i].length;
  const units = new Uint16Array(offset[n]);
  for (let i = 0; i < n; i++) {
    const key = keys[i];
    for (let c = 0, o = offset[i]; c < key.length; c++) units[o + c] = key.charCodeAt(c);
  }
  const unitAt = (i: number, at: number): number => (offset[i] + at < offset[i + 1] ? units[offset[i] + at] + 1 : 0);
  const packed = new Float64Array(n);
  const placed = new Int32Array(n);
  const POSITION = 1 << 20;
  const runs: number[] = [0, n, 0]; // lo, hi, depth: the keys idx[lo..hi) agree on their first `depth` units
  while (runs.length > 0) {
    const depth = runs.pop() as number;
    const hi = runs.pop() as number;
    const lo = runs.pop() as number;
    if (hi - lo < 2) continue;
    if (hi - lo <= 16) {
      sortByComparison(keys, idx, lo, hi);
      continue;
    }
    // The prefix the whole run shares beyond `depth`.
    const first = idx[lo];
    let shared = offset[first + 1] - offset[first] - depth;
    for (let j = lo + 1; j < hi && shared > 0; j++) {
      const i = idx[j];
      const limit = Math.min(shared, offset[i + 1] - offset[i] - depth);
      let m = 0;
      while (m < limit && units[offset[i] + depth + m] === units[offset[first] + depth + m]) m++;
      shared = m;
    }
    const at = depth + shared;
    for (let j = 0; j < hi - lo; j++) {
      const i = idx[lo + j];
      packed[j] = (unitAt(i, at) * 65537 + unitAt(i, at + 1)) * POSITION + j;
    }
    const run = packed.subarray(0, hi - lo);
    run.sort();
    for (let j = 0; j < run.length; j++) placed[j] = idx[lo + (run[j] % POSITION)];
    idx.set(placed.subarray(0, run.length), lo);
    // Keys that agree on these two units go on, unless they ended (then they are equal).
    for (let s = 0, j = 1; j <= run.length; j++) {
      const chunk = Math.floor(run[s] / POSITION);
      if (j === run.length || Math.floor(run[j] / POSITION) !== chunk) {
        if (j - s > 1 && chunk % 65537 !== 0) runs.push(lo + s, lo + j, at + 2);
        s = j;
      }
    }
  }
  return idx;
}

/** Sorts idx[lo..hi) by key, equal keys by index (the comparison sort is stable). */
function sortByComparison(keys: readonly string[], idx: Int32Array, lo: number, hi: number): Int32Array {
  const part = Array.from(idx.subarray(lo, hi)).sort((a, b) => (keys[a] < keys[b] ? -1 : keys[a] > keys[b] ? 1 : a - b));
  idx.set(part, lo);
  return idx;
}

/**
 * Rows grouped by customer, each customer's rows by day, order, amount and profit:
 * the same sums whatever the order of rows in the sheet. Two counting sorts (by
 * day, then stably by customer) do in a few linear passes what a comparison sort
 * per customer did in most of the summary's time; only rows of one customer on one
 * day are left to compare.
 */
function rowsByCustomer(orders: OrderRows, byKey: Int32Array): Omit<RowIndex, 'byKey'> {
  const { count, day, customer, amount, profit, order, manager } = orders;
  const dirSize = orders.customers.key.length;
  // Customers are grouped in key order, the order the summary walks them in.
  const rank = new Int32Array(dirSize);
  for (let k = 0; k < dirSize; k++) rank[byKey[k]] = k;
  let minDay = Infinity;
  let maxDay = -Infinity;
  for (let i = 0; i < count; i++) {
    if (day[i] < minDay) minDay = day[i];
    if (day[i] > maxDay) maxDay = day[i];
  }
  // By day (dates run from year 0 to 9999: at most 3.7 million days).
  const byDay = new Int32Array(count);
  if (count > 0) {
    const dayStart = new Int32Array(maxDay - minDay + 2);
    for (let i = 0; i < count; i++) dayStart[day[i] - minDay + 1]++;
    for (let k = 1; k < dayStart.length; k++) dayStart[k] += dayStart[k - 1];
    for (let i = 0; i < count; i++) byDay[dayStart[day[i] - minDay]++] = i;
  }
  // Then by customer, keeping the day order. Each row's columns are written to their place as the
  // rows are read in day order: an orders tab is mostly by date, so the reads run in sequence and
  // only the writes jump (a jumping write costs far less than a jumping read at a million rows).
  const start = new Int32Array(dirSize + 1);
  for (let i = 0; i < count; i++) start[rank[customer[i]] + 1]++;
  for (let k = 0; k < dirSize; k++) start[k + 1] += start[k];
  const next = start.slice(0, dirSize);
  const groupedDay = new Int32Array(count);
  const groupedAmount = new Float64Array(count);
  const groupedProfit = profit ? new Float64Array(count) : null;
  const groupedOrder = order ? new Int32Array(count) : null;
  const groupedManager = manager ? new Int32Array(count) : null;
  for (let j = 0; j < count; j++) {
    const r = byDay[j];
    const p = next[rank[customer[r]]]++;
    groupedDay[p] = day[r];
    groupedAmount[p] = amount[r];
    if (groupedProfit && profit) groupedProfit[p] = profit[r];
    if (groupedOrder && order) groupedOrder[p] = order[r];
    if (groupedManager && manager) groupedManager[p] = manager[r];
  }
  // Rows of one customer on one day: by order, amount, profit (ties are equal rows, whose order does not matter).
  const columns: TieColumns = { order: groupedOrder, orderKeys: orders.orderKeys, amount: groupedAmount, profit: groupedProfit };
  for (let k = 0; k < dirSize; k++) {
    const hi = start[k + 1];
    for (let lo = start[k]; lo < hi;) {
      let end = lo + 1;
      while (end < hi && groupedDay[end] === groupedDay[lo]) end++;
      if (end - lo > 1) sortTies(columns, lo, end); // the day stays the same within the stretch
      lo = end;
    }
  }
  // Order ids renumbered in this order, so that the summary's lookups by order stay close together.
  let orderCount = 0;
  if (groupedOrder) {
    let maxOrder = -1;
    for (let j = 0; j < count; j++) if (groupedOrder[j] > maxOrder) maxOrder = groupedOrder[j];
    const renumber = new Int32Array(maxOrder + 1).fill(-1);
    for (let j = 0; j < count; j++) {
      const o = groupedOrder[j];
      if (o >= 0) {
        if (renumber[o] < 0) renumber[o] = orderCount++;
        groupedOrder[j] = renumber[o];
      }
    }
  }
  return { start, day: groupedDay, amount: groupedAmount, profit: groupedProfit, order: groupedOrder, orderCount, manager: groupedManager };
}

/** Builds the summary of the rows inside the window. */
export function buildSummary(orders: OrderRows, window: Window): CustomerSummary {
  const { asOf } = window;
  const from = window.from ?? -Infinity;
  const dirSize = orders.customers.key.length;
  const { byKey, start: rowStart, day, amount, profit, order, orderCount, manager: rowManager } = rowIndex(orders);
  const managerNames = orders.managerNames;

  let inWindow = 0;
  for (let i = 0; i < orders.count; i++) {
    const d = day[i];
    if (d < asOf && d >= from) inWindow++;
  }

  // Typed columns of the directory's size, cut to the customers found at the end: no growing arrays to copy and collect.
  const ref = new Int32Array(dirSize);
  const firstPurchase = new Int32Array(dirSize);
  const lastPurchase = new Int32Array(dirSize);
  const purchases = new Int32Array(dirSize);
  const revenue = new Float64Array(dirSize);
  const profits = new Float64Array(dirSize);
  // The manager of the customer's latest row in the window with one (same day: the first name A-Z), -1 none.
  const managerOf = new Int32Array(dirSize);
  const start = new Int32Array(dirSize + 1);
  let size = 0;
  const eventDay = new Int32Array(inWindow);
  const eventAmount = new Float64Array(inWindow);
  const eventIsPurchase = new Uint8Array(inWindow);
  // Without a profit column there is no profit per event to keep (1 million rows: 8 MB not allocated).
  const eventProfit = profit ? new Float64Array(inWindow) : null;
  let events = 0;
  const returnsOnly = { customers: 0, amount: 0 };
  // Rows of one order share an event; blank order ids fall back to the customer-day (src/core/purchaseEvents.ts).
  const rowEvents = new RowEvents(orderCount, managerNames);

  for (let k = 0; k < dirSize; k++) {
    const c = byKey[k];
    // The customer's rows are by day: the window is one stretch of them.
    let lo = rowStart[k];
    let hi = rowStart[k + 1];
    while (lo < hi && day[lo] < from) lo++;
    while (hi > lo && day[hi - 1] >= asOf) hi--;
    if (lo === hi) continue;

    const firstEvent = events;
    rowEvents.begin(k, events);
    let moved = false;
    for (let r = lo; r < hi; r++) {
      const d = day[r];
      let e = rowEvents.eventOf(d, order ? order[r] : -1, rowManager ? rowManager[r] : -1);
      if (e < 0) {
        e = ~e;
        eventDay[e] = d;
        eventAmount[e] = 0;
        if (eventProfit) eventProfit[e] = 0;
        eventIsPurchase[e] = 0;
      }
      // Whole cents while summing: the same total whatever the order or number of rows.
      eventAmount[e] += toCents(amount[r]);
      if (profit && eventProfit) eventProfit[e] += toCents(profit[r]);
      if (amount[r] >= 0 && !eventIsPurchase[e]) {
        // An order that opens with a return line is a purchase from its first real line.
        if (eventDay[e] !== d) moved = true;
        eventDay[e] = d;
        eventIsPurchase[e] = 1;
      }
    }
    events = rowEvents.end;
    if (moved) sortEvents(eventDay, eventAmount, eventProfit, eventIsPurchase, firstEvent, events);

    let n = 0;
    let first = 0;
    let last = 0;
    let rev = 0;
    let prof = 0;
    for (let e = firstEvent; e < events; e++) {
      rev += eventAmount[e];
      if (eventProfit) {
        prof += eventProfit[e];
        eventProfit[e] = fromCents(eventProfit[e]);
      }
      eventAmount[e] = fromCents(eventAmount[e]);
      if (eventIsPurchase[e]) {
        if (n === 0) first = eventDay[e];
        last = eventDay[e];
        n++;
      }
    }
    if (n === 0) {
      returnsOnly.customers++;
      returnsOnly.amount = fromCents(toCents(returnsOnly.amount) + rev);
      events = firstEvent;
      continue;
    }
    ref[size] = c;
    firstPurchase[size] = first;
    lastPurchase[size] = last;
    purchases[size] = n;
    revenue[size] = fromCents(rev);
    profits[size] = fromCents(prof);
    managerOf[size] = rowEvents.manager;
    start[++size] = events;
  }

  const dir = orders.customers;
  const refs = ref.slice(0, size);
  const column = (values: string[]): string[] => {
    const out = new Array<string>(size);
    for (let i = 0; i < size; i++) out[i] = values[refs[i]];
    return out;
  };
  return {
    asOf,
    from,
    size,
    ref: refs,
    key: column(dir.key),
    name: column(dir.name),
    manager: Array.from(managerOf.subarray(0, size), (m) => (m >= 0 ? managerNames[m] : '')),
    email: column(dir.email),
    phone: column(dir.phone),
    firstPurchase: firstPurchase.slice(0, size),
    lastPurchase: lastPurchase.slice(0, size),
    purchases: purchases.slice(0, size),
    revenue: revenue.slice(0, size),
    profit: profit ? profits.slice(0, size) : null,
    start: start.slice(0, size + 1),
    // Views, not copies: a copy of every event would double the memory the summary allocates.
    eventDay: eventDay.subarray(0, events),
    eventAmount: eventAmount.subarray(0, events),
    eventIsPurchase: eventIsPurchase.subarray(0, events),
    eventProfit: eventProfit ? eventProfit.subarray(0, events) : null,
    returnsOnly,
  };
}

interface TieColumns {
  order: Int32Array | null;
  orderKeys: readonly (string | number)[] | null;
  amount: Float64Array;
  profit: Float64Array | null;
}

/**
 * Two interned orders in the order their purchases are counted within a day: rows without an id first,
 * then by id (numbers before text, numbers by value, text by code unit). By id, not by where the order
 * first appears in the tab, so that which order of a day is a customer's first purchase (the repeat
 * share's split) does not depend on the row order.
 */
export function compareOrders(keys: readonly (string | number)[], a: number, b: number): number {
  if (a === b) return 0;
  if (a < 0 || b < 0) return a - b;
  const x = keys[a];
  const y = keys[b];
  if (typeof x === 'number') return typeof y === 'number' ? x - y : -1;
  if (typeof y === 'number') return 1;
  return x < y ? -1 : x > y ? 1 : 0;
}

/** Sorts the rows [lo, hi) of the grouped columns by order, amount, profit, moving every column. */
function sortTies(c: TieColumns, lo: number, hi: number): void {
  const { order, orderKeys, amount, profit } = c;
  const byOrder = (a: number, b: number): number =>
    order ? (orderKeys ? compareOrders(orderKeys, order[a], order[b]) : order[a] - order[b]) : 0;
  const before = (a: number, b: number): number => byOrder(a, b) || amount[a] - amount[b] || (profit ? profit[a] - profit[b] : 0);
  if (hi - lo <= 24) {
    // Insertion sort, mostly of an order's two or three lines.
    for (let i = lo + 1; i < hi; i++) {
      for (let j = i; j > lo && before(j - 1, j) > 0; j--) {
        swap(amount, j - 1, j);
        if (order) swap(order, j - 1, j);
        if (profit) swap(profit, j - 1, j);
      }
    }
    return;
  }
  const idx = Array.from({ length: hi - lo }, (_, i) => lo + i).sort(before);
  const a = idx.map((i) => amount[i]);
  const o = order ? idx.map((i) => order[i]) : null;
  const p = profit ? idx.map((i) => profit[i]) : null;
  amount.set(a, lo);
  if (order && o) order.set(o, lo);
  if (profit && p) profit.set(p, lo);
}

function swap(values: Int32Array | Float64Array, i: number, j: number): void {
  const v = values[i];
  values[i] = values[j];
  values[j] = v;
}

function sortEvents(
  day: Int32Array,
  amount: Float64Array,
  profit: Float64Array | null,
  purchase: Uint8Array,
  lo: number,
  hi: number,
): void {
  const idx = Array.from({ length: hi - lo }, (_, i) => lo + i).sort((x, y) => day[x] - day[y] || x - y);
  const d = idx.map((i) => day[i]);
  const a = idx.map((i) => amount[i]);
  const f = idx.map((i) => purchase[i]);
  if (profit)
    profit.set(
      idx.map((i) => profit[i]),
      lo,
    );
  day.set(d, lo);
  amount.set(a, lo);
  purchase.set(f, lo);
}
