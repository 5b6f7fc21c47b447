/**
 * Display text of a cell from its value and Sheets number format, the part of
 * Sheets' formatting that reports use: `General`, `0`, `#,##0.00`, `0.0%`,
 * `[$₽]#,##0`, quoted literals, sections for negatives (`#,##0;(#,##0)`), dates
 * and times (`yyyy-mm-dd`, `dd.mm.yyyy`, `mmm yyyy`, `hh:mm`) and `@`. It gives
 * `getDisplayValues()` and the workbook viewer the same text.
 */
import { localeStyle, type Stored, WallTime } from './values';

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

/** Sheets' default date pattern of a locale, e.g. M/d/yyyy for en_US, dd.mm.yyyy for ru_RU. */
export function defaultDateFormat(locale: string): string {
  const s = localeStyle(locale);
  if (s.dateOrder === 'mdy') return 'm/d/yyyy';
  if (s.dateOrder === 'ymd') return 'yyyy-mm-dd';
  return `dd${s.dateSeparator}mm${s.dateSeparator}yyyy`;
}

function isGeneral(format: string | undefined): boolean {
  return !format || /^general$/i.test(format.trim());
}

/** Sections split at `;` outside quotes and brackets. */
function sections(format: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  let bracket = false;
  for (let i = 0; i < format.length; i++) {
    const ch = format[i];
    if (ch === '\\' && !quoted) {
      cur += ch + (format[i + 1] ?? '');
      i++;
      continue;
    }
    if (ch === '"') quoted = !quoted;
    else if (ch === '[' && !quoted) bracket = true;
    else if (ch === ']' && !quoted) bracket = false;
    if (ch === ';' && !quoted && !bracket) {
      out.push(cur);
      cur = '';
    } else cur += ch;
  }
  out.push(cur);
  return out;
}

/** The format without quoted text, escapes and brackets: what decides its kind. */
function bare(format: string): string {
  return format
    .replace(/"[^"]*"/g, '')
    .replace(/\\./g, '')
    .replace(/\[[^\]]*\]/g, '');
}

export function isDateFormat(format: string | undefined): boolean {
  if (isGeneral(format)) return false;
  const b = bare(sections(format as string)[0]).toLowerCase();
  return /[dyhs]/.test(b.replace(/am\/pm|a\/p/g, '')) || (/m/.test(b) && !/[0#?]/.test(b));
}

function generalNumber(n: number, decimal: string): string {
  if (!Number.isFinite(n)) return n > 0 ? '#NUM!' : n < 0 ? '-#NUM!' : '#NUM!';
  let text: string;
  const abs = Math.abs(n);
  if (Number.isInteger(n) && abs < 1e15) text = String(n);
  else if (abs !== 0 && (abs < 1e-9 || abs >= 1e15))
    text = n
      .toExponential(5)
      .replace(/\.?0+e/, 'E')
      .replace('E+', 'E+');
  else text = String(Number(n.toPrecision(10)));
  return text.replace('.', decimal);
}

function group(intDigits: string, sep: string): string {
  return intDigits.replace(/\B(?=(\d{3})+(?!\d))/g, sep);
}

/** Literal text of a format part, with quotes and escapes resolved and currency brackets read. */
function literal(text: string): string {
  return text
    .replace(/\[\$([^\]-]*)(?:-[^\]]*)?\]/g, '$1')
    .replace(/\[[^\]]*\]/g, '')
    .replace(/"([^"]*)"/g, '$1')
    .replace(/\\(.)/g, '$1')
    .replace(/_./g, ' ')
    .replace(/\*./g, '');
}

