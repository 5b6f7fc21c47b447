import { defineMessages } from './define';

/** Messages of the mail area, in English, Russian and Ukrainian. */
export const mailMessages = defineMessages({
  en: {},
  ru: {},
  uk: {},
});
