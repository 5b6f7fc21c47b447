/**
 * Labels in the sidebar come from `SidebarState.messages`, the server's catalogue for
 * the user's language, filled by the catalogue's own formatter (src/i18n/plural.ts,
 * which holds no tables: importing catalogue.ts would bundle every language's).
 */
import type { Lang, MessageKey } from '../src/i18n/catalogue';
import { daysFromCivil } from '../src/core/calendar';
import { dayOfIso } from '../src/core/isoDates';
import { dayText, sentenceNumber } from '../src/core/localeFormats';
import { fillMessage, pluralIndex } from '../src/i18n/plural';

export type Messages = Partial<Record<MessageKey, string>>;
export type Params = Record<string, string | number>;
export type Translate = (key: MessageKey, params?: Params) => string;

export { pluralIndex };

/**
 * Fills `{name}` and picks `{n:one|few|many}`; numbers are written in the spreadsheet
 * locale's way when it is given (the locale rule), else with the language's grouping
 * (the catalogue's own). A missing message shows its key, so a gap is visible, never English.
 */
export function format(lang: Lang, messages: Messages, key: MessageKey, params: Params = {}, locale?: string): string {
  const text = messages[key];
  if (text === undefined) return key;
  return fillMessage(lang, text, params, (n) => formatNumber(locale ?? LANG_LOCALES[lang], n));
}

/** The catalogue's grouping of a language, where no spreadsheet locale is known. */
const LANG_LOCALES: Record<Lang, string> = { en: 'en_US', ru: 'ru_RU', uk: 'uk_UA' };

export function translator(lang: Lang, messages: Messages, locale?: string): Translate {
  return (key, params) => format(lang, messages, key, params, locale);
}

/**
 * A number as the spreadsheet's cells show it in its locale (5,241.5 / 5 241,5 /
 * 5.241,5: src/core/localeFormats.ts), with up to `maximumFractionDigits` decimals.
 */
export function formatNumber(locale: string, n: number, maximumFractionDigits = 2): string {
  return sentenceNumber(locale, n, maximumFractionDigits);
}

/** An ISO `YYYY-MM-DD` date as the spreadsheet's date cells show it: 12/1/2026 (en_US), 01.12.2026 (ru_RU). */
export function formatDate(locale: string, iso: string): string {
  const day = dayOfIso(iso);
  return Number.isNaN(day) ? iso : dayText(locale, day);
}

/** An ISO date-time (e.g. a run's `at`): the locale's date and the time of day, in the browser's time zone. */
export function formatDateTime(locale: string, iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const day = daysFromCivil(d.getFullYear(), d.getMonth() + 1, d.getDate());
  const time = `${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`;
  return `${dayText(locale, day)} ${time}`;
}
