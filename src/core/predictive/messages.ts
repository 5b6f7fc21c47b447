/**
 * Every message the predictive models show a spreadsheet user, in one place so
 * that it can move into the message catalogue and be translated.
 */

export type ModelName = 'BG/NBD' | 'Gamma-Gamma' | 'CLV';

/** Field names as the user knows them (the API's time unit is days). */
export const fieldNames = {
  x: 'repeat purchases',
  tx: 'days from first to last purchase',
  T: 'days from first purchase to the end of the period',
  monetary: 'average repeat purchase amount',
} as const;

export type RfmField = keyof typeof fieldNames;

export const messages = {
  tooFewCustomers: (model: ModelName, count: number) =>
    `${model}: ${count === 0 ? 'no customers were' : `only ${formatCount(count)} customer was`} given; at least 2 customers are needed to fit the model`,
  tooFewRepeatBuyers: (repeatBuyers: number, customers: number, minimum: number) =>
    `BG/NBD: only ${formatCount(repeatBuyers)} of ${formatCount(customers)} customers bought more than once; at least ${formatCount(minimum)} repeat buyers are needed to fit the model`,
  allOnOneDay: (customers: number) =>
    `BG/NBD: each of the ${formatCount(customers)} customers made all purchases on the day of the first one; the model needs repeat purchases on later days`,
  tooFewSpenders: (spenders: number, customers: number, minimum: number) =>
    `Gamma-Gamma: only ${formatCount(spenders)} of ${formatCount(customers)} customers have repeat purchases with a positive amount; at least ${formatCount(minimum)} are needed to fit the spend model`,
  spendDoesNotVary: (spenders: number) =>
    `Gamma-Gamma: all ${formatCount(spenders)} repeat buyers have the same average purchase amount; the spend model needs amounts that differ between customers`,
  notFinite: (model: ModelName, customer: number, field: RfmField, value: unknown) =>
    `${model}: customer ${formatCount(customer)} has ${fieldNames[field]} = ${String(value)}; it must be a number`,
  negative: (model: ModelName, customer: number, field: RfmField, value: number) =>
    `${model}: customer ${formatCount(customer)} has ${fieldNames[field]} = ${value}; it cannot be negative`,
  notWhole: (model: ModelName, customer: number, value: number) =>
    `${model}: customer ${formatCount(customer)} has ${value} ${fieldNames.x}; it must be a whole number`,
  lastAfterEnd: (model: ModelName, customer: number, tx: number, T: number) =>
    `${model}: customer ${formatCount(customer)} has the last purchase ${tx} days after the first, later than the end of the period (${T} days after the first)`,
  lastWithoutRepeat: (model: ModelName, customer: number, tx: number) =>
    `${model}: customer ${formatCount(customer)} has no repeat purchases but the last purchase ${tx} days after the first`,
  notConverged: (model: ModelName) =>
    `${model}: the model fit did not converge; the data may be too few or too irregular for this model (try a longer period or more customers)`,
  infiniteMeanSpend: (q: number) =>
    `Gamma-Gamma: average amounts differ so much between customers that no average can be predicted for customers without repeat purchases (q = ${q.toPrecision(3)}, it must be above 1)`,
  badOption: (model: ModelName, name: string, value: unknown, rule: string) =>
    `${model}: ${name} = ${String(value)}; it must be ${rule}`,
};

/** 1234567 -> "1,234,567" (the catalogue's own formatting, independent of the runtime locale). */
export function formatCount(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}
