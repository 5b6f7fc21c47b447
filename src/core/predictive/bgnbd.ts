/**
 * The BG/NBD model of repeat purchasing (Fader, Hardie & Lee 2005, "Counting your
 * customers the easy way"): while alive a customer buys at a Poisson rate
 * λ ~ Gamma(r, α); after each repeat purchase they drop out with probability
 * p ~ Beta(a, b). All times are in one unit of the caller's choosing, and α is in
 * that unit.
 */

import { expectationOverBeta } from './betaExpectation';
import { digamma, logGamma } from './gammaFunctions';
import { hyp2f1Increment } from './hypergeometric';
import { ModelError, messages } from './messages';
import { invertPositiveDefinite, minimizeBfgs, numericalHessian, type MinimizeResult, type Objective } from './optimize';
import { checkFrequencyRows, type FrequencyRow } from './rfmInput';

export interface BgNbdParams {
  r: number;
  alpha: number;
  a: number;
  b: number;
}

export interface BgNbdFit {
  params: BgNbdParams;
  /**
   * Asymptotic standard errors (inverse Hessian of -LL on the log scale, delta method).
   * NaN for a and b when `commonDropout` is set: only a / (a + b) is identified then.
   */
  standardErrors: BgNbdParams;
  /**
   * Set when the data show no heterogeneity in dropout: the likelihood keeps rising
   * as a and b grow together, towards the limiting model in which every customer
   * drops out with the same probability p after each repeat purchase. `params` then
   * carry that limit as a = p·COMMON_DROPOUT_SIZE and b = (1 - p)·COMMON_DROPOUT_SIZE.
   */
  commonDropout: { p: number; standardError: number } | null;
  /** Log-likelihood at the optimum, in the caller's time unit. */
  logLikelihood: number;
  customers: number;
  repeatBuyers: number;
  iterations: number;
}

export interface BgNbdFitOptions {
  /** Fewer repeat buyers than this is an error (default 20). */
  minRepeatBuyers?: number;
  /** BFGS iterations per starting point (default 200). */
  maxIterations?: number;
}

/**
 * a + b standing for the common-dropout limit. The spread of the dropout
 * probability, sd(p)/p, is then about 1/sqrt(a), some 1e-5 or less, and predictions
 * are within 1e-9 of the limit's.
 */
export const COMMON_DROPOUT_SIZE = 1e12;

// Internally the longest observation is rescaled to this many units, so that α and
// the log-likelihood's curvature are of order one whatever the caller's unit.
const INTERNAL_MAX_AGE = 10;
// Log-parameters beyond ±16 (factors of ~1e7) mean the optimum is at a boundary.
const LOG_PARAM_LIMIT = 16;
// Fitting the common-dropout limit, r and α must lie within ±8 (factors of ~3,000): an
// r beyond that says purchase rates do not differ either, and neither is identified.
const WELL_INSIDE = 8;
// Above this argument (a horizon over 99 times α + T) the hypergeometric series needs
// more terms than the quadrature costs; integrate instead.
const SERIES_LIMIT = 0.99;
// The series' terms grow to about (1 - z)^-(a-1) before they fall: beyond e^40, as for
// the large a of a common dropout probability, they would overflow or take too many
// terms; integrate instead.
const SERIES_GROWTH = 40;

/**
 * Fits r, α, a, b by maximum likelihood. Rows are (x, tx, T) in any one time unit;
 * the returned α is in that unit. Where the likelihood is highest as a and b grow
 * together (one dropout probability for everyone), returns that limit (see
 * `commonDropout`). Throws a UserError the user can act on when the data cannot
 * support the model or the fit does not converge.
 */
