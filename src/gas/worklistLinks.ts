/**
 * Where each campaign's worklist sheet is, for the e-mail's links: the sheets the
 * add-on owns under the key `worklist:<campaign id>` (written by the rebuild,
 * src/reports/worklist.ts), found by their developer metadata whatever the user
 * renamed them to. A sheet's link is the spreadsheet's address with `#gid=<sheet id>`
 * (Sheet.getSheetId(): https://developers.google.com/apps-script/reference/spreadsheet/sheet#getSheetId()).
 */
import { ownedSheets } from './writeSheet';

export const WORKLIST_KEY_PREFIX = 'worklist:';

/** Campaign id -> sheet id of its worklist; one pass over the sheets. */
export function worklistSheetIds(ss: GoogleAppsScript.Spreadsheet.Spreadsheet): Map<string, number> {
  const ids = new Map<string, number>();
  for (const [key, sheet] of ownedSheets(ss))
    if (key.startsWith(WORKLIST_KEY_PREFIX)) ids.set(key.slice(WORKLIST_KEY_PREFIX.length), sheet.getSheetId());
  return ids;
}
