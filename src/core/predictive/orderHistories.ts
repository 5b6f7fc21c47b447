/**
 * The customers' histories straight from the order rows, in one pass, for the
 * predictive functions: what `buildSummary` + `customerHistories` give them
 * (purchases, first and last purchase, revenue, manager, and x, t_x, T and the
 * average repeat purchase), bit for bit, without the summary's per-event columns.
 *
 * A warm predictive call (its fits in the cache) spent about a third of its time
 * building the summary every descriptive function needs: both counting sorts of
 * the rows, a copy of every row column in customer order and the event columns,
 * of which the models read four numbers per customer. Here each row goes straight
 * to its event (the rule of src/core/purchaseEvents.ts: one event per order id,
 * else per customer-day) and each event to its customer, with no search: an order
 * id's event is kept by the order, and a customer-day's is found while each
 * customer's rows come by date, oldest or newest first (an orders tab by date, or
 * by customer and date). test/predictiveHistories.test.ts holds this and the
 * summary to the same figures.
 *
 * The summary walks rows by day and sums in that order; here rows come in sheet
 * order. Every figure is still the same: an event's day is the earliest of its
 * non-return rows (or of all its rows when it has none), which is what the
 * summary's walk finds; the first purchase, when two share a day, is the one
 * whose first row the walk meets first (by day, then rows without an order id,
 * then by order id: `compareOrders`); money is summed in whole cents, and sums
 * of whole numbers are exact in any order while every partial sum stays within
 * 2^53. Where one pass cannot be sure, this gives null and the caller builds the
 * summary: a customer's row dated between two of their earlier days (rows out of
 * date order), an order id under two customers, amounts that could pass 2^52
 * cents in all (45 trillion), an order id NaN (which `compareOrders` cannot rank).
 */
import { fromCents, toCents } from '../money';
import type { OrderRows } from '../orders';
import { buildSummary, compareOrders, type CustomerSummary, customersByKey } from '../summary';
import { customerHistories } from './histories';
import type { RfmRow } from './rfmInput';

/** The customers with a purchase before as_of, in key order, as the summary lists them. */
export interface OrderHistories {
  size: number;
  /** Index into the order rows' customer directory. */
  ref: Int32Array;
  name: string[];
  /** The manager of the customer's latest row with one ('' none), as the summary's. */
  manager: string[];
  purchases: Int32Array;
  firstPurchase: Int32Array;
  lastPurchase: Int32Array;
  /** Net of returns. */
  revenue: Float64Array;
  /** x, t_x, T (days, the period ending the day before as_of) and the average repeat purchase: `customerHistories`. */
  histories: RfmRow[];
}

/** Above this many cents in all, a sum's order could change its last bit: the caller builds the summary. */
const EXACT_CENTS = 2 ** 52;
/** Below every day. */
const NO_DAY = -2147483648;

