/**
 * Deterministic simulation of customers from the BG/NBD and Gamma-Gamma models,
 * for parameter-recovery tests. Times are days.
 */

import type { BgNbdParams, GammaGammaParams, RfmRow } from '../../src/core/predictive/index';

/** mulberry32: a small 32-bit seeded PRNG with uniform output in [0, 1). */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Standard normal by Box-Muller. */
export function normal(random: () => number): number {
  const u = 1 - random(); // in (0, 1], safe for the log
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random());
}

/** Gamma(shape, rate) by Marsaglia & Tsang, boosted by U^(1/shape) for shape < 1. */
export function gamma(random: () => number, shape: number, rate: number): number {
  if (shape < 1) return gamma(random, shape + 1, rate) * Math.pow(1 - random(), 1 / shape);
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    const z = normal(random);
    const v = Math.pow(1 + c * z, 3);
    if (v <= 0) continue;
    const u = 1 - random();
    if (Math.log(u) < 0.5 * z * z + d - d * v + d * Math.log(v)) return (d * v) / rate;
  }
}

/** Beta(a, b) as a ratio of gammas. */
export function beta(random: () => number, a: number, b: number): number {
  const x = gamma(random, a, 1);
  return x / (x + gamma(random, b, 1));
}

/** Exponential with the given rate. */
export function exponential(random: () => number, rate: number): number {
  return -Math.log(1 - random()) / rate;
}

export interface SimulationSpec {
  customers: number;
  purchases: BgNbdParams;
  spend: GammaGammaParams;
  /** Ages T are uniform on [minDays, maxDays]. */
  minDays: number;
  maxDays: number;
  seed: number;
}

/**
 * Customers who each made a first purchase T days before the end of the period:
 * repeat purchases at Poisson rate λ ~ Gamma(r, α) while alive, dropout with
 * probability p ~ Beta(a, b) after each repeat purchase, and purchase amounts
 * Gamma(p, ν) with ν ~ Gamma(q, v).
 */
export function simulateCustomers(spec: SimulationSpec): RfmRow[] {
  const random = mulberry32(spec.seed);
  const { r, alpha, a, b } = spec.purchases;
  const rows: RfmRow[] = [];
  for (let i = 0; i < spec.customers; i++) {
    const T = spec.minDays + (spec.maxDays - spec.minDays) * random();
    const rate = gamma(random, r, alpha);
    const dropout = beta(random, a, b);
    const nu = gamma(random, spec.spend.q, spec.spend.v);
    let t = 0;
    let x = 0;
    let tx = 0;
    let spent = 0;
    for (;;) {
      t += exponential(random, rate);
      if (t > T) break;
      x++;
      tx = t;
      spent += gamma(random, spec.spend.p, nu);
      if (random() < dropout) break;
    }
    rows.push({ x, tx, T, monetary: x > 0 ? spent / x : 0 });
  }
  return rows;
}
