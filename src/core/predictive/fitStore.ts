/**
 * Fitted models kept in a text cache (in Sheets, the document's CacheService:
 * src/gas/cache.ts), so that several predictive cells over the same orders fit
 * once. A cache only ever saves time: a missing cache, a failing one, or an entry
 * that does not read back as a fit of exactly these rows means fitting again, and
 * never an error in a cell.
 *
 * An entry is one line of text (a few hundred bytes, far below the cache's 100 KB a
 * value): the model's name, the rows' check (row count and totals, see fitKey.ts),
 * then every number of the fit. Numbers are written with String(), which gives the
 * shortest text that reads back as the same double, so a fit from the cache is the
 * fit, bit for bit; NaN (the standard errors a and b have under one dropout
 * probability) and -0 are spelled out, which JSON would not do.
 */

import type { BgNbdModel } from './index';
import { bgNbdKey, type FitKey, gammaGammaKey } from './fitKey';
import type { GammaGammaFit } from './gammaGamma';
import type { FrequencyRow, SpendRow } from './rfmInput';

/** What a fit needs of a cache; either call may throw, which is taken as a miss. */
export interface TextCache {
  get(key: string): string | null;
  put(key: string, value: string): void;
}

/** Reads and writes one kind of fit as text. */
interface FitCodec<T> {
  name: string;
  numbers(fit: T): number[];
  /** The fit from its numbers; null when they cannot be one. */
  fromNumbers(numbers: number[]): T | null;
}

/** The BG/NBD fit of these rows: the cached one when the cache holds it, else `fit()` (and the cache is told). */
export function cachedBgNbd(cache: TextCache | null, rows: readonly FrequencyRow[], fit: () => BgNbdModel): BgNbdModel {
  return cache ? cachedFit(cache, bgNbdKey(rows), BG_NBD, fit) : fit();
}

/** The Gamma-Gamma fit of these rows, as `cachedBgNbd`. */
export function cachedGammaGamma(cache: TextCache | null, rows: readonly SpendRow[], fit: () => GammaGammaFit): GammaGammaFit {
  return cache ? cachedFit(cache, gammaGammaKey(rows), GAMMA_GAMMA, fit) : fit();
}

function cachedFit<T>(cache: TextCache, { key, check }: FitKey, codec: FitCodec<T>, fit: () => T): T {
  let text: string | null = null;
  try {
    text = cache.get(key);
  } catch {
    // A cache that cannot be read is a miss.
  }
  const hit = text === null ? null : decodeFit(codec, text, check);
  if (hit) return hit;
  const fitted = fit(); // a fit that fails throws here, and nothing is stored
  try {
    cache.put(key, encodeFit(codec, fitted, check));
  } catch {
    // Full, over quota or unavailable: the next call fits again.
  }
  return fitted;
}

/** One line: name;check;n1,n2,... */
export function encodeFit<T>(codec: FitCodec<T>, fit: T, check: string): string {
  return `${codec.name};${check};${codec.numbers(fit).map(numberText).join(',')}`;
}

/** The fit an entry holds, when it is a well-formed entry of this model for rows with this check; else null. */
export function decodeFit<T>(codec: FitCodec<T>, text: string, check: string): T | null {
  if (typeof text !== 'string') return null;
  const parts = text.split(';');
  if (parts.length !== 3 || parts[0] !== codec.name || parts[1] !== check) return null;
  const numbers: number[] = [];
  for (const field of parts[2].split(',')) {
    if (!NUMBER_TEXT.test(field)) return null;
    numbers.push(Number(field));
  }
  return codec.fromNumbers(numbers);
}

const numberText = (v: number): string => (Object.is(v, -0) ? '-0' : String(v));
// What String() makes of a double: digits, a fraction, an exponent; Infinity; NaN. Number('') is 0, so '' must not pass.
const NUMBER_TEXT = /^(?:-?(?:\d+(?:\.\d+)?(?:e[+-]\d+)?|Infinity)|NaN)$/;

const positive = (v: number): boolean => Number.isFinite(v) && v > 0;
const count = (v: number): boolean => Number.isInteger(v) && v >= 0;

export const BG_NBD: FitCodec<BgNbdModel> = {
  name: 'bgnbd',
  numbers: (m) => [
    m.params.r,
    m.params.alpha,
    m.params.a,
    m.params.b,
    m.standardErrors.r,
    m.standardErrors.alpha,
    m.standardErrors.a,
    m.standardErrors.b,
    m.logLikelihood,
    m.customers,
    m.repeatBuyers,
    m.iterations,
    m.unit === 'day' ? 1 : 7,
    ...(m.commonDropout ? [m.commonDropout.p, m.commonDropout.standardError] : []),
  ],
  fromNumbers(n) {
    if (n.length !== 13 && n.length !== 15) return null;
    const [r, alpha, a, b, seR, seAlpha, seA, seB, logLikelihood, customers, repeatBuyers, iterations, unitDays, p, pSe] = n;
    if (![r, alpha, a, b].every(positive) || !Number.isFinite(logLikelihood)) return null;
    if (!count(customers) || !count(repeatBuyers) || !count(iterations) || (unitDays !== 1 && unitDays !== 7)) return null;
    if (n.length === 15 && !(p > 0 && p < 1)) return null;
    return {
      params: { r, alpha, a, b },
      standardErrors: { r: seR, alpha: seAlpha, a: seA, b: seB },
      commonDropout: n.length === 15 ? { p, standardError: pSe } : null,
      logLikelihood,
      customers,
      repeatBuyers,
      iterations,
      unit: unitDays === 1 ? 'day' : 'week',
    };
  },
};

export const GAMMA_GAMMA: FitCodec<GammaGammaFit> = {
  name: 'gg',
  numbers: (f) => [
    f.params.p,
    f.params.q,
    f.params.v,
    f.standardErrors.p,
    f.standardErrors.q,
    f.standardErrors.v,
    f.logLikelihood,
    f.customers,
    f.iterations,
  ],
  fromNumbers(n) {
    if (n.length !== 9) return null;
    const [p, q, v, seP, seQ, seV, logLikelihood, customers, iterations] = n;
    if (![p, q, v].every(positive) || !Number.isFinite(logLikelihood) || !count(customers) || !count(iterations)) return null;
    return { params: { p, q, v }, standardErrors: { p: seP, q: seQ, v: seV }, logLikelihood, customers, iterations };
  },
};