export function fitBgNbdModel(rows: readonly FrequencyRow[], options: BgNbdFitOptions = {}): BgNbdFit {
  const minRepeatBuyers = options.minRepeatBuyers ?? 20;
  if (rows.length < 2) throw new ModelError(messages.tooFewCustomers('BG/NBD', rows.length));
  checkFrequencyRows('BG/NBD', rows);
  // A sheet covering a single day says more by that than by its count of repeat buyers.
  if (rows.every((row) => row.T === 0)) throw new ModelError(messages.allOnOneDay(rows.length));
  const repeatBuyers = rows.reduce((n, row) => n + (row.x > 0 ? 1 : 0), 0);
  if (repeatBuyers < minRepeatBuyers) {
    throw new ModelError(messages.tooFewRepeatBuyers(repeatBuyers, rows.length, minRepeatBuyers));
  }
  if (rows.every((row) => row.tx === 0)) throw new ModelError(messages.allOnOneDay(rows.length));

  const maxAge = rows.reduce((m, row) => Math.max(m, row.T), 0);
  const scale = INTERNAL_MAX_AGE / maxAge;
  const data = groupRows(rows, scale);
  const objective: Objective = (theta, gradient) => meanNegativeLogLikelihood(data, theta, gradient);
  const limitObjective: Objective = (theta, gradient) => commonDropoutNegativeLogLikelihood(data, theta, gradient);
  const maxIterations = options.maxIterations ?? 200;

  let totalPurchases = 0;
  let totalAge = 0;
  for (const row of rows) {
    totalPurchases += row.x;
    totalAge += row.T * scale;
  }
  const rate = totalPurchases / totalAge;
  const starts = [
    [1, 1 / rate, 1, 3],
    [0.3, 0.3 / rate, 0.5, 1],
    [3, 3 / rate, 2, 6],
  ].map((start) => start.map(Math.log));
  const inRange = (theta: readonly number[]): boolean => theta.every((v) => Math.abs(v) <= LOG_PARAM_LIMIT);
  let best: MinimizeResult | null = null;
  let lowest: MinimizeResult | null = null;
  let allInterior = true;
  let iterations = 0;
  let agreed = 0;
  for (const start of starts) {
    const result = minimizeBfgs(objective, start, { maxIterations });
    iterations += result.iterations;
    const interior = result.converged && inRange(result.theta);
    allInterior &&= interior;
    if (interior && best !== null && sameOptimum(best, result)) agreed++;
    if (interior && (best === null || result.value < best.value)) best = result;
    if (Number.isFinite(result.value) && (lowest === null || result.value < lowest.value)) lowest = result;
    // Two starts far apart that settle on the same interior optimum: a third would too (and costs a third of the fit).
    if (agreed > 0) break;
  }

  // A start that did not settle inside may be running off to a, b -> ∞ with a/(a+b)
  // fixed: fit that limit directly, from where the best start got to, and keep it if
  // it is the better fit.
  let limit: MinimizeResult | null = null;
  if (!allInterior) {
    const limitStarts = [[Math.log(1), Math.log(1 / rate), Math.log(1 / 3)]];
    if (lowest !== null) limitStarts.unshift([lowest.theta[0], lowest.theta[1], lowest.theta[2] - lowest.theta[3]]);
    for (const start of limitStarts) {
      const result = minimizeBfgs(limitObjective, start, { maxIterations });
      iterations += result.iterations;
      if (result.converged && Number.isFinite(result.value) && (limit === null || result.value < limit.value)) limit = result;
    }
  }
  const useLimit = limit !== null && (best === null || limit.value < best.value);
  const chosen = useLimit ? limit : best;
  if (chosen === null || !inRange(chosen.theta)) throw new ModelError(messages.notConverged('BG/NBD'));
  // The limit stands in for a and b only: r and α must still be well identified.
  if (useLimit && (Math.abs(chosen.theta[0]) > WELL_INSIDE || Math.abs(chosen.theta[1]) > WELL_INSIDE)) {
    throw new ModelError(messages.notConverged('BG/NBD'));
  }

  // The objective is the mean over customers; the information matrix is its Hessian times n.
  const hessian = numericalHessian(useLimit ? limitObjective : objective, chosen.theta).map((row) => row.map((v) => v * data.customers));
  const covariance = invertPositiveDefinite(hessian);
  if (covariance === null) throw new ModelError(messages.notConverged('BG/NBD'));
  // Rescaling time by c multiplies each customer's likelihood by c^-x.
  const logLikelihood = -chosen.value * data.customers + Math.log(scale) * totalPurchases;
  // Only α carries the time unit; the log-scale standard errors are unit-free.
  const r = Math.exp(chosen.theta[0]);
  const alpha = Math.exp(chosen.theta[1]) / scale;
  const base = { customers: rows.length, repeatBuyers, iterations, logLikelihood };
  if (useLimit) {
    const p = logistic(chosen.theta[2]);
    return {
      ...base,
      params: { r, alpha, a: p * COMMON_DROPOUT_SIZE, b: (1 - p) * COMMON_DROPOUT_SIZE },
      standardErrors: { r: r * Math.sqrt(covariance[0][0]), alpha: alpha * Math.sqrt(covariance[1][1]), a: Number.NaN, b: Number.NaN },
      // dp/dη = p (1 - p) on the logit scale η.
      commonDropout: { p, standardError: p * (1 - p) * Math.sqrt(covariance[2][2]) },
    };
  }
  const natural = [r, alpha, Math.exp(chosen.theta[2]), Math.exp(chosen.theta[3])];
  const errors = natural.map((v, i) => v * Math.sqrt(covariance[i][i]));
  return { ...base, params: toParams(natural), standardErrors: toParams(errors), commonDropout: null };
}

