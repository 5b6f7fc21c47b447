/**
 * Money is exact to the cent (docs/definitions.md: purchases and returns): every
 * amount is summed and compared as whole cents, so that customers who spent the
 * same sum tie exactly, whatever the order or the number of their rows. A cent
 * count is an integer well inside a double's exact range (2^53 cents is 90 trillion).
 */

/** Whole cents of an amount. */
export function toCents(units: number): number {
  return Math.round(units * 100);
}

/** An amount from whole cents: the same double for the same cents, however they were summed. */
export function fromCents(cents: number): number {
  return cents / 100;
}

/** The exact sum of amounts, as an amount. */
export function sumMoney(values: ArrayLike<number>): number {
  let cents = 0;
  for (let i = 0; i < values.length; i++) cents += toCents(values[i]);
  return fromCents(cents);
}

/** An amount rounded to the cent (a computed figure such as a yearly value, before it is summed or shown). */
export function roundMoney(units: number): number {
  return fromCents(toCents(units));
}
