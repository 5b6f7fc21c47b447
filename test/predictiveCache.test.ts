// Issue 12: the predictive custom functions keep their fitted models in the
// document's cache (CacheService), keyed by a hash of exactly the rows a fit reads,
// so that several cells over the same orders fit once; a cache that is missing,
// failing or holds something else never changes a result or breaks a formula. And
// the CacheService stand-in of the local runtime, with Google's limits.
//   https://developers.google.com/apps-script/guides/sheets/functions#using_apps_script_services
//   https://developers.google.com/apps-script/reference/cache/cache-service
//   https://developers.google.com/apps-script/reference/cache/cache
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Boundary, CallCounter } from '../local/boundary';
import {
  CacheStores,
  DEFAULT_EXPIRATION_S,
  FakeCache,
  FakeCacheService,
  MAX_EXPIRATION_S,
  MAX_KEY_LENGTH,
  MAX_VALUE_BYTES,
} from '../local/cache';
import { bgNbdKey, FIT_CACHE_VERSION, gammaGammaKey, Hash64 } from '../src/core/predictive/fitKey';
import { BG_NBD, cachedBgNbd, cachedGammaGamma, decodeFit, encodeFit, GAMMA_GAMMA, type TextCache } from '../src/core/predictive/fitStore';
import { type BgNbdModel, fitBgNbd, fitGammaGamma, type FrequencyRow, type RfmRow } from '../src/core/predictive/index';
import { cdnowPath } from './support/cdnow';
import { type BundleContext, loadBundle } from './support/loadBundle';
import { scriptBundle, startRuntime, toHost } from './support/runtime';
import { simulateCustomers } from './support/simulateCustomers';

const col = (values: unknown[]): unknown[][] => values.map((v) => [v]);

/** Customers whose fit is quick and ordinary (BG/NBD and Gamma-Gamma both identified). */
const ROWS: RfmRow[] = simulateCustomers({
  customers: 600,
  purchases: { r: 0.5, alpha: 20, a: 0.8, b: 2.5 },
  spend: { p: 6, q: 4, v: 15 },
  minDays: 60,
  maxDays: 500,
  seed: 11,
}).map((row) => ({ ...row, tx: Math.round(row.tx), T: Math.max(Math.round(row.T), Math.round(row.tx)) }));

/** A cache in a Map, counting what reaches it. */
function mapCache(): TextCache & { map: Map<string, string>; gets: number; puts: number } {
  const map = new Map<string, string>();
  return {
    map,
    gets: 0,
    puts: 0,
    get(key) {
      this.gets++;
      return map.get(key) ?? null;
    },
    put(key, value) {
      this.puts++;
      map.set(key, value);
    },
  };
}

