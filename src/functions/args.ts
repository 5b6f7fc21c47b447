/**
 * Turning custom-function arguments (scalars or 2D arrays, '' for blanks) into
 * typed values, with errors that name the function, argument, row and value.
 */
import { type Calendar, calendarFor } from '../core/calendar';
import { type ErrorKey, type ErrorParams, type ExpectKey, UserError, errorMessageIn, isDateLike, renderError } from '../core/errors';
import { type LocaleRules, MAX_AMOUNT, cellText, isBlank, localeRules, otherOrderDate, parseAmount, parseDay } from '../core/values';
import { type Lang, langOf, parseLang } from '../i18n/catalogue';
import { spreadsheetEnv } from '../gas/spreadsheetEnv';

/** What every custom function knows about where it runs. */
export interface CallContext {
  fn: string;
  calendar: Calendar;
  rules: LocaleRules;
  lang: Lang;
  today: number;
}

/**
 * The language of the custom-function call under way, as its context last set it:
 * `guarded` shows an error from core code (which knows no language) in it. Calls
 * run one at a time, each inside `guarded`, which clears it first.
 */
let callLang: Lang | undefined;

export function callContext(fn: string, language: unknown): CallContext {
  const env = spreadsheetEnv();
  const calendar = calendarFor(env.timeZone);
  const ctx = { fn, calendar, rules: localeRules(env.locale), lang: langOf(env.locale), today: calendar.dayOf(new Date()) };
  callLang = ctx.lang;
  return withLanguage(ctx, language);
}

/** The context with the language argument applied, where one was given. */
export function withLanguage(ctx: CallContext, language: unknown): CallContext {
  if (isBlank(language)) return ctx;
  const chosen = parseLang(String(language));
  // The language asked for is not known: the message is English, whatever the locale.
  if (!chosen) throw new UserError(`${ctx.fn}: ${renderError('en', 'err.fn.badLanguage', { value: { quote: language } })}`);
  callLang = chosen;
  return { ...ctx, lang: chosen };
}

/** An error of the custom function, "FN: ...", in the call's language. */
export function callError(ctx: CallContext, key: ErrorKey, params: ErrorParams = {}): UserError {
  return new UserError(`${ctx.fn}: ${renderError(ctx.lang, key, params)}`);
}

/**
 * An error thrown by core code (which knows no language) as the custom function
 * shows it: "FN: ...", in the call's language. Errors that already name the function pass as they are.
 */
export function asCallError(ctx: CallContext, error: unknown): unknown {
  if (!(error instanceof UserError) || error.message.startsWith(`${ctx.fn}:`)) return error;
  return new UserError(`${ctx.fn}: ${error.messageIn(ctx.lang)}`);
}

/**
 * Runs a custom function body so that any failure reaches the cell as one readable
 * line, in the call's language (English before the call has a context).
 */
export function guarded<T>(fn: string, body: () => T): T {
  callLang = undefined;
  try {
    return body();
  } catch (e) {
    const message = errorMessageIn(e, callLang ?? 'en');
    // The cell shows only the message; the cause stays attached for the execution log.
    throw new Error(message.startsWith(fn + ':') ? message : `${fn}: ${message}`, { cause: e });
  } finally {
    callLang = undefined;
  }
}

export function isRange(value: unknown): value is unknown[][] {
  return Array.isArray(value);
}

/** True when an argument was left out or is an empty cell. */
export function isOmitted(value: unknown): boolean {
  return value === undefined || isBlank(value) || (isRange(value) && value.every((r) => r.every(isBlank)));
}

/** Values of a one-column (or one-row) argument, trailing blank rows dropped. */
export function columnValues(ctx: CallContext, name: string, value: unknown): unknown[] {
  let cells: unknown[];
  if (!isRange(value)) cells = [value];
  else if (value.length === 1 && value[0].length > 1) cells = value[0];
  else {
    if (value.length > 0 && value[0].length > 1) {
      throw callError(ctx, 'err.fn.notOneColumn', { name, count: value[0].length });
    }
    cells = value.map((r) => r[0]);
  }
  let end = cells.length;
  while (end > 0 && isBlank(cells[end - 1])) end--;
  return cells.slice(0, end);
}

/**
 * A one-column argument as rows (the range itself, trailing blank rows cut off):
 * no per-row copies, which matters at 100,000 rows.
 */
