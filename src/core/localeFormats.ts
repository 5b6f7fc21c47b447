/**
 * The locale rule (docs/definitions.md: the locale rule): numbers and dates follow
 * the SPREADSHEET's locale, words follow the user's language. One place decides
 * the number formats written on report sheets and the texts of numbers, dates and
 * money that the sidebar and the e-mails show, so that all of them agree with what
 * Sheets itself shows in that spreadsheet.
 *
 * Sheets renders a number-format pattern in the spreadsheet's locale: `,` and `.`
 * in `#,##0.0` are placeholders for the locale's group and decimal marks ("the
 * actual rendering of the format depends on the spreadsheet's locale",
 * https://developers.google.com/sheets/api/guides/formats), so the number patterns
 * are the same everywhere; only date patterns and the currency's place differ.
 */
import { civilFromDays } from './calendar';
import { currencySymbol } from './currency';
import { localeRules } from './localeRules';

/** How a spreadsheet locale writes numbers and dates. */
export interface LocaleFormats {
  /** The date pattern of date cells, e.g. `m/d/yyyy` (en_US), `dd.mm.yyyy` (ru_RU). */
  date: string;
  decimal: string;
  group: string;
  /** Whether a currency sign goes before the number ($5,241) or after it (5 241 ₽). */
  signFirst: boolean;
}

// Languages whose locales put the year first (2026-12-01) and those that write day.month.year with dots.
const YEAR_FIRST = new Set(['ja', 'zh', 'ko', 'hu', 'lt', 'sv']);
const DOT_DATES = new Set([
  'ru',
  'uk',
  'de',
  'pl',
  'cs',
  'sk',
  'fi',
  'nb',
  'no',
  'tr',
  'ro',
  'bg',
  'hr',
  'sr',
  'sl',
  'kk',
  'be',
  'az',
  'ka',
  'lv',
  'et',
]);
// Decimal-comma languages that group thousands with a dot (1.234,5); the others group with a no-break space (1 234,5).
const DOT_GROUP = new Set(['de', 'es', 'it', 'pt', 'nl', 'tr', 'id', 'da']);

/** The conventions of a Sheets locale code such as `en_US`, `ru_RU`, `uk`. */
export function localeFormats(locale: string | undefined): LocaleFormats {
  const language = (locale || 'en_US').toLowerCase().replace('-', '_').split('_')[0];
  const rules = localeRules(locale);
  const date = rules.monthFirst
    ? 'm/d/yyyy'
    : YEAR_FIRST.has(language)
      ? 'yyyy-mm-dd'
      : DOT_DATES.has(language)
        ? 'dd.mm.yyyy'
        : 'dd/mm/yyyy';
  const decimal = rules.decimalComma ? ',' : '.';
  const group = rules.decimalComma ? (DOT_GROUP.has(language) ? '.' : '\u00a0') : ',';
  return { date, decimal, group, signFirst: !rules.decimalComma };
}

/** The pattern of date cells in a spreadsheet of this locale. */
export function dateFormatOf(locale: string | undefined): string {
  return localeFormats(locale).date;
}

/** The pattern of month cells (a cohort, a period): the date pattern without its day, 12/2026, 12.2026, 2026-12. */
export function monthFormatOf(locale: string | undefined): string {
  const date = dateFormatOf(locale);
  if (date.startsWith('yyyy')) return 'yyyy-mm';
  return `mm${date.includes('.') ? '.' : '/'}yyyy`;
}

/**
 * The pattern of money cells: whole units grouped (`#,##0`), with the currency's
 * sign where the locale puts it (`"$"#,##0`, `#,##0" ₽"`) when the currency is
 * known, and no sign when it is not (a wrong sign is worse than none).
 */
export function moneyFormatOf(locale: string | undefined, currency: string | null, decimals = 0): string {
  const number = decimals > 0 ? `#,##0.${'0'.repeat(decimals)}` : '#,##0';
  if (currency === null) return number;
  const sign = currencySymbol(currency).replace(/"/g, '');
  return localeFormats(locale).signFirst ? `"${sign}"${number}` : `${number}" ${sign}"`;
}

/** A number as a cell of pattern `#,##0` (or `#,##0.0` ...) shows it in this locale: 5,241.5 / 5 241,5 / 5.241,5. */
export function numberText(locale: string | undefined, n: number, decimals = 0): string {
  if (!Number.isFinite(n)) return '';
  const { decimal, group } = localeFormats(locale);
  const fixed = Math.abs(n).toFixed(decimals);
  const [whole, fraction] = fixed.split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, group);
  const sign = n < 0 && Number(fixed) !== 0 ? '-' : '';
  return sign + grouped + (fraction ? decimal + fraction : '');
}

/**
 * A number in a sentence (an e-mail, a note on a sheet, an error message) as a number
 * cell shows it in this locale, with the decimals it has, at most `maxDecimals`:
 * 1500 -> 1,500 / 1 500; 2.5 -> 2.5 / 2,5; 1.3333 -> 1.33 / 1,33.
 */
export function sentenceNumber(locale: string | undefined, n: number, maxDecimals = 2): string {
  if (!Number.isFinite(n)) return String(n);
  const rounded = Number(n.toFixed(maxDecimals));
  const fraction = /\.(\d+)$/.exec(rounded.toFixed(maxDecimals).replace(/0+$/, ''));
  return numberText(locale, rounded, fraction ? fraction[1].length : 0);
}

/** A share as a percent text, one decimal where it has one: 0.3 -> 30%, 0.016 -> 1.6% / 1,6%. */
export function percentText(locale: string | undefined, share: number): string {
  return `${numberText(locale, share * 100, Number.isInteger(Math.round(share * 1000) / 10) ? 0 : 1)}%`;
}

/** Money as a money cell shows it: whole units, the sign where the locale puts it, spaces that never break. */
export function moneyText(locale: string | undefined, amount: number, currency: string | null): string {
  // || 0: a refund of cents rounds to -0.
  const text = numberText(locale, Math.round(amount) || 0);
  if (currency === null) return text;
  const sign = currencySymbol(currency);
  if (!localeFormats(locale).signFirst) return `${text}\u00a0${sign}`;
  return text.startsWith('-') ? `-${sign}${text.slice(1)}` : sign + text;
}

/** An epoch day as a date cell of this locale shows it: 12/1/2026, 01/12/2026, 01.12.2026, 2026-12-01. */
export function dayText(locale: string | undefined, day: number): string {
  const { year, month, day: d } = civilFromDays(day);
  const pad = (n: number): string => String(n).padStart(2, '0');
  return dateFormatOf(locale)
    .replace('yyyy', String(year))
    .replace(/m+/, (m) => (m.length === 1 ? String(month) : pad(month)))
    .replace(/d+/, (m) => (m.length === 1 ? String(d) : pad(d)));
}
