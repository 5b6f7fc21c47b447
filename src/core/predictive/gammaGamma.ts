/**
 * The Gamma-Gamma model of spend per purchase (Fader, Hardie & Lee 2005, "RFM and
 * CLV"; Fader & Hardie 2013, "The Gamma-Gamma model of monetary value"): a
 * customer's purchase amounts are Gamma(p, ν), and ν ~ Gamma(q, v) across
 * customers. Fitted on repeat buyers' average repeat amount m_x over x purchases.
 */

import { digamma, logGamma } from './gammaFunctions';
import { ModelError, messages } from './messages';
import { invertPositiveDefinite, minimizeBfgs, numericalHessian, type Objective } from './optimize';
import { checkSpendRows, type SpendRow } from './rfmInput';

export interface GammaGammaParams {
  p: number;
  q: number;
  v: number;
}

export interface GammaGammaFit {
  params: GammaGammaParams;
  /** Asymptotic standard errors (inverse Hessian of -LL on the log scale, delta method). */
  standardErrors: GammaGammaParams;
  logLikelihood: number;
  /** Repeat buyers with a positive average amount: the customers the model was fitted on. */
  customers: number;
  iterations: number;
}

export interface GammaGammaFitOptions {
  /** Fewer usable repeat buyers than this is an error (default 20). */
  minCustomers?: number;
  maxIterations?: number;
}

const LOG_PARAM_LIMIT = 16;

/**
 * Fits p, q, v by maximum likelihood on the customers with x >= 1 and a positive
 * average repeat amount; the others carry no information about spend and are
 * skipped. Throws a UserError when too few remain or the fit does not converge.
 */
export function fitGammaGammaModel(rows: readonly SpendRow[], options: GammaGammaFitOptions = {}): GammaGammaFit {
  const minCustomers = options.minCustomers ?? 20;
  if (rows.length < 2) throw new ModelError(messages.tooFewCustomers('Gamma-Gamma', rows.length));
  checkSpendRows('Gamma-Gamma', rows);
  const usable = rows.filter((row) => row.x > 0 && row.monetary > 0);
  if (usable.length < minCustomers) throw new ModelError(messages.tooFewSpenders(usable.length, rows.length, minCustomers));
  // Amounts are rescaled to mean 1 for conditioning; only v carries the currency.
  const meanSpend = usable.reduce((sum, row) => sum + row.monetary, 0) / usable.length;
  if (usable.every((row) => row.monetary === usable[0].monetary)) throw new ModelError(messages.spendDoesNotVary(usable.length));
  const data = prepare(usable, 1 / meanSpend);
  const objective: Objective = (theta, gradient) => meanNegativeLogLikelihood(data, theta, gradient);

  // Starting points spread over the shapes; v set so that the mean spend p v / (q - 1) is 1.
  const starts = [
    [1, 2, 1],
    [4, 3, 0.5],
    [0.5, 1.5, 0.5],
    [10, 5, 0.4],
  ].map((start) => start.map(Math.log));
  let best: ReturnType<typeof minimizeBfgs> | null = null;
  let iterations = 0;
  for (const start of starts) {
    const result = minimizeBfgs(objective, start, { maxIterations: options.maxIterations ?? 200 });
    iterations += result.iterations;
    if (result.converged && (best === null || result.value < best.value)) best = result;
  }
  if (best === null || best.theta.some((v) => Math.abs(v) > LOG_PARAM_LIMIT)) {
    throw new ModelError(messages.notConverged('Gamma-Gamma'));
  }
  const hessian = numericalHessian(objective, best.theta).map((row) => row.map((v) => v * data.count));
  const covariance = invertPositiveDefinite(hessian);
  if (covariance === null) throw new ModelError(messages.notConverged('Gamma-Gamma'));

  const [p, q, vScaled] = best.theta.map(Math.exp);
  const v = vScaled * meanSpend;
  const natural = [p, q, v];
  const errors = natural.map((value, i) => value * Math.sqrt(covariance[i][i]));
  // Rescaling amounts by c multiplies each customer's density of m_x by c.
  const logLikelihood = -best.value * data.count - Math.log(meanSpend) * data.count;
  return {
    params: { p, q, v },
    standardErrors: { p: errors[0], q: errors[1], v: errors[2] },
    logLikelihood,
    customers: usable.length,
    iterations,
  };
}

