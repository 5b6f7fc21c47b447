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
import { invertPositiveDefinite, minimizeBfgs, numericalHessian, type Objective } from './optimize';
import { checkFrequencyRows, type FrequencyRow } from './rfmInput';

export interface BgNbdParams {
  r: number;
  alpha: number;
  a: number;
  b: number;
}

export interface BgNbdFit {
  params: BgNbdParams;
  /** Asymptotic standard errors (inverse Hessian of -LL on the log scale, delta method). */
  standardErrors: BgNbdParams;
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

const PARAM_NAMES = ['r', 'alpha', 'a', 'b'] as const;
// Internally the longest observation is rescaled to this many units, so that α and
// the log-likelihood's curvature are of order one whatever the caller's unit.
const INTERNAL_MAX_AGE = 10;
// Log-parameters beyond ±16 (factors of ~1e7) mean the optimum is at a boundary.
const LOG_PARAM_LIMIT = 16;
// Above this argument (a horizon over 99 times α + T) the hypergeometric series needs
// more terms than the quadrature costs; integrate instead.
const SERIES_LIMIT = 0.99;

/**
 * Fits r, α, a, b by maximum likelihood. Rows are (x, tx, T) in any one time unit;
 * the returned α is in that unit. Throws a UserError the user can act on when the
 * data cannot support the model or the fit does not converge.
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
  let best: ReturnType<typeof minimizeBfgs> | null = null;
  let iterations = 0;
  for (const start of starts) {
    const result = minimizeBfgs(objective, start, { maxIterations: options.maxIterations ?? 200 });
    iterations += result.iterations;
    if (result.converged && (best === null || result.value < best.value)) best = result;
  }
  if (best === null || best.theta.some((v) => Math.abs(v) > LOG_PARAM_LIMIT)) {
    throw new ModelError(messages.notConverged('BG/NBD'));
  }

  // The objective is the mean over customers; the information matrix is its Hessian times n.
  const hessian = numericalHessian(objective, best.theta).map((row) => row.map((v) => v * data.customers));
  const covariance = invertPositiveDefinite(hessian);
  if (covariance === null) throw new ModelError(messages.notConverged('BG/NBD'));

  const internal = best.theta.map(Math.exp);
  // Only α carries the time unit; the log-scale standard errors are unit-free.
  const natural = internal.map((v, i) => (PARAM_NAMES[i] === 'alpha' ? v / scale : v));
  const errors = natural.map((v, i) => v * Math.sqrt(covariance[i][i]));
  // Rescaling time by c multiplies each customer's likelihood by c^-x.
  const logLikelihood = -best.value * data.customers + Math.log(scale) * totalPurchases;
  return {
    params: toParams(natural),
    standardErrors: toParams(errors),
    logLikelihood,
    customers: rows.length,
    repeatBuyers,
    iterations,
  };
}

/** Log-likelihood of the rows under the given parameters (same time unit as α). */
export function bgNbdLogLikelihood(params: BgNbdParams, rows: readonly FrequencyRow[]): number {
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
  return horizons.map((t) => expectedIfAlive(params, x, params.alpha + T, t));
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
  if (z <= SERIES_LIMIT) {
    // Closed form with 2F1(r+x, b+x; c; z), turned by Euler's transformation into
    // F = 2F1(a+b-1-r, a-1; c; z), whose series converges fast:
    // c (1 - (1-z)^(a-1)) / (a-1) - (1-z)^(a-1) c (F - 1) / (a-1),
    // with both 0/0 factors (a = 1, and c = 0 when x = 0) taken out analytically.
    const logRest = -Math.log1p(t / ageScale); // ln(1 - z)
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
  /** Distinct x values; the gamma-function terms depend on x only. */
  xs: number[];
  slot: number[];
  tx: number[];
  T: number[];
  count: number[];
}

function groupRows(rows: readonly FrequencyRow[], scale: number): GroupedRows {
  const groups = new Map<string, number>();
  const slots = new Map<number, number>();
  const data: GroupedRows = { customers: rows.length, xs: [], slot: [], tx: [], T: [], count: [] };
  for (const row of rows) {
    const key = `${row.x} ${row.tx} ${row.T}`;
    const index = groups.get(key);
    if (index !== undefined) {
      data.count[index]++;
      continue;
    }
    let slot = slots.get(row.x);
    if (slot === undefined) {
      slot = data.xs.length;
      slots.set(row.x, slot);
      data.xs.push(row.x);
    }
    groups.set(key, data.count.length);
    data.slot.push(slot);
    data.tx.push(row.tx * scale);
    data.T.push(row.T * scale);
    data.count.push(1);
  }
  return data;
}

/**
 * Mean negative log-likelihood per customer at θ = ln(r, α, a, b), with its gradient
 * in θ. Per customer (eq. 6):
 * ln L = ln Γ(r+x) - ln Γ(r) + r ln α + ln B(a, b+x) - ln B(a, b)
 *        + ln[ (α+T)^-(r+x) + [x>0] a/(b+x-1) (α+tx)^-(r+x) ].
 */
function meanNegativeLogLikelihood(data: GroupedRows, theta: readonly number[], gradient: number[]): number {
  const [r, alpha, a, b] = theta.map(Math.exp);
  if (![r, alpha, a, b].every((v) => v > 0 && Number.isFinite(v))) return Number.NaN;
  const logAlpha = Math.log(alpha);
  const logA = Math.log(a);
  const slots = data.xs.length;
  const gammaTerm = new Array<number>(slots);
  const dGammaR = new Array<number>(slots);
  const dBetaA = new Array<number>(slots);
  const dBetaB = new Array<number>(slots);
  const logB1 = new Array<number>(slots);
  const lgR = logGamma(r);
  const lgB = logGamma(b);
  const lgAB = logGamma(a + b);
  const psiR = digamma(r);
  const psiB = digamma(b);
  const psiAB = digamma(a + b);
  for (let s = 0; s < slots; s++) {
    const x = data.xs[s];
    if (x === 0) {
      gammaTerm[s] = 0;
      dGammaR[s] = dBetaA[s] = dBetaB[s] = 0;
      logB1[s] = 0;
      continue;
    }
    gammaTerm[s] = logGamma(r + x) - lgR + lgAB + logGamma(b + x) - lgB - logGamma(a + b + x);
    const psiABX = digamma(a + b + x);
    dGammaR[s] = digamma(r + x) - psiR;
    dBetaA[s] = psiAB - psiABX;
    dBetaB[s] = psiAB + digamma(b + x) - psiB - psiABX;
    logB1[s] = Math.log(b + x - 1);
  }

  let sum = 0;
  let gR = 0;
  let gAlpha = 0;
  let gA = 0;
  let gB = 0;
  const n = data.count.length;
  for (let i = 0; i < n; i++) {
    const s = data.slot[i];
    const x = data.xs[s];
    const w = data.count[i];
    const shape = r + x;
    const logAgeScale = Math.log(alpha + data.T[i]);
    const alive = -shape * logAgeScale;
    let total = alive;
    let pAlive = 1;
    let pDropped = 0;
    let logLastScale = 0;
    if (x > 0) {
      logLastScale = Math.log(alpha + data.tx[i]);
      const dropped = logA - logB1[s] - shape * logLastScale;
      // ln(e^alive + e^dropped), and each branch's share (the first is P(alive)).
      const high = Math.max(alive, dropped);
      total = high + Math.log(Math.exp(alive - high) + Math.exp(dropped - high));
      pAlive = Math.exp(alive - total);
      pDropped = Math.exp(dropped - total);
    }
    sum += w * (gammaTerm[s] + r * logAlpha + total);
    gR += w * (dGammaR[s] + logAlpha - pAlive * logAgeScale - pDropped * logLastScale);
    gAlpha += w * (r / alpha - shape * (pAlive / (alpha + data.T[i]) + (x > 0 ? pDropped / (alpha + data.tx[i]) : 0)));
    if (x > 0) {
      gA += w * (dBetaA[s] + pDropped / a);
      gB += w * (dBetaB[s] - pDropped / (b + x - 1));
    }
  }
  const m = data.customers;
  // Chain rule to the log scale: d/dθ = param · d/dparam.
  gradient[0] = (-r * gR) / m;
  gradient[1] = (-alpha * gAlpha) / m;
  gradient[2] = (-a * gA) / m;
  gradient[3] = (-b * gB) / m;
  return -sum / m;
}

function toParams(values: readonly number[]): BgNbdParams {
  return { r: values[0], alpha: values[1], a: values[2], b: values[3] };
}