describe('the key: a 64-bit hash of exactly the rows a fit reads, in their order', () => {
  it('is the same for the same rows and short enough for a cache key (250 characters)', () => {
    expect(bgNbdKey(ROWS)).toEqual(bgNbdKey(ROWS.map((r) => ({ ...r }))));
    const { key } = bgNbdKey(ROWS);
    expect(key).toMatch(new RegExp(`^rsa\\.fit\\.v${FIT_CACHE_VERSION}\\.bgnbd\\.600\\.[0-9a-f]{16}$`));
    expect(gammaGammaKey(ROWS).key).toMatch(/^rsa\.fit\.v\d+\.gg\.600\.[0-9a-f]{16}$/);
    expect(bgNbdKey(new Array(1_000_000).fill({ x: 0, tx: 0, T: 0 }) as FrequencyRow[]).key.length).toBeLessThan(60);
  });

  it('changes with any x, t_x or T of any row (as_of reaches the fit through every T), and with their order', () => {
    fc.assert(
      fc.property(
        fc.nat(ROWS.length - 1),
        fc.constantFrom('x' as const, 'tx' as const, 'T' as const),
        fc.integer({ min: 1, max: 400 }),
        (i, field, by) => {
          const changed = ROWS.map((r, k) => (k === i ? { ...r, [field]: r[field] + by } : r));
          expect(bgNbdKey(changed).key).not.toBe(bgNbdKey(ROWS).key);
        },
      ),
    );
    const swapped = [ROWS[1], ROWS[0], ...ROWS.slice(2)];
    expect(bgNbdKey(swapped).key).not.toBe(bgNbdKey(ROWS).key);
    expect(bgNbdKey(ROWS.slice(1)).key).not.toBe(bgNbdKey(ROWS).key);
  });

  it('of BG/NBD ignores the amounts, which BG/NBD does not read; that of Gamma-Gamma ignores t_x and T', () => {
    const richer = ROWS.map((r) => ({ ...r, monetary: r.monetary * 2 }));
    expect(bgNbdKey(richer).key).toBe(bgNbdKey(ROWS).key);
    expect(gammaGammaKey(richer).key).not.toBe(gammaGammaKey(ROWS).key);
    const later = ROWS.map((r) => ({ ...r, T: r.T + 1 }));
    expect(gammaGammaKey(later).key).toBe(gammaGammaKey(ROWS).key);
  });

  it('mixes: one flipped input bit flips about half of the 64 output bits', () => {
    // A hash whose halves were independent of some input bits would show far fewer.
    const bits = (hex: string): bigint => BigInt(`0x${hex}`);
    const popcount = (v: bigint): number => v.toString(2).replace(/0/g, '').length;
    const random = fc.sample(fc.array(fc.double({ noNaN: true, min: 0, max: 1e6 }), { minLength: 1, maxLength: 20 }), {
      numRuns: 400,
      seed: 5,
    });
    const flipped: number[] = [];
    const scratch = new Float64Array(1);
    const word = new Uint32Array(scratch.buffer);
    random.forEach((values, n) => {
      const hash = (vs: number[]) => vs.reduce((h, v) => h.add(v), new Hash64()).hex();
      const i = n % values.length;
      scratch[0] = values[i];
      word[n % 2] ^= 1 << (n % 32);
      const other = values.map((v, k) => (k === i ? scratch[0] : v));
      flipped.push(popcount(bits(hash(values)) ^ bits(hash(other))));
    });
    const mean = flipped.reduce((a, b) => a + b, 0) / flipped.length;
    expect(mean).toBeGreaterThan(30);
    expect(mean).toBeLessThan(34);
    expect(Math.min(...flipped)).toBeGreaterThan(10);
  });

  it('gives 200,000 sets of 40 rows that differ from one another by some days in one row 200,000 different keys', () => {
    const base: FrequencyRow[] = ROWS.slice(0, 40).map(({ x, tx, T }) => ({ x, tx, T }));
    const keys = new Set<string>();
    for (let n = 0; n < 200_000; n++) {
      const i = n % base.length;
      const by = 1 + Math.floor(n / base.length);
      const saved = base[i];
      base[i] = { ...saved, T: saved.T + by };
      keys.add(bgNbdKey(base).key);
      base[i] = saved;
    }
    expect(keys.size).toBe(200_000);
  });
});

