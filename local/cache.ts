/**
 * CacheService for the local runtime: the document, script and user caches, with
 * Google's limits and its unpleasant parts.
 *
 * - get returns null for a key never put, removed, expired or evicted; values are
 *   strings (what is put is turned into one). "You must be prepared to get back null
 *   from all reads."
 *   https://developers.google.com/apps-script/reference/cache/cache-service
 * - put/putAll: a key of at most 250 characters, a value of at most 100 KB;
 *   expiration in seconds from 1 to 21,600 (6 hours), 600 when not given. At most
 *   1,000 items: past that, "the cache stores the 900 items farthest from expiration".
 *   https://developers.google.com/apps-script/reference/cache/cache#put(String,String,Integer)
 *   https://developers.google.com/apps-script/reference/cache/cache#putAll(Object,Integer)
 * - getDocumentCache returns null outside a containing document.
 *   https://developers.google.com/apps-script/reference/cache/cache-service#getDocumentCache()
 * - What the documentation leaves open, as measured by Justin Poehnelt
 *   ("Exploring Apps Script CacheService Limits",
 *   https://justin.poehnelt.com/posts/exploring-apps-script-cacheservice-limits):
 *   both limits are strict and throw (the texts "Argument too large: key" / "...:
 *   value" are those Apps Script shows, as for a property over 9 KB; the 100 KB are
 *   102,400 bytes, counted here in UTF-8); a negative expiration is not refused.
 *   Here an expiration under 1 second is taken as the default and one over 6 hours
 *   as 6 hours (Google calls 21,600 the maximum).
 *
 * Entries belong to the runtime, not to one execution: they survive from one
 * `runtime.call` to the next, as Apps Script's do, until they expire on the
 * runtime's clock.
 */
import { GasError, StandIn } from './boundary';
import { real } from './spreadsheet';

export type CacheScope = 'document' | 'script' | 'user';

export const MAX_KEY_LENGTH = 250;
export const MAX_VALUE_BYTES = 100 * 1024;
export const DEFAULT_EXPIRATION_S = 600;
export const MAX_EXPIRATION_S = 21_600;
export const MAX_ITEMS = 1_000;
export const KEPT_WHEN_FULL = 900;

interface Entry {
  value: string;
  expiresAt: number;
}

/** The three caches of one runtime, and its clock. */
export class CacheStores {
  readonly document = new Map<string, Entry>();
  readonly script = new Map<string, Entry>();
  readonly user = new Map<string, Entry>();
  constructor(readonly now: () => number) {}
  of(scope: CacheScope): Map<string, Entry> {
    return this[scope];
  }
  /** Every live entry of a cache (expired ones are dropped), for tests that look inside. */
  entries(scope: CacheScope): Map<string, string> {
    const out = new Map<string, string>();
    for (const [key, entry] of this.of(scope)) if (entry.expiresAt > this.now()) out.set(key, entry.value);
    return out;
  }
}

export class FakeCacheService
  extends StandIn
  implements Pick<GoogleAppsScript.Cache.CacheService, 'getDocumentCache' | 'getScriptCache' | 'getUserCache'>
{
  readonly _label = 'CacheService';
  /** `bound`: the script has a containing document (a spreadsheet here); false is a standalone script. */
  constructor(
    readonly _stores: CacheStores,
    readonly _bound: () => boolean = () => true,
  ) {
    super();
  }
  getDocumentCache(): GoogleAppsScript.Cache.Cache | null {
    return this._bound() ? real<GoogleAppsScript.Cache.Cache>(new FakeCache(this._stores, 'document')) : null;
  }
  getScriptCache(): GoogleAppsScript.Cache.Cache {
    return real<GoogleAppsScript.Cache.Cache>(new FakeCache(this._stores, 'script'));
  }
  getUserCache(): GoogleAppsScript.Cache.Cache {
    return real<GoogleAppsScript.Cache.Cache>(new FakeCache(this._stores, 'user'));
  }
}