/** Log-likelihood of the rows under the given parameters (same time unit as α). */
export function bgNbdLogLikelihood(params: BgNbdParams, rows: readonly FrequencyRow[]): number {
  checkFrequencyRows('BG/NBD', rows);
  const data = groupRows(rows, 1);
  const theta = [params.r, params.alpha, params.a, params.b].map(Math.log);
  return -meanNegativeLogLikelihood(data, theta, [0, 0, 0, 0]) * data.customers;
}

/**
 * P(alive at T | x, tx, T): the chance that a customer with this history has not
 * yet dropped out. Equals 1 for customers without repeat purchases, who cannot
 * have dropped out under the model.
 */
export function probabilityAlive(params: BgNbdParams, x: number, tx: number, T: number): number {
  if (x === 0) return 1;
  const { r, alpha, a, b } = params;
  const logOdds = Math.log(a / (b + x - 1)) + (r + x) * Math.log1p((T - tx) / (alpha + tx));
  return 1 / (1 + Math.exp(logOdds));
}

/** E[X(t)]: expected repeat purchases in (0, t] of a customer who just made a first purchase. */
export function expectedPurchases(params: BgNbdParams, t: number): number {
  return expectedIfAlive(params, 0, params.alpha, t);
}

/**
 * E[Y(t) | x, tx, T]: expected purchases in the next t time units of a customer
 * with history (x, tx, T) (Fader, Hardie & Lee 2005, eq. 10).
 */
export function conditionalExpectedPurchases(params: BgNbdParams, x: number, tx: number, T: number, t: number): number {
  return probabilityAlive(params, x, tx, T) * expectedIfAlive(params, x, params.alpha + T, t);
}

/** The same expectation at several horizons, sharing the work that does not depend on t. */
export function conditionalExpectedPurchasesAt(
  params: BgNbdParams,
  x: number,
  tx: number,
  T: number,
  horizons: readonly number[],
): number[] {
  const alive = probabilityAlive(params, x, tx, T);
  return expectedPurchasesIfAliveAt(params, x, T, horizons).map((v) => alive * v);
}

/**
 * Expected purchases at each horizon of a customer known to be alive after x repeat
 * purchases and T time units; times P(alive) it is E[Y(t) | x, tx, T]. It does not
 * depend on tx, so customers who differ only in tx can share it.
 */
export function expectedPurchasesIfAliveAt(params: BgNbdParams, x: number, T: number, horizons: readonly number[]): number[] {
  const ageScale = params.alpha + T;
  const out = new Array<number>(horizons.length);
  for (let h = 0; h < horizons.length; h++) out[h] = expectedIfAlive(params, x, ageScale, horizons[h]);
  return out;
}