describe('an entry reads back as the same fit, bit for bit, or not at all', () => {
  const fitted = fitBgNbd(ROWS);
  const spend = fitGammaGamma(ROWS);
  const same = (a: unknown, b: unknown): void => {
    // Object.is: NaN is NaN and -0 is not 0, which toEqual would let pass.
    if (typeof a === 'number') expect(Object.is(a, b), `${a} vs ${String(b)}`).toBe(true);
    else if (a && typeof a === 'object') {
      expect(Object.keys(b as object).sort()).toEqual(Object.keys(a).sort());
      for (const k of Object.keys(a)) same((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]);
    } else expect(b).toBe(a);
  };

  it('for a fitted BG/NBD and Gamma-Gamma model', () => {
    const { check } = bgNbdKey(ROWS);
    same(fitted, decodeFit(BG_NBD, encodeFit(BG_NBD, fitted, check), check));
    same(spend, decodeFit(GAMMA_GAMMA, encodeFit(GAMMA_GAMMA, spend, 'c'), 'c'));
    expect(encodeFit(BG_NBD, fitted, check).length).toBeLessThan(1000); // far below the 100 KB of a value
  });

  it('with one dropout probability (a and b without standard errors: NaN), -0, and extreme doubles', () => {
    const limit: BgNbdModel = {
      ...fitted,
      params: { r: 5e-324, alpha: 1.7976931348623157e308, a: 1e12 * 0.3, b: 1e12 * 0.7 },
      standardErrors: { r: -0, alpha: 0.1 + 0.2, a: Number.NaN, b: Number.NaN },
      commonDropout: { p: 0.3, standardError: Infinity },
      unit: 'week',
    };
    same(limit, decodeFit(BG_NBD, encodeFit(BG_NBD, limit, 'k'), 'k'));
  });

  it.each([
    ['another model', (t: string) => t.replace(/^bgnbd/, 'gg')],
    ['rows with other totals', (t: string) => t.replace(/;[^;]*;/, ';1/2/3;')],
    ['a number missing', (t: string) => t.replace(/,[^,]*$/, '')],
    ['a number too many', (t: string) => `${t},1`],
    ['an empty number (Number("") is 0)', (t: string) => t.replace(/;([^;,]*),/, ';,')],
    ['text for a number', (t: string) => t.replace(/;([^;,]*),/, ';abc,')],
    ['a negative r', (t: string) => t.replace(/;([^;,]*),/, ';-$1,')],
    ['half an entry', (t: string) => t.slice(0, t.length >> 1)],
    ['nothing', () => ''],
  ])('refuses %s', (_, spoil) => {
    const { check } = bgNbdKey(ROWS);
    expect(decodeFit(BG_NBD, spoil(encodeFit(BG_NBD, fitted, check)), check)).toBeNull();
  });
});

describe('a cached fit: the same rows fit once; anything else fits again', () => {
  const counting = () => {
    const fits = { n: 0 };
    return { fits, fit: () => (fits.n++, fitBgNbd(ROWS)) };
  };

  it('fits once for the same rows and returns the same fit from the cache', () => {
    const cache = mapCache();
    const { fits, fit } = counting();
    const first = cachedBgNbd(cache, ROWS, fit);
    const second = cachedBgNbd(cache, ROWS, fit);
    expect(fits.n).toBe(1);
    expect(cache.puts).toBe(1);
    expect(second).toEqual(first);
    expect(second).not.toBe(first); // read back from the cache's text
  });

  it('fits again for other rows, and keeps both', () => {
    const cache = mapCache();
    const { fits, fit } = counting();
    cachedBgNbd(cache, ROWS, fit);
    cachedBgNbd(cache, ROWS.slice(1), fit);
    expect(fits.n).toBe(2);
    expect(cache.map.size).toBe(2);
  });

  it('fits again over a corrupt entry and writes the right one', () => {
    const cache = mapCache();
    const { fits, fit } = counting();
    const good = cachedBgNbd(cache, ROWS, fit);
    const [key] = cache.map.keys();
    const entry = cache.map.get(key)!;
    cache.map.set(key, entry.slice(0, 40));
    expect(cachedBgNbd(cache, ROWS, fit)).toEqual(good);
    expect(fits.n).toBe(2);
    expect(cache.map.get(key)).toBe(entry);
  });

  it('uses what the entry says: an entry is read, not just looked for', () => {
    const cache = mapCache();
    const { fit } = counting();
    const good = cachedBgNbd(cache, ROWS, fit);
    const { key, check } = bgNbdKey(ROWS);
    cache.map.set(key, encodeFit(BG_NBD, { ...good, params: { ...good.params, r: 2 * good.params.r } }, check));
    expect(cachedBgNbd(cache, ROWS, fit).params.r).toBe(2 * good.params.r);
  });

  it('fits without a cache, and through a cache whose every call throws', () => {
    const { fits, fit } = counting();
    const broken: TextCache = {
      get: () => {
        throw new Error('Service invoked too many times: cache');
      },
      put: () => {
        throw new Error('Argument too large: value');
      },
    };
    const plain = fitBgNbd(ROWS);
    expect(cachedBgNbd(null, ROWS, fit)).toEqual(plain);
    expect(cachedBgNbd(broken, ROWS, fit)).toEqual(plain);
    expect(cachedBgNbd(broken, ROWS, fit)).toEqual(plain);
    expect(fits.n).toBe(3);
  });

  it('stores nothing when the fit fails, and lets its error through', () => {
    const cache = mapCache();
    const tooFew = ROWS.slice(0, 10);
    expect(() => cachedBgNbd(cache, tooFew, () => fitBgNbd(tooFew))).toThrow(/repeat/i);
    expect(() => cachedGammaGamma(cache, tooFew, () => fitGammaGamma(tooFew))).toThrow();
    expect(cache.map.size).toBe(0);
  });
});

