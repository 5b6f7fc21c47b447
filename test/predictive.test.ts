import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { UserError } from '../src/core/errors';
import { expectationOverBeta } from '../src/core/predictive/betaExpectation';
import {
  COMMON_DROPOUT_SIZE,
  bgNbdLogLikelihood,
  conditionalExpectedPurchases,
  expectedPurchases,
  probabilityAlive,
  type BgNbdParams,
} from '../src/core/predictive/bgnbd';
import { customerLifetimeValue } from '../src/core/predictive/clv';
import { digamma, logGamma } from '../src/core/predictive/gammaFunctions';
import { gammaGammaLogLikelihood } from '../src/core/predictive/gammaGamma';
import { hyp2f1 } from '../src/core/predictive/hypergeometric';
import {
  DAYS_PER_MONTH,
  expectedPurchasesOf,
  expectedPurchasesOfEach,
  totalExpectedPurchasesAt,
  expectedSpend,
  fitBgNbd,
  fitGammaGamma,
  pAlive,
  scoreCustomers,
  type BgNbdModel,
  type RfmRow,
} from '../src/core/predictive/index';
import { readFileSync } from 'node:fs';
import { calendarFor, daysFromCivil } from '../src/core/calendar';
import { checkBands } from '../src/core/lifecycle';
import { readOrders } from '../src/core/orders';
import { customerHistories, purchasesFrom } from '../src/core/predictive/histories';
import { ModelError, messages, renderModelMessage } from '../src/core/predictive/messages';
import { MIN_REPEAT_PURCHASES, explainBands, suggestBands } from '../src/core/suggestBands';
import { buildSummary } from '../src/core/summary';
import { localeRules } from '../src/core/values';
import { cdnowPath, loadCdnowSample, type CdnowCustomer } from './support/cdnow';
import { simulateCustomers } from './support/simulateCustomers';

// Sources of the reference figures (read to verify, no code taken):
// - Fader, Hardie & Lee (2005), Marketing Science 24(2), sec. 7: BG/NBD on the CDNOW
//   sample, r = 0.243, α = 4.414, a = 0.793, b = 2.426, LL = -9582.4.
// - CamDavidsonPilon/lifetimes tests/test_estimation.py: the same four figures, the
//   E[X(t)] values and the 1.226 conditional expectation from Hardie's spreadsheet, and
//   Gamma-Gamma p = 6.25, q = 3.74, v = 15.44 with the spreadsheet's expected spends.
// - CamDavidsonPilon/lifetimes docs/Quickstart.md: standard errors, conditional
//   expectations of the top customers, and CLV figures for known inputs.
// - bachmannpatrick/CLVTools tests/testthat/test_correctness_bgnbd.R and
//   test_correctness_gg.R: full-precision estimates and log-likelihoods.

const sample = loadCdnowSample();
const inWeeks = sample.map((c) => ({ x: c.x, tx: c.tx, T: c.T, monetary: c.monetary }));
const inDays = sample.map((c) => ({ x: c.x, tx: c.txDays, T: c.TDays, monetary: c.monetary }));
const weekly = fitBgNbd(inDays, { unit: 'week' });
const spend = fitGammaGamma(inDays);

/** Parameters lifetimes reports for its own CDNOW fit (docs/Quickstart.md). */
const LIFETIMES_FIT: BgNbdParams = { r: 0.242593, alpha: 4.413532, a: 0.792886, b: 2.425752 };

function customer(id: string): CdnowCustomer {
  const found = sample.find((c) => c.id === id);
  if (!found) throw new Error(`no CDNOW customer ${id}`);
  return found;
}

function relative(actual: number, expected: number): number {
  return Math.abs(actual / expected - 1);
}

describe('the CDNOW summary is built the way the published one was', () => {
  it('has 2,357 customers, 946 of them repeat buyers, and 2,457 calibration and 1,882 holdout purchases', () => {
    expect(sample).toHaveLength(2357);
    expect(sample.filter((c) => c.x > 0)).toHaveLength(946);
    expect(sample.reduce((n, c) => n + c.x, 0)).toBe(2457);
    expect(sample.reduce((n, c) => n + c.holdoutPurchases, 0)).toBe(1882);
  });

  it('matches rows of the published summary (x, t_x, T in weeks, mean repeat spend)', () => {
    // lifetimes/datasets/cdnow_customers_summary_with_transactions.csv and docs/Quickstart.md
    const published: [string, number, number, number, number | null][] = [
      ['0001', 2, 30.43, 38.86, 22.35],
      ['0002', 1, 1.71, 38.86, 11.77],
      ['0006', 7, 29.43, 38.86, 73.74],
      ['0019', 3, 28.29, 38.71, 25.08],
      ['0026', 1, 1.57, 38.71, 227.14],
      ['0157', 29, 37.71, 38.0, 26.26],
      ['1516', 26, 30.86, 31.0, null],
    ];
    for (const [id, x, tx, T, monetary] of published) {
      const c = customer(id);
      expect([c.x, c.tx, c.T]).toEqual([x, expect.closeTo(tx, 2), expect.closeTo(T, 2)]);
      // Published to the cent; 22.345 was printed as 22.35.
      if (monetary !== null) expect(Math.abs(c.monetary - monetary)).toBeLessThanOrEqual(0.005 + 1e-9);
    }
  });
});

