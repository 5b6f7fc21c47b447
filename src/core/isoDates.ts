/**
 * ISO calendar dates (`2026-11-23`) <-> epoch days. Settings and the sidebar speak
 * ISO because google.script.run cannot carry Dates; a calendar day has no zone.
 */
import { civilFromDays, daysFromCivil, daysInMonth } from './calendar';

/** `YYYY-MM-DD` of an epoch day. */
export function isoOfDay(day: number): string {
  const { year, month, day: d } = civilFromDays(day);
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** The epoch day of a `YYYY-MM-DD` text, or NaN when it is not a real date. */
export function dayOfIso(text: unknown): number {
  if (typeof text !== 'string') return NaN;
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text.trim());
  if (!m) return NaN;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return NaN;
  return daysFromCivil(year, month, day);
}

/** The same calendar day `years` earlier (29 February falls back to the 28th). */
export function yearsBefore(day: number, years: number): number {
  const { year, month, day: d } = civilFromDays(day);
  return daysFromCivil(year - years, month, Math.min(d, daysInMonth(year - years, month)));
}