// ------------------------------------------------------------------ the stand-in

describe('the CacheService stand-in behaves like Google’s (local/cache.ts)', () => {
  const clock = { t: 1_000_000 };
  const stores = () => new CacheStores(() => clock.t);
  const cacheOf = (s: CacheStores, scope: 'document' | 'script' | 'user' = 'document') => new FakeCache(s, scope);

  it('get gives null for a key never put or removed, and values as strings', () => {
    // https://developers.google.com/apps-script/reference/cache/cache#get(String)
    const cache = cacheOf(stores());
    expect(cache.get('missing')).toBeNull();
    cache.put('n', 5 as unknown as string);
    expect(cache.get('n')).toBe('5');
    cache.remove('n');
    expect(cache.get('n')).toBeNull();
    cache.putAll({ a: '1', b: '2', c: '3' });
    expect(cache.getAll(['a', 'c', 'missing'])).toEqual({ a: '1', c: '3' });
    cache.removeAll(['a', 'b']);
    expect(cache.getAll(['a', 'b', 'c'])).toEqual({ c: '3' });
  });

  it('refuses a key over 250 characters and a value over 100 KB (102,400 bytes, UTF-8)', () => {
    // Google: "The maximum length of a key is 250 characters. The maximum amount of data that can be stored per key is 100KB."
    // The strictness and the 102,400 bytes: https://justin.poehnelt.com/posts/exploring-apps-script-cacheservice-limits
    const cache = cacheOf(stores());
    cache.put('k'.repeat(MAX_KEY_LENGTH), 'v');
    expect(() => cache.put('k'.repeat(MAX_KEY_LENGTH + 1), 'v')).toThrow('Argument too large: key');
    expect(() => cache.get('k'.repeat(MAX_KEY_LENGTH + 1))).toThrow('Argument too large: key');
    cache.put('big', 'x'.repeat(MAX_VALUE_BYTES));
    expect(() => cache.put('big2', 'x'.repeat(MAX_VALUE_BYTES + 1))).toThrow('Argument too large: value');
    expect(() => cache.put('cyrillic', 'ж'.repeat(MAX_VALUE_BYTES / 2 + 1))).toThrow('Argument too large: value');
    // putAll is one call: one value too large refuses all of it.
    expect(() => cache.putAll({ fine: 'a', big3: 'x'.repeat(MAX_VALUE_BYTES + 1) })).toThrow('Argument too large: value');
    expect(cache.get('fine')).toBeNull();
  });

  it('lets a value expire: 600 s by default, the given seconds, at most 21,600 (6 hours)', () => {
    // https://developers.google.com/apps-script/reference/cache/cache#put(String,String,Integer)
    const cache = cacheOf(stores());
    cache.put('default', 'v');
    cache.put('twenty', 'v', 20);
    cache.put('long', 'v', 100_000);
    clock.t += 20_000;
    expect(cache.get('twenty')).toBeNull();
    expect(cache.get('default')).toBe('v');
    clock.t += (DEFAULT_EXPIRATION_S - 20) * 1000;
    expect(cache.get('default')).toBeNull();
    clock.t += (MAX_EXPIRATION_S - DEFAULT_EXPIRATION_S) * 1000 - 1;
    expect(cache.get('long')).toBe('v');
    clock.t += 1;
    expect(cache.get('long')).toBeNull();
  });

  it('keeps the 900 items farthest from expiration once more than 1,000 are written', () => {
    // Google: "If more than 1,000 items are written, the cache stores the 900 items farthest from expiration."
    const cache = cacheOf(stores());
    for (let i = 0; i < 1000; i++) cache.put(`k${i}`, 'v', 100 + i);
    expect(cache.get('k0')).toBe('v');
    cache.put('k1000', 'v', 5000);
    const kept = Array.from({ length: 1001 }, (_, i) => `k${i}`).filter((k) => cache.get(k) !== null);
    expect(kept).toHaveLength(900);
    expect(kept[0]).toBe('k101'); // the 101 nearest to expiring are gone
    expect(kept).toContain('k1000');
  });

  it('has three separate caches; the document cache is null without a containing document', () => {
    // https://developers.google.com/apps-script/reference/cache/cache-service#getDocumentCache()
    const s = stores();
    const service = new FakeCacheService(s);
    service.getDocumentCache()!.put('k', 'document');
    service.getScriptCache().put('k', 'script');
    expect(service.getUserCache().get('k')).toBeNull();
    expect(service.getDocumentCache()!.get('k')).toBe('document');
    expect(service.getScriptCache().get('k')).toBe('script');
    expect(new FakeCacheService(s, () => false).getDocumentCache()).toBeNull();
  });

  it('keeps entries from one execution of the runtime to the next, until they expire on its clock', async () => {
    const bundle = scriptBundle(`
      function remember(value) { CacheService.getDocumentCache().put('k', value, 60); return 'ok'; }
      function recall() { return CacheService.getDocumentCache().get('k'); }
      function onOpen(e) { return CacheService.getDocumentCache().get('k'); }
    `);
    const rt = await startRuntime({ Sheet1: [['a']] }, { bundle });
    expect(rt.call('remember', 'fitted')).toBe('ok');
    expect(rt.call('recall')).toBe('fitted');
    expect(rt.caches.entries('document')).toEqual(new Map([['k', 'fitted']]));
    expect(rt.calls.byMethod['Cache.put']).toBe(1);
    // AuthMode.NONE "does not allow access to any services that require authorization" (local/authorization.ts).
    expect(() => rt.call('onOpen', { authMode: 'NONE' })).toThrow(/You do not have permission to call CacheService\.getDocumentCache/);
    rt.clock.advance(61_000);
    expect(rt.call('recall')).toBeNull();
  });
});