describe('BG/NBD fitted on the CDNOW sample reproduces the published estimates', () => {
  it('gives r, α, a, b within 1% of Fader, Hardie & Lee (2005) and their log-likelihood within 0.5', () => {
    const published = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 };
    for (const name of ['r', 'alpha', 'a', 'b'] as const) {
      expect(relative(weekly.params[name], published[name])).toBeLessThan(0.01);
    }
    expect(Math.abs(weekly.logLikelihood - -9582.4)).toBeLessThan(0.5);
    expect(weekly.customers).toBe(2357);
    expect(weekly.repeatBuyers).toBe(946);
  });

  it("agrees with CLVTools' full-precision estimates to 1e-4", () => {
    const clvTools = { r: 0.2425945, alpha: 4.4136019, a: 0.7929199, b: 2.4258881 };
    for (const name of ['r', 'alpha', 'a', 'b'] as const) {
      expect(relative(weekly.params[name], clvTools[name])).toBeLessThan(1e-4);
    }
    expect(weekly.logLikelihood).toBeCloseTo(-9582.429, 2);
  });

  it("gives the standard errors lifetimes reports (and CLVTools' on the log scale) within 1%", () => {
    const lifetimes = { r: 0.012557, alpha: 0.378221, a: 0.185719, b: 0.705345 };
    const clvToolsLogScale = { r: 0.05176, alpha: 0.0857, a: 0.23424, b: 0.29078 };
    for (const name of ['r', 'alpha', 'a', 'b'] as const) {
      expect(relative(weekly.standardErrors[name], lifetimes[name])).toBeLessThan(0.01);
      expect(relative(weekly.standardErrors[name] / weekly.params[name], clvToolsLogScale[name])).toBeLessThan(0.01);
    }
  });

  it('reports α in the unit asked for; the other parameters do not depend on it', () => {
    const daily = fitBgNbd(inDays, { unit: 'day' });
    expect(daily.unit).toBe('day');
    expect(relative(daily.params.alpha, 7 * weekly.params.alpha)).toBeLessThan(1e-6);
    expect(relative(daily.standardErrors.alpha, 7 * weekly.standardErrors.alpha)).toBeLessThan(1e-4);
    for (const name of ['r', 'a', 'b'] as const) expect(relative(daily.params[name], weekly.params[name])).toBeLessThan(1e-6);
    // Each purchase's density picks up a factor 1/7 when time is counted in days.
    expect(daily.logLikelihood).toBeCloseTo(weekly.logLikelihood - 2457 * Math.log(7), 4);
    expect(fitBgNbd(inDays).unit).toBe('day');
  });

  it('reports the log-likelihood the likelihood function gives at the estimates', () => {
    expect(bgNbdLogLikelihood(weekly.params, inWeeks)).toBeCloseTo(weekly.logLikelihood, 6);
    expect(bgNbdLogLikelihood({ r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 }, inWeeks)).toBeLessThan(weekly.logLikelihood);
  });
});

describe('BG/NBD expectations match published values', () => {
  it("E[X(t)] equals Hardie's spreadsheet figures (lifetimes test) to 5e-4", () => {
    const times = [0.1429, 1, 3, 31.8571, 32, 78];
    const hardie = [0.0078, 0.0532, 0.1506, 1.0405, 1.0437, 1.8576];
    times.forEach((t, i) => expect(Math.abs(expectedPurchases(weekly.params, t) - hardie[i])).toBeLessThan(5e-4));
  });

  it('E[Y(39) | x = 2, t_x = 30.43, T = 38.86] is 1.226 (Hardie spreadsheet, via lifetimes)', () => {
    expect(Math.abs(conditionalExpectedPurchases(weekly.params, 2, 30.43, 38.86, 39) - 1.226)).toBeLessThan(0.001);
  });

  it("gives lifetimes' next-week expectations for its top customers to 1e-5", () => {
    const top: [number, number, number, number][] = [
      [18, 35.14, 35.86, 0.424877],
      [19, 34.0, 34.14, 0.474738],
      [17, 28.43, 28.86, 0.486526],
      [29, 37.71, 38.0, 0.662396],
      [26, 30.86, 31.0, 0.710623],
    ];
    for (const [x, tx, T, expected] of top) {
      expect(relative(conditionalExpectedPurchases(LIFETIMES_FIT, x, tx, T, 1), expected)).toBeLessThan(1e-5);
    }
  });

  it('forecasts the holdout as the paper reports: zero class 0.23 vs 0.24 actual, cumulative 4% under', () => {
    const zeros = sample.filter((c) => c.x === 0);
    const actualZero = zeros.reduce((n, c) => n + c.holdoutPurchases, 0) / zeros.length;
    const expectedZero = zeros.reduce((n, c) => n + conditionalExpectedPurchases(weekly.params, 0, 0, c.T, 39), 0) / zeros.length;
    expect(actualZero).toBeCloseTo(0.24, 2); // 334 / 1411
    expect(expectedZero).toBeCloseTo(0.23, 2);
    // Cumulative repeat purchases to the end of week 78 (1998-06-30, day 545).
    const actual = sample.reduce((n, c) => n + c.x + c.holdoutPurchases, 0);
    const forecast = sample.reduce((n, c) => n + expectedPurchases(weekly.params, (545 - c.firstDay) / 7), 0);
    expect(actual).toBe(4339);
    expect(forecast / actual - 1).toBeCloseTo(-0.04, 2);
  });
});

describe('Gamma-Gamma fitted on the CDNOW repeat buyers reproduces the published estimates', () => {
  it('gives p, q, v within 1% of 6.25, 3.74, 15.44 on the 946 repeat buyers', () => {
    const published = { p: 6.25, q: 3.74, v: 15.44 };
    for (const name of ['p', 'q', 'v'] as const) expect(relative(spend.params[name], published[name])).toBeLessThan(0.01);
    expect(spend.customers).toBe(946);
  });

  it("matches CLVTools' log-likelihood -4055.9177", () => {
    expect(spend.logLikelihood).toBeCloseTo(-4055.9177, 3);
    expect(gammaGammaLogLikelihood(spend.params, inDays)).toBeCloseTo(spend.logLikelihood, 6);
  });

  it('has finite standard errors that are small next to the estimates', () => {
    for (const name of ['p', 'q', 'v'] as const) {
      expect(spend.standardErrors[name]).toBeGreaterThan(0);
      expect(spend.standardErrors[name]).toBeLessThan(0.3 * spend.params[name]);
    }
  });

  it("gives Hardie's spreadsheet expected spend for the first ten customers (lifetimes test) to 0.01", () => {
    const hardie = [24.65, 18.91, 35.17, 35.17, 35.17, 71.46, 18.91, 35.17, 27.28, 35.17];
    sample.slice(0, 10).forEach((c, i) => expect(Math.abs(expectedSpend(spend, c) - hardie[i])).toBeLessThan(0.01));
  });
});

