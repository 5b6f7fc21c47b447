/**
 * The add-on menu and the entry points behind it. onOpen may run without
 * authorisation (AuthMode.NONE, before the user has enabled the add-on in this
 * file): then it only builds the menu, in the user's locale, and touches nothing else.
 */
import { errorMessageIn } from '../core/errors';
import { langOf, t } from '../i18n/catalogue';
import { AddonSession, openSession } from './session';
import { rebuildAll } from './reportRun';

export function onOpen(e?: GoogleAppsScript.Events.SheetsOnOpen): void {
  const authorised = !e || e.authMode !== ScriptApp.AuthMode.NONE;
  let lang = langOf(undefined);
  if (authorised) {
    try {
      lang = openSession().lang;
    } catch {
      // A menu in English is better than no menu.
    }
  } else {
    try {
      lang = langOf(Session.getActiveUserLocale());
    } catch {
      // Not available without authorisation in some contexts.
    }
  }
  SpreadsheetApp.getUi()
    .createAddonMenu()
    .addItem(t(lang, 'menu.sidebar'), 'showSidebar')
    .addItem(t(lang, 'menu.rebuildAll'), 'rebuildAllReports')
    .addSeparator()
    .addItem(t(lang, 'menu.help'), 'showHelp')
    .addToUi();
}

export function onInstall(e?: GoogleAppsScript.Events.AddonOnInstall): void {
  onOpen(e as unknown as GoogleAppsScript.Events.SheetsOnOpen);
}

export function showSidebar(): void {
  const session = openSession();
  const html = HtmlService.createHtmlOutputFromFile('Sidebar').setTitle(t(session.lang, 'menu.title'));
  SpreadsheetApp.getUi().showSidebar(html);
}

export function showHelp(): void {
  const { lang } = openSession();
  SpreadsheetApp.getUi().alert(t(lang, 'help.title'), t(lang, 'help.body'), SpreadsheetApp.getUi().ButtonSet.OK);
}

/** Menu: rebuild every report; the outcome in a toast, a failure in a dialog. */
export function rebuildAllReports(): string {
  let session: AddonSession | null = null;
  try {
    session = openSession();
    const { reports, millis } = rebuildAll(session);
    const message = t(session.lang, 'rebuild.done', { n: reports, seconds: (millis / 1000).toFixed(1) });
    session.ss.toast(message, t(session.lang, 'rebuild.title'), 5);
    return message;
  } catch (e) {
    const lang = session?.lang ?? 'en';
    const message = errorMessageIn(e, lang);
    // From a menu the dialog is the only place the user sees what went wrong.
    SpreadsheetApp.getUi().alert(t(lang, 'rebuild.title'), message, SpreadsheetApp.getUi().ButtonSet.OK);
    return message;
  }
}
