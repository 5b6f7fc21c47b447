/**
 * What every server call starts from: the spreadsheet, its calendar and number
 * rules, the user's language, today, and the saved settings (read leniently).
 */
import { Calendar, calendarFor } from '../core/calendar';
import { LocaleRules, localeRules } from '../core/values';
import { Lang, langOf, parseLang } from '../i18n/catalogue';
import { loadLangChoice, loadSettingsText } from '../gas/storage';
import type { ReportSettings, ScheduleSettings } from './api';
import { parseStoredSettings } from './settings';

export interface AddonSession {
  ss: GoogleAppsScript.Spreadsheet.Spreadsheet;
  calendar: Calendar;
  rules: LocaleRules;
  lang: Lang;
  /** The user's explicit language choice, or null when it follows the locale. */
  langChoice: Lang | null;
  today: number;
  settings: ReportSettings;
  schedule: ScheduleSettings;
  settingsWarning: string | null;
}

/** The user's language: their choice, else their locale, else the spreadsheet's. */
export function userLang(spreadsheetLocale: string): { lang: Lang; choice: Lang | null } {
  const choice = parseLang(loadLangChoice() ?? '') ?? null;
  if (choice) return { lang: choice, choice };
  let locale = '';
  try {
    locale = Session.getActiveUserLocale();
  } catch {
    // Not available in every auth mode; the spreadsheet's locale is the next best guess.
  }
  return { lang: langOf(locale || spreadsheetLocale), choice: null };
}

/** The session of the open spreadsheet, or of one opened by id (a trigger has none open). */
export function openSession(spreadsheet?: GoogleAppsScript.Spreadsheet.Spreadsheet): AddonSession {
  const ss = spreadsheet ?? SpreadsheetApp.getActiveSpreadsheet();
  const locale = ss.getSpreadsheetLocale();
  const calendar = calendarFor(ss.getSpreadsheetTimeZone());
  const { lang, choice } = userLang(locale);
  const stored = parseStoredSettings(loadSettingsText(ss.getId()), lang);
  return {
    ss,
    calendar,
    rules: localeRules(locale),
    lang,
    langChoice: choice,
    today: calendar.dayOf(new Date()),
    settings: stored.reports,
    schedule: stored.schedule,
    settingsWarning: stored.warning,
  };
}