describe('CLV sums discounted monthly expected purchases times expected spend', () => {
  it("gives lifetimes' Quickstart CLVs (12 'months' of 30 weeks, 1% a month) to 1e-5", () => {
    // lifetimes treats a month as 30 units of the data (freq 'D' on weekly data).
    // Histories as published (weeks, two decimals), spend per purchase and CLV from the Quickstart.
    const cases: [number, number, number, number, number][] = [
      [2, 30.43, 38.86, 24.658619, 140.096211],
      [1, 1.71, 38.86, 18.911489, 18.943467],
      [0, 0, 38.86, 35.170981, 38.180574],
      [7, 29.43, 38.86, 71.462843, 1003.868107],
      [2, 35.71, 38.86, 27.282408, 167.418216],
    ];
    for (const [x, tx, T, perPurchase, expected] of cases) {
      const options = { months: 12, monthlyDiscountRate: 0.01, unitsPerMonth: 30 };
      expect(relative(customerLifetimeValue(LIFETIMES_FIT, { x, tx, T }, perPurchase, options), expected)).toBeLessThan(1e-5);
    }
  });

  it('without discounting is expected spend times expected purchases over the horizon', () => {
    const c = customer('0006');
    const [score] = scoreCustomers([{ x: c.x, tx: c.txDays, T: c.TDays, monetary: c.monetary }], weekly, spend, {
      months: 24,
      monthlyDiscountRate: 0,
    });
    const purchases = conditionalExpectedPurchases(weekly.params, c.x, c.tx, c.T, (24 * DAYS_PER_MONTH) / 7);
    expect(score.expectedPurchases).toBeCloseTo(purchases, 10);
    expect(score.clv).toBeCloseTo(purchases * score.expectedSpend, 8);
  });

  it('converts months of 30.4375 days to the unit of the fit', () => {
    const rows = inDays.slice(0, 50);
    // The weekly fit restated in days: the same model, so every score must agree.
    const daily = { ...weekly, unit: 'day' as const, params: { ...weekly.params, alpha: 7 * weekly.params.alpha } };
    const byWeek = scoreCustomers(rows, weekly, spend, { months: 6, monthlyDiscountRate: 0.02 });
    const byDay = scoreCustomers(rows, daily, spend, { months: 6, monthlyDiscountRate: 0.02 });
    byWeek.forEach((s, i) => {
      expect(relative(s.clv, byDay[i].clv)).toBeLessThan(1e-12);
      expect(s.pAlive).toBeCloseTo(pAlive(daily, rows[i]), 12);
      expect(s.expectedPurchases).toBeCloseTo(expectedPurchasesOf(weekly, rows[i], 6 * DAYS_PER_MONTH), 9);
    });
  });

  it('discounting lowers CLV, and CLV grows with the horizon', () => {
    const rows = inDays.slice(0, 200);
    const plain = scoreCustomers(rows, weekly, spend, { months: 12, monthlyDiscountRate: 0 });
    const discounted = scoreCustomers(rows, weekly, spend, { months: 12, monthlyDiscountRate: 0.01 });
    const longer = scoreCustomers(rows, weekly, spend, { months: 24, monthlyDiscountRate: 0.01 });
    rows.forEach((_, i) => {
      expect(discounted[i].clv).toBeLessThan(plain[i].clv);
      expect(longer[i].clv).toBeGreaterThan(discounted[i].clv);
    });
  });
});

describe('fits recover the parameters of simulated customers', () => {
  const truth = { purchases: { r: 0.25, alpha: 30, a: 0.8, b: 2.5 }, spend: { p: 6, q: 4, v: 15 } };

  it('finds each of r, α, a, b, p, q, v within 3 standard errors on 20,000 customers', () => {
    const rows = simulateCustomers({ customers: 20_000, ...truth, minDays: 30, maxDays: 400, seed: 20240601 });
    const bg = fitBgNbd(rows);
    const gg = fitGammaGamma(rows);
    for (const name of ['r', 'alpha', 'a', 'b'] as const) {
      expect(Math.abs(bg.params[name] - truth.purchases[name])).toBeLessThan(3 * bg.standardErrors[name]);
    }
    for (const name of ['p', 'q', 'v'] as const) {
      expect(Math.abs(gg.params[name] - truth.spend[name])).toBeLessThan(3 * gg.standardErrors[name]);
    }
    // Standard errors shrink like 1 / sqrt(n): a quarter of the data, about twice the error.
    const bgQuarter = fitBgNbd(rows.slice(0, 5000));
    const ggQuarter = fitGammaGamma(rows.slice(0, 5000));
    for (const name of ['r', 'alpha', 'a', 'b'] as const) {
      expect(bgQuarter.standardErrors[name] / bg.standardErrors[name]).toBeGreaterThan(1.5);
      expect(bgQuarter.standardErrors[name] / bg.standardErrors[name]).toBeLessThan(3);
    }
    for (const name of ['p', 'q', 'v'] as const) {
      expect(ggQuarter.standardErrors[name] / gg.standardErrors[name]).toBeGreaterThan(1.5);
      expect(ggQuarter.standardErrors[name] / gg.standardErrors[name]).toBeLessThan(3);
    }
  }, 30_000);

  it('has standard errors that match the spread of estimates over repeated samples', () => {
    // 30 samples of 4,000: the spread of ln(estimate) should be the mean log-scale SE.
    const logs: number[][] = [];
    const errors: number[][] = [];
    for (let rep = 0; rep < 30; rep++) {
      const rows = simulateCustomers({ customers: 4000, ...truth, minDays: 30, maxDays: 400, seed: 1000 + rep });
      const bg = fitBgNbd(rows);
      const gg = fitGammaGamma(rows);
      const estimates = [bg.params.r, bg.params.alpha, bg.params.a, bg.params.b, gg.params.p, gg.params.q, gg.params.v];
      const ses = [bg.standardErrors.r, bg.standardErrors.alpha, bg.standardErrors.a, bg.standardErrors.b];
      ses.push(gg.standardErrors.p, gg.standardErrors.q, gg.standardErrors.v);
      logs.push(estimates.map(Math.log));
      errors.push(ses.map((se, i) => se / estimates[i]));
    }
    for (let j = 0; j < 7; j++) {
      const mean = logs.reduce((s, e) => s + e[j], 0) / logs.length;
      const spread = Math.sqrt(logs.reduce((s, e) => s + (e[j] - mean) ** 2, 0) / (logs.length - 1));
      const se = errors.reduce((s, e) => s + e[j], 0) / errors.length;
      expect(spread / se).toBeGreaterThan(0.65);
      expect(spread / se).toBeLessThan(1.35);
    }
  }, 60_000);
});

