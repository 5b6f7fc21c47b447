/**
 * E[g(p)] for p ~ Beta(a, b), by tanh-sinh (double exponential) quadrature.
 *
 * The BG/NBD expectations are such integrals over the dropout probability p. The
 * hypergeometric series is faster while its argument is well below 1; this is
 * the fallback for long horizons, where the series would need many thousands of
 * terms. Tanh-sinh copes with the p^(a-1) and (1-p)^(b-1) end-point singularities.
 */

import { logBeta } from './gammaFunctions';

const HALF_PI = Math.PI / 2;
const MAX_LEVEL = 8;
// Tanh-sinh roughly doubles its correct digits per halving, so agreement of two
// levels to 1e-10 leaves the finer one accurate to near machine precision.
const TOLERANCE = 1e-10;

/**
 * ∫_0^1 g(p) p^(a-1) (1-p)^(b-1) / B(a, b) dp, for a, b > 0 and g bounded on (0, 1).
 * g receives p and 1 - p separately so that neither loses precision near its end.
 */
export function expectationOverBeta(g: (p: number, q: number) => number, a: number, b: number): number {
  const logNorm = logBeta(a, b);
  // Near p = 0 the weight decays like exp(-a π sinh u) (likewise b near 1): stop where
  // that is e^-40, which for small shapes lies well beyond the usual |u| = 3 or 4.
  const uMax = Math.max(3.5, Math.asinh(40 / (Math.PI * Math.min(a, b))));
  const at = (u: number): number => {
    const v = HALF_PI * Math.sinh(u);
    // ln p and ln(1 - p) for p = (1 + tanh v)/2, without cancellation at either end.
    const e = Math.exp(-2 * Math.abs(v));
    const logSmall = -2 * Math.abs(v) - Math.log1p(e);
    const logLarge = -Math.log1p(e);
    const logP = v >= 0 ? logLarge : logSmall;
    const logQ = v >= 0 ? logSmall : logLarge;
    const logWeight = a * logP + b * logQ - logNorm + Math.log(2 * HALF_PI * Math.cosh(u));
    if (logWeight < -745) return 0;
    return g(Math.exp(logP), Math.exp(logQ)) * Math.exp(logWeight);
  };
  let h = 0.5;
  let sum = at(0);
  for (let k = 1; k * h <= uMax; k++) sum += at(k * h) + at(-k * h);
  let estimate = sum * h;
  for (let level = 1; level <= MAX_LEVEL; level++) {
    h /= 2;
    // Halving the step only adds the odd multiples of the new step.
    for (let k = 1; k * h <= uMax; k += 2) sum += at(k * h) + at(-k * h);
    const next = sum * h;
    if (Math.abs(next - estimate) <= TOLERANCE * Math.abs(next)) return next;
    estimate = next;
  }
  return estimate;
}
