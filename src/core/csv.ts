/**
 * CSV as spreadsheet programs and mailing tools read it (docs/definitions.md: CSV
 * files): the separator and decimal sign of a locale, RFC 4180 quoting, formula-like
 * text neutralised, the byte-order mark. One module for the weekly e-mail's
 * attachment (src/mail/render.ts) and the campaign export (src/addon/campaignExport.ts).
 */
import { dayText } from './localeFormats';
import { localeRules } from './localeRules';
import { type LocaleRules } from './values';

/**
 * How the reader's spreadsheet program reads a CSV it opens with a double click:
 * Excel splits on the list separator of Windows' regional settings and reads numbers
 * with its decimal sign. Where the decimal sign is a comma (ru, uk, de...) the list
 * separator is ";"; in English it is "," and ".".
 */
export interface CsvDialect {
  separator: ',' | ';';
  decimal: '.' | ',';
  /** A UTF-8 byte-order mark first, so that Excel reads Cyrillic as UTF-8 and not in the ANSI code page. */
  bom: boolean;
}

/**
 * The dialect of a spreadsheet's locale (its LocaleRules): ru_RU and uk_UA (every
 * decimal-comma locale) ";" and "," with the byte-order mark; en_* "," and "." without
 * it, as RFC 4180 and mailing tools' importers expect plain UTF-8.
 */
export function csvDialectOfLocale(rules: LocaleRules): CsvDialect {
  return rules.decimalComma ? { separator: ';', decimal: ',', bom: true } : { separator: ',', decimal: '.', bom: false };
}

/**
 * The weekly e-mail attachment's dialect: the spreadsheet locale's, as the export's (one
 * rule, docs/definitions.md §19 and §21: a Russian manager of an en_US spreadsheet gets
 * "," and "." like the sheets beside it), always with the byte-order mark: it is opened
 * in Excel by people, and Excel reads UTF-8 without the mark in the ANSI code page.
 */
export function attachmentDialect(locale: string): CsvDialect {
  return { ...csvDialectOfLocale(localeRules(locale)), bom: true };
}

const EN_CSV: CsvDialect = { separator: ',', decimal: '.', bom: false };

/**
 * A leading character that makes a spreadsheet read the cell as a formula (OWASP's list
 * = + - @ tab CR, with LF added in 2025):
 * https://owasp.org/www-community/attacks/CSV_Injection (see OWASP/www-community#1116)
 */
const FORMULA_START = /^[=+\-@\t\r\n]/;
/**
 * A phone number or a signed number: digits, spaces, ( ) - . and at most a leading
 * sign. `+1+2` and `-2+3` are not: a sign after the start is arithmetic.
 */
export const PHONE_SHAPED = /^[+-]?[0-9 \u00a0().-]*[0-9][0-9 \u00a0().-]*$/;
/**
 * Zero width space: shown as nothing, but a first character no spreadsheet reads as the
 * start of a formula or a number, so "+7 912 345-67-89" stays that text (Excel would
 * compute =+7 912 345-67-89 and show #NULL!).
 */
export const INVISIBLE_TEXT_MARK = '\u200b';

/**
 * Text a spreadsheet would run kept as text. Phone-shaped text cannot call a function or
 * reach another cell (no letters, quotes, ! or |), so it gets the invisible mark and shows
 * as typed; anything else formula-like gets OWASP's apostrophe, visible on purpose.
 */
export function neutralise(text: string): string {
  if (!FORMULA_START.test(text)) return text;
  return PHONE_SHAPED.test(text) ? INVISIBLE_TEXT_MARK + text : `'${text}`;
}

/**
 * One CSV field (RFC 4180): a number with the dialect's decimal sign, never quoted (a
 * decimal comma cannot be a separator where "," is the decimal sign); text neutralised,
 * quoted when it holds either separator, a quote or a line break.
 */
export function csvField(value: string | number, dialect: CsvDialect = EN_CSV): string {
  if (typeof value === 'number') return String(value).replace('.', dialect.decimal);
  const text = neutralise(value);
  return /[",;\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * A phone in the CSV: also digits alone get the invisible mark, since a spreadsheet reads
 * 89123456789 as a number (8.91E+10) and drops the zeros of 0044…
 */
export function csvPhone(phone: string, dialect: CsvDialect = EN_CSV): string {
  return csvField(/^[0-9]+$/.test(phone) ? INVISIBLE_TEXT_MARK + phone : phone, dialect);
}

/**
 * A phone in a file for a mailing tool's importer, which reads text and computes
 * nothing: phone-shaped text (an optional leading + or -, then only digits, spaces,
 * brackets, hyphens and dots) goes out exactly as typed, with no mark of any kind, so
 * that "+7 998 123-45-67" is imported as that number. It can neither call a function
 * nor reach a cell (no letters), so it is no injection even in a spreadsheet, where at
 * worst it reads as arithmetic. Anything else formula-like (`+1+2`, `=HYPERLINK(...)`)
 * gets the apostrophe as every other field does.
 */
export function importPhone(phone: string, dialect: CsvDialect = EN_CSV): string {
  return PHONE_SHAPED.test(phone) ? phone : csvField(phone, dialect);
}

/**
 * A date as the CSV gives it: as the spreadsheet locale's date cells show it (11/13/2026
 * in en_US, 13/11/2026 in en_GB, 13.11.2026 in ru_RU), which Excel set to that locale
 * reads as a date (src/core/localeFormats.ts).
 */
export function csvDate(day: number, locale: string): string {
  return dayText(locale, day);
}

/**
 * A whole CSV file from fields already made (csvField, csvPhone): lines joined by the
 * dialect's separator, CRLF after every line (RFC 4180), the byte-order mark first
 * when the dialect has it.
 */
export function csvText(lines: readonly (readonly string[])[], dialect: CsvDialect): string {
  const body = lines.map((fields) => fields.join(dialect.separator) + '\r\n').join('');
  return (dialect.bom ? '\ufeff' : '') + body;
}