describe('where customers do not differ in dropout, BG/NBD fits the limit of one dropout probability', () => {
  // The likelihood then rises as a and b grow together with a/(a+b) fixed: the optimum
  // is the limit p ~ Beta(a, b) -> p fixed, carried as a + b = COMMON_DROPOUT_SIZE.
  const truth = { r: 0.25, alpha: 30, p: 0.05 };
  const a = truth.p * COMMON_DROPOUT_SIZE;
  const b = (1 - truth.p) * COMMON_DROPOUT_SIZE;
  const rows = simulateCustomers({
    customers: 4000,
    purchases: { r: truth.r, alpha: truth.alpha, a, b },
    spend: { p: 6, q: 4, v: 15 },
    minDays: 30,
    maxDays: 400,
    seed: 1,
  });
  let fit: BgNbdModel;
  let p: number;
  beforeAll(() => {
    fit = fitBgNbd(rows);
    p = fit.commonDropout?.p ?? Number.NaN;
  });

  it('finds r, α and the one p within 3 standard errors; a and b only carry the limit', () => {
    expect(fit.commonDropout).not.toBeNull();
    expect(Math.abs(fit.params.r - truth.r)).toBeLessThan(3 * fit.standardErrors.r);
    expect(Math.abs(fit.params.alpha - truth.alpha)).toBeLessThan(3 * fit.standardErrors.alpha);
    expect(Math.abs(p - truth.p)).toBeLessThan(3 * fit.commonDropout!.standardError);
    // Standard errors of a few percent: the r and α entries of the inverse of the limit's (r, α, p) information matrix.
    expect(fit.standardErrors.r / fit.params.r).toBeGreaterThan(0.01);
    expect(fit.standardErrors.r / fit.params.r).toBeLessThan(0.1);
    expect(fit.standardErrors.alpha / fit.params.alpha).toBeLessThan(0.1);
    expect(fit.standardErrors.a).toBeNaN();
    expect(fit.standardErrors.b).toBeNaN();
    expect(relative(fit.params.a + fit.params.b, COMMON_DROPOUT_SIZE)).toBeLessThan(1e-12);
    expect(relative(fit.params.a / (fit.params.a + fit.params.b), p)).toBeLessThan(1e-12);
    // The unit changes α only.
    const weeks = fitBgNbd(rows, { unit: 'week' });
    expect(relative(weeks.params.alpha * 7, fit.params.alpha)).toBeLessThan(1e-6);
    expect(relative(weeks.commonDropout!.p, p)).toBeLessThan(1e-6);
  });

  it('is where the likelihood was heading: it rises towards the fit as b grows with a/(a+b), r and α fixed', () => {
    const at = (size: number) => bgNbdLogLikelihood({ r: fit.params.r, alpha: fit.params.alpha, a: p * size, b: (1 - p) * size }, rows);
    const path = [10, 100, 1e4, 1e6].map(at);
    for (let k = 1; k < path.length; k++) expect(path[k]).toBeGreaterThan(path[k - 1]);
    expect(path[path.length - 1]).toBeLessThan(fit.logLikelihood);
    expect(fit.logLikelihood - path[path.length - 1]).toBeLessThan(1e-3);
    // The likelihood at the reported a and b is the limit's.
    expect(bgNbdLogLikelihood(fit.params, rows)).toBeCloseTo(fit.logLikelihood, 6);
  });

  it('predicts as the limiting model does: P(alive) and expected purchases within 1e-9 of its closed forms', () => {
    const { r, alpha } = fit.params;
    // With p fixed: P(alive) = 1 / (1 + p/(1-p) ((α+T)/(α+tx))^(r+x)), and an alive customer
    // buys (1 - (1 + p t/(α+T))^-(r+x)) / p times in the next t.
    const limitAlive = (x: number, tx: number, T: number) =>
      x === 0 ? 1 : 1 / (1 + (p / (1 - p)) * ((alpha + T) / (alpha + tx)) ** (r + x));
    const limitIfAlive = (x: number, T: number, t: number) => -Math.expm1(-(r + x) * Math.log1p((p * t) / (alpha + T))) / p;
    for (const [x, tx, T] of [
      [0, 0, 0],
      [0, 0, 200],
      [1, 20, 300],
      [4, 150, 160],
      [12, 390, 400],
      [3, 10, 400],
    ]) {
      expect(relative(pAlive(fit, { x, tx, T }), limitAlive(x, tx, T))).toBeLessThan(1e-9);
      // Short horizons take the hypergeometric route's place, long ones (z > 0.99) the quadrature's.
      for (const t of [1, 30, 365, 3650, 1e6]) {
        const expected = expectedPurchasesOf(fit, { x, tx, T }, t);
        expect(relative(expected, limitAlive(x, tx, T) * limitIfAlive(x, T, t))).toBeLessThan(1e-9);
      }
    }
    expect(relative(expectedPurchases(fit.params, 365), limitIfAlive(0, 0, 365))).toBeLessThan(1e-9);
  });

  it('keeps failing clearly when purchase rates do not differ either (r and α unidentified)', () => {
    const flat = simulateCustomers({
      customers: 4000,
      purchases: { r: 1e6, alpha: 3e7, a, b },
      spend: { p: 6, q: 4, v: 15 },
      minDays: 30,
      maxDays: 400,
      seed: 1,
    });
    expect(() => fitBgNbd(flat)).toThrowError(/^BG\/NBD: the model fit did not converge/);
  });
});