export function columnRows(ctx: CallContext, name: string, value: unknown): unknown[][] {
  if (!isRange(value)) return isBlank(value) ? [] : [[value]];
  if (value.length === 1 && value[0].length > 1) return value[0].map((v) => [v]);
  if (value.length > 0 && value[0].length > 1) {
    throw callError(ctx, 'err.fn.notOneColumn', { name, count: value[0].length });
  }
  let end = value.length;
  while (end > 0 && isBlank(value[end - 1][0])) end--;
  return end === value.length ? value : value.slice(0, end);
}

/** Several column arguments must cover the same rows. */
export function sameLengths(ctx: CallContext, columns: Array<[string, unknown[]]>): number {
  const present = columns.filter(([, v]) => v.length > 0);
  const longest = Math.max(0, ...present.map(([, v]) => v.length));
  for (const [name, v] of columns) {
    if (v.length !== longest) {
      const [otherName] = present.find(([, w]) => w.length === longest) ?? ['', []];
      throw callError(ctx, 'err.fn.differentLengths', { name, count: v.length, other: otherName, longest });
    }
  }
  return longest;
}

/** The as-of date argument: a date on or before today. */
export function asOfArg(ctx: CallContext, value: unknown): number {
  const cell = firstCell(value);
  if (cell === undefined || isBlank(cell)) {
    throw callError(ctx, 'err.fn.asOfEmpty');
  }
  const day = parseDay(cell, ctx.calendar, ctx.rules);
  if (Number.isNaN(day))
    throw callError(ctx, 'err.fn.notExpected', { name: 'as_of', value: { quote: cell }, expected: { key: dateExpected(ctx, cell) } });
  if (day > ctx.today) throw callError(ctx, 'err.fn.asOfInFuture', { value: { quote: cell } });
  return day;
}

/**
 * What a value that is no date should have been: a date in the locale's order when
 * it is one only in the other order (13/01/2026 in en_US), else any date.
 */
export function dateExpected(ctx: CallContext, value: unknown): ExpectKey {
  const order = otherOrderDate(value, ctx.rules);
  return order === null ? 'err.expect.date' : order === 'dayFirst' ? 'err.expect.dateMonthFirst' : 'err.expect.dateDayFirst';
}

/** A single-cell argument that is a date (Date object or date text): how the per-customer shapes are told apart. */
export function isSingleDate(ctx: CallContext, value: unknown): boolean {
  if (isRange(value)) return false;
  if (isDateLike(value)) return true;
  return typeof value === 'string' && !Number.isNaN(parseDay(value, ctx.calendar, ctx.rules));
}

/** The first cell of an argument: a single value, or the top left cell of a range. */
export function firstCell(value: unknown): unknown {
  return isRange(value) ? value[0]?.[0] : value;
}

/** A number from a cell, "25%" read as 0.25; NaN when it is no number. */
function numberOf(ctx: CallContext, cell: unknown): number {
  const percent = typeof cell === 'string' && cell.trim().endsWith('%');
  const n = parseAmount(percent ? (cell as string).trim().slice(0, -1) : cell, ctx.rules);
  return percent ? n / 100 : n;
}

/**
 * An optional whole or fractional number argument; with `check`, a number it
 * refuses is an error saying what the argument should be (`expected`), with the value as typed.
 */
export function numberArg(
  ctx: CallContext,
  name: string,
  value: unknown,
  fallback: number,
  check?: (n: number) => boolean,
  expected: ExpectKey = 'err.expect.number',
): number {
  const cell = firstCell(value);
  if (cell === undefined || isBlank(cell)) return fallback;
  const n = numberOf(ctx, cell);
  if (Number.isNaN(n) || (check && !check(n))) {
    throw callError(ctx, 'err.fn.notExpected', {
      name,
      value: { quote: cell },
      expected: { key: Number.isNaN(n) ? 'err.expect.number' : expected },
    });
  }
  return n;
}

/** The longest period a day-count argument may have: 100 years, past any data a sheet holds, and far from overflow. */
export const MAX_DAYS = 36500;

/** An optional whole number of days from 1 to MAX_DAYS (period_days, lookback_days, lost_period_days). */
export function dayCountArg(ctx: CallContext, name: string, value: unknown, fallback: number): number {
  return numberArg(ctx, name, value, fallback, (n) => Number.isInteger(n) && n >= 1 && n <= MAX_DAYS, 'err.expect.dayCount');
}