// ------------------------------------------------------------------ through the built bundle

/** The CDNOW 1-in-10 sample as order columns (customer, ISO date, amount), as a sheet would hold them. */
function cdnowColumns(): { customers: unknown[][]; dates: unknown[][]; amounts: unknown[][] } {
  const rows = readFileSync(cdnowPath('CDNOW_sample.txt'), 'utf8')
    .split(/\r?\n/)
    .filter((line) => line.trim() !== '')
    .map((line) => line.trim().split(/\s+/));
  return {
    customers: rows.map((r) => [r[1]]),
    dates: rows.map((r) => [`${r[2].slice(0, 4)}-${r[2].slice(4, 6)}-${r[2].slice(6, 8)}`]),
    amounts: rows.map((r) => [Number(r[4])]),
  };
}

const spreadsheetApp = { getActiveSpreadsheet: () => ({ getSpreadsheetLocale: () => 'en_US', getSpreadsheetTimeZone: () => 'UTC' }) };

/**
 * One document: its cache, and a fresh execution of the bundle for every cell (as
 * Sheets runs each custom function call), counting the service calls.
 */
function documentWithCache(options: { bound?: boolean } = {}) {
  const clock = { t: Date.UTC(2026, 0, 5) };
  const stores = new CacheStores(() => clock.t);
  const calls = new CallCounter();
  const boundary = new Boundary(calls);
  const service = boundary.wrap(new FakeCacheService(stores, () => options.bound ?? true));
  return {
    stores,
    calls,
    faults: boundary.faults,
    clock,
    cell: (): BundleContext => loadBundle({ globals: { SpreadsheetApp: spreadsheetApp, CacheService: service } }),
  };
}

/** An execution without CacheService at all (outside Sheets): every call fits. */
const uncached = (): BundleContext => loadBundle({ globals: { SpreadsheetApp: spreadsheetApp } });