describe('bad input gets a message a spreadsheet user can act on', () => {
  const repeat = (n: number, row: RfmRow): RfmRow[] => Array.from({ length: n }, () => ({ ...row }));
  const buyer: RfmRow = { x: 2, tx: 40, T: 100, monetary: 25 };
  const oneTimer: RfmRow = { x: 0, tx: 0, T: 100, monetary: 0 };

  function messageOf(action: () => unknown): string {
    try {
      action();
    } catch (error) {
      expect(error).toBeInstanceOf(UserError);
      return (error as Error).message;
    }
    throw new Error('expected a UserError');
  }

  it('fewer than 2 customers', () => {
    expect(messageOf(() => fitBgNbd([]))).toBe('BG/NBD: no customers were given; at least 2 customers are needed to fit the model');
    expect(messageOf(() => fitBgNbd([buyer]))).toBe('BG/NBD: only 1 customer was given; at least 2 customers are needed to fit the model');
    expect(messageOf(() => fitGammaGamma([buyer]))).toBe(
      'Gamma-Gamma: only 1 customer was given; at least 2 customers are needed to fit the model',
    );
  });

  it('too few repeat buyers', () => {
    const rows = [...repeat(3, buyer), ...repeat(997, oneTimer)];
    expect(messageOf(() => fitBgNbd(rows))).toBe(
      'BG/NBD: only 3 of 1,000 customers bought more than once; at least 20 repeat buyers are needed to fit the model',
    );
    expect(messageOf(() => fitGammaGamma(rows))).toBe(
      'Gamma-Gamma: only 3 of 1,000 customers have repeat purchases with a positive amount; at least 20 are needed to fit the spend model',
    );
  });

  it('all purchases on one day', () => {
    const rows = [...repeat(30, { x: 1, tx: 0, T: 100, monetary: 10 }), ...repeat(70, oneTimer)];
    const message =
      'BG/NBD: each of the 100 customers made all purchases on the day of the first one; the model needs repeat purchases on later days';
    expect(messageOf(() => fitBgNbd(rows))).toBe(message);
    // A sheet that covers one day only: nobody has a later purchase or any age.
    expect(messageOf(() => fitBgNbd(repeat(100, { x: 0, tx: 0, T: 0, monetary: 0 })))).toBe(message);
  });

  it('negative, non-finite, fractional or inconsistent values name the customer and the field', () => {
    const rows = repeat(40, buyer);
    const withRow = (i: number, row: Partial<RfmRow>) => rows.map((r, j) => (j === i ? { ...r, ...row } : r));
    expect(messageOf(() => fitBgNbd(withRow(4, { tx: -3 })))).toBe(
      'BG/NBD: customer 5 has days from first to last purchase = -3; it cannot be negative',
    );
    expect(messageOf(() => fitBgNbd(withRow(0, { T: Number.NaN })))).toBe(
      'BG/NBD: customer 1 has days from first purchase to the end of the period = NaN; it must be a number',
    );
    expect(messageOf(() => fitBgNbd(withRow(1, { x: Number.POSITIVE_INFINITY })))).toBe(
      'BG/NBD: customer 2 has repeat purchases = Infinity; it must be a number',
    );
    expect(messageOf(() => fitBgNbd(withRow(2, { x: 1.5 })))).toBe(
      'BG/NBD: customer 3 has 1.5 repeat purchases; it must be a whole number',
    );
    expect(messageOf(() => fitBgNbd(withRow(3, { tx: 120 })))).toBe(
      'BG/NBD: customer 4 has the last purchase 120 days after the first, later than the end of the period (100 days after the first)',
    );
    expect(messageOf(() => fitBgNbd(withRow(3, { x: 0, tx: 5 })))).toBe(
      'BG/NBD: customer 4 has no repeat purchases but the last purchase 5 days after the first',
    );
    expect(messageOf(() => fitGammaGamma(withRow(6, { monetary: -12.5 })))).toBe(
      'Gamma-Gamma: customer 7 has average repeat purchase amount = -12.5; it cannot be negative',
    );
  });

  it('a fit that does not converge', () => {
    expect(messageOf(() => fitBgNbd(inDays, { maxIterations: 2 }))).toBe(
      'BG/NBD: the model fit did not converge; the data may be too few or too irregular for this model (try a longer period or more customers)',
    );
    expect(messageOf(() => fitGammaGamma(inDays, { maxIterations: 2 }))).toMatch(/^Gamma-Gamma: the model fit did not converge/);
  });

  it('spend that cannot be modelled, and bad scoring options', () => {
    expect(messageOf(() => fitGammaGamma(repeat(30, buyer)))).toBe(
      'Gamma-Gamma: all 30 repeat buyers have the same average purchase amount; the spend model needs amounts that differ between customers',
    );
    const heavyTailed = { ...spend, params: { p: 2, q: 0.8, v: 10 } };
    expect(messageOf(() => expectedSpend(heavyTailed, oneTimer))).toMatch(/^Gamma-Gamma: average amounts differ so much/);
    expect(messageOf(() => scoreCustomers([buyer], weekly, spend, { months: 0 }))).toBe(
      'CLV: months = 0; it must be a whole number from 1 to 1200',
    );
    expect(messageOf(() => scoreCustomers([buyer], weekly, spend, { monthlyDiscountRate: -0.1 }))).toBe(
      'CLV: monthly discount rate = -0.1; it must be a number of at least 0',
    );
  });
});

