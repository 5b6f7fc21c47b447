/**
 * Key customers (docs/definitions.md: key customers): the top N customers by
 * revenue over the 365 days before the as-of date against the 365 days before
 * those, who entered the top, who stayed and who left it, and how many customers
 * make 80% of the year's revenue.
 */
import { type OrderRows } from './orders';
import { type CustomerSummary, buildSummary } from './summary';
import { fromCents, toCents } from './money';

/** The sizes of the top the sidebar offers; 20 by default. */
export const KEY_CUSTOMER_TOPS: readonly number[] = [20, 50];
export const DEFAULT_KEY_CUSTOMERS_TOP = 20;
/** The share of revenue the "how many customers make it" line counts up to. */
export const KEY_REVENUE_SHARE = 0.8;
export const KEY_PERIOD_DAYS = 365;

export type KeyStatus = 'entered' | 'kept' | 'left';

export interface KeyCustomer {
  /** Index into the order rows' customer directory. */
  ref: number;
  name: string;
  /** 1-based place by revenue in each year; 0 where the customer had no positive revenue in it. */
  rankNow: number;
  rankBefore: number;
  revenueNow: number;
  revenueBefore: number;
  /** revenueNow - revenueBefore, to the cent. */
  change: number;
  /** Purchases in the last 365 days. */
  purchasesNow: number;
  status: KeyStatus;
  /** Row of the customer in the summary as of the as-of date (every key customer bought before it). */
  row: number;
}

export interface KeyCustomers {
  top: number;
  now: { from: number; to: number };
  before: { from: number; to: number };
  /** The top of the last year, by rank: entered or kept. */
  rows: KeyCustomer[];
  /** In the top of the year before, not in this one's: by their rank then. */
  left: KeyCustomer[];
  /** Customers with positive revenue in the last year, and how many of the largest make 80% of it. */
  customersNow: number;
  makeEightyPercent: number;
}

interface Ranked {
  summary: CustomerSummary;
  /** Summary rows with positive revenue, largest first, equal revenue in key order. */
  order: number[];
  /** Directory index -> 1-based rank (0: not ranked). */
  rank: Map<number, number>;
  /** Directory index -> summary row, for every customer of the window. */
  row: Map<number, number>;
}

function ranked(summary: CustomerSummary): Ranked {
  const cents = Array.from(summary.revenue, toCents);
  const order: number[] = [];
  for (let i = 0; i < summary.size; i++) if (cents[i] > 0) order.push(i);
  // The summary is in key order: ties by position are ties by key, as ABC ranks them.
  order.sort((a, b) => cents[b] - cents[a] || a - b);
  const rank = new Map<number, number>();
  order.forEach((i, k) => rank.set(summary.ref[i], k + 1));
  const row = new Map<number, number>();
  for (let i = 0; i < summary.size; i++) row.set(summary.ref[i], i);
  return { summary, order, rank, row };
}

/** The top `top` of the year before `full.asOf` against the year before that. */
export function keyCustomers(orders: OrderRows, full: CustomerSummary, top: number): KeyCustomers {
  const asOf = full.asOf;
  const now = { from: asOf - KEY_PERIOD_DAYS, to: asOf };
  const before = { from: asOf - 2 * KEY_PERIOD_DAYS, to: asOf - KEY_PERIOD_DAYS };
  const a = ranked(buildSummary(orders, { from: now.from, asOf: now.to }));
  const b = ranked(buildSummary(orders, { from: before.from, asOf: before.to }));
  const rowOf = new Map<number, number>();
  for (let i = 0; i < full.size; i++) rowOf.set(full.ref[i], i);
  const revenueIn = (r: Ranked, ref: number): { cents: number; purchases: number } => {
    // A customer of the window without positive revenue is not ranked, but their revenue and purchases count.
    const i = r.row.get(ref);
    return i === undefined ? { cents: 0, purchases: 0 } : { cents: toCents(r.summary.revenue[i]), purchases: r.summary.purchases[i] };
  };
  const entry = (ref: number, status: KeyStatus): KeyCustomer => {
    const n = revenueIn(a, ref);
    const p = revenueIn(b, ref);
    const row = rowOf.get(ref) as number;
    return {
      ref,
      name: full.name[row],
      rankNow: a.rank.get(ref) ?? 0,
      rankBefore: b.rank.get(ref) ?? 0,
      revenueNow: fromCents(n.cents),
      revenueBefore: fromCents(p.cents),
      change: fromCents(n.cents - p.cents),
      purchasesNow: n.purchases,
      status,
      row,
    };
  };
  const topNow = a.order.slice(0, top).map((i) => a.summary.ref[i]);
  const topBefore = b.order.slice(0, top).map((i) => b.summary.ref[i]);
  const inTopBefore = new Set(topBefore);
  const inTopNow = new Set(topNow);
  const rows = topNow.map((ref) => entry(ref, inTopBefore.has(ref) ? 'kept' : 'entered'));
  const left = topBefore.filter((ref) => !inTopNow.has(ref)).map((ref) => entry(ref, 'left'));

  // As ABC counts its A class: a customer is counted while the revenue above them is below 80%.
  let total = 0;
  for (const i of a.order) total += toCents(a.summary.revenue[i]);
  let above = 0;
  let makeEightyPercent = 0;
  for (const i of a.order) {
    if (!(above < KEY_REVENUE_SHARE * total)) break;
    makeEightyPercent++;
    above += toCents(a.summary.revenue[i]);
  }
  return { top, now, before, rows, left, customersNow: a.order.length, makeEightyPercent };
}
