/**
 * E[g(p)] for p ~ Beta(a, b), by tanh-sinh (double exponential) quadrature.
 *
 * The BG/NBD expectations are such integrals over the dropout probability p. The
 * hypergeometric series is faster while its argument is well below 1; this is
 * the fallback for long horizons, where the series would need many thousands of
 * terms, and for large a, as a common dropout probability has. Tanh-sinh copes
 * with the p^(a-1) and (1-p)^(b-1) end-point singularities; a narrow bump, from
 * large a and b, gets a grid of its own.
 */

import { logBeta } from './gammaFunctions';

const HALF_PI = Math.PI / 2;
const MAX_LEVEL = 8;
// Tanh-sinh roughly doubles its correct digits per halving, so agreement of two
// levels to 1e-10 leaves the finer one accurate to near machine precision.
const TOLERANCE = 1e-10;
// From these shapes on, Beta(a, b) is a narrow bump (sd/mean below 1/sqrt(a), and
// likewise for 1 - p), which tanh-sinh over [0, 1] would need ever finer steps to
// resolve when the other shape is large.
const CONCENTRATED = 50;
// The bump is integrated over its mean ± this many sds (within (0, 1)): beyond, the
// weight is below e^-50 even for the skew of the smallest concentrated shapes.
const HALF_WIDTH = 16;
// From these shapes on (a common dropout probability: a + b = 1e12), the three-point
// Gauss-Hermite rule is exact to rounding: its error, from the skew and the sixth
// moment, is of order 1/min(a, b)^2 relative.
const NEAR_POINT = 1e8;

/**
 * ∫_0^1 g(p) p^(a-1) (1-p)^(b-1) / B(a, b) dp, for a, b > 0 and g bounded on (0, 1).
 * g receives p and 1 - p separately so that neither loses precision near its end.
 */
export function expectationOverBeta(g: (p: number, q: number) => number, a: number, b: number): number {
  if (Math.min(a, b) >= NEAR_POINT) return expectationNearPoint(g, a, b);
  if (Math.min(a, b) >= CONCENTRATED) return expectationOverNarrowBeta(g, a, b);
  // The weights are normalised by their own sum as well as by B(a, b): ln B of a large
  // shape has lost digits (1e-9 of its value at 1e6) that the sum keeps.
  const logNorm = logBeta(a, b);
  // Near p = 0 the weight decays like exp(-a π sinh u) (likewise b near 1): stop where
  // that is e^-40, which for small shapes lies well beyond the usual |u| = 3 or 4.
  const uMax = Math.max(3.5, Math.asinh(40 / (Math.PI * Math.min(a, b))));
  const at = (u: number): [number, number] => {
    const v = HALF_PI * Math.sinh(u);
    // ln p and ln(1 - p) for p = (1 + tanh v)/2, without cancellation at either end.
    const e = Math.exp(-2 * Math.abs(v));
    const logSmall = -2 * Math.abs(v) - Math.log1p(e);
    const logLarge = -Math.log1p(e);
    const logP = v >= 0 ? logLarge : logSmall;
    const logQ = v >= 0 ? logSmall : logLarge;
    const logWeight = a * logP + b * logQ - logNorm + Math.log(2 * HALF_PI * Math.cosh(u));
    if (logWeight < -745) return [0, 0];
    const weight = Math.exp(logWeight);
    return [g(Math.exp(logP), Math.exp(logQ)) * weight, weight];
  };
  return refine(at, 0.5, uMax);
}

/**
 * ∫ g·w / ∫ w over (-limit, limit) by the trapezoid rule, halving the step from h until
 * two steps agree on both integrals (on the ratio alone, a nearly constant g would
 * hide a weight not yet resolved). `at` gives g(y)·w(y) and w(y).
 */
function refine(at: (y: number) => [number, number], h: number, limit: number): number {
  let [sum, total] = at(0);
  const add = (y: number): void => {
    const [up, wUp] = at(y);
    const [down, wDown] = at(-y);
    sum += up + down;
    total += wUp + wDown;
  };
  for (let k = 1; k * h <= limit; k++) add(k * h);
  let [integral, mass] = [sum * h, total * h];
  for (let level = 1; level <= MAX_LEVEL; level++) {
    h /= 2;
    // Halving the step only adds the odd multiples of the new step.
    for (let k = 1; k * h <= limit; k += 2) add(k * h);
    const [nextIntegral, nextMass] = [sum * h, total * h];
    const settled = (next: number, previous: number): boolean => Math.abs(next - previous) <= TOLERANCE * Math.abs(next);
    if (settled(nextIntegral, integral) && settled(nextMass, mass)) return sum / total;
    [integral, mass] = [nextIntegral, nextMass];
  }
  return sum / total;
}

/**
 * The same for large a and b, by the trapezoid rule in standard deviations from the
 * mean, which converges geometrically for such smooth, nearly normal integrands.
 * The weights are taken relative to the mean and normalised by their own sum: ln B(a, b)
 * and a ln p of large shapes have lost the digits that matter here.
 */
function expectationOverNarrowBeta(g: (p: number, q: number) => number, a: number, b: number): number {
  const n = a + b;
  const mean = a / n;
  const rest = b / n;
  const sd = Math.sqrt((mean * rest) / (n + 1));
  return refine(
    (y) => {
      const shift = y * sd;
      // Beyond p = 0 or 1 (only the far tail of the smaller shapes reaches there) there is no weight.
      if (shift <= -mean || shift >= rest) return [0, 0];
      const weight = Math.exp((a - 1) * Math.log1p(shift / mean) + (b - 1) * Math.log1p(-shift / rest));
      return weight === 0 ? [0, 0] : [weight * g(mean + shift, rest - shift), weight];
    },
    1,
    HALF_WIDTH,
  );
}

/** The same for very large a and b: mean and variance carry all the digits there are. */
function expectationNearPoint(g: (p: number, q: number) => number, a: number, b: number): number {
  const n = a + b;
  const mean = a / n;
  const rest = b / n;
  const shift = Math.sqrt((3 * mean * rest) / (n + 1));
  return (2 / 3) * g(mean, rest) + (g(mean + shift, rest - shift) + g(mean - shift, rest + shift)) / 6;
}
