/**
 * Every message the predictive models (and the suggested bands) show a spreadsheet user. The texts live in
 * the message catalogue (src/i18n/messages/model.ts); a ModelError carries the key
 * and figures: its message is English, and the custom function, report or sidebar
 * that shows it gives it in the user's language (`messageIn`).
 */

import { UserError } from '../errors';
import { sentenceNumber } from '../localeFormats';
import { t, type Lang, type MessageKey } from '../../i18n/catalogue';

export type ModelName = 'BG/NBD' | 'Gamma-Gamma' | 'CLV';

export type RfmField = 'x' | 'tx' | 'T' | 'monetary';

/** Field names as the user knows them (the API's time unit is days). */
const FIELD_KEYS: Record<RfmField, MessageKey> = {
  x: 'model.field.x',
  tx: 'model.field.tx',
  T: 'model.field.T',
  monetary: 'model.field.monetary',
};

/**
 * A catalogue message with its figures: `counts` are shown grouped the way the
 * language writes numbers, with `{name}` and their plural forms under `{nameN:...}`;
 * `values` are the user's own figures, shown as they are.
 */
export interface ModelMessage {
  key: MessageKey;
  model?: ModelName;
  counts?: Record<string, number>;
  values?: Record<string, string>;
  field?: RfmField;
}

/** The message in a language; its counts in the spreadsheet locale's marks when the locale is given (docs/definitions.md §19). */
export function renderModelMessage(lang: Lang, message: ModelMessage, locale?: string): string {
  const params: Record<string, string | number> = { ...message.values };
  if (message.model) params.model = message.model;
  if (message.field) params.field = t(lang, FIELD_KEYS[message.field]);
  for (const [name, n] of Object.entries(message.counts ?? {})) {
    params[name] = locale === undefined ? groupDigits(lang, n) : sentenceNumber(locale, n);
    params[`${name}N`] = n;
  }
  return t(lang, message.key, params);
}

/** A UserError whose message is English and can be given in another language. */
export class ModelError extends UserError {
  readonly detail: ModelMessage;

  constructor(detail: ModelMessage) {
    super(renderModelMessage('en', detail));
    this.detail = detail;
  }

  override messageIn(lang: Lang, locale?: string): string {
    return renderModelMessage(lang, this.detail, locale);
  }
}

export const messages = {
  tooFewCustomers: (model: ModelName, count: number): ModelMessage =>
    count === 0 ? { key: 'model.error.noCustomers', model } : { key: 'model.error.tooFewCustomers', model, counts: { count } },
  tooFewRepeatBuyers: (repeatBuyers: number, customers: number, minimum: number): ModelMessage => ({
    key: 'model.error.tooFewRepeatBuyers',
    counts: { repeatBuyers, customers, minimum },
  }),
  allOnOneDay: (customers: number): ModelMessage => ({ key: 'model.error.allOnOneDay', counts: { customers } }),
  tooFewSpenders: (spenders: number, customers: number, minimum: number): ModelMessage => ({
    key: 'model.error.tooFewSpenders',
    counts: { spenders, customers, minimum },
  }),
  spendDoesNotVary: (spenders: number): ModelMessage => ({ key: 'model.error.spendDoesNotVary', counts: { spenders } }),
  notFinite: (model: ModelName, customer: number, field: RfmField, value: unknown): ModelMessage => ({
    key: 'model.error.notFinite',
    model,
    field,
    counts: { customer },
    values: { value: String(value) },
  }),
  negative: (model: ModelName, customer: number, field: RfmField, value: number): ModelMessage => ({
    key: 'model.error.negative',
    model,
    field,
    counts: { customer },
    values: { value: String(value) },
  }),
  notWhole: (model: ModelName, customer: number, value: number): ModelMessage => ({
    key: 'model.error.notWhole',
    model,
    counts: { customer },
    values: { value: String(value) },
  }),
  lastAfterEnd: (model: ModelName, customer: number, tx: number, T: number): ModelMessage => ({
    key: 'model.error.lastAfterEnd',
    model,
    counts: { customer },
    values: { tx: String(tx), T: String(T) },
  }),
  lastWithoutRepeat: (model: ModelName, customer: number, tx: number): ModelMessage => ({
    key: 'model.error.lastWithoutRepeat',
    model,
    counts: { customer },
    values: { tx: String(tx) },
  }),
  notConverged: (model: ModelName): ModelMessage => ({ key: 'model.error.notConverged', model }),
  infiniteMeanSpend: (q: number): ModelMessage => ({ key: 'model.error.infiniteMeanSpend', values: { q: q.toPrecision(3) } }),
  badUnit: (value: unknown): ModelMessage => ({ key: 'model.error.badUnit', values: { value: String(value) } }),
  badMonths: (value: unknown): ModelMessage => ({ key: 'model.error.badMonths', values: { value: String(value) } }),
  badDiscountRate: (value: unknown): ModelMessage => ({ key: 'model.error.badDiscountRate', values: { value: String(value) } }),
  tooFewRepeatPurchases: (count: number, minimum: number): ModelMessage => ({
    key: 'model.bands.error.tooFewRepeatPurchases',
    counts: { count, minimum },
  }),
};

/** 1234567 -> "1,234,567" in English, "1 234 567" (no-break spaces) in Russian and Ukrainian. */
export function groupDigits(lang: Lang, n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, lang === 'en' ? ',' : '\u00a0');
}

/** 1234567 -> "1,234,567" (the catalogue's English formatting, independent of the runtime locale). */
export function formatCount(n: number): string {
  return groupDigits('en', n);
}
