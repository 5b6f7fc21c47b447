/**
 * The per-customer summary: one pass over the order rows that every metric,
 * report and e-mail takes as input (DOMAIN.md section 9, "Purchases").
 */
import { OrderRows } from './orders';

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
  /** Net of returns. */
  revenue: Float64Array;
  /** Null when the orders have no profit or margin column. */
  profit: Float64Array | null;
  /** Customer i's events are start[i] .. start[i+1]-1, by day: purchases and stand-alone returns. */
  start: Int32Array;
  eventDay: Int32Array;
  eventAmount: Float64Array;
  eventIsPurchase: Uint8Array;
  /** Customers whose rows in the window are all returns: not customers of the window, but not forgotten. */
  returnsOnly: { customers: number; amount: number };
}

const sortedKeyOrder = new WeakMap<OrderRows, Int32Array>();

/** Directory indexes sorted by customer key, so that output order never depends on row order. */
function customersByKey(orders: OrderRows): Int32Array {
  let order = sortedKeyOrder.get(orders);
  if (!order) {
    const keys = orders.customers.key;
    const idx = Array.from({ length: keys.length }, (_, i) => i);
    idx.sort((a, b) => (keys[a] < keys[b] ? -1 : keys[a] > keys[b] ? 1 : 0));
    order = Int32Array.from(idx);
    sortedKeyOrder.set(orders, order);
  }
  return order;
}

