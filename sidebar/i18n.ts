/**
 * Labels in the sidebar come from `SidebarState.messages`, the server's catalogue for
 * the user's language. This is the catalogue's formatter (src/i18n/catalogue.ts `t`)
 * for the browser: importing that module would bundle every language's tables.
 */
import type { Lang, MessageKey } from '../src/i18n/catalogue';

export type Messages = Partial<Record<MessageKey, string>>;
export type Params = Record<string, string | number>;
export type Translate = (key: MessageKey, params?: Params) => string;

/** Plural form index: English one/other; Russian and Ukrainian one/few/many (as the catalogue's). */
export function pluralIndex(lang: Lang, n: number): number {
  if (lang === 'en') return n === 1 ? 0 : 1;
  if (!Number.isInteger(n)) return 1;
  const n10 = Math.abs(n) % 10;
  const n100 = Math.abs(n) % 100;
  if (n10 === 1 && n100 !== 11) return 0;
  if (n10 >= 2 && n10 <= 4 && (n100 < 12 || n100 > 14)) return 1;
  return 2;
}

/**
 * Fills `{name}` and picks `{n:one|few|many}`; numbers are written with the language's
 * digit grouping. A missing message shows its key, so a gap is visible, never English.
 */
export function format(lang: Lang, messages: Messages, key: MessageKey, params: Params = {}): string {
  const text = messages[key];
  if (text === undefined) return key;
  return text.replace(/\{(\w+)(?::([^}]*))?\}/g, (whole, name: string, forms?: string) => {
    const value = params[name];
    if (value === undefined) return whole;
    if (forms === undefined) return typeof value === 'number' ? formatNumber(lang, value) : value;
    const options = forms.split('|');
    return options[Math.min(pluralIndex(lang, Number(value)), options.length - 1)];
  });
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
  return new Intl.DateTimeFormat(LOCALES[lang], { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit' }).format(d);
}
