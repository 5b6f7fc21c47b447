/**
 * The add-on's surfaces in the Sheets window: the menu, the sidebar, dialogs, and
 * the few facts known before authorisation (the auth mode, the user's locale).
 */

/** True when Sheets runs onOpen/onInstall before the user enabled the add-on in this file. */
export function withoutAuthorisation(
  e: GoogleAppsScript.Events.SheetsOnOpen | GoogleAppsScript.Events.AddonOnInstall | undefined,
): boolean {
  return e !== undefined && e.authMode === ScriptApp.AuthMode.NONE;
}

/** The user's locale ('' where it cannot be read in this auth mode). */
export function activeUserLocale(): string {
  try {
    return Session.getActiveUserLocale();
  } catch {
    return '';
  }
}

/** One menu entry: its label and the global function it runs; null is a separator. */
export type MenuItem = { label: string; run: string } | null;

/** The add-on's menu under Extensions. */
export function addAddonMenu(items: MenuItem[]): void {
  let menu = SpreadsheetApp.getUi().createAddonMenu();
  for (const item of items) menu = item === null ? menu.addSeparator() : menu.addItem(item.label, item.run);
  menu.addToUi();
}

/** Opens an HTML file of the project (dist/Sidebar.html) as the sidebar. */
export function openSidebar(file: string, title: string): void {
  SpreadsheetApp.getUi().showSidebar(HtmlService.createHtmlOutputFromFile(file).setTitle(title));
}

/** A dialog with an OK button. */
export function alert(title: string, message: string): void {
  const ui = SpreadsheetApp.getUi();
  ui.alert(title, message, ui.ButtonSet.OK);
}
