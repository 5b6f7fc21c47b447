/**
 * Server-side sentences by the locale rule (docs/definitions.md §19): the words in the
 * user's language, the numbers as the spreadsheet's cells show them (1,500 in en_US,
 * 1 500 in ru_RU), so that an e-mail, a note on a sheet or an error message agrees with
 * the sheets and the sidebar beside it.
 */
import { type Lang, type MessageKey, t } from '../i18n/catalogue';
import { dayText, sentenceNumber } from './localeFormats';

/**
 * Params that name something (a row, a week, a year) rather than count it: plain digits,
 * as Sheets' own row headers show row 1503.
 */
const NAME_PARAMS: ReadonlySet<string> = new Set(['row', 'week', 'year']);

/** The message with its numbers in the locale's marks; plural forms still follow the number. */
export function localeMessage(lang: Lang, locale: string, key: MessageKey, params: Record<string, string | number> = {}): string {
  const filled: Record<string, string | number> = {};
  for (const [name, value] of Object.entries(params))
    filled[name] = typeof value === 'number' && NAME_PARAMS.has(name) ? String(value) : value;
  return t(lang, key, filled, (n) => sentenceNumber(locale, n));
}

/** A date a sentence states (not one the user typed): as the locale's date cells show it, 11/20/2026 or 20.11.2026. */
export function localeDay(locale: string, day: number): string {
  return dayText(locale, day);
}