/** The histories of the customers of `orders` with a purchase before `asOf`; null where only the summary is sure. */
export function orderHistories(orders: OrderRows, asOf: number): OrderHistories | null {
  const { count, day, customer, amount, order, orderKeys, manager: rowManager, managerNames } = orders;
  if (orderKeys && orderKeys.some((k) => typeof k === 'number' && Number.isNaN(k))) return null;
  const dirSize = orders.customers.key.length;

  // Rows of the window (before as_of), the earliest day, and whether whole cents stay exact.
  let rows = 0;
  let totalCents = 0;
  for (let r = 0; r < count; r++) {
    const d = day[r];
    if (d >= asOf) continue;
    rows++;
    totalCents += Math.abs(toCents(amount[r]));
  }
  if (!(totalCents <= EXACT_CENTS)) return null;

  // Each row's event without a search: an order id's event is kept by the order (while one customer owns it); a
  // customer-day's is found when the customer's rows come by day, in either direction (an orders tab by date,
  // newest first or last, or by customer): a day outside the days met so far opens an event, one at either end
  // is that end's event. A row between them, or an order id under two customers, needs a search: the summary.
  const eventCustomer = new Int32Array(rows);
  const eventCents = new Float64Array(rows);
  const eventIsPurchase = new Uint8Array(rows);
  /** The earliest day of the event's non-return rows, or of all its rows while it has none. */
  const eventDay = new Int32Array(rows);
  /** Where the summary's walk meets the event first: its earliest row's day, then its order (-1: none). */
  const eventFirstDay = new Int32Array(rows);
  const eventOrder = new Int32Array(rows);
  let events = 0;
  const orderCount = orderKeys ? orderKeys.length : 0;
  const orderOwner = new Int32Array(orderCount).fill(-1);
  const orderEvent = new Int32Array(orderCount);
  // Per customer: the days of its earliest and latest day event so far, and those events (-1: none yet).
  const lowDay = new Int32Array(dirSize);
  const highDay = new Int32Array(dirSize);
  const lowEvent = new Int32Array(dirSize).fill(-1);
  const highEvent = new Int32Array(dirSize);
  // The customer's manager: that of their latest row with one, on one day the first name A-Z.
  const managerOf = rowManager ? new Int32Array(dirSize).fill(-1) : null;
  const managerDay = rowManager ? new Int32Array(dirSize).fill(NO_DAY) : null;

  for (let r = 0; r < count; r++) {
    const d = day[r];
    if (d >= asOf) continue;
    const c = customer[r];
    const o = order ? order[r] : -1;
    let e = -1;
    if (o >= 0) {
      const owner = orderOwner[o];
      if (owner === c) e = orderEvent[o];
      else if (owner !== -1) return null;
      else orderOwner[o] = c;
    } else if (lowEvent[c] >= 0) {
      if (d === highDay[c]) e = highEvent[c];
      else if (d === lowDay[c]) e = lowEvent[c];
      else if (d > lowDay[c] && d < highDay[c]) return null;
    }
    if (e < 0) {
      e = events++;
      eventCustomer[e] = c;
      eventDay[e] = d;
      eventFirstDay[e] = d;
      eventOrder[e] = o;
      if (o >= 0) orderEvent[o] = e;
      else if (lowEvent[c] < 0) {
        lowDay[c] = highDay[c] = d;
        lowEvent[c] = highEvent[c] = e;
      } else if (d > highDay[c]) {
        highDay[c] = d;
        highEvent[c] = e;
      } else {
        lowDay[c] = d;
        lowEvent[c] = e;
      }
    }
    eventCents[e] += toCents(amount[r]);
    if (d < eventFirstDay[e]) eventFirstDay[e] = d;
    if (amount[r] >= 0) {
      // An order that opens with a return line is a purchase from its first real line.
      if (!eventIsPurchase[e]) {
        eventIsPurchase[e] = 1;
        eventDay[e] = d;
      } else if (d < eventDay[e]) eventDay[e] = d;
    } else if (!eventIsPurchase[e] && d < eventDay[e]) eventDay[e] = d;
    if (managerOf && managerDay && rowManager) {
      const m = rowManager[r];
      if (m >= 0 && (d > managerDay[c] || (d === managerDay[c] && managerNames[m] < managerNames[managerOf[c]]))) {
        managerOf[c] = m;
        managerDay[c] = d;
      }
    }
  }

  // Per customer: purchase events counted, the first and last, money in whole cents.
  const purchases = new Int32Array(dirSize);
  const first = new Int32Array(dirSize);
  const last = new Int32Array(dirSize);
  const firstEvent = new Int32Array(dirSize);
  const firstCents = new Float64Array(dirSize);
  const revenueCents = new Float64Array(dirSize);
  const purchaseCents = new Float64Array(dirSize);
  for (let e = 0; e < events; e++) {
    const c = eventCustomer[e];
    revenueCents[c] += eventCents[e];
    if (!eventIsPurchase[e]) continue;
    // As the summary keeps it: the event's amount, then its cents again.
    const cents = toCents(fromCents(eventCents[e]));
    purchaseCents[c] += cents;
    const d = eventDay[e];
    const n = purchases[c]++;
    if (n === 0 || d > last[c]) last[c] = d;
    if (n === 0 || d < first[c] || (d === first[c] && metFirst(e, firstEvent[c], eventFirstDay, eventOrder, orderKeys))) {
      first[c] = d;
      firstEvent[c] = e;
      firstCents[c] = cents;
    }
  }

  const byKey = customersByKey(orders.customers.key);
  let size = 0;
  for (let c = 0; c < dirSize; c++) if (purchases[c] > 0) size++;
  const out: OrderHistories = {
    size,
    ref: new Int32Array(size),
    name: new Array<string>(size),
    manager: new Array<string>(size),
    purchases: new Int32Array(size),
    firstPurchase: new Int32Array(size),
    lastPurchase: new Int32Array(size),
    revenue: new Float64Array(size),
    histories: new Array<RfmRow>(size),
  };
  const periodEnd = asOf - 1;
  const names = orders.customers.name;
  for (let k = 0, i = 0; k < dirSize; k++) {
    const c = byKey[k];
    const n = purchases[c];
    if (n === 0) continue;
    const x = n - 1;
    const repeatCents = purchaseCents[c] - firstCents[c];
    out.ref[i] = c;
    out.name[i] = names[c];
    out.manager[i] = managerOf && managerOf[c] >= 0 ? managerNames[managerOf[c]] : '';
    out.purchases[i] = n;
    out.firstPurchase[i] = first[c];
    out.lastPurchase[i] = last[c];
    out.revenue[i] = fromCents(revenueCents[c]);
    out.histories[i] = {
      x,
      tx: last[c] - first[c],
      T: Math.max(periodEnd - first[c], last[c] - first[c]),
      monetary: x > 0 ? Math.max(0, fromCents(repeatCents) / x) : 0,
    };
    i++;
  }
  return out;
}

/**
 * Whether the summary meets purchase event e before f, two events of one customer on the same day: by the
 * day of their earliest rows, then rows without an order id first, then by order id (as its walk opens them).
 */
function metFirst(e: number, f: number, firstDay: Int32Array, order: Int32Array, orderKeys: readonly (string | number)[] | null): boolean {
  if (firstDay[e] !== firstDay[f]) return firstDay[e] < firstDay[f];
  return (orderKeys ? compareOrders(orderKeys, order[e], order[f]) : order[e] - order[f]) < 0;
}

/** The same figures from a summary already built (the other way to them, and the fallback). */
export function summaryHistories(summary: CustomerSummary): OrderHistories {
  const { size, ref, name, manager, purchases, firstPurchase, lastPurchase, revenue } = summary;
  return { size, ref, name, manager, purchases, firstPurchase, lastPurchase, revenue, histories: customerHistories(summary) };
}

/** The histories before `asOf`: in one pass over the rows, or through the summary where only it is sure. */
export function historiesOf(orders: OrderRows, asOf: number): OrderHistories {
  return orderHistories(orders, asOf) ?? summaryHistories(buildSummary(orders, { asOf }));
}