describe('several predictive cells over the same orders fit once (the built bundle)', () => {
  const o = cdnowColumns();
  const asOf = '1997-10-01';
  const run = (ctx: BundleContext) => ({
    alive: toHost<unknown[][]>(ctx.P_ALIVE(o.customers, o.dates, o.amounts, asOf)),
    expected: toHost<unknown[][]>(ctx.EXPECTED_PURCHASES(o.customers, o.dates, o.amounts, asOf, 273)),
    clv: toHost<unknown[][]>(ctx.CLV(o.customers, o.dates, o.amounts, asOf, 12)),
    model: toHost<unknown[][]>(ctx.CLV_MODEL(o.customers, o.dates, o.amounts, asOf)),
  });
  const plain = run(uncached());

  it('P_ALIVE fits and stores BG/NBD; EXPECTED_PURCHASES, CLV and CLV_MODEL read it; CLV adds Gamma-Gamma; the figures are the same', () => {
    const doc = documentWithCache();
    const puts = () => doc.calls.byMethod['Cache.put'] ?? 0;
    const c = doc.cell();
    expect(toHost(c.P_ALIVE(o.customers, o.dates, o.amounts, asOf))).toEqual(plain.alive);
    expect(puts()).toBe(1);
    expect([...doc.stores.entries('document').keys()]).toEqual([expect.stringMatching(/^rsa\.fit\.v\d+\.bgnbd\.2357\./)]);
    expect(toHost(doc.cell().EXPECTED_PURCHASES(o.customers, o.dates, o.amounts, asOf, 273))).toEqual(plain.expected);
    expect(puts()).toBe(1); // no new fit
    expect(toHost(doc.cell().CLV(o.customers, o.dates, o.amounts, asOf, 12))).toEqual(plain.clv);
    expect(puts()).toBe(2); // Gamma-Gamma only
    expect(toHost(doc.cell().CLV_MODEL(o.customers, o.dates, o.amounts, asOf))).toEqual(plain.model);
    expect(puts()).toBe(2);
    expect(doc.stores.entries('document').size).toBe(2);
    // A second run of them all, every cell from the cache.
    expect(run(doc.cell())).toEqual(plain);
    expect(puts()).toBe(2);
  });

  it('reads the model from the cache: a planted entry with another r gives the P(alive) that r gives', () => {
    const doc = documentWithCache();
    doc.cell().P_ALIVE(o.customers, o.dates, o.amounts, asOf);
    const [[key, entry]] = [...doc.stores.entries('document')];
    const [name, check, numbers] = entry.split(';');
    const n = numbers.split(',').map(Number);
    const planted = [2 * n[0], ...n.slice(1)];
    new FakeCache(doc.stores, 'document').put(key, `${name};${check};${planted.join(',')}`, 600);
    const out = toHost<unknown[][]>(doc.cell().P_ALIVE(o.customers, o.dates, o.amounts, asOf));
    const perRow = toHost<unknown[][]>(
      uncached().P_ALIVE(
        col(out.slice(1).map((r) => r[4])),
        col(out.slice(1).map((r) => r[5])),
        col(out.slice(1).map((r) => r[6])),
        col(planted.slice(0, 4)),
      ),
    );
    expect(out.slice(1).map((r) => r[7])).toEqual(perRow.map((r) => r[0]));
    expect(out).not.toEqual(plain.alive);
  });

  it('fits again over a corrupt entry, with the same figures, and mends the entry', () => {
    const doc = documentWithCache();
    doc.cell().P_ALIVE(o.customers, o.dates, o.amounts, asOf);
    const [[key, entry]] = [...doc.stores.entries('document')];
    new FakeCache(doc.stores, 'document').put(key, 'bgnbd;2357/0/0;0.2,1', 600);
    expect(toHost(doc.cell().P_ALIVE(o.customers, o.dates, o.amounts, asOf))).toEqual(plain.alive);
    expect(doc.calls.byMethod['Cache.put']).toBe(2);
    expect(doc.stores.entries('document').get(key)).toBe(entry);
  });

  it('misses when a date or as_of changes; an amount changes only the spend model', () => {
    const doc = documentWithCache();
    const puts = () => doc.calls.byMethod['Cache.put'] ?? 0;
    doc.cell().CLV(o.customers, o.dates, o.amounts, asOf);
    expect(puts()).toBe(2);
    // Customer 0001's last purchase before as_of (1997-08-02) a day later: its t_x changes.
    const row = o.customers.findIndex((r, i) => r[0] === '0001' && o.dates[i][0] === '1997-08-02');
    expect(row).toBeGreaterThan(0);
    const dates = o.dates.map((d, i) => (i === row ? ['1997-08-03'] : d));
    const moved = toHost<unknown[][]>(doc.cell().P_ALIVE(o.customers, dates, o.amounts, asOf));
    expect(moved).toEqual(toHost(uncached().P_ALIVE(o.customers, dates, o.amounts, asOf)));
    expect(puts()).toBe(3);
    // as_of a day later: every T changes.
    const later = toHost<unknown[][]>(doc.cell().P_ALIVE(o.customers, o.dates, o.amounts, '1997-10-02'));
    expect(later).toEqual(toHost(uncached().P_ALIVE(o.customers, o.dates, o.amounts, '1997-10-02')));
    expect(puts()).toBe(4);
    // One amount doubled: BG/NBD does not read amounts (a hit), Gamma-Gamma does (a fit).
    const amounts = o.amounts.map((a, i) => (i === row ? [2 * (a[0] as number)] : a));
    expect(toHost(doc.cell().CLV(o.customers, o.dates, amounts, asOf))).toEqual(
      toHost(uncached().CLV(o.customers, o.dates, amounts, asOf)),
    );
    expect(puts()).toBe(5);
    expect([...doc.stores.entries('document').keys()].filter((k) => k.includes('.gg.'))).toHaveLength(2);
  });

  it('expires with the cache: after 6 hours the next cell fits again', () => {
    const doc = documentWithCache();
    doc.cell().P_ALIVE(o.customers, o.dates, o.amounts, asOf);
    doc.clock.t += 6 * 3_600_000;
    doc.cell().P_ALIVE(o.customers, o.dates, o.amounts, asOf);
    expect(doc.calls.byMethod['Cache.put']).toBe(2);
  });

  it('SUGGEST_BANDS fits no model and leaves the cache alone', () => {
    const doc = documentWithCache();
    doc.cell().SUGGEST_BANDS(o.customers, o.dates, o.amounts, asOf);
    expect(doc.calls.total).toBe(0);
  });
});