describe('P(alive) is a probability that falls the longer a customer is silent', () => {
  const params = fc.record({
    r: fc.double({ min: 0.01, max: 20, noNaN: true }),
    alpha: fc.double({ min: 0.01, max: 500, noNaN: true }),
    a: fc.double({ min: 0.01, max: 20, noNaN: true }),
    b: fc.double({ min: 0.01, max: 20, noNaN: true }),
  });
  const history = fc
    .record({
      x: fc.integer({ min: 0, max: 300 }),
      T: fc.double({ min: 0, max: 2000, noNaN: true }),
      share: fc.double({ min: 0, max: 1, noNaN: true }),
    })
    .map(({ x, T, share }) => ({ x, T, tx: x === 0 ? 0 : share * T }));

  it('lies in [0, 1]', () => {
    fc.assert(
      fc.property(params, history, (p, h) => {
        const value = probabilityAlive(p, h.x, h.tx, h.T);
        return value >= 0 && value <= 1;
      }),
    );
  });

  it('is 1 for customers without repeat purchases', () => {
    fc.assert(fc.property(params, fc.double({ min: 0, max: 2000, noNaN: true }), (p, T) => probabilityAlive(p, 0, 0, T) === 1));
  });

  it('does not increase as T grows with x and t_x fixed', () => {
    fc.assert(
      fc.property(params, history, fc.double({ min: 0, max: 500, noNaN: true }), (p, h, extra) => {
        return probabilityAlive(p, h.x, h.tx, h.T + extra) <= probabilityAlive(p, h.x, h.tx, h.T);
      }),
    );
  });

  it('is what the fitted model gives through the day-based API', () => {
    const c = customer('0001');
    expect(pAlive(weekly, { x: c.x, tx: c.txDays, T: c.TDays })).toBeCloseTo(probabilityAlive(weekly.params, 2, c.tx, c.T), 12);
    expect(probabilityAlive(weekly.params, 2, 30.43, 38.86)).toBeCloseTo(0.73, 2);
  });
});

describe('the special functions are accurate where the models use them', () => {
  it('ln Γ and ψ match known values', () => {
    expect(logGamma(1)).toBeCloseTo(0, 14);
    expect(logGamma(2)).toBeCloseTo(0, 14);
    expect(logGamma(0.5)).toBeCloseTo(0.5 * Math.log(Math.PI), 14);
    expect(logGamma(1e-8)).toBeCloseTo(18.420680738180209, 9);
    let logFactorial = 0;
    for (let n = 2; n < 171; n++) {
      logFactorial += Math.log(n);
      expect(relative(logGamma(n + 1), logFactorial)).toBeLessThan(1e-14);
    }
    expect(digamma(1)).toBeCloseTo(-0.5772156649015329, 14);
    expect(digamma(0.5)).toBeCloseTo(-0.5772156649015329 - 2 * Math.log(2), 13);
    expect(digamma(100)).toBeCloseTo(4.600161852738087, 14);
  });

  it('2F1 satisfies closed forms', () => {
    for (const z of [0, 0.1, 0.5, 0.9, 0.99]) {
      expect(hyp2f1(1, 1, 2, z)).toBeCloseTo(z === 0 ? 1 : -Math.log1p(-z) / z, 12);
      expect(hyp2f1(0.3, 2.5, 2.5, z)).toBeCloseTo(Math.pow(1 - z, -0.3), 12);
      expect(hyp2f1(-3, 1.7, 2.2, z)).toBeCloseTo(
        1 -
          (3 * 1.7 * z) / 2.2 +
          (3 * 2 * 1.7 * 2.7 * z * z) / (2.2 * 3.2 * 2) -
          (3 * 2 * 1 * 1.7 * 2.7 * 3.7 * z ** 3) / (2.2 * 3.2 * 4.2 * 6),
        12,
      );
    }
  });

  it('the 2F1 series and quadrature over the dropout probability agree on E[Y(t)]', () => {
    // Two independent routes to the numerator of eq. 10; the series covers z <= 0.99,
    // including c = a + b + x - 1 near 0, where the closed form reads 0/0.
    fc.assert(
      fc.property(
        fc.record({
          r: fc.double({ min: 0.05, max: 5, noNaN: true }),
          alpha: fc.double({ min: 0.5, max: 50, noNaN: true }),
          a: fc.double({ min: 0.02, max: 5, noNaN: true }),
          b: fc.double({ min: 0.02, max: 5, noNaN: true }),
        }),
        fc.integer({ min: 0, max: 60 }),
        fc.double({ min: 0, max: 40, noNaN: true }),
        fc.double({ min: 0.01, max: 99, noNaN: true }),
        (p, x, T, horizonRatio) => {
          const t = horizonRatio * (p.alpha + T); // z = t / (α + T + t) up to 0.99
          const viaSeries = conditionalExpectedPurchases(p, x, x === 0 ? 0 : T / 2, T, t) / probabilityAlive(p, x, x === 0 ? 0 : T / 2, T);
          const shape = p.r + x;
          const rate = t / (p.alpha + T);
          const integrand = (q: number) => (q * rate < 1e-290 ? shape * rate : -Math.expm1(-shape * Math.log1p(q * rate)) / q);
          const viaQuadrature = expectationOverBeta(integrand, p.a, p.b + x);
          return relative(viaSeries, viaQuadrature) < 1e-9;
        },
      ),
    );
  });

  it('the expectation over Beta(a, b) is exact for known moments, from small shapes to a common dropout probability', () => {
    // E[p³] = Π_{j<3} (a+j)/(a+b+j), likewise E[(1-p)³]; E[1/p] = (a+b-1)/(a-1), E[1/p²] that
    // times (a+b-2)/(a-2) (bounded where the weight p^(a-1) tames them, a well above 2).
    const shapes = [0.3, 2.5, 7, 49, 50, 150, 400, 5000, 1e6, 0.99e8, 1e8, 2.5e10];
    const cube = (u: number, v: number) => ((u / (u + v)) * (u + 1) * (u + 2)) / ((u + v + 1) * (u + v + 2));
    for (const a of shapes) {
      for (const b of [0.5, 3, 450, 1e5, 9.75e11]) {
        expect(
          relative(
            expectationOverBeta((q) => q ** 3, a, b),
            cube(a, b),
          ),
        ).toBeLessThan(1e-10);
        expect(
          relative(
            expectationOverBeta((_, rest) => rest ** 3, a, b),
            cube(b, a),
          ),
        ).toBeLessThan(1e-10);
        if (a < 7) continue;
        expect(
          relative(
            expectationOverBeta((q) => 1 / q, a, b),
            (a + b - 1) / (a - 1),
          ),
        ).toBeLessThan(1e-10);
        expect(
          relative(
            expectationOverBeta((q) => 1 / (q * q), a, b),
            ((a + b - 1) * (a + b - 2)) / ((a - 1) * (a - 2)),
          ),
        ).toBeLessThan(1e-10);
      }
    }
  });

  it('the 2F1 series and the quadrature agree on E[Y(t)] for large a and b too', () => {
    // A narrow Beta gets its own quadrature grid; where the series is short enough, both apply.
    fc.assert(
      fc.property(
        fc.double({ min: 50, max: 1500, noNaN: true }),
        fc.double({ min: 50, max: 1e5, noNaN: true }),
        fc.integer({ min: 0, max: 30 }),
        fc.double({ min: 0.001, max: 1, noNaN: true }),
        (a, b, x, share) => {
          const p = { r: 0.3, alpha: 10, a, b };
          const T = 100;
          // (1 - z)^-(a-1) up to e^40 keeps the series route.
          const t = Math.expm1((share * 40) / (a - 1)) * (p.alpha + T);
          const viaSeries = conditionalExpectedPurchases(p, x, x === 0 ? 0 : T / 2, T, t) / probabilityAlive(p, x, x === 0 ? 0 : T / 2, T);
          const rate = t / (p.alpha + T);
          const viaQuadrature = expectationOverBeta((q) => -Math.expm1(-(p.r + x) * Math.log1p(q * rate)) / q, a, b + x);
          return relative(viaSeries, viaQuadrature) < 1e-9;
        },
      ),
      { numRuns: 60 },
    );
  });

  it('E[X(t)] is continuous through a = 1, where its closed form reads 0/0', () => {
    const at = (a: number) => expectedPurchases({ r: 0.4, alpha: 5, a, b: 2 }, 20);
    expect(Number.isFinite(at(1))).toBe(true);
    expect(at(1)).toBeCloseTo((at(1 - 1e-7) + at(1 + 1e-7)) / 2, 9);
  });

  it('long horizons (quadrature route) continue the short ones (series route) smoothly', () => {
    const p = weekly.params;
    const below = conditionalExpectedPurchases(p, 3, 10, 12, 99 * (p.alpha + 12) * 0.999999);
    const above = conditionalExpectedPurchases(p, 3, 10, 12, 99 * (p.alpha + 12) * 1.000001);
    expect(relative(above, below)).toBeLessThan(1e-5);
    // Expected purchases keep growing with the horizon, even ten years out.
    let previous = 0;
    for (const years of [1, 2, 5, 10, 100]) {
      const value = expectedPurchases(p, years * 52.18);
      expect(value).toBeGreaterThan(previous);
      previous = value;
    }
  });
});