/**
 * A share from 0 to 1 as a cell gives it: a number above 1 is a percent (25 is 25%),
 * "25%" is exactly 25%, whatever its size; NaN when it is no number. Out-of-range
 * shares stay as they are, for the caller to refuse.
 */
export function shareOfCell(ctx: CallContext, cell: unknown): number {
  if (typeof cell === 'string' && cell.trim().endsWith('%')) return numberOf(ctx, cell);
  const n = parseAmount(cell, ctx.rules);
  return n > 1 ? n / 100 : n;
}

/** True for a margin: a share from 0 to 100%. */
export function isMargin(share: number): boolean {
  return share >= 0 && share <= 1;
}

/** The optional margin argument: 25%, 0.25 or 25; outside 0..100% an error naming it and the value as typed. */
export function marginArg(ctx: CallContext, name: string, value: unknown): number | undefined {
  const cell = firstCell(value);
  if (cell === undefined || isBlank(cell)) return undefined;
  const share = shareOfCell(ctx, cell);
  if (!isMargin(share)) {
    throw callError(ctx, 'err.fn.notExpected', { name, value: { quote: cell }, expected: { key: 'err.expect.marginShare' } });
  }
  return share;
}

/** True for an amount a per-row argument may hold: from 0 to the order rows' limit. */
export function isAmount(n: number): boolean {
  return n >= 0 && n <= MAX_AMOUNT;
}

/** An argument as the user typed it, for a message: the text, or a range's cells joined with ";". */
export function typedValue(value: unknown): unknown {
  if (!isRange(value)) return value;
  return value
    .flat()
    .filter((v) => !isBlank(v))
    .map((v) => cellText(v))
    .join(';');
}

/**
 * An optional list of numbers: a range of cells ({2,4} or two cells), or text "2;4" / "2, 4".
 * With `shares`, each is read as a share (80, 80% and 0.8 are all 0.8: shareOfCell).
 */
export function numberListArg(ctx: CallContext, name: string, value: unknown, fallback: number[], shares = false): number[] {
  if (isOmitted(value)) return fallback;
  const cells: unknown[] = isRange(value)
    ? value.flat().filter((v) => !isBlank(v))
    : typeof value === 'string'
      ? value.split(/[;\s]+|,\s+/).filter((s) => s !== '')
      : [value];
  return cells.map((cell) => {
    const n = shares ? shareOfCell(ctx, cell) : numberOf(ctx, cell);
    if (Number.isNaN(n)) throw callError(ctx, 'err.fn.listNotANumber', { name, value: { quote: cell } });
    return n;
  });
}

/**
 * An optional text choice, compared in lower case. The choices are a Map: the text
 * is the user's, and on a plain object "constructor" or "__proto__" would be found.
 */
export function choiceArg<T extends string>(
  ctx: CallContext,
  name: string,
  value: unknown,
  choices: ReadonlyMap<string, T>,
  fallback: T,
): T {
  if (isOmitted(value)) return fallback;
  const cell = firstCell(value);
  const chosen = choices.get(String(cell).trim().toLowerCase());
  if (chosen === undefined)
    throw callError(ctx, 'err.fn.notAChoice', { name, value: { quote: cell }, choices: [...choices.keys()].join(', ') });
  return chosen;
}

/**
 * Numbers of a per-row argument; blanks stay NaN, text (or a number `check` refuses)
 * is an error naming the row and, with an err.expect.* phrase, what it should be.
 */
export function numberColumn(
  ctx: CallContext,
  name: string,
  values: unknown[],
  check?: (n: number) => boolean,
  expected: ExpectKey = 'err.expect.number',
): number[] {
  return values.map((v, i) => {
    if (isBlank(v)) return NaN;
    const n = parseAmount(v, ctx.rules);
    if (Number.isNaN(n) || (check && !check(n))) throw rowError(ctx, name, i + 1, v, expected);
    return n;
  });
}

/** "name row 3, column 2 is "x", not <expected>": a cell of a table argument. */
export function cellError(ctx: CallContext, name: string, row: number, column: number, value: unknown, expected: ExpectKey): UserError {
  return callError(ctx, 'err.fn.cellNotExpected', { name, row, column, value: { quote: value }, expected: { key: expected } });
}

/** "name row 3 is "x", not <expected>" in the call's language. */
export function rowError(ctx: CallContext, name: string, row: number, value: unknown, expected: ExpectKey): UserError {
  return callError(ctx, 'err.fn.rowNotExpected', { name, row, value: { quote: value }, expected: { key: expected } });
}
