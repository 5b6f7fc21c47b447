/**
 * What a spreadsheet's locale decides about reading text, apart from the rest of
 * src/core/values.ts so that the sidebar can take the locale's conventions
 * (src/core/localeFormats.ts) without the message catalogue.
 */

/** What the spreadsheet's locale decides about reading text. */
export interface LocaleRules {
  /** 05/03/2024 is 3 May (en_US) rather than 5 March. */
  monthFirst: boolean;
  /** 1,5 is one and a half (ru, uk, de...) rather than fifteen hundred-ish. */
  decimalComma: boolean;
}

const MONTH_FIRST = new Set(['en_us', 'en_ph', 'es_us', 'fil', 'fil_ph', 'en_as', 'en_gu', 'en_pr']);
const DOT_DECIMAL_LANGUAGES = new Set(['en', 'ja', 'zh', 'ko', 'th', 'he', 'iw', 'hi', 'ms', 'fil', 'ga', 'ta', 'te', 'bn']);

/** Reading rules for a Sheets locale code such as `en_US`, `ru_RU`, `uk`. */
export function localeRules(locale: string | undefined): LocaleRules {
  const code = (locale || 'en_US').toLowerCase().replace('-', '_');
  const language = code.split('_')[0];
  return { monthFirst: MONTH_FIRST.has(code), decimalComma: !DOT_DECIMAL_LANGUAGES.has(language) };
}
