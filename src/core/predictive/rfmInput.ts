/**
 * The per-customer summary the predictive models take, and its checks.
 */

import { ModelError, messages, type ModelName } from './messages';

/**
 * One customer's purchase history, in days.
 * - x: repeat purchases (purchases after the first one)
 * - tx: days from the first to the last purchase (0 when x = 0)
 * - T: days from the first purchase to the end of the period
 * - monetary: average amount of the repeat purchases (the first one excluded); 0 when x = 0
 */
export interface RfmRow {
  x: number;
  tx: number;
  T: number;
  monetary: number;
}

/** What the purchase-count model needs of a customer. */
export type FrequencyRow = Pick<RfmRow, 'x' | 'tx' | 'T'>;

/** What the spend model needs of a customer. */
export type SpendRow = Pick<RfmRow, 'x' | 'monetary'>;

/** Throws a UserError naming the first customer whose x, tx or T cannot be a purchase history. */
export function checkFrequencyRows(model: ModelName, rows: readonly FrequencyRow[]): void {
  rows.forEach((row, i) => {
    const customer = i + 1;
    for (const field of ['x', 'tx', 'T'] as const) {
      const value = row[field];
      if (typeof value !== 'number' || !Number.isFinite(value)) throw new ModelError(messages.notFinite(model, customer, field, value));
      if (value < 0) throw new ModelError(messages.negative(model, customer, field, value));
    }
    if (!Number.isInteger(row.x)) throw new ModelError(messages.notWhole(model, customer, row.x));
    if (row.tx > row.T) throw new ModelError(messages.lastAfterEnd(model, customer, row.tx, row.T));
    if (row.x === 0 && row.tx > 0) throw new ModelError(messages.lastWithoutRepeat(model, customer, row.tx));
  });
}

/** Throws a UserError naming the first customer whose x or average amount is not usable. */
export function checkSpendRows(model: ModelName, rows: readonly SpendRow[]): void {
  rows.forEach((row, i) => {
    const customer = i + 1;
    for (const field of ['x', 'monetary'] as const) {
      const value = row[field];
      if (typeof value !== 'number' || !Number.isFinite(value)) throw new ModelError(messages.notFinite(model, customer, field, value));
      if (value < 0) throw new ModelError(messages.negative(model, customer, field, value));
    }
    if (!Number.isInteger(row.x)) throw new ModelError(messages.notWhole(model, customer, row.x));
  });
}
