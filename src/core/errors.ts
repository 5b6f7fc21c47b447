import { t, type Lang } from '../i18n/catalogue';
import { localeMessage } from './localeMessages';
import type { ErrorKey } from '../i18n/messages/errors';

export type { ErrorKey };

/**
 * A figure of an error message: text or a number shown as it is; a cell value
 * quoted the way the user typed it (`{ quote }`, blank is "empty" in the language);
 * a list joined with "and" (`{ list }`); or another message (`{ key }`).
 */
export type ErrorParam = string | number | { quote: unknown } | { list: readonly unknown[] } | { key: ErrorKey };
export type ErrorParams = Record<string, ErrorParam>;
/** What a value should have been: "..., not a number". */
export type ExpectKey = Extract<ErrorKey, `err.expect.${string}`>;

/**
 * An error message of the catalogue (src/i18n/messages/errors.ts) in a language; with the
 * spreadsheet's locale its numbers get the locale's marks (docs/definitions.md §19).
 */
export function renderError(lang: Lang, key: ErrorKey, params: ErrorParams = {}, locale?: string): string {
  const filled: Record<string, string | number> = {};
  for (const [name, param] of Object.entries(params)) filled[name] = renderParam(lang, param);
  return locale === undefined ? t(lang, key, filled) : localeMessage(lang, locale, key, filled);
}

function renderParam(lang: Lang, param: ErrorParam): string | number {
  if (typeof param !== 'object') return param;
  if ('quote' in param) return quoteIn(lang, param.quote);
  if ('list' in param) return param.list.length === 0 ? '' : param.list.map(String).reduce((a, b) => t(lang, 'err.list.and', { a, b }));
  return t(lang, param.key);
}

/**
 * The one error type the add-on shows to users. Its message is complete
 * (function, argument, row and value) and never carries a stack into a cell.
 * Made with `UserError.of(key, params)` its message is English and `messageIn`
 * gives it in another language: core code knows no language, the custom function
 * or sidebar that shows the error does.
 */
export class UserError extends Error {
  readonly key: ErrorKey | undefined;
  readonly params: ErrorParams;

  constructor(message: string, detail?: { key: ErrorKey; params: ErrorParams }) {
    super(message);
    this.name = 'UserError';
    this.key = detail?.key;
    this.params = detail?.params ?? {};
  }

  /** An error from the catalogue: English message, any language through `messageIn`. */
  static of(key: ErrorKey, params: ErrorParams = {}): UserError {
    return new UserError(renderError('en', key, params), { key, params });
  }

  /** The message in a language (numbers in the locale's marks when it is given); an error made from a ready text keeps it. */
  messageIn(lang: Lang, locale?: string): string {
    return this.key === undefined ? this.message : renderError(lang, this.key, this.params, locale);
  }
}

/** The message of anything thrown, in a language where it is a catalogue error, numbers by the locale when given. */
export function errorMessageIn(error: unknown, lang: Lang, locale?: string): string {
  if (error instanceof UserError) return error.messageIn(lang, locale);
  return error instanceof Error ? error.message : String(error);
}

/** Shows a cell value in an error message the way the user typed it. */
export function quote(value: unknown): string {
  return quoteIn('en', value);
}

/** A cell value as the user typed it; a blank is "empty" in the language. */
export function quoteIn(lang: Lang, value: unknown): string {
  if (value === '' || value === null || value === undefined) return t(lang, 'err.value.empty');
  if (isDateLike(value)) return Number.isNaN(value.getTime()) ? '"Invalid Date"' : `"${value.toISOString().slice(0, 10)}"`;
  const text = String(value);
  return `"${text.length > 40 ? text.slice(0, 37) + '...' : text}"`;
}

/** Dates from another JavaScript realm (Sheets, vm contexts) fail `instanceof Date`. */
export function isDateLike(value: unknown): value is Date {
  return Object.prototype.toString.call(value) === '[object Date]';
}
