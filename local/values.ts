/**
 * Cell values as the local runtime stores them, and the conversions Sheets does
 * around them: instants <-> wall-clock times in the spreadsheet's time zone, A1
 * notation, and text typed into a cell (what `setValues` does with a string).
 *
 * Sheets keeps a date as a serial number: a wall-clock date and time with no
 * zone. Apps Script turns it into a Date at that wall-clock time in the
 * spreadsheet's time zone, and back. The store keeps the wall-clock time
 * (`WallTime`), so that changing the time zone or writing .xlsx (whose dates have
 * no zone either) needs no guessing.
 */

const MS_PER_DAY = 86_400_000;
/** Serial 25569 is 1970-01-01 (serial 0 is 1899-12-30) in Sheets and Excel. */
export const SERIAL_EPOCH = 25569;

/** A wall-clock date-time with no zone, as milliseconds counted as if it were UTC. */
export class WallTime {
  constructor(readonly ms: number) {}
  /** Sheets' date serial number. */
  get serial(): number {
    return this.ms / MS_PER_DAY + SERIAL_EPOCH;
  }
  /** A Date whose UTC fields are this wall-clock time (how exceljs reads and writes dates). */
  toUtcDate(): Date {
    return new Date(this.ms);
  }
  static fromSerial(serial: number): WallTime {
    return new WallTime(Math.round((serial - SERIAL_EPOCH) * MS_PER_DAY));
  }
  static civil(year: number, month: number, day: number, h = 0, m = 0, s = 0): WallTime {
    return new WallTime(Date.UTC(year, month - 1, day, h, m, s));
  }
}

/** What a cell holds: '' when empty. Formula cells hold their computed value here. */
export type Stored = string | number | boolean | WallTime;

/** A Date from any realm (the bundle's vm or Node's): `instanceof Date` fails across realms. */
export function isDate(value: unknown): value is Date {
  return typeof value === 'object' && value !== null && Object.prototype.toString.call(value) === '[object Date]';
}

// ------------------------------------------------------------------ time zones

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** Throws for a zone name Intl does not know. */
export function checkTimeZone(timeZone: string): void {
  formatterFor(timeZone);
}

// Zone offsets change only on quarter hours: one Intl lookup per quarter hour and zone.
const QUARTER_HOUR = 900_000;
const offsets = new Map<string, number>();

/** The wall-clock time (as WallTime ms) of an instant in a zone. */
export function wallMsOf(instantMs: number, timeZone: string): number {
  if (!Number.isFinite(instantMs)) return NaN;
  const quarter = Math.floor(instantMs / QUARTER_HOUR) * QUARTER_HOUR;
  const key = `${timeZone}|${quarter}`;
  let offset = offsets.get(key);
  if (offset === undefined) {
    const parts: Record<string, number> = {};
    for (const p of formatterFor(timeZone).formatToParts(new Date(quarter))) {
      if (p.type !== 'literal') parts[p.type] = Number(p.value);
    }
    offset = Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour, parts.minute, parts.second) - quarter;
    if (offsets.size > 200_000) offsets.clear();
    offsets.set(key, offset);
  }
  return instantMs + offset;
}

/** The instant at which the zone's clocks show this wall-clock time (the later one in a DST gap). */
export function instantOf(wallMs: number, timeZone: string): number {
  let guess = wallMs - (wallMsOf(wallMs, timeZone) - wallMs);
  for (let i = 0; i < 2; i++) {
    const offset = wallMsOf(guess, timeZone) - guess;
    const next = wallMs - offset;
    if (next === guess) break;
    guess = next;
  }
  return guess;
}

export function wallTimeOf(date: Date, timeZone: string): WallTime {
  return new WallTime(wallMsOf(date.getTime(), timeZone));
}

export function dateOf(wall: WallTime, timeZone: string): Date {
  return new Date(instantOf(wall.ms, timeZone));
}

// ------------------------------------------------------------------ A1 notation

