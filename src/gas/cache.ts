/**
 * The document's cache (CacheService), as the predictive custom functions keep
 * their fitted models in it: src/core/predictive/fitStore.ts.
 *
 * Custom functions may use the Cache service without asking for authorization
 * (Google: "Supported services ... Cache: Works"):
 *   https://developers.google.com/apps-script/guides/sheets/functions#using_apps_script_services
 * The document cache is shared by everyone who uses the add-on in this document,
 * which suits a fit of the document's own orders; getDocumentCache() "returns null"
 * outside a containing document:
 *   https://developers.google.com/apps-script/reference/cache/cache-service#getDocumentCache()
 * A value lives at most 21,600 seconds (6 hours), is at most 100 KB, its key at most
 * 250 characters, and may be dropped before it expires ("You must be prepared to
 * get back null from all reads"):
 *   https://developers.google.com/apps-script/reference/cache/cache#put(String,String,Integer)
 *
 * Every failure (no CacheService, no document, a quota, a service error) is a
 * miss or a lost write here: the formula fits again and never fails for it.
 */
import type { TextCache } from '../core/predictive/fitStore';

/** The longest Google keeps a value: 6 hours. */
export const CACHE_SECONDS = 21_600;

/** The document cache, or null where there is none (outside Sheets, not bound to a document, or the service refused). */
export function documentCache(): TextCache | null {
  if (typeof CacheService === 'undefined') return null;
  let cache: GoogleAppsScript.Cache.Cache | null;
  try {
    cache = CacheService.getDocumentCache();
  } catch {
    return null;
  }
  if (!cache) return null;
  const documentCache = cache;
  return {
    get(key) {
      try {
        const value = documentCache.get(key);
        return typeof value === 'string' ? value : null;
      } catch {
        return null;
      }
    },
    put(key, value) {
      try {
        documentCache.put(key, value, CACHE_SECONDS);
      } catch {
        // Full, over a quota, or a value over 100 KB: the fit is simply not kept.
      }
    },
  };
}
