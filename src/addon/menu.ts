/**
 * The add-on menu and the entry points behind it. onOpen may run without
 * authorisation (AuthMode.NONE, before the user has enabled the add-on in this
 * file): then it only builds the menu, in the user's locale, and touches nothing else.
 */
import { numberText } from '../core/localeFormats';
import { langOf, t } from '../i18n/catalogue';
import { requireScopes } from '../gas/authorization';
import { logLine } from '../gas/executionLog';
import { toast } from '../gas/spreadsheet';
import { activeUserLocale, addAddonMenu, alert, openSidebar, withoutAuthorisation } from '../gas/ui';
import { CUSTOM_FUNCTIONS } from './customFunctions';
import { type AddonSession, openSession } from './session';
import { notBuilt, rebuildAll } from './reportRun';

export function onOpen(e?: GoogleAppsScript.Events.SheetsOnOpen): void {
  let lang = langOf(undefined);
  if (withoutAuthorisation(e)) {
    lang = langOf(activeUserLocale());
  } else {
    try {
      lang = openSession().lang;
    } catch {
      // A menu in English is better than no menu.
    }
  }
  addAddonMenu([
    { label: t(lang, 'menu.sidebar'), run: 'showSidebar' },
    { label: t(lang, 'menu.rebuildAll'), run: 'rebuildAllReports' },
    null,
    { label: t(lang, 'menu.help'), run: 'showHelp' },
  ]);
}

export function onInstall(e?: GoogleAppsScript.Events.AddonOnInstall): void {
  onOpen(e as unknown as GoogleAppsScript.Events.SheetsOnOpen);
}

export function showSidebar(): void {
  // Granular consent: without these the sidebar could not open or read the orders;
  // Apps Script asks for them and the user opens it again.
  requireScopes(['containerUi', 'spreadsheets']);
  openSidebar('Sidebar', t(openSession().lang, 'menu.title'));
}

export function showHelp(): void {
  const { lang } = openSession();
  alert(t(lang, 'help.title'), t(lang, 'help.body', { functions: CUSTOM_FUNCTIONS.join(', ') }));
}

/**
 * Menu: rebuild every report; the outcome in a toast, a failure (which reports
 * were rebuilt, which kept their previous contents) in a dialog. Returns the text
 * shown. When the dialog or toast itself fails, the text is thrown, and Sheets
 * shows it in its error bar.
 */
export function rebuildAllReports(): string {
  requireScopes(['spreadsheets']);
  let session: AddonSession | null = null;
  let message: string;
  let failed: boolean;
  try {
    session = openSession();
    const { reports, millis, failure, summaries } = rebuildAll(session);
    // The execution log keeps each report's headline (the local CLI prints them).
    for (const line of summaries) logLine(line);
    failed = failure !== null;
    // Seconds with one decimal in the locale's marks (0.7 / 0,7): a number of the sentence (docs/definitions.md §19).
    const seconds = numberText(session.locale, millis / 1000, 1);
    message = failure ?? t(session.lang, 'rebuild.done', { n: reports, seconds });
  } catch (e) {
    const lang = session?.lang ?? 'en';
    message = notBuilt(e, lang, session?.locale).messageIn(lang, session?.locale);
    failed = true;
  }
  const lang = session?.lang ?? 'en';
  try {
    // From a menu the dialog is the only place the user sees what went wrong.
    if (failed || !session) alert(t(lang, 'rebuild.title'), message);
    else toast(session.ss, message, t(lang, 'rebuild.title'), 5);
  } catch {
    throw new Error(message);
  }
  return message;
}
