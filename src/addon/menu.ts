/**
 * The add-on menu and the entry points behind it. onOpen may run without
 * authorisation (AuthMode.NONE, before the user has enabled the add-on in this
 * file): then it only builds the menu, in the user's locale, and touches nothing else.
 */
import { errorMessageIn } from '../core/errors';
import { langOf, t } from '../i18n/catalogue';
import { requireScopes } from '../gas/authorization';
import { toast } from '../gas/spreadsheet';
import { activeUserLocale, addAddonMenu, alert, openSidebar, withoutAuthorisation } from '../gas/ui';
import { type AddonSession, openSession } from './session';
import { rebuildAll } from './reportRun';

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
  alert(t(lang, 'help.title'), t(lang, 'help.body'));
}

/** Menu: rebuild every report; the outcome in a toast, a failure in a dialog. */
export function rebuildAllReports(): string {
  requireScopes(['spreadsheets']);
  let session: AddonSession | null = null;
  try {
    session = openSession();
    const { reports, millis } = rebuildAll(session);
    const message = t(session.lang, 'rebuild.done', { n: reports, seconds: (millis / 1000).toFixed(1) });
    toast(session.ss, message, t(session.lang, 'rebuild.title'), 5);
    return message;
  } catch (e) {
    const lang = session?.lang ?? 'en';
    const message = errorMessageIn(e, lang);
    // From a menu the dialog is the only place the user sees what went wrong.
    alert(t(lang, 'rebuild.title'), message);
    return message;
  }
}
