/**
 * The Send log sheet: one row per recipient per run, appended with one setValues
 * call. Owned by the add-on (developer metadata), so it is found again whatever
 * its name, and never confused with a user's sheet.
 */
import type { Cell } from '../reports/sheetSpec';
import { REPORT_KEY, cellForSheet, ownedSheets } from './writeSheet';

export const SEND_LOG_KEY = 'sendLog';

/**
 * Rewrites the header row of the Send log, if there is one, in another language
 * (after the user switched it); the rows below are left as they were logged.
 */
export function relabelSendLog(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, header: string[]): void {
  const sheet = ownedSheets(ss).get(SEND_LOG_KEY);
  if (!sheet || sheet.getLastRow() === 0) return;
  sheet.getRange(1, 1, 1, header.length).setValues([header]).setFontWeight('bold');
}

/** Appends rows (a time first); `timeFormat` is the pattern of that time, the spreadsheet locale's date and hh:mm. */
export function appendSendLog(
  ss: GoogleAppsScript.Spreadsheet.Spreadsheet,
  name: string,
  header: string[],
  rows: unknown[][],
  timeFormat: string,
): void {
  if (rows.length === 0) return;
  let sheet = ownedSheets(ss).get(SEND_LOG_KEY);
  if (!sheet) {
    const taken = new Set(ss.getSheets().map((s) => s.getName()));
    let free = name;
    for (let i = 2; taken.has(free); i++) free = `${name} (${i})`;
    const made = ss.insertSheet(free, ss.getSheets().length);
    // Owned first: a run stopped halfway leaves a sheet the next run finds again (and heads), not a second one.
    try {
      made.addDeveloperMetadata(REPORT_KEY, SEND_LOG_KEY, SpreadsheetApp.DeveloperMetadataVisibility.PROJECT);
    } catch (e) {
      try {
        ss.deleteSheet(made);
      } catch {
        // Left as an ordinary sheet; the next run makes its log beside it.
      }
      throw e;
    }
    sheet = made;
  }
  let first = sheet.getLastRow() + 1;
  if (first === 1) {
    sheet.getRange(1, 1, 1, header.length).setValues([header]).setFontWeight('bold');
    sheet.setFrozenRows(1);
    first = 2;
  }
  const needed = first + rows.length - 1;
  if (needed > sheet.getMaxRows()) sheet.insertRowsAfter(sheet.getMaxRows(), needed - sheet.getMaxRows());
  // Recipients and segment names are text from the user's settings: kept text as in every report.
  const safe = rows.map((r) => r.map((v) => cellForSheet(v as Cell)));
  sheet.getRange(first, 1, rows.length, header.length).setValues(safe);
  sheet.getRange(first, 1, rows.length, 1).setNumberFormat(timeFormat);
}