/**
 * Expected purchases in the next t of a customer known to be alive after x repeat
 * purchases, whose gamma posterior has scale α + T: E over p ~ Beta(a, b + x) of
 * (1 - (1 + p t / (α + T))^-(r + x)) / p, the numerator of eq. 10.
 */
function expectedIfAlive(params: BgNbdParams, x: number, ageScale: number, t: number): number {
  if (t <= 0) return 0;
  const { r, a, b } = params;
  const c = a + b + x - 1;
  const z = t / (ageScale + t);
  const logRest = -Math.log1p(t / ageScale); // ln(1 - z)
  if (z <= SERIES_LIMIT && -(a - 1) * logRest <= SERIES_GROWTH) {
    // Closed form with 2F1(r+x, b+x; c; z), turned by Euler's transformation into
    // F = 2F1(a+b-1-r, a-1; c; z), whose series converges fast:
    // c (1 - (1-z)^(a-1)) / (a-1) - (1-z)^(a-1) c (F - 1) / (a-1),
    // with both 0/0 factors (a = 1, and c = 0 when x = 0) taken out analytically.
    const u = (a - 1) * logRest;
    const growth = u === 0 ? -logRest : -logRest * (Math.expm1(u) / u);
    const top = a + b - 1 - r;
    return c * growth - Math.exp(u) * top * hyp2f1Increment(top, a - 1, c, z);
  }
  const shape = r + x;
  const rate = t / ageScale;
  return expectationOverBeta(
    (p) => {
      const y = p * rate;
      // Denormal y has lost its digits; g(p) is then its p -> 0 limit to double precision.
      return y < 1e-290 ? shape * rate : -Math.expm1(-shape * Math.log1p(y)) / p;
    },
    a,
    b + x,
  );
}

/** Customers with identical (x, tx, T) share one likelihood term, weighted by their count. */
interface GroupedRows {
  customers: number;
  /** Distinct x values, ascending; the dropout terms depend on x only. */
  xs: number[];
  /** Customers per distinct x. */
  xCount: number[];
  /**
   * The distinct values of tx and T, rescaled. Histories in days over a few years have
   * a thousand or so of them against a hundred thousand groups, so the likelihood takes
   * ln(α + t) once per value rather than twice per group (1.8 s against 3.0 s for the
   * bench's 124,120 groups).
   */
  times: Float64Array;
  /** Per group (typed: the likelihood runs over them a few hundred times per fit): x's slot, tx's and T's index in times. */
  slot: Int32Array;
  tx: Int32Array;
  T: Int32Array;
  count: Float64Array;
}

function groupRows(rows: readonly FrequencyRow[], scale: number): GroupedRows {
  const xs = [...new Set(rows.map((row) => row.x))].sort((u, v) => u - v);
  const slots = new Map(xs.map((x, s) => [x, s]));
  const times = new Map<number, number>();
  const timeOf = (t: number): number => {
    let index = times.get(t);
    if (index === undefined) times.set(t, (index = times.size));
    return index;
  };
  for (const row of rows) {
    timeOf(row.tx);
    timeOf(row.T);
  }
  const n = times.size;
  // One number per (x, tx, T) while slots · times² is an exact integer (below 2^53); text beyond that.
  const exact = xs.length * n * n <= Number.MAX_SAFE_INTEGER;
  const groups = new Map<number | string, number>();
  const slot: number[] = [];
  const tx: number[] = [];
  const T: number[] = [];
  const count: number[] = [];
  const xCount = xs.map(() => 0);
  for (const row of rows) {
    const s = slots.get(row.x)!;
    xCount[s]++;
    const t = times.get(row.tx)!;
    const age = times.get(row.T)!;
    const key = exact ? (s * n + t) * n + age : `${s} ${t} ${age}`;
    const index = groups.get(key);
    if (index !== undefined) {
      count[index]++;
      continue;
    }
    groups.set(key, count.length);
    slot.push(s);
    tx.push(t);
    T.push(age);
    count.push(1);
  }
  return {
    customers: rows.length,
    xs,
    xCount,
    times: Float64Array.from(times.keys(), (t) => t * scale),
    slot: Int32Array.from(slot),
    tx: Int32Array.from(tx),
    T: Int32Array.from(T),
    count: Float64Array.from(count),
  };
}

