import { defineMessages } from './define';

/** Messages of the model area, in English, Russian and Ukrainian. */
export const modelMessages = defineMessages({
  en: {},
  ru: {},
  uk: {},
});
