/**
 * Labels in the sidebar come from `SidebarState.messages`, the server's catalogue for
 * the user's language, filled by the catalogue's own formatter (src/i18n/plural.ts,
 * which holds no tables: importing catalogue.ts would bundle every language's).
 */
import type { Lang, MessageKey } from '../src/i18n/catalogue';
import { fillMessage, pluralIndex } from '../src/i18n/plural';

export type Messages = Partial<Record<MessageKey, string>>;
export type Params = Record<string, string | number>;
export type Translate = (key: MessageKey, params?: Params) => string;

export { pluralIndex };

/**
 * Fills `{name}` and picks `{n:one|few|many}`; numbers are written with the language's
 * digit grouping. A missing message shows its key, so a gap is visible, never English.
 */
export function format(lang: Lang, messages: Messages, key: MessageKey, params: Params = {}): string {
  const text = messages[key];
  if (text === undefined) return key;
  return fillMessage(lang, text, params, (n) => formatNumber(lang, n));
}

export function translator(lang: Lang, messages: Messages): Translate {
  return (key, params) => format(lang, messages, key, params);
}

const LOCALES: Record<Lang, string> = { en: 'en-US', ru: 'ru-RU', uk: 'uk-UA' };

export function formatNumber(lang: Lang, n: number, maximumFractionDigits = 2): string {
  return new Intl.NumberFormat(LOCALES[lang], { maximumFractionDigits }).format(n);
}

/** An ISO `YYYY-MM-DD` date in the language's medium style (UTC, so the day never shifts). */
export function formatDate(lang: Lang, iso: string): string {
  const d = new Date(`${iso}T00:00:00Z`);
  if (Number.isNaN(d.getTime())) return iso;
  return new Intl.DateTimeFormat(LOCALES[lang], { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' }).format(d);
}

/** An ISO date-time (e.g. a run's `at`) in the language's style, in the browser's time zone. */
export function formatDateTime(lang: Lang, iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return new Intl.DateTimeFormat(LOCALES[lang], {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  }).format(d);
}