function formatNumber(n: number, format: string, locale: string): string {
  const style = localeStyle(locale);
  const b = bare(format);
  if (b.includes('@') && !/[0#?]/.test(b)) return literal(format.replace('@', generalNumber(n, style.decimal)));
  if (!/[0#?]/.test(b)) return literal(format);
  const sci = /^([0#]+)(?:\.([0#]+))?E([+-])(0+)$/i.exec(b.trim());
  if (sci) return scientific(n, (sci[2] ?? '').length, sci[3] === '+', sci[4].length, style.decimal);
  let value = n;
  const percent = (b.match(/%/g) ?? []).length;
  value *= 100 ** percent;
  // The first and last digit placeholders bound the number; text around them is kept.
  const first = format.search(/[0#?]/);
  let last = first;
  for (let i = first; i < format.length; i++) {
    const ch = format[i];
    if ('0#?.,'.includes(ch)) last = i;
    else if (ch === 'E' || ch === 'e') break;
    else if (ch !== ' ' || !/[0#?]/.test(format[i + 1] ?? '')) break;
  }
  const prefix = format.slice(0, first);
  let numberPart = format.slice(first, last + 1);
  const suffix = format.slice(last + 1);
  // Trailing commas scale by thousands.
  while (numberPart.endsWith(',')) {
    value /= 1000;
    numberPart = numberPart.slice(0, -1);
  }
  const [intPattern, fracPattern = ''] = numberPart.split('.');
  const grouping = intPattern.includes(',');
  const decimals = (fracPattern.match(/[0#?]/g) ?? []).length;
  const minDecimals = (fracPattern.match(/0/g) ?? []).length;
  const minInt = (intPattern.match(/0/g) ?? []).length;
  const abs = Math.abs(value);
  let [intText, fracText = ''] = abs.toFixed(decimals).split('.');
  fracText = fracText.replace(/0+$/, '');
  while (fracText.length < minDecimals) fracText += '0';
  if (intText === '0' && minInt === 0) intText = '';
  while (intText.length < minInt) intText = '0' + intText;
  if (grouping) intText = group(intText, style.group);
  let body = intText + (fracText ? style.decimal + fracText : decimals && minDecimals ? style.decimal : '');
  if (body === '') body = '0';
  const sign = value < 0 && Number(abs.toFixed(decimals)) !== 0 ? '-' : '';
  return sign + literal(prefix) + body + literal(suffix);
}

/** `0.00E+00`: 100000 -> 1.00E+05. */
function scientific(n: number, decimals: number, plus: boolean, expDigits: number, decimal: string): string {
  const [mantissa, exp] = n.toExponential(decimals).split('e');
  const e = Number(exp);
  const sign = e < 0 ? '-' : plus ? '+' : '';
  return `${mantissa.replace('.', decimal)}E${sign}${String(Math.abs(e)).padStart(expDigits, '0')}`;
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

function formatDate(wall: WallTime, format: string, locale: string): string {
  const d = new Date(wall.ms);
  const Y = d.getUTCFullYear();
  const M = d.getUTCMonth();
  const D = d.getUTCDate();
  const h = d.getUTCHours();
  const mi = d.getUTCMinutes();
  const s = d.getUTCSeconds();
  const ampm = /am\/pm|a\/p/i.test(format);
  const monthNames = (style: 'long' | 'short') =>
    new Intl.DateTimeFormat(locale.replace('_', '-'), { month: style, timeZone: 'UTC' }).format(d);
  const dayNames = (style: 'long' | 'short') =>
    new Intl.DateTimeFormat(locale.replace('_', '-'), { weekday: style, timeZone: 'UTC' }).format(d);
  let out = '';
  let lastWasHour = false;
  for (let i = 0; i < format.length;) {
    const rest = format.slice(i);
    const lower = rest.toLowerCase();
    let m: RegExpExecArray | null;
    if (rest[0] === '"') {
      const end = format.indexOf('"', i + 1);
      out += format.slice(i + 1, end < 0 ? undefined : end);
      i = end < 0 ? format.length : end + 1;
      continue;
    }
    if (rest[0] === '\\') {
      out += rest[1] ?? '';
      i += 2;
      continue;
    }
    if (rest[0] === '[') {
      const end = format.indexOf(']', i);
      i = end < 0 ? format.length : end + 1;
      continue;
    }
    if (lower.startsWith('am/pm')) {
      out += h < 12 ? 'AM' : 'PM';
      i += 5;
      continue;
    }
    if (lower.startsWith('a/p')) {
      out += h < 12 ? 'A' : 'P';
      i += 3;
      continue;
    }
    if ((m = /^(y+)/i.exec(rest))) {
      out += m[1].length <= 2 ? pad(Y % 100, 2) : String(Y);
      i += m[1].length;
      lastWasHour = false;
      continue;
    }
    if ((m = /^(d+)/i.exec(rest))) {
      const n = m[1].length;
      out += n === 1 ? String(D) : n === 2 ? pad(D, 2) : n === 3 ? dayNames('short') : dayNames('long');
      i += n;
      lastWasHour = false;
      continue;
    }
    if ((m = /^(h+)/i.exec(rest))) {
      const hour = ampm ? h % 12 || 12 : h;
      out += m[1].length >= 2 ? pad(hour, 2) : String(hour);
      i += m[1].length;
      lastWasHour = true;
      continue;
    }
    if ((m = /^(s+)/i.exec(rest))) {
      out += m[1].length >= 2 ? pad(s, 2) : String(s);
      i += m[1].length;
      lastWasHour = false;
      continue;
    }
    if ((m = /^(m+)/i.exec(rest))) {
      const n = m[1].length;
      const minutes = lastWasHour || /^m+[^a-z]*s/i.test(rest);
      if (minutes && n <= 2) out += n === 2 ? pad(mi, 2) : String(mi);
      else
        out +=
          n === 1
            ? String(M + 1)
            : n === 2
              ? pad(M + 1, 2)
              : n === 3
                ? monthNames('short')
                : n === 5
                  ? monthNames('long')[0]
                  : monthNames('long');
      i += n;
      lastWasHour = false;
      continue;
    }
    out += rest[0];
    i += 1;
  }
  return out;
}

/** English month and day names, for Utilities.formatDate. */
export const NAMES = { MONTHS, DAYS };

/** The text Sheets shows for a value in a cell with this number format and locale. */
export function displayText(value: Stored, format: string | undefined, locale: string): string {
  if (typeof value === 'string') {
    if (!isGeneral(format)) {
      const parts = sections(format as string);
      if (parts.length >= 4) return literal(parts[3].replace('@', value));
    }
    return value;
  }
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  const style = localeStyle(locale);
  if (value instanceof WallTime) {
    if (isGeneral(format) || format === '@') {
      const hasTime = value.ms % 86_400_000 !== 0;
      return formatDate(value, defaultDateFormat(locale) + (hasTime ? ' h:mm:ss' : ''), locale);
    }
    if (isDateFormat(format)) return formatDate(value, sections(format as string)[0], locale);
    return displayText(value.serial, format, locale);
  }
  if (isGeneral(format) || format === '@') return generalNumber(value, style.decimal);
  if (isDateFormat(format)) {
    if (value < 0 || value > 2958466) return generalNumber(value, style.decimal);
    return formatDate(WallTime.fromSerial(value), sections(format as string)[0], locale);
  }
  const parts = sections(format as string);
  if (value < 0 && parts.length >= 2 && parts[1] !== '') return formatNumber(-value, parts[1], locale);
  if (value === 0 && parts.length >= 3 && parts[2] !== '') return formatNumber(0, parts[2], locale);
  return formatNumber(value, parts[0], locale);
}
