/**
 * Where the campaign log (src/core/campaigns/campaignLog.ts) is kept: a hidden
 * sheet `__campaign_log__` the add-on owns (developer metadata, key
 * CAMPAIGN_LOG_KEY), written by the one writer of every sheet (writeReport) and
 * read with one getValues. The calls are the same whatever the log's length: one
 * read per rebuild, one write (the sheet replaced as a whole, so trimming what is
 * older than two years costs nothing more).
 *
 * Hidden is as far as Sheets goes: a sheet is hidden or not ("hidden: True if the
 * sheet is hidden in the UI, false if it's visible",
 * https://developers.google.com/sheets/api/reference/rest/v4/spreadsheets/sheets#SheetProperties),
 * with nothing like Excel's "very hidden"; a user can show it again from the
 * View menu. What keeps it out of the way is the ownership tag: no reader of the
 * user's data looks at a sheet the add-on owns (userSheets), and the sidebar does
 * not list it among the reports (ownedReports).
 *
 * Until 0.2.0 the log lived in the document's properties, which hold 9 KB per
 * value and 500 KB per store (https://developers.google.com/apps-script/guides/services/quotas:
 * "Properties value size 9 KB / val", "Properties total storage 500 KB / property
 * store"): about 8,500 entries in the 300 KB it was given, far from two years of a
 * large campaign. When there is no log sheet yet, that text is read instead; the
 * first rebuild writes it to the sheet and then deletes the properties.
 */
import { decodeLegacyLog, decodeLogRows } from '../core/campaigns/campaignLog';
import type { CampaignLogEntry } from '../core/campaigns/campaign';
import { CAMPAIGN_LOG_KEY } from '../reports/campaignLogSheet';
import type { SheetSpec } from '../reports/sheetSpec';
import { ownedSheets, type SheetIndex, writeReport } from './writeSheet';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

/** The properties' keys of the old log: `<prefix>pieces` and `<prefix>0`, `<prefix>1`, ... */
export const LEGACY_PREFIX = 'repeatSales.campaignLog.';
const LEGACY_COUNT_KEY = `${LEGACY_PREFIX}pieces`;

/** The log as read, where it came from, and how many damaged rows (or lines of the old text) were skipped. */
export interface StoredLog {
  log: CampaignLogEntry[];
  skipped: number;
  from: 'sheet' | 'properties' | 'none';
}

function documentProperties(): GoogleAppsScript.Properties.Properties {
  const props = PropertiesService.getDocumentProperties();
  // A document store is what the old log needs: an execution without one must not list anyone it cannot remember.
  if (!props) throw new Error('document properties are not available to this run');
  return props;
}

/** The old log's text, null when there is none (one getProperties). */
function legacyText(): string | null {
  const all = documentProperties().getProperties();
  const pieces = Number(all[LEGACY_COUNT_KEY] ?? 0);
  if (!(Number.isInteger(pieces) && pieces > 0)) return null;
  const parts: string[] = [];
  for (let i = 0; i < pieces; i++) {
    const part = all[LEGACY_PREFIX + i];
    if (part !== undefined && part !== '') parts.push(part); // a lost piece loses only its own lines
  }
  return parts.join('\n');
}

/** The log's sheet: from the rebuild's index when there is one (no extra calls), else by the tags. */
function logSheet(ss: Spreadsheet, index?: SheetIndex): GoogleAppsScript.Spreadsheet.Sheet | null {
  if (index) return index.entries.find((e) => e.key === CAMPAIGN_LOG_KEY)?.sheet ?? null;
  return ownedSheets(ss).get(CAMPAIGN_LOG_KEY) ?? null;
}

/**
 * The log: its sheet's rows below the header in one getValues; without a sheet,
 * the text the properties held before 0.2.0 (to be moved by the next write).
 */
export function readCampaignLog(ss: Spreadsheet, index?: SheetIndex): StoredLog {
  const sheet = logSheet(ss, index);
  if (sheet) {
    const values = sheet.getDataRange().getValues();
    return { ...decodeLogRows(values.slice(1)), from: 'sheet' };
  }
  const text = legacyText();
  if (text === null) return { log: [], skipped: 0, from: 'none' };
  return { ...decodeLegacyLog(text), from: 'properties' };
}

/**
 * Writes the log's sheet (src/reports/campaignLogSheet.ts) in place of the old
 * one, then deletes what is left of the old log in the properties. In that order:
 * a write that fails leaves the properties to be read again, and a deletion that
 * fails halfway leaves pieces the sheet outranks, deleted by the next write.
 */
export function writeCampaignLog(ss: Spreadsheet, spec: SheetSpec, index: SheetIndex): void {
  writeReport(ss, spec, index);
  try {
    deleteLegacyLog();
  } catch {
    // The log is on its sheet, which outranks what is left; the next write deletes it.
  }
}

/**
 * Deletes the old log's properties: one getKeys, then one deleteProperty per key
 * found, which happens once (at most the 300 KB the old log was given, in 8 KB
 * pieces: under 40 calls); afterwards the getKeys finds none.
 */
export function deleteLegacyLog(): void {
  const props = documentProperties();
  for (const key of props.getKeys()) if (key.startsWith(LEGACY_PREFIX)) props.deleteProperty(key);
}