/**
 * The parts of the log-likelihood that do not depend on the dropout model, summed over
 * customers, with their derivatives in r and α; and per distinct x, the customers'
 * summed chance of having dropped out at their last purchase, which the dropout
 * model's gradient needs. Per customer (eq. 6, with S and O from the dropout model):
 * ln L = ln Γ(r+x) - ln Γ(r) + r ln α + S(x) + ln[ (α+T)^-(r+x) + [x>0] e^O(x) (α+tx)^-(r+x) ],
 * where S(x) = ln P(no dropout at x repeat purchases) and O(x) = the log-odds of
 * dropping out at the last of them.
 */
function purchaseLikelihood(
  data: GroupedRows,
  r: number,
  alpha: number,
  survival: readonly number[],
  dropOdds: readonly number[],
): { sum: number; gR: number; gAlpha: number; dropped: number[] } {
  const logAlpha = Math.log(alpha);
  const slots = data.xs.length;
  const gammaTerm = new Array<number>(slots);
  const dGammaR = new Array<number>(slots);
  const lgR = logGamma(r);
  const psiR = digamma(r);
  for (let s = 0; s < slots; s++) {
    const x = data.xs[s];
    gammaTerm[s] = x === 0 ? 0 : logGamma(r + x) - lgR;
    dGammaR[s] = x === 0 ? 0 : digamma(r + x) - psiR;
  }

  const times = data.times.length;
  const timeScale = new Float64Array(times);
  const logTimeScale = new Float64Array(times);
  for (let k = 0; k < times; k++) {
    timeScale[k] = alpha + data.times[k];
    logTimeScale[k] = Math.log(timeScale[k]);
  }

  const dropped = new Array<number>(slots).fill(0);
  let sum = 0;
  let gR = 0;
  let gAlpha = 0;
  const n = data.count.length;
  for (let i = 0; i < n; i++) {
    const s = data.slot[i];
    const x = data.xs[s];
    const w = data.count[i];
    const shape = r + x;
    const age = data.T[i];
    const last = data.tx[i];
    const logAgeScale = logTimeScale[age];
    const alive = -shape * logAgeScale;
    let total = alive;
    let pAlive = 1;
    let pDropped = 0;
    let logLastScale = 0;
    if (x > 0) {
      logLastScale = logTimeScale[last];
      const gone = dropOdds[s] - shape * logLastScale;
      // ln(e^alive + e^gone) and each branch's share (the first is P(alive)), from one exponential of the
      // smaller branch against the larger, so that nothing overflows.
      const d = gone - alive;
      if (d <= 0) {
        const e = Math.exp(d);
        total = alive + Math.log1p(e);
        pAlive = 1 / (1 + e);
        pDropped = e * pAlive;
      } else {
        const e = Math.exp(-d);
        total = gone + Math.log1p(e);
        pDropped = 1 / (1 + e);
        pAlive = e * pDropped;
      }
      dropped[s] += w * pDropped;
    }
    sum += w * (gammaTerm[s] + survival[s] + r * logAlpha + total);
    gR += w * (dGammaR[s] + logAlpha - pAlive * logAgeScale - pDropped * logLastScale);
    gAlpha += w * (r / alpha - shape * (pAlive / timeScale[age] + (x > 0 ? pDropped / timeScale[last] : 0)));
  }
  return { sum, gR, gAlpha, dropped };
}

/**
 * Mean negative log-likelihood per customer at θ = ln(r, α, a, b), with its gradient
 * in θ. With p ~ Beta(a, b): S(x) = ln B(a, b+x) - ln B(a, b) and O(x) = ln a/(b+x-1).
 * S is summed as Σ_{k<x} ln((b+k)/(a+b+k)) (x is whole), which stays exact where a and
 * b are so large that ln Γ of them has lost the digits S is made of.
 */