type Cache = GoogleAppsScript.Cache.Cache;

export class FakeCache extends StandIn implements Pick<Cache, 'get' | 'getAll' | 'put' | 'putAll' | 'remove' | 'removeAll'> {
  readonly _label = 'Cache';
  constructor(
    readonly _stores: CacheStores,
    readonly _scope: CacheScope,
  ) {
    super();
  }
  private get _map(): Map<string, Entry> {
    return this._stores.of(this._scope);
  }

  /** The value, or null when there is none (never put, removed, expired or evicted). */
  get(key: string): string | null {
    return this._live(checkKey(key));
  }
  /** The keys found, with their values; missing ones are left out. */
  getAll(keys: string[]): Record<string, string> {
    if (!Array.isArray(keys)) throw new GasError('Invalid argument: keys');
    const out: Record<string, string> = {};
    for (const key of keys) {
      const value = this._live(checkKey(key));
      if (value !== null) out[String(key)] = value;
    }
    return out;
  }
  put(key: string, value: string, expirationInSeconds?: number): void {
    const entry = [checkKey(key), checkValue(value)] as const;
    this._store([entry], expirationInSeconds);
  }
  /** All or nothing: one key or value over a limit refuses the whole call. */
  putAll(values: Record<string, string>, expirationInSeconds?: number): void {
    if (typeof values !== 'object' || values === null) throw new GasError('Invalid argument: values');
    const entries = Object.entries(values).map(([k, v]) => [checkKey(k), checkValue(v)] as const);
    this._store(entries, expirationInSeconds);
  }
  remove(key: string): void {
    this._map.delete(checkKey(key));
  }
  removeAll(keys: string[]): void {
    if (!Array.isArray(keys)) throw new GasError('Invalid argument: keys');
    for (const key of keys) this._map.delete(checkKey(key));
  }

  private _live(key: string): string | null {
    const entry = this._map.get(key);
    if (!entry) return null;
    if (entry.expiresAt <= this._stores.now()) {
      this._map.delete(key);
      return null;
    }
    return entry.value;
  }

  private _store(entries: ReadonlyArray<readonly [string, string]>, expirationInSeconds: number | undefined): void {
    const seconds = expirationOf(expirationInSeconds);
    const now = this._stores.now();
    const map = this._map;
    for (const [key, value] of entries) {
      map.delete(key); // a new put is a new item: its place in the order is now
      map.set(key, { value, expiresAt: now + seconds * 1000 });
    }
    for (const [key, entry] of map) if (entry.expiresAt <= now) map.delete(key);
    if (map.size > MAX_ITEMS) {
      // "If more than 1,000 items are written, the cache stores the 900 items farthest from expiration."
      const kept = [...map].sort((a, b) => b[1].expiresAt - a[1].expiresAt).slice(0, KEPT_WHEN_FULL);
      map.clear();
      for (const [key, entry] of kept.reverse()) map.set(key, entry);
    }
  }
}

function checkKey(key: unknown): string {
  if (key === null || key === undefined) throw new GasError('Invalid argument: key');
  const text = String(key);
  if (text.length > MAX_KEY_LENGTH) throw new GasError('Argument too large: key');
  return text;
}

function checkValue(value: unknown): string {
  if (value === null || value === undefined) throw new GasError('Invalid argument: value');
  const text = String(value);
  if (Buffer.byteLength(text, 'utf8') > MAX_VALUE_BYTES) throw new GasError('Argument too large: value');
  return text;
}

function expirationOf(seconds: number | undefined): number {
  if (seconds === undefined) return DEFAULT_EXPIRATION_S;
  const n = Number(seconds);
  if (!Number.isFinite(n) || n < 1) return DEFAULT_EXPIRATION_S;
  return Math.min(Math.floor(n), MAX_EXPIRATION_S);
}
