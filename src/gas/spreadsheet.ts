/**
 * The spreadsheet as the add-on layer sees it: handles it passes back here, and
 * plain values (ids, names, header rows, values). Nothing outside src/gas calls a
 * method on a Spreadsheet or a Sheet.
 */
import { isAddonSheet } from './writeSheet';

export type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;
export type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

/** An open spreadsheet and the facts every call needs about it, read once. */
export interface OpenSpreadsheet {
  ss: Spreadsheet;
  id: string;
  locale: string;
  timeZone: string;
}

function describe(ss: Spreadsheet): OpenSpreadsheet {
  return { ss, id: ss.getId(), locale: ss.getSpreadsheetLocale(), timeZone: ss.getSpreadsheetTimeZone() };
}

/** The spreadsheet the user has open (the sidebar's, the menu's). */
export function activeSpreadsheet(): OpenSpreadsheet {
  return describe(SpreadsheetApp.getActiveSpreadsheet());
}

/** A spreadsheet by id: a trigger runs with none open. */
export function spreadsheetById(id: string): OpenSpreadsheet {
  return describe(SpreadsheetApp.openById(id));
}

/** The user's own sheets (not the add-on's reports, nor what a failed rebuild left), in tab order, with their names. */
export function userSheets(ss: Spreadsheet): { sheet: Sheet; name: string }[] {
  return ss
    .getSheets()
    .filter((s) => !isAddonSheet(s))
    .map((sheet) => ({ sheet, name: sheet.getName() }));
}

/** A sheet by name, and whether the add-on made it. */
export function sheetNamed(ss: Spreadsheet, name: string): { sheet: Sheet; owned: boolean } | null {
  const sheet = ss.getSheetByName(name);
  return sheet ? { sheet, owned: isAddonSheet(sheet) } : null;
}

/** The first row's values ([] for an empty sheet); `display` gives the texts Sheets shows. */
export function headerRow(sheet: Sheet, display = false): unknown[] {
  const cols = sheet.getLastColumn();
  if (cols === 0) return [];
  const range = sheet.getRange(1, 1, 1, cols);
  return display ? range.getDisplayValues()[0] : range.getValues()[0];
}

/** The whole data range in one call: header row first. */
export function dataValues(sheet: Sheet): unknown[][] {
  return sheet.getDataRange().getValues();
}

export function spreadsheetName(ss: Spreadsheet): string {
  return ss.getName();
}

/**
 * The spreadsheet's address, for links in the e-mails:
 * https://developers.google.com/apps-script/reference/spreadsheet/spreadsheet#getUrl()
 */
export function spreadsheetUrl(ss: Spreadsheet): string {
  return ss.getUrl();
}

/**
 * The number formats of one column's first `rows` data rows (below the header), for
 * the currency the amounts show: Range.getNumberFormats()
 * https://developers.google.com/apps-script/reference/spreadsheet/range#getNumberFormats()
 */
export function columnNumberFormats(sheet: Sheet, column: number, rows: number): string[] {
  const count = Math.min(rows, sheet.getLastRow() - 1);
  if (count < 1) return [];
  return sheet
    .getRange(2, column + 1, count, 1)
    .getNumberFormats()
    .map((r) => r[0]);
}

export function sheetName(sheet: Sheet): string {
  return sheet.getName();
}

/** Brings a sheet to the front, as a built report should be. */
export function showSheet(ss: Spreadsheet, sheet: Sheet): void {
  ss.setActiveSheet(sheet);
}

/** A short note in the corner of the spreadsheet. */
export function toast(ss: Spreadsheet, message: string, title: string, seconds: number): void {
  ss.toast(message, title, seconds);
}