describe('customer histories come from the per-customer summary the way the published CDNOW summary was made', () => {
  // The raw sample rows through the add-on's own reading: purchases are customer-days,
  // the period ends the day before the as-of date (1997-10-01).
  const lines = readFileSync(cdnowPath('CDNOW_sample.txt'), 'utf8')
    .split(/\r?\n/)
    .filter((l) => l.trim() !== '')
    .map((l) => l.trim().split(/\s+/));
  const calendar = calendarFor('UTC');
  const asOf = daysFromCivil(1997, 10, 1);
  const { orders } = readOrders(
    {
      customer: { values: lines.map((l) => [l[1]]), column: 0, label: 'customers' },
      date: { values: lines.map((l) => [`${l[2].slice(0, 4)}-${l[2].slice(4, 6)}-${l[2].slice(6, 8)}`]), column: 0, label: 'dates' },
      amount: { values: lines.map((l) => [Number(l[4])]), column: 0, label: 'amounts' },
    },
    { calendar, rules: localeRules('en_US'), firstRow: 1, asOf },
  );
  const summary = buildSummary(orders, { asOf });
  const histories = customerHistories(summary);

  it('gives every customer the x, t_x, T (days) and average repeat amount of the published summary', () => {
    expect(summary.size).toBe(2357);
    const byId = new Map(sample.map((c) => [c.id, c]));
    for (let i = 0; i < summary.size; i++) {
      const c = byId.get(summary.name[i])!;
      const h = histories[i];
      expect([h.x, h.tx, h.T]).toEqual([c.x, c.txDays, c.TDays]);
      expect(h.monetary).toBeCloseTo(c.monetary, 9);
    }
  });

  it('counts the holdout purchases of each customer from a day on', () => {
    const full = buildSummary(orders, { asOf: daysFromCivil(1998, 7, 1) });
    const holdout = purchasesFrom(full, asOf);
    expect(holdout.reduce((n, v) => n + v, 0)).toBe(1882);
  });

  it('sums expected purchases over customers at several horizons as each customer one by one', () => {
    const daily = fitBgNbd(histories);
    const horizons = [7, 91, 273];
    const totals = totalExpectedPurchasesAt(daily, histories, horizons);
    horizons.forEach((days, k) => {
      const oneByOne = expectedPurchasesOfEach(daily, histories, days).reduce((s, v) => s + v, 0);
      expect(relative(totals[k], oneByOne)).toBeLessThan(1e-12);
    });
    // The paper's holdout: 1,882 actual; BG/NBD's conditional forecast is lower, about 1,653.
    expect(totals[2]).toBeCloseTo(1653.4, 0);
  });
});