/** Log-likelihood of repeat buyers' average amounts (rows with x >= 1 and monetary > 0). */
export function gammaGammaLogLikelihood(params: GammaGammaParams, rows: readonly SpendRow[]): number {
  const data = prepare(
    rows.filter((row) => row.x > 0 && row.monetary > 0),
    1,
  );
  const theta = [params.p, params.q, params.v].map(Math.log);
  return -meanNegativeLogLikelihood(data, theta, [0, 0, 0]) * data.count;
}

/**
 * E[amount per purchase | x, m_x] = p (v + x m_x) / (p x + q - 1): a weighted
 * average of the population mean p v / (q - 1) and the customer's own m_x, the
 * latter weighing more the more purchases it rests on. For x = 0 it is the
 * population mean, which exists only when q > 1.
 */
export function expectedAverageSpend(params: GammaGammaParams, x: number, monetary: number): number {
  const { p, q, v } = params;
  const denominator = p * x + q - 1;
  if (!(denominator > 0)) throw new ModelError(messages.infiniteMeanSpend(q));
  return (p * (v + x * monetary)) / denominator;
}

interface SpendData {
  count: number;
  /** Distinct purchase counts; the gamma-function terms depend on x only. */
  xs: number[];
  slot: number[];
  logX: number[];
  spend: number[];
  logSpend: number[];
}

function prepare(rows: readonly SpendRow[], scale: number): SpendData {
  const slots = new Map<number, number>();
  const data: SpendData = { count: rows.length, xs: [], slot: [], logX: [], spend: [], logSpend: [] };
  for (const row of rows) {
    let slot = slots.get(row.x);
    if (slot === undefined) {
      slot = data.xs.length;
      slots.set(row.x, slot);
      data.xs.push(row.x);
      data.logX.push(Math.log(row.x));
    }
    data.slot.push(slot);
    data.spend.push(row.monetary * scale);
    data.logSpend.push(Math.log(row.monetary * scale));
  }
  return data;
}

/**
 * Mean negative log-likelihood at θ = ln(p, q, v) and its gradient in θ. The density
 * of the mean m of x amounts is
 * Γ(px+q) / (Γ(px) Γ(q)) · v^q m^(px-1) x^(px) / (v + x m)^(px+q).
 */
function meanNegativeLogLikelihood(data: SpendData, theta: readonly number[], gradient: number[]): number {
  const [p, q, v] = theta.map(Math.exp);
  if (![p, q, v].every((value) => value > 0 && Number.isFinite(value))) return Number.NaN;
  const lgQ = logGamma(q);
  const psiQ = digamma(q);
  const logV = Math.log(v);
  const slots = data.xs.length;
  const constant = new Array<number>(slots);
  const psiSum = new Array<number>(slots);
  const psiPx = new Array<number>(slots);
  for (let s = 0; s < slots; s++) {
    const px = p * data.xs[s];
    constant[s] = logGamma(px + q) - logGamma(px) - lgQ + q * logV + px * data.logX[s];
    psiSum[s] = digamma(px + q);
    psiPx[s] = digamma(px);
  }
  let sum = 0;
  let gP = 0;
  let gQ = 0;
  let gV = 0;
  for (let i = 0; i < data.count; i++) {
    const s = data.slot[i];
    const x = data.xs[s];
    const px = p * x;
    const logDenominator = Math.log(v + x * data.spend[i]);
    sum += constant[s] + (px - 1) * data.logSpend[i] - (px + q) * logDenominator;
    gP += x * (psiSum[s] - psiPx[s] + data.logX[s] + data.logSpend[i] - logDenominator);
    gQ += psiSum[s] - psiQ + logV - logDenominator;
    gV += q / v - (px + q) / (v + x * data.spend[i]);
  }
  const n = data.count;
  gradient[0] = (-p * gP) / n;
  gradient[1] = (-q * gQ) / n;
  gradient[2] = (-v * gV) / n;
  return -sum / n;
}
