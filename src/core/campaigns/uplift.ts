/**
 * Uplift: the difference between the return rates of the worked list and of the
 * control group, with a 95% confidence interval by Newcombe's hybrid score method
 * (R. G. Newcombe, "Interval estimation for the difference between independent
 * proportions: comparison of eleven methods", Statistics in Medicine 17:873-890,
 * 1998, method 10): a Wilson score interval for each proportion, combined
 * square-and-add. It keeps within -1..1 and behaves at 0/n and n/n, where the
 * textbook p1 - p2 +- 1.96 SE interval collapses or overshoots; small control groups
 * are the usual case here. Checked against the paper's Table II (test/campaignResults.test.ts).
 */

/** The 0.975 quantile of the standard normal distribution. */
export const Z_95 = 1.959963984540054;

export interface Interval {
  lower: number;
  upper: number;
}

/** Wilson's score interval for k successes out of n (n > 0), without continuity correction. */
export function wilsonInterval(k: number, n: number, z: number = Z_95): Interval {
  const p = k / n;
  const z2 = z * z;
  const denominator = 1 + z2 / n;
  const centre = (p + z2 / (2 * n)) / denominator;
  const half = (z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / denominator;
  // At k = 0 the lower bound is exactly 0, at k = n the upper exactly 1; the arithmetic leaves a rounding error there.
  return { lower: k === 0 ? 0 : Math.max(0, centre - half), upper: k === n ? 1 : Math.min(1, centre + half) };
}

export interface Difference extends Interval {
  /** p1 - p2. */
  difference: number;
}

/** p1 - p2 = k1/n1 - k2/n2 with its 95% interval (Newcombe's method 10); null when a group is empty. */
export function newcombeDifference(k1: number, n1: number, k2: number, n2: number): Difference | null {
  if (!(n1 > 0 && n2 > 0)) return null;
  const p1 = k1 / n1;
  const p2 = k2 / n2;
  const w1 = wilsonInterval(k1, n1);
  const w2 = wilsonInterval(k2, n2);
  const d = p1 - p2;
  return {
    difference: d,
    lower: d - Math.sqrt((p1 - w1.lower) ** 2 + (w2.upper - p2) ** 2),
    upper: d + Math.sqrt((w1.upper - p1) ** 2 + (p2 - w2.lower) ** 2),
  };
}

/**
 * What the interval says, in plain words (docs/definitions.md: campaign results):
 * - `noControl`: no control group to compare with (share 0, or nobody drawn);
 * - `open`: the results window of some listed customers has not ended yet;
 * - `works`: the whole interval is above 0: more came back than without the campaign;
 * - `harms`: the whole interval is below 0;
 * - `tooFew`: the interval spans 0 and is wider than TOO_WIDE (20 points): it
 *   could be a real effect or none, and more customers would tell;
 * - `noEffect`: the interval spans 0 and is narrow: any effect is small.
 */
export type Verdict = 'noControl' | 'open' | 'works' | 'harms' | 'tooFew' | 'noEffect';
export const VERDICTS: readonly Verdict[] = ['noControl', 'open', 'works', 'harms', 'tooFew', 'noEffect'];

/** An interval spanning 0 wider than this (in return-rate points, 0.2 = 20 points) is "too few customers to tell". */
export const TOO_WIDE = 0.2;

export function verdictOf(uplift: Difference | null, open: boolean): Verdict {
  if (uplift === null) return 'noControl';
  if (open) return 'open';
  if (uplift.lower > 0) return 'works';
  if (uplift.upper < 0) return 'harms';
  return uplift.upper - uplift.lower > TOO_WIDE ? 'tooFew' : 'noEffect';
}
