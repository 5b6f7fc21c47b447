import { defineMessages } from './define';

/** Messages of the sidebar area, in English, Russian and Ukrainian. */
export const sidebarMessages = defineMessages({
  en: {},
  ru: {},
  uk: {},
});
