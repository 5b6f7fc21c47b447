/**
 * The NPS tab (docs/definitions.md: NPS joined with customers): found by its name in
 * the settings or by its headers, read in one call like the orders tab, never
 * written to. A spreadsheet without one has no NPS figures; one that cannot be read
 * says why on the sheets that would show them, and no report fails for it.
 */
import { errorMessageIn, quoteIn, UserError } from '../core/errors';
import {
  type NpsField,
  type NpsIssue,
  NPS_FIELDS,
  type ReadNpsTable,
  detectNpsColumns,
  looksLikeNps,
  npsDetractors,
  readNpsTable,
} from '../core/npsResponses';
import { columnLetter } from '../core/columns';
import { type Lang, type MessageKey, t } from '../i18n/catalogue';
import type { NpsSource } from '../reports/context';
import { dataValues, headerRow, type Sheet, sheetNamed, userSheets } from '../gas/spreadsheet';
import type { NpsInfo } from './api';
import type { AddonSession } from './session';

export const npsFieldLabel = (lang: Lang, field: NpsField): string => t(lang, `nps.field.${field}` as MessageKey);

/** One unreadable answer as a line: "row 5, Score (C): "11" not a whole score from 0 to 10". */
export function npsProblemLine(lang: Lang, issue: NpsIssue): string {
  const reason = t(lang, `issue.${issue.reason}` as MessageKey);
  if (issue.reason.startsWith('empty')) return t(lang, 'nps.problemEmpty', { row: issue.row, column: issue.column, reason });
  return t(lang, 'nps.problem', { row: issue.row, column: issue.column, value: quoteIn(lang, issue.value), reason });
}

/**
 * The NPS tab: the one the settings name, else the first of the user's tabs (other
 * than the orders tab) whose headers name a respondent, a date and a score; null
 * when there is none.
 */
export function findNpsSheet(session: AddonSession, ordersSheet: string | null): { sheet: Sheet; name: string } | null {
  const name = session.settings.npsSheet;
  if (name !== null) {
    const found = sheetNamed(session.ss, name);
    if (!found) throw UserError.of('err.nps.sheetMissing', { name });
    if (found.owned) throw new UserError(t(session.lang, 'err.ownSheet', { name }));
    return { sheet: found.sheet, name };
  }
  for (const candidate of userSheets(session.ss)) {
    if (candidate.name !== ordersSheet && looksLikeNps(headerRow(candidate.sheet))) return candidate;
  }
  return null;
}

/** Reads the NPS tab in one call (null without one); throws a UserError when it cannot be read. */
export function readNpsSheet(session: AddonSession, ordersSheet: string | null): ReadNpsTable | null {
  const found = findNpsSheet(session, ordersSheet);
  if (!found) return null;
  const env = { calendar: session.calendar, rules: session.rules, fieldLabel: (f: NpsField) => npsFieldLabel(session.lang, f) };
  return readNpsTable({ sheetName: found.name, values: dataValues(found.sheet) }, session.settings.npsMapping, env);
}

/** The NPS answers for the reports: read, absent (null), or the reason they could not be read. */
export function npsSource(session: AddonSession, ordersSheet: string | null): NpsSource | null {
  try {
    const table = readNpsSheet(session, ordersSheet);
    if (!table) return null;
    return {
      sheetName: table.sheetName,
      responses: table.responses,
      unreadableRows: table.report.unreadableRows,
      problems: table.report.issues.map((issue) => npsProblemLine(session.lang, issue)),
    };
  } catch (e) {
    if (!(e instanceof UserError)) throw e;
    return { sheetName: session.settings.npsSheet, error: errorMessageIn(e, session.lang, session.locale) };
  }
}

/**
 * The detractors a campaign target asks for (`npsDetractorsDays`), as customer keys
 * for selectTargets (src/core/campaigns/target.ts): none when the target does not
 * ask or there is no NPS tab; a UserError when it asks and the tab cannot be read,
 * since an empty list would look like "no detractors" when nobody could tell.
 */
export function campaignDetractors(source: NpsSource | null | undefined, asOf: number, days: number | null): Set<string> {
  if (days === null || !source) return new Set();
  if (source.error !== undefined) throw new UserError(source.error);
  return npsDetractors(source.responses, asOf, days);
}

/** The NPS tab as the reports will read it, for the sidebar: never throws for a tab that cannot be read. */
export function npsInfo(session: AddonSession, ordersSheet: string | null): NpsInfo {
  const sheets = userSheets(session.ss).map((s) => s.name);
  const info: NpsInfo = {
    sheets,
    npsSheet: session.settings.npsSheet,
    found: null,
    columns: [],
    headers: [],
    mapping: {},
    mapped: session.settings.npsMapping !== null,
    readRows: 0,
    unreadableRows: 0,
    problems: [],
    error: null,
  };
  try {
    const table = readNpsSheet(session, ordersSheet);
    if (!table) return info;
    info.found = table.sheetName;
    info.headers = table.headers;
    info.mapping = { ...table.mapping };
    info.columns = NPS_FIELDS.filter((f) => table.mapping[f] !== undefined).map((field) => {
      const col = table.mapping[field]!;
      return { field, column: `${table.headers[col] || npsFieldLabel(session.lang, field)} (${columnLetter(col + 1)})` };
    });
    info.readRows = table.report.readRows;
    info.unreadableRows = table.report.unreadableRows;
    info.problems = table.report.issues.map((issue) => npsProblemLine(session.lang, issue));
  } catch (e) {
    if (!(e instanceof UserError)) throw e;
    info.found = session.settings.npsSheet;
    info.error = errorMessageIn(e, session.lang, session.locale);
    // The headers still, so that the columns can be mapped; the mapping as saved, or as found.
    try {
      const found = findNpsSheet(session, ordersSheet);
      if (found) {
        info.found = found.name;
        info.headers = headerRow(found.sheet, true).map(String);
        info.mapping = { ...(session.settings.npsMapping ?? detectNpsColumns(info.headers)) };
      }
    } catch {
      // No such tab: the error already says so.
    }
  }
  return info;
}

/**
 * Why NPS columns about to be saved (`settings.npsMapping`) cannot be read, in the
 * user's language, or null: the tab cannot be read with them (a column outside the
 * tab, a field without one), or no answer reads with them, named by the first
 * row's column and value ("row 2, Score (B): "2025-01-10" is not a whole score from
 * 0 to 10"). A tab that is not there is the NPS tab setting's problem, not this one's.
 */
export function npsMappingProblem(session: AddonSession, settings: AddonSession['settings'], ordersSheet: string | null): string | null {
  if (settings.npsMapping === null) return null;
  try {
    const table = readNpsSheet({ ...session, settings }, ordersSheet);
    if (!table || table.report.readRows > 0 || table.report.issues.length === 0) return null;
    return t(session.lang, 'nps.err.noneRead', { problem: npsProblemLine(session.lang, table.report.issues[0]) });
  } catch (e) {
    if (!(e instanceof UserError)) throw e;
    return errorMessageIn(e, session.lang, session.locale);
  }
}