describe('model errors read in the user’s language', () => {
  it('renders every model message in en, ru and uk with all placeholders filled', () => {
    const samples = [
      messages.tooFewCustomers('BG/NBD', 0),
      messages.tooFewCustomers('Gamma-Gamma', 1),
      messages.tooFewRepeatBuyers(3, 1000, 20),
      messages.allOnOneDay(21),
      messages.tooFewSpenders(2, 5, 20),
      messages.spendDoesNotVary(30),
      messages.notFinite('CLV', 4, 'T', Number.NaN),
      messages.negative('BG/NBD', 2, 'tx', -3),
      messages.notWhole('BG/NBD', 3, 1.5),
      messages.lastAfterEnd('BG/NBD', 4, 120, 100),
      messages.lastWithoutRepeat('BG/NBD', 4, 5),
      messages.notConverged('Gamma-Gamma'),
      messages.infiniteMeanSpend(0.8),
      messages.badUnit('month'),
      messages.badMonths(0),
      messages.badDiscountRate(-1),
      messages.tooFewRepeatPurchases(1, 10),
      messages.tooFewRepeatPurchases(1234, 10000),
    ];
    for (const lang of ['en', 'ru', 'uk'] as const) {
      for (const message of samples) expect(renderModelMessage(lang, message)).not.toMatch(/[{}]|undefined/);
    }
  });

  it('keeps the English text as the error message and gives the others on request', () => {
    const error = new ModelError(messages.tooFewRepeatBuyers(3, 1000, 21));
    expect(error).toBeInstanceOf(UserError);
    expect(error.message).toBe(
      'BG/NBD: only 3 of 1,000 customers bought more than once; at least 21 repeat buyers are needed to fit the model',
    );
    expect(error.messageIn('ru')).toBe(
      'BG/NBD: больше одного раза купили только 3 из 1\u00a0000 клиентов; для обучения модели нужно не меньше 21 клиента с повторными покупками',
    );
    expect(error.messageIn('uk')).toBe(
      'BG/NBD: більше одного разу купили лише 3 з 1\u00a0000 клієнтів; для навчання моделі потрібно щонайменше 21 клієнт з повторними покупками',
    );
  });
});

describe('suggested bands', () => {
  const calendar = calendarFor('UTC');
  /** A summary of customers each buying on the given days (from 2024-01-01), as of 2025-01-01. */
  function summaryOf(days: number[][]) {
    const start = daysFromCivil(2024, 1, 1);
    const rows = days.flatMap((list, c) => list.map((d) => [`c${c}`, calendar.dateOf(start + d)]));
    const asOf = daysFromCivil(2025, 1, 1);
    const { orders } = readOrders(
      {
        customer: { values: rows.map((r) => [r[0]]), column: 0, label: 'c' },
        date: { values: rows.map((r) => [r[1]]), column: 0, label: 'd' },
      },
      { calendar, rules: localeRules('en_US'), firstRow: 1, asOf },
    );
    return buildSummary(orders, { asOf });
  }
  const histories = fc.array(
    fc.uniqueArray(fc.integer({ min: 0, max: 360 }), { minLength: 1, maxLength: 8 }).map((d) => d.sort((a, b) => a - b)),
    {
      minLength: 3,
      maxLength: 40,
    },
  );

  it('are valid bands whose recency bounds are the 80th and 95th nearest-rank percentiles of the gaps', () => {
    fc.assert(
      fc.property(histories, (days) => {
        const gaps = days.flatMap((list) => list.slice(1).map((d, k) => d - list[k])).sort((a, b) => a - b);
        fc.pre(gaps.length >= MIN_REPEAT_PURCHASES);
        const s = suggestBands(summaryOf(days));
        expect(checkBands(s.bands)).toEqual(s.bands);
        const within = (bound: number) => gaps.filter((g) => g <= bound).length / gaps.length;
        expect(within(s.bands.activeTo)).toBeGreaterThanOrEqual(0.8);
        expect(within(s.bands.activeTo - 1)).toBeLessThan(0.8);
        expect(within(s.bands.sleepingTo)).toBeGreaterThanOrEqual(0.95);
        expect(s.bands.prospectiveFrom).toBe(2);
        expect(s.repeatPurchases).toBe(gaps.length);
      }),
      { numRuns: 60 },
    );
  });

  it('do not depend on the order of the rows', () => {
    const days = [[0, 5, 15], [0, 10, 25], [0, 20, 45], [0, 30, 70, 120, 130], [0, 100], [3], [40]];
    const a = suggestBands(summaryOf(days));
    const b = suggestBands(summaryOf([...days].reverse()));
    expect(b.bands).toEqual(a.bands);
    expect(b.explanations).toEqual(a.explanations);
    expect(explainBands('en', a).active).toBe(
      '81% of repeat purchases came within 40 days of the previous one: customers silent no longer than that are Active',
    );
  });

  it('need at least 10 repeat purchases, and say so in the user’s language', () => {
    const failure = (days: number[][]): ModelError => {
      try {
        suggestBands(summaryOf(days));
      } catch (e) {
        expect(e).toBeInstanceOf(ModelError);
        return e as ModelError;
      }
      throw new Error('expected a ModelError');
    };
    const two = failure([[0, 10, 20], [5]]);
    expect(two).toBeInstanceOf(UserError);
    expect(two.message).toBe(
      "only 2 repeat purchases in the data (purchases after a customer's first); at least 10 are needed to suggest bands",
    );
    expect(two.messageIn('ru')).toBe(
      'в данных только 2 повторные покупки (покупки после первой покупки клиента); чтобы предложить границы, нужно не меньше 10',
    );
    expect(two.messageIn('uk')).toBe(
      'у даних лише 2 повторні покупки (покупки після першої покупки клієнта); щоб запропонувати межі, потрібно щонайменше 10',
    );
    const one = failure([[0, 10], [5]]);
    expect(one.message).toBe(
      "only 1 repeat purchase in the data (purchases after a customer's first); at least 10 are needed to suggest bands",
    );
    expect(one.messageIn('ru')).toMatch(/^в данных только 1 повторная покупка \(/);
    expect(one.messageIn('uk')).toMatch(/^у даних лише 1 повторна покупка \(/);
    const five = failure([[0, 1, 2, 3, 4, 5]]);
    expect(five.messageIn('ru')).toMatch(/^в данных только 5 повторных покупок \(/);
    expect(five.messageIn('uk')).toMatch(/^у даних лише 5 повторних покупок \(/);
  });
});
