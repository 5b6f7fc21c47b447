import { defineMessages } from './define';

/** Messages of the addon area, in English, Russian and Ukrainian. */
export const addonMessages = defineMessages({
  en: {},
  ru: {},
  uk: {},
});
