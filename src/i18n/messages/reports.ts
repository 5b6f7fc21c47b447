import { defineMessages } from './define';

/** Messages of the reports area, in English, Russian and Ukrainian. */
export const reportMessages = defineMessages({
  en: {},
  ru: {},
  uk: {},
});