describe('a cache that fails never breaks a formula (the built bundle)', () => {
  const o = cdnowColumns();
  const asOf = '1997-10-01';
  const plain = toHost(uncached().CLV(o.customers, o.dates, o.amounts, asOf));

  it.each([
    ['getDocumentCache throws', 'CacheService.getDocumentCache', 'Service error: CacheService'],
    ['get throws (quota)', 'Cache.get', 'Service invoked too many times in a short time: cache'],
    ['put throws (value too large)', 'Cache.put', 'Argument too large: value'],
  ])('%s: the same figures, fitted', (_, method, message) => {
    const doc = documentWithCache();
    doc.faults.failWhen((_i, key) => key === method, message);
    expect(toHost(doc.cell().CLV(o.customers, o.dates, o.amounts, asOf))).toEqual(plain);
    expect(toHost(doc.cell().CLV(o.customers, o.dates, o.amounts, asOf))).toEqual(plain);
  });

  it('no containing document (getDocumentCache gives null): the same figures, fitted', () => {
    const doc = documentWithCache({ bound: false });
    expect(toHost(doc.cell().CLV(o.customers, o.dates, o.amounts, asOf))).toEqual(plain);
    expect(doc.calls.byMethod).toEqual({ 'CacheService.getDocumentCache': 1 });
  });

  it('an entry evicted between two cells (the cache dropped it): the next cell fits again', () => {
    const doc = documentWithCache();
    doc.cell().CLV(o.customers, o.dates, o.amounts, asOf);
    doc.stores.document.clear();
    expect(toHost(doc.cell().CLV(o.customers, o.dates, o.amounts, asOf))).toEqual(plain);
    expect(doc.calls.byMethod['Cache.put']).toBe(4);
  });
});