/** Builds the summary of the rows inside the window. */
export function buildSummary(orders: OrderRows, window: Window): CustomerSummary {
  const { asOf } = window;
  const from = window.from ?? -Infinity;
  const dirSize = orders.customers.key.length;
  const { day, customer, amount, profit, order } = orders;

  // Counting sort of the rows in the window by customer.
  const counts = new Int32Array(dirSize + 1);
  let inWindow = 0;
  for (let i = 0; i < orders.count; i++) {
    const d = day[i];
    if (d < asOf && d >= from) {
      counts[customer[i] + 1]++;
      inWindow++;
    }
  }
  for (let c = 0; c < dirSize; c++) counts[c + 1] += counts[c];
  const rowStart = counts.slice();
  const rows = new Int32Array(inWindow);
  for (let i = 0; i < orders.count; i++) {
    const d = day[i];
    if (d < asOf && d >= from) rows[rowStart[customer[i]]++] = i;
  }
  // counts[c]..counts[c+1] now delimit customer c's rows.

  const byKey = customersByKey(orders);
  const ref: number[] = [];
  const firstPurchase: number[] = [];
  const lastPurchase: number[] = [];
  const purchases: number[] = [];
  const revenue: number[] = [];
  const profits: number[] = [];
  const start: number[] = [0];
  const eventDay = new Int32Array(inWindow);
  const eventAmount = new Float64Array(inWindow);
  const eventIsPurchase = new Uint8Array(inWindow);
  const eventProfit = new Float64Array(inWindow);
  let events = 0;
  const returnsOnly = { customers: 0, amount: 0 };
  // Rows of one order share an event; blank order ids fall back to the customer-day.
  const eventOfOrder = new Map<number, number>();
  // Rows in a fixed order: same sums whatever the order of rows in the sheet.
  const rowCompare = (a: number, b: number): number =>
    day[a] - day[b] || (order ? order[a] - order[b] : 0) || amount[a] - amount[b] || (profit ? profit[a] - profit[b] : 0);

  for (let k = 0; k < dirSize; k++) {
    const c = byKey[k];
    const lo = counts[c];
    const hi = counts[c + 1];
    if (lo === hi) continue;
    sortRange(rows, lo, hi, rowCompare);

    const firstEvent = events;
    let dayEvent = -1;
    let dayEventDay = NaN;
    eventOfOrder.clear();
    let moved = false;
    for (let j = lo; j < hi; j++) {
      const r = rows[j];
      const d = day[r];
      const o = order ? order[r] : -1;
      let e: number;
      if (o >= 0) {
        const known = eventOfOrder.get(o);
        if (known === undefined) {
          e = events++;
          eventOfOrder.set(o, e);
          eventDay[e] = d;
          eventAmount[e] = 0;
          eventProfit[e] = 0;
          eventIsPurchase[e] = 0;
        } else e = known;
      } else if (dayEvent >= 0 && dayEventDay === d) {
        e = dayEvent;
      } else {
        e = events++;
        dayEvent = e;
        dayEventDay = d;
        eventDay[e] = d;
        eventAmount[e] = 0;
        eventProfit[e] = 0;
        eventIsPurchase[e] = 0;
      }
      eventAmount[e] += amount[r];
      if (profit) eventProfit[e] += profit[r];
      if (amount[r] >= 0 && !eventIsPurchase[e]) {
        // An order that opens with a return line is a purchase from its first real line.
        if (eventDay[e] !== d) moved = true;
        eventDay[e] = d;
        eventIsPurchase[e] = 1;
      }
    }
    if (moved) sortEvents(eventDay, eventAmount, eventProfit, eventIsPurchase, firstEvent, events);

    let n = 0;
    let first = 0;
    let last = 0;
    let rev = 0;
    let prof = 0;
    for (let e = firstEvent; e < events; e++) {
      rev += eventAmount[e];
      prof += eventProfit[e];
      if (eventIsPurchase[e]) {
        if (n === 0) first = eventDay[e];
        last = eventDay[e];
        n++;
      }
    }
    if (n === 0) {
      returnsOnly.customers++;
      returnsOnly.amount += rev;
      events = firstEvent;
      continue;
    }
    ref.push(c);
    firstPurchase.push(first);
    lastPurchase.push(last);
    purchases.push(n);
    revenue.push(rev);
    profits.push(prof);
    start.push(events);
  }

  const dir = orders.customers;
  return {
    asOf,
    from,
    size: ref.length,
    ref: Int32Array.from(ref),
    key: ref.map((c) => dir.key[c]),
    name: ref.map((c) => dir.name[c]),
    manager: ref.map((c) => dir.manager[c]),
    email: ref.map((c) => dir.email[c]),
    phone: ref.map((c) => dir.phone[c]),
    firstPurchase: Int32Array.from(firstPurchase),
    lastPurchase: Int32Array.from(lastPurchase),
    purchases: Int32Array.from(purchases),
    revenue: Float64Array.from(revenue),
    profit: profit ? Float64Array.from(profits) : null,
    start: Int32Array.from(start),
    eventDay: eventDay.slice(0, events),
    eventAmount: eventAmount.slice(0, events),
    eventIsPurchase: eventIsPurchase.slice(0, events),
    returnsOnly,
  };
}

function sortRange(a: Int32Array, lo: number, hi: number, compare: (x: number, y: number) => number): void {
  if (hi - lo < 2) return;
  if (hi - lo <= 24) {
    for (let i = lo + 1; i < hi; i++) {
      const v = a[i];
      let j = i - 1;
      while (j >= lo && compare(a[j], v) > 0) {
        a[j + 1] = a[j];
        j--;
      }
      a[j + 1] = v;
    }
    return;
  }
  const part = Array.from(a.subarray(lo, hi)).sort(compare);
  a.set(part, lo);
}

function sortEvents(day: Int32Array, amount: Float64Array, profit: Float64Array, purchase: Uint8Array, lo: number, hi: number): void {
  const idx = Array.from({ length: hi - lo }, (_, i) => lo + i).sort((x, y) => day[x] - day[y] || x - y);
  const d = idx.map((i) => day[i]);
  const a = idx.map((i) => amount[i]);
  const p = idx.map((i) => profit[i]);
  const f = idx.map((i) => purchase[i]);
  day.set(d, lo);
  amount.set(a, lo);
  profit.set(p, lo);
  purchase.set(f, lo);
}
