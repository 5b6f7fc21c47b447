/**
 * The Gaussian hypergeometric function 2F1(a, b; c; z) on 0 <= z < 1 by its power
 * series, which is what the BG/NBD expectations need.
 */

const MAX_TERMS = 10_000_000;
const RELATIVE_TOLERANCE = 1e-15;

/**
 * (2F1(a, b; c; z) - 1) · c / (a b), summed as
 * Σ_{n>=1} (a+1)_{n-1} (b+1)_{n-1} / ((c+1)_{n-1} n!) z^n.
 *
 * Taking out the factor a b / c analytically, rather than dividing by it, keeps the
 * BG/NBD expectation exact where its closed form reads 0/0: at a = 1 (b here is
 * a - 1 = 0) and where c = a + b - 1 is 0. Requires 0 <= z < 1 and c > -1.
 */
export function hyp2f1Increment(a: number, b: number, c: number, z: number): number {
  if (!(z >= 0 && z < 1)) throw new RangeError(`hyp2f1: z = ${z} is outside [0, 1)`);
  if (!(c > -1)) throw new RangeError(`hyp2f1: c = ${c} is not above -1`);
  if (z === 0) return 0;
  let term = z;
  let sum = term;
  // Terms may change sign while n < -a, -b or -c; the tail bound below needs n past them.
  const settled = Math.max(0, -a, -b, -c) + 1;
  for (let n = 1; n < MAX_TERMS; n++) {
    const ratio = (z * (a + n) * (b + n)) / ((c + n) * (n + 1));
    term *= ratio;
    sum += term;
    if (term === 0) return sum;
    if (n > settled && Math.abs(ratio) < 1) {
      // The ratio tends to z monotonically, so the tail is at most a geometric series
      // with ratio max(z, current ratio).
      const rho = Math.max(z, Math.abs(ratio));
      if ((Math.abs(term) * rho) / (1 - rho) <= RELATIVE_TOLERANCE * Math.abs(sum)) return sum;
    }
  }
  throw new RangeError(`hyp2f1: series for a=${a}, b=${b}, c=${c}, z=${z} did not converge`);
}

/** 2F1(a, b; c; z) for 0 <= z < 1 and c > -1 (c not 0), by direct summation of its series. */
export function hyp2f1(a: number, b: number, c: number, z: number): number {
  return 1 + ((a * b) / c) * hyp2f1Increment(a, b, c, z);
}
