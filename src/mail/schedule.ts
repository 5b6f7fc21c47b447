/**
 * How the campaign e-mails are delivered, as the document stores it: the hour of
 * the daily run, who gets whose customers, the language. Which customers go out
 * when is each campaign's (src/addon/campaignSettings.ts). The lowest layer that
 * uses it is the e-mail composition; the trigger code and the sidebar take the
 * types from here.
 */
import type { Lang } from '../i18n/catalogue';

export type Weekday = 'MONDAY' | 'TUESDAY' | 'WEDNESDAY' | 'THURSDAY' | 'FRIDAY' | 'SATURDAY' | 'SUNDAY';

/**
 * The daily e-mail to managers, saved per document with the report settings.
 * Version 3 also had the segments and the weekday of one weekly e-mail: they became
 * campaigns (campaignSettings.ts migrateSchedule).
 */
export interface ScheduleSettings {
  /** Hour of the daily run, 0-23, in the spreadsheet's time zone. */
  hour: number;
  /** Manager name (as in the orders) -> e-mail address. */
  recipients: Record<string, string>;
  /** Gets the customers with no manager, or whose manager has no address; '' for nobody. */
  fallbackEmail: string;
  /** Language of the e-mails; null: the language of whoever turned the schedule on. */
  language: Lang | null;
  /** Send a short "all clear" to a manager with nothing to do (else no e-mail). */
  allClear: boolean;
  /** The daily run rebuilds every report before it sends (off by default). */
  keepReportsCurrent: boolean;
}

/**
 * The recipients as a Map of the object's own entries with text addresses: manager
 * names are user data, and one called `constructor` or `toString` must not find a
 * function on Object.prototype.
 */
export function recipientMap(recipients: unknown): Map<string, string> {
  const map = new Map<string, string>();
  if (typeof recipients !== 'object' || recipients === null || Array.isArray(recipients)) return map;
  for (const [manager, address] of Object.entries(recipients)) if (typeof address === 'string') map.set(manager, address);
  return map;
}

/** Manager -> address as a null-prototype object (plain JSON on the wire; a manager called `__proto__` stays a key). */
export function recipientRecord(entries: Iterable<readonly [string, string]>): Record<string, string> {
  const record = Object.create(null) as Record<string, string>;
  for (const [manager, address] of entries) record[manager] = address;
  return record;
}
