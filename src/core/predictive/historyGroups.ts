/**
 * Customers grouped by (x, T): the expected purchases of a customer known to be
 * alive depend on x and T only, so customers who differ only in t_x share that,
 * the costly part of scoring (a 2F1 series per horizon).
 */

import type { FrequencyRow } from './rfmInput';

export interface HistoryGroups {
  /** The group of each customer, in input order. */
  groupOf: Int32Array;
  /** Per group, in the order its first customer comes: x and T. */
  x: number[];
  T: number[];
}

// x and T as one number when both are whole and small enough (every history read from orders: days),
// which a Map looks up far faster than a "x T" string; any other pair is keyed by its text.
const T_SPAN = 2 ** 21;
const X_LIMIT = 2 ** 31;

export function historyGroups(customers: readonly FrequencyRow[]): HistoryGroups {
  const groupOf = new Int32Array(customers.length);
  const x: number[] = [];
  const T: number[] = [];
  const byKey = new Map<number | string, number>();
  for (let i = 0; i < customers.length; i++) {
    const c = customers[i];
    const key =
      Number.isInteger(c.x) && Number.isInteger(c.T) && c.x >= 0 && c.x < X_LIMIT && c.T >= 0 && c.T < T_SPAN
        ? c.x * T_SPAN + c.T
        : `${c.x} ${c.T}`;
    let g = byKey.get(key);
    if (g === undefined) {
      g = x.length;
      byKey.set(key, g);
      x.push(c.x);
      T.push(c.T);
    }
    groupOf[i] = g;
  }
  return { groupOf, x, T };
}