/** Column letters of a 1-based column: 1 -> A, 27 -> AA. */
export function columnLetter(col: number): string {
  let s = '';
  for (let n = col; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

export function columnNumber(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

/** A rectangle, 1-based. */
export interface Area {
  row: number;
  col: number;
  rows: number;
  cols: number;
}

export function a1Of(area: Area): string {
  const start = `${columnLetter(area.col)}${area.row}`;
  if (area.rows === 1 && area.cols === 1) return start;
  return `${start}:${columnLetter(area.col + area.cols - 1)}${area.row + area.rows - 1}`;
}

/**
 * An A1 reference within a sheet of the given size: `B3`, `A1:C9`, `A2:A` (to the
 * last row), `A:C`, `2:5`, optionally after `Sheet!` or `'My sheet'!`. Null when
 * it is not A1 notation.
 */
export function parseA1(text: string, maxRows: number, maxCols: number): { sheet: string | null; area: Area } | null {
  let ref = text.trim();
  let sheet: string | null = null;
  const bang = ref.lastIndexOf('!');
  if (bang >= 0) {
    sheet = ref.slice(0, bang);
    if (sheet.startsWith("'") && sheet.endsWith("'")) sheet = sheet.slice(1, -1).replace(/''/g, "'");
    ref = ref.slice(bang + 1);
  }
  const part = /^\$?([A-Za-z]*)\$?(\d*)$/;
  const [first, second, extra] = ref.split(':');
  if (extra !== undefined || !first) return null;
  const a = part.exec(first);
  const b = second === undefined ? a : part.exec(second);
  if (!a || !b || (!a[1] && !a[2]) || (!b[1] && !b[2])) return null;
  if (second === undefined && (!a[1] || !a[2])) return null; // "A" or "3" alone is not a range
  const c1 = a[1] ? columnNumber(a[1]) : 1;
  const r1 = a[2] ? Number(a[2]) : 1;
  const c2 = b[1] ? columnNumber(b[1]) : maxCols;
  const r2 = b[2] ? Number(b[2]) : maxRows;
  const row = Math.min(r1, r2);
  const col = Math.min(c1, c2);
  if (row < 1 || col < 1) return null;
  return { sheet, area: { row, col, rows: Math.abs(r2 - r1) + 1, cols: Math.abs(c2 - c1) + 1 } };
}

// ------------------------------------------------------------------ locales

/** How a Sheets locale writes numbers and dates. */
export interface LocaleStyle {
  decimal: string;
  group: string;
  /** Order of day, month and year in short dates typed or shown: 'mdy', 'dmy' or 'ymd'. */
  dateOrder: 'mdy' | 'dmy' | 'ymd';
  dateSeparator: string;
}

const MONTH_FIRST = new Set(['en_us', 'en_ph', 'es_us', 'fil', 'fil_ph', 'en_as', 'en_gu', 'en_pr']);
const DOT_DECIMAL = new Set(['en', 'ja', 'zh', 'ko', 'th', 'he', 'iw', 'hi', 'ms', 'fil', 'ga', 'ta', 'te', 'bn']);
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

export function localeStyle(locale: string): LocaleStyle {
  const code = (locale || 'en_US').toLowerCase().replace('-', '_');
  const lang = code.split('_')[0];
  const decimalComma = !DOT_DECIMAL.has(lang);
  const group = decimalComma
    ? lang === 'de' || lang === 'es' || lang === 'it' || lang === 'pt' || lang === 'nl' || lang === 'tr'
      ? '.'
      : '\u00a0'
    : ',';
  const dateOrder = MONTH_FIRST.has(code) ? 'mdy' : YEAR_FIRST.has(lang) ? 'ymd' : 'dmy';
  const dateSeparator = DOT_DATES.has(lang) ? '.' : dateOrder === 'ymd' ? '-' : '/';
  return { decimal: decimalComma ? ',' : '.', group, dateOrder, dateSeparator };
}

// ------------------------------------------------------------------ typed text

/** What a string becomes when it is typed into a cell (or given to setValues). */
export type Typed = { value: Stored; format?: string } | { formula: string };

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function civil(year: number, month: number, day: number): WallTime | null {
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  return WallTime.civil(year, month, day);
}

function parseLocaleNumber(text: string, style: LocaleStyle): number | null {
  const group = style.group === '\u00a0' ? '[ \\u00a0\\u202f]' : style.group === '.' ? '\\.' : ',';
  const decimal = style.decimal === ',' ? ',' : '\\.';
  const re = new RegExp(`^([+-]?)(\\d{1,3}(?:${group}\\d{3})+|\\d+)(?:${decimal}(\\d+))?(?:[eE]([+-]?\\d+))?$`);
  const m = re.exec(text);
  if (!m) {
    // ".5" and "-,5"
    const frac = new RegExp(`^([+-]?)${decimal}(\\d+)$`).exec(text);
    return frac ? Number(`${frac[1]}0.${frac[2]}`) : null;
  }
  const digits = m[2].replace(/[^\d]/g, '');
  return Number(`${m[1]}${digits}${m[3] ? '.' + m[3] : ''}${m[4] ? 'e' + m[4] : ''}`);
}

/** Currency signs Sheets takes before or after a typed number, whatever the locale. */
const CURRENCY = '$€£¥₽₴';

/**
 * A string as Sheets reads it when typed, which is what `setValues` does with a
 * string: "strings may be converted to numbers, dates, etc. following the same
 * rules that are applied when entering text into a cell via the Google Sheets UI"
 * (https://developers.google.com/sheets/api/reference/rest/v4/ValueInputOption;
 * https://developers.google.com/apps-script/reference/spreadsheet/range#setValues(Object)
 * turns '2.000', '1,000,000' and '$2.99' into numbers).
 *
 * - `'text` is the text after the apostrophe ("if the user typed '123 into the UI,
 *   this would be represented as a stringValue of "123"",
 *   https://developers.google.com/sheets/api/reference/rest/v4/spreadsheets/other#ExtendedValue);
 * - `=...` is a formula; other text starting with `+` or `-` that is not a number
 *   is taken for one too, as Sheets does (it then shows #ERROR!);
 * - numbers in the locale's notation, spaces around them ignored: leading zeros
 *   dropped (0501234567 -> 501234567), grouped thousands (1,234 in en_US, 1 234 in
 *   ru_RU), the locale's decimal sign (1,234 is 1.234 in ru_RU), scientific
 *   notation (1e5 -> 100000, shown 1.00E+05), a currency sign before or after;
 * - percentages (50% -> 0.5), TRUE/FALSE in any case;
 * - dates: ISO (2024-01-01) and day, month, year with / . or - in the locale's
 *   order (12/05/2024 is 5 December in en_US, 12 May in en_GB and ru_RU);
 *   times h:mm and h:mm:ss.
 *
 * Not modelled: month names (5 May 2024), dates without a year, two-digit years,
 * fractions (1 1/2), negatives in brackets. Plain text format (`@`) keeps
 * everything as text.
 */
export function typedValue(text: string, locale: string, plainText = false): Typed {
  if (plainText) return { value: text };
  if (text.startsWith("'")) return { value: text.slice(1) };
  if (text.startsWith('=') && text.length > 1) return { formula: text };
  const t = text.trim();
  if (t === '') return { value: text };
  if (/^(true|false)$/i.test(t)) return { value: t.toUpperCase() === 'TRUE' };
  const style = localeStyle(locale);
  const n = parseLocaleNumber(t, style);
  if (n !== null && Number.isFinite(n)) return /e/i.test(t) ? { value: n, format: '0.00E+00' } : { value: n };
  if (t.endsWith('%')) {
    const p = parseLocaleNumber(t.slice(0, -1).trim(), style);
    if (p !== null && Number.isFinite(p)) return { value: p / 100, format: Number.isInteger(p) ? '0%' : '0.00%' };
  }
  const money = new RegExp(`^([+-]?)([${CURRENCY}])\\s?(.+)$|^(.+?)\\s?([${CURRENCY}])$`).exec(t);
  if (money) {
    const sign = money[1] ?? '';
    const sym = money[2] ?? money[5];
    const amount = parseLocaleNumber(sign + (money[3] ?? money[4]), style);
    // The sign where it was typed, a space before a trailing one kept: "$2.99", "2,99 ₽".
    const space = money[5] && /\s$/.test(t.slice(0, -1)) ? ' ' : '';
    if (amount !== null && Number.isFinite(amount))
      return { value: amount, format: money[2] ? `"${sym}"#,##0.00` : `#,##0.00"${space}${sym}"` };
  }
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(t);
  if (iso) {
    const d = civil(Number(iso[1]), Number(iso[2]), Number(iso[3]));
    if (d) return { value: d, format: 'yyyy-mm-dd' };
  }
  const local = /^(\d{1,2})([./-])(\d{1,2})\2(\d{4})$/.exec(t);
  if (local && style.dateOrder !== 'ymd') {
    const [a, b, y] = [Number(local[1]), Number(local[3]), Number(local[4])];
    const d = style.dateOrder === 'mdy' ? civil(y, a, b) : civil(y, b, a);
    if (d) return { value: d, format: style.dateOrder === 'mdy' ? 'm/d/yyyy' : `dd${style.dateSeparator}mm${style.dateSeparator}yyyy` };
  }
  const time = /^(\d{1,2}):([0-5]\d)(?::([0-5]\d))?$/.exec(t);
  if (time && Number(time[1]) < 24) {
    const serial = (Number(time[1]) * 3600 + Number(time[2]) * 60 + Number(time[3] ?? 0)) / 86_400;
    return { value: WallTime.fromSerial(serial), format: time[3] ? 'h:mm:ss' : 'h:mm' };
  }
  if ((t.startsWith('+') || t.startsWith('-')) && t.length > 1) return { formula: `=${t}` };
  return { value: text };
}
