/**
 * What every server call starts from: the spreadsheet, its calendar and number
 * rules, the user's language, today, and the saved settings (read leniently).
 */
import { type Calendar, calendarFor } from '../core/calendar';
import { type LocaleRules, localeRules } from '../core/values';
import { type Lang, langOf, parseLang } from '../i18n/catalogue';
import { activeSpreadsheet, type OpenSpreadsheet, type Spreadsheet } from '../gas/spreadsheet';
import { loadLangChoice, loadSettingsText } from '../gas/storage';
import { activeUserLocale } from '../gas/ui';
import type { ReportSettings, ScheduleSettings } from './api';
import type { CampaignSettings } from './campaignSettings';
import { parseStoredSettings } from './settings';

export interface AddonSession {
  /** A handle for src/gas; the add-on layer never calls it itself. */
  ss: Spreadsheet;
  spreadsheetId: string;
  timeZone: string;
  /** The spreadsheet's locale (`en_US`): how text is read and how numbers and dates are shown; never the language. */
  locale: string;
  calendar: Calendar;
  rules: LocaleRules;
  lang: Lang;
  /** The user's explicit language choice, or null when it follows the locale. */
  langChoice: Lang | null;
  today: number;
  settings: ReportSettings;
  schedule: ScheduleSettings;
  campaigns: CampaignSettings;
  settingsWarning: string | null;
}

/** The user's language: their choice, else their locale, else the spreadsheet's. */
export function userLang(spreadsheetLocale: string): { lang: Lang; choice: Lang | null } {
  const choice = parseLang(loadLangChoice() ?? '') ?? null;
  if (choice) return { lang: choice, choice };
  // Not available in every auth mode; the spreadsheet's locale is the next best guess.
  const locale = activeUserLocale();
  return { lang: langOf(locale || spreadsheetLocale), choice: null };
}

/** The session of the open spreadsheet, or of one opened by id (a trigger has none open). */
export function openSession(spreadsheet: OpenSpreadsheet = activeSpreadsheet()): AddonSession {
  const { ss, id, locale, timeZone } = spreadsheet;
  const calendar = calendarFor(timeZone);
  const { lang, choice } = userLang(locale);
  const today = calendar.dayOf(new Date());
  const stored = parseStoredSettings(loadSettingsText(id), lang, today);
  return {
    ss,
    spreadsheetId: id,
    timeZone,
    locale: locale || 'en_US',
    calendar,
    rules: localeRules(locale),
    lang,
    langChoice: choice,
    today,
    settings: stored.reports,
    schedule: stored.schedule,
    campaigns: stored.campaigns,
    settingsWarning: stored.warning,
  };
}