function meanNegativeLogLikelihood(data: GroupedRows, theta: readonly number[], gradient: number[]): number {
  const [r, alpha, a, b] = theta.map(Math.exp);
  if (![r, alpha, a, b].every((v) => v > 0 && Number.isFinite(v))) return Number.NaN;
  const slots = data.xs.length;
  const survival = new Array<number>(slots);
  const dSurvivalA = new Array<number>(slots);
  const dSurvivalB = new Array<number>(slots);
  const dropOdds = new Array<number>(slots);
  const logA = Math.log(a);
  // Running sums over k = 0, 1, ... up to each distinct x in turn (xs ascend).
  let k = 0;
  let s0 = 0;
  let sA = 0;
  let sB = 0;
  for (let s = 0; s < slots; s++) {
    const x = data.xs[s];
    for (; k < x; k++) {
      const total = a + b + k;
      s0 += Math.log1p(-a / total);
      sA -= 1 / total;
      sB += a / ((b + k) * total);
    }
    survival[s] = s0;
    dSurvivalA[s] = sA;
    dSurvivalB[s] = sB;
    dropOdds[s] = x === 0 ? 0 : logA - Math.log(b + x - 1);
  }
  const { sum, gR, gAlpha, dropped } = purchaseLikelihood(data, r, alpha, survival, dropOdds);
  let gA = 0;
  let gB = 0;
  for (let s = 0; s < slots; s++) {
    const x = data.xs[s];
    if (x === 0) continue;
    gA += data.xCount[s] * dSurvivalA[s] + dropped[s] / a;
    gB += data.xCount[s] * dSurvivalB[s] - dropped[s] / (b + x - 1);
  }
  const m = data.customers;
  // Chain rule to the log scale: d/dθ = param · d/dparam.
  gradient[0] = (-r * gR) / m;
  gradient[1] = (-alpha * gAlpha) / m;
  gradient[2] = (-a * gA) / m;
  gradient[3] = (-b * gB) / m;
  return -sum / m;
}

/**
 * The same for the limit a, b -> ∞ with a/(a+b) -> p (one dropout probability for
 * everyone), at θ = (ln r, ln α, logit p): S(x) = x ln(1 - p), O(x) = ln p/(1 - p).
 */
function commonDropoutNegativeLogLikelihood(data: GroupedRows, theta: readonly number[], gradient: number[]): number {
  const [r, alpha] = [theta[0], theta[1]].map(Math.exp);
  const eta = theta[2];
  if (![r, alpha].every((v) => v > 0 && Number.isFinite(v)) || !Number.isFinite(eta)) return Number.NaN;
  const p = logistic(eta);
  // ln(1 - p) = -ln(1 + e^η), without overflow for large η.
  const logStay = -(Math.max(eta, 0) + Math.log1p(Math.exp(-Math.abs(eta))));
  const survival = data.xs.map((x) => x * logStay);
  const dropOdds = data.xs.map((x) => (x === 0 ? 0 : eta));
  const { sum, gR, gAlpha, dropped } = purchaseLikelihood(data, r, alpha, survival, dropOdds);
  // d/dη of x ln(1 - p) is -x p; of the log-odds, 1.
  let gEta = 0;
  for (let s = 0; s < data.xs.length; s++) gEta += dropped[s] - data.xCount[s] * data.xs[s] * p;
  const m = data.customers;
  gradient[0] = (-r * gR) / m;
  gradient[1] = (-alpha * gAlpha) / m;
  gradient[2] = -gEta / m;
  return -sum / m;
}

/** Two fits at the same optimum: the same parameters to 1e-6 on the log scale. */
function sameOptimum(a: MinimizeResult, b: MinimizeResult): boolean {
  return a.theta.every((v, i) => Math.abs(v - b.theta[i]) <= 1e-6);
}

/** 1 / (1 + e^-η). */
function logistic(eta: number): number {
  return eta >= 0 ? 1 / (1 + Math.exp(-eta)) : Math.exp(eta) / (1 + Math.exp(eta));
}

function toParams(values: readonly number[]): BgNbdParams {
  return { r: values[0], alpha: values[1], a: values[2], b: values[3] };
}
