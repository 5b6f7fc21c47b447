/**
 * Cache keys of fitted models: a 64-bit hash of exactly the numbers a fit reads,
 * in the order it reads them.
 *
 * BG/NBD reads each customer's (x, t_x, T) and nothing else; Gamma-Gamma reads
 * (x, average repeat amount). The orders, their dates, as_of, the spreadsheet's
 * locale and time zone all reach a fit only through these rows (as_of through T),
 * so two calls with the same rows get the same fit, bit for bit; any change a fit
 * could see changes a row. Row order is hashed too: the fit groups rows in the
 * order it meets them, and sums in another order could differ in the last bit.
 *
 * The hash is not cryptographic, and need not be: the rows are the user's own
 * orders, not an adversary's. Each float64 is fed as its two 32-bit words into two
 * MurmurHash3-style lanes (Math.imul and rotations: 32-bit integer work that V8
 * compiles to a few instructions), crossed after every word and finished with
 * MurmurHash3's avalanche step, 64 bits in all. For a wrong hit, new rows would
 * have to hash like rows already cached in the same document: with at most 1,000
 * entries in a document cache (Google's cap), about 1,000 / 2^64 ≈ 5e-17 per
 * look-up. The key also carries the number of rows, and the entry the rows' totals,
 * which a hit must match (src/core/predictive/fitStore.ts). Apps Script's computeDigest
 * would need the rows turned into one string or byte array first (about 120,000
 * customers at 1,000,000 order rows: megabytes of text) and a service call, to buy
 * collision resistance against an adversary there is none of.
 */

import type { FrequencyRow, SpendRow } from './rfmInput';

// Raise when any fit's code changes what it returns for the same rows: entries of
// the old code then miss (they would otherwise live up to the cache's 6 hours).
export const FIT_CACHE_VERSION = 1;

/** What a cached fit is found by, and what its entry must match. */
export interface FitKey {
  /** The cache key: model, version, row count and 16 hex digits of hash; under 60 characters. */
  key: string;
  /** Row count and totals of the rows, stored in the entry and compared on a hit. */
  check: string;
}

const scratch = new Float64Array(1);
const words = new Uint32Array(scratch.buffer);

/** A 64-bit running hash of float64 values (two crossed 32-bit lanes). */
export class Hash64 {
  private h1 = 0x9747b28c | 0;
  private h2 = 0x2f7a6b35 | 0;
  private count = 0;

  /** Feeds one number: its IEEE-754 bits, so 0 and -0 differ and every double is its own input. */
  add(value: number): this {
    scratch[0] = value;
    this.word(words[0]);
    this.word(words[1]);
    return this;
  }

  private word(w: number): void {
    // MurmurHash3 x86_32's block step in each lane, with the x86_128 variant's constants for the second.
    let k1 = Math.imul(w, 0xcc9e2d51);
    k1 = Math.imul((k1 << 15) | (k1 >>> 17), 0x1b873593);
    let h1 = this.h1 ^ k1;
    h1 = (Math.imul((h1 << 13) | (h1 >>> 19), 5) + 0xe6546b64) | 0;
    let k2 = Math.imul(w, 0x239b961b);
    k2 = Math.imul((k2 << 16) | (k2 >>> 16), 0xab0e9789);
    let h2 = this.h2 ^ k2;
    h2 = (Math.imul((h2 << 17) | (h2 >>> 15), 5) + 0x0bcaa747) | 0;
    // Crossed, so that neither half can be matched on its own.
    this.h1 = (h1 + h2) | 0;
    this.h2 = (h2 + this.h1) | 0;
    this.count++;
  }

  /** 16 hex digits. */
  hex(): string {
    let h1 = this.h1 ^ this.count;
    let h2 = this.h2 ^ this.count;
    h1 = (h1 + h2) | 0;
    h2 = (h2 + h1) | 0;
    h1 = avalanche(h1);
    h2 = avalanche(h2);
    h1 = (h1 + h2) | 0;
    h2 = (h2 + h1) | 0;
    return hex8(h1) + hex8(h2);
  }
}

/** MurmurHash3's fmix32: every input bit reaches every output bit. */
function avalanche(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h;
}

const hex8 = (h: number): string => (h >>> 0).toString(16).padStart(8, '0');

/** The key of the BG/NBD fit of these rows (the fit's default options: at least 20 repeat buyers, days). */
export function bgNbdKey(rows: readonly FrequencyRow[]): FitKey {
  const hash = new Hash64();
  let x = 0;
  let T = 0;
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i];
    hash.add(row.x).add(row.tx).add(row.T);
    x += row.x;
    T += row.T;
  }
  return { key: `rsa.fit.v${FIT_CACHE_VERSION}.bgnbd.${rows.length}.${hash.hex()}`, check: `${rows.length}/${x}/${T}` };
}

/** The key of the Gamma-Gamma fit of these rows (default options: at least 20 usable repeat buyers). */
export function gammaGammaKey(rows: readonly SpendRow[]): FitKey {
  const hash = new Hash64();
  let x = 0;
  let money = 0;
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i];
    hash.add(row.x).add(row.monetary);
    x += row.x;
    money += row.monetary;
  }
  return { key: `rsa.fit.v${FIT_CACHE_VERSION}.gg.${rows.length}.${hash.hex()}`, check: `${rows.length}/${x}/${money}` };
}
