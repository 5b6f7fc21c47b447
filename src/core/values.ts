/**
 * Reading values as Google Sheets hands them over: Date objects (from any realm),
 * date serial numbers, text dates, numbers, and numbers typed as text.
 */
import { type Calendar, daysFromCivil, daysInMonth } from './calendar';
import { isDateLike } from './errors';
import { type LocaleRules } from './localeRules';

export { type LocaleRules, localeRules } from './localeRules';

/** True for '', null, undefined and text of only spaces: what an empty cell looks like. */
export function isBlank(value: unknown): boolean {
  if (typeof value === 'string') {
    // Called for every cell: a first character that trim() never removes settles it without trimming.
    const first = value.charCodeAt(0);
    if (first > 32 && first < 0xa0) return false;
    return value === '' || value.trim() === '';
  }
  return value === null || value === undefined;
}

// Sheets serial 0 is 1899-12-30; serial 25569 is 1970-01-01.
const SERIAL_EPOCH = 25569;
const MAX_SERIAL = 2958465; // 9999-12-31

const ISO = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[T ]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?\s*(?:Z|[+-]\d{2}:?\d{2})?)?$/;
const DOTTED = /^(\d{1,2})\.(\d{1,2})\.(\d{2}|\d{4})(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?$/;
const SLASHED = /^(\d{1,2})[/-](\d{1,2})[/-](\d{2}|\d{4})(?:\s+\d{1,2}:\d{2}(?::\d{2})?(?:\s*[AaPp][Mm])?)?$/;

function civilOrNaN(year: number, month: number, day: number): number {
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return NaN;
  return daysFromCivil(year, month, day);
}

function fullYear(text: string): number {
  const y = Number(text);
  return text.length === 2 ? (y < 70 ? 2000 + y : 1900 + y) : y;
}

/**
 * The calendar day (epoch day) of a cell value, or NaN when it is not a date.
 * Blank cells are NaN too: callers decide whether blank is allowed.
 */
export function parseDay(value: unknown, calendar: Calendar, rules: LocaleRules): number {
  if (typeof value === 'number') {
    if (!Number.isFinite(value) || value < 1 || value > MAX_SERIAL) return NaN;
    return Math.floor(value) - SERIAL_EPOCH;
  }
  if (typeof value !== 'string') {
    if (typeof value !== 'object' || value === null || !(value instanceof Date || isDateLike(value))) return NaN;
    const date = value as Date;
    return Number.isNaN(date.getTime()) ? NaN : calendar.dayOf(date);
  }
  const text = value.trim();
  // ISO needs a separator after four digits; without one, skip straight to the other forms.
  const fifth = text.charCodeAt(4);
  let m = fifth === 45 || fifth === 47 || fifth === 46 ? ISO.exec(text) : null;
  if (m) return civilOrNaN(Number(m[1]), Number(m[2]), Number(m[3]));
  m = DOTTED.exec(text);
  if (m) return civilOrNaN(fullYear(m[3]), Number(m[2]), Number(m[1]));
  m = SLASHED.exec(text);
  // Only the locale's order: 13/01/2026 in en_US is no date (Sheets keeps it as text too), see otherOrderDate.
  if (m)
    return rules.monthFirst
      ? civilOrNaN(fullYear(m[3]), Number(m[1]), Number(m[2]))
      : civilOrNaN(fullYear(m[3]), Number(m[2]), Number(m[1]));
  return NaN;
}

/** Which order a text date is written in, when it is not the locale's. */
export type DateOrder = 'dayFirst' | 'monthFirst';

/**
 * For a text date that is a date only in the other day/month order than the
 * locale's (13/01/2026 in en_US, 01/13/2026 in ru_RU): that order; null for any
 * other value. Such a text was typed or exported under another locale, so the
 * dates of its column that do read (05/01/2026) may well be read the wrong way
 * round: it is an error that names the cell, never a silent guess
 * (docs/definitions.md: the locale rule).
 */
export function otherOrderDate(value: unknown, rules: LocaleRules): DateOrder | null {
  if (typeof value !== 'string') return null;
  const m = SLASHED.exec(value.trim());
  if (!m) return null;
  const [a, b, year] = [Number(m[1]), Number(m[2]), fullYear(m[3])];
  const [own, other] = rules.monthFirst
    ? [civilOrNaN(year, a, b), civilOrNaN(year, b, a)]
    : [civilOrNaN(year, b, a), civilOrNaN(year, a, b)];
  if (!Number.isNaN(own) || Number.isNaN(other)) return null;
  return rules.monthFirst ? 'dayFirst' : 'monthFirst';
}

// Currency signs and words that exports put before or after amounts.
const CURRENCY =
  /^(?:[$€£¥₽₴₸₺₹]|грн\.?|руб\.?|р\.|р|usd|eur|uah|rub|kzt|byn|gbp)\s*|\s*(?:[$€£¥₽₴₸₺₹]|грн\.?|руб\.?|р\.|р|usd|eur|uah|rub|kzt|byn|gbp)$/giu;
const GROUPING = /[\s\u00a0\u202f\u2009']/g;
const DIGITS = /^\d+(?:[.,]\d+)*$/;

/**
 * The largest amount an order row may hold, either sign (docs/definitions.md: input
 * columns): ten trillion, so that a sum of amounts in whole cents stays an exact
 * integer of a double (below 2^53 cents, about 90 trillion) over many such rows,
 * and no figure built of amounts can overflow to Infinity.
 */
export const MAX_AMOUNT = 1e13;

/** True when an amount (or a profit) is one an order row may hold: within ±MAX_AMOUNT. */
export function amountInRange(n: number): boolean {
  return n >= -MAX_AMOUNT && n <= MAX_AMOUNT;
}

/**
 * A number from a cell: numbers as they are; text such as `1 234,56 ₽`,
 * `$1,234.56`, `(120)` or `−5` read with the locale's decimal mark; NaN otherwise,
 * also for text too long to be a finite number (400 nines).
 */
export function parseAmount(value: unknown, rules: LocaleRules): number {
  if (typeof value === 'number') return Number.isFinite(value) ? value : NaN;
  if (typeof value !== 'string') return NaN;
  let text = value.trim().toLowerCase();
  if (text === '') return NaN;
  let negative = false;
  if (text.startsWith('(') && text.endsWith(')')) {
    negative = true;
    text = text.slice(1, -1).trim();
  }
  if (text.includes('\u2212')) text = text.replace(/\u2212/g, '-');
  if (text.startsWith('-')) {
    negative = !negative;
    text = text.slice(1).trim();
  } else if (text.startsWith('+')) {
    text = text.slice(1).trim();
  }
  // A currency sign or word sits at an end: text that starts and ends with a digit has none.
  if (!(isDigit(text.charCodeAt(0)) && isDigit(text.charCodeAt(text.length - 1)))) text = text.replace(CURRENCY, '').replace(CURRENCY, '');
  if (text.startsWith('-') && !negative) {
    negative = true; // "$-5" and "₽ -5"
    text = text.slice(1);
  } else if (text.endsWith('-') && !negative) {
    negative = true; // accounting exports: "120-"
    text = text.slice(0, -1);
  }
  text = text.replace(GROUPING, '');
  if (!DIGITS.test(text)) return NaN;
  const n = readSeparators(text, rules);
  if (!Number.isFinite(n)) return NaN;
  return negative ? -n : n;
}

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

function readSeparators(text: string, rules: LocaleRules): number {
  const lastComma = text.lastIndexOf(',');
  const lastDot = text.lastIndexOf('.');
  if (lastComma < 0 && lastDot < 0) return Number(text);
  if (lastComma >= 0 && lastDot >= 0) {
    // Both marks: the last one is the decimal mark, the other groups thousands.
    const decimal = lastComma > lastDot ? ',' : '.';
    const group = decimal === ',' ? '.' : ',';
    return groupedNumber(text, group, decimal);
  }
  const mark = lastComma >= 0 ? ',' : '.';
  const firstMark = text.indexOf(mark);
  // The mark more than once: it groups thousands.
  if (firstMark !== Math.max(lastComma, lastDot)) return groupedNumber(text, mark, '');
  const decimals = text.length - firstMark - 1;
  // "1,234" is a thousand in en_US, one and a bit in ru_RU; "12,5" is 12.5 everywhere.
  const isGroup = mark === ',' ? decimals === 3 && !rules.decimalComma : false;
  return isGroup ? groupedNumber(text, mark, '') : Number(text.replace(mark, '.'));
}

function groupedNumber(text: string, group: string, decimal: string): number {
  const [whole, fraction] = decimal ? [text.slice(0, text.lastIndexOf(decimal)), text.slice(text.lastIndexOf(decimal) + 1)] : [text, ''];
  const groups = whole.split(group);
  if (groups.some((g, i) => (i === 0 ? g.length < 1 || g.length > 3 : g.length !== 3))) return NaN;
  if (fraction.includes(group)) return NaN;
  return Number(groups.join('') + (fraction ? '.' + fraction : ''));
}

/**
 * A margin as a fraction of the amount: `25%`, `0.25` and `25` all mean a quarter
 * (a bare number above 1 is read as percent, since a margin over 100% is not a margin).
 */
export function parseMargin(value: unknown, rules: LocaleRules): number {
  if (typeof value === 'string' && value.trim().endsWith('%')) {
    const n = parseAmount(value.trim().slice(0, -1), rules);
    return n / 100;
  }
  const n = parseAmount(value, rules);
  return Math.abs(n) > 1 ? n / 100 : n;
}

// Characters that show nothing: Unicode's default-ignorable code points (zero-width space and joiners,
// soft hyphen, bidi marks, BOM, variation selectors, tags, the Hangul and Mongolian fillers) and the
// control characters. Pasted from web pages and messengers, they would make "Cust00" and "Cust00\u200b" two customers.
const INVISIBLE = /[\p{Default_Ignorable_Code_Point}\p{Cc}]/gu;
// Printable ASCII and the basic Cyrillic block: text made only of these has nothing to strip or compose.
// (Cyrillic combining marks U+0483-U+0489 excepted: composition could reorder them.)
const PLAIN = /^[\x20-\x7e\u0400-\u0482\u048a-\u04ff]*$/;

/**
 * A name as it is shown and matched: invisible characters removed and Unicode in
 * composed form (NFC), so that "й" typed as и + breve is "й". Plain ASCII and
 * Cyrillic, nearly every name, is returned as it is without a copy.
 */
export function visibleText(text: string): string {
  if (PLAIN.test(text)) return text;
  return text.replace(INVISIBLE, (ch) => (ch === '\t' || ch === '\n' || ch === '\r' ? ' ' : '')).normalize('NFC');
}

/** Text for a name, id or contact: numbers as digits, trimmed. */
export function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (isDateLike(value)) return Number.isNaN(value.getTime()) ? '' : value.toISOString().slice(0, 10);
  return String(value).trim();
}
