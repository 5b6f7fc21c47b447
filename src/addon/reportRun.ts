/**
 * From a button to report sheets: find and read the orders tab (one getValues),
 * summarise, run the report builders, write each sheet. Holds the document lock.
 */
import { UserError } from '../core/errors';
import { dayOfIso, isoOfDay } from '../core/isoDates';
import { SEGMENT_KEYS } from '../core/lifecycle';
import { buildSummary } from '../core/summary';
import { t } from '../i18n/catalogue';
import type { ReportContext } from '../reports/context';
import type { SheetSpec } from '../reports/sheetSpec';
import { withDocumentLock } from '../gas/documentLock';
import { dataValues, headerRow, type Sheet, sheetName, sheetNamed, showSheet, userSheets } from '../gas/spreadsheet';
import { indexSheets, type SheetIndex, writeReport } from '../gas/writeSheet';
import { DEFAULT_HOLDOUT_DAYS } from './api';
import type { BuildKind, BuildRequest, BuildResult, Mapping } from './api';
import { looksLikeOrders, readOrdersTable, type ReadTable } from './ordersTable';
import { type AddonSession } from './session';
import { asOfDay, reportParams } from './settings';
import { REPORT_BUILDERS } from './reportBuilders';

/** The orders tab: the chosen one, else the first of the user's sheets whose headers look like orders. */
export function findOrdersSheet(session: AddonSession, name: string | null): { sheet: Sheet; name: string } {
  const { ss, lang } = session;
  if (name !== null) {
    const found = sheetNamed(ss, name);
    if (!found) throw new UserError(t(lang, 'err.sheetMissing', { name }));
    if (found.owned) throw new UserError(t(lang, 'err.ownSheet', { name }));
    return { sheet: found.sheet, name };
  }
  for (const candidate of userSheets(ss)) if (looksLikeOrders(headerRow(candidate.sheet))) return candidate;
  throw new UserError(t(lang, 'err.noOrdersSheet'));
}

/** Reads the orders tab in one call; never writes to it. */
export function readOrdersSheet(session: AddonSession, name: string | null, mapping: Mapping | null): ReadTable {
  const found = findOrdersSheet(session, name);
  const values = dataValues(found.sheet);
  const asOf = asOfDay(session.settings, session.today);
  return readOrdersTable({ sheetName: found.name, values }, mapping, session, asOf);
}

/** Everything a report builder needs, from the orders as read. */
export function reportContext(session: AddonSession, table: ReadTable): ReportContext {
  const { lang } = session;
  if (table.missing.length > 0) {
    throw new UserError(
      t(lang, 'err.missingColumns', { name: table.sheetName, fields: table.missing.map((f) => t(lang, `field.${f}`)).join(', ') }),
    );
  }
  const asOf = asOfDay(session.settings, session.today);
  const summary = buildSummary(table.read.orders, { asOf });
  if (summary.size === 0) throw new UserError(t(lang, 'err.noCustomers', { date: isoOfDay(asOf), rows: table.read.report.readRows }));
  return {
    lang,
    orders: table.read.orders,
    summary,
    asOf,
    dateOf: (day) => session.calendar.dateOf(day),
    params: reportParams(session.settings, asOf),
    source: { sheetName: table.sheetName, rows: table.read.report.readRows, unreadableRows: table.read.report.unreadableRows },
  };
}

/** The sheets one request makes (migration makes two). */
export function specsFor(ctx: ReportContext, request: BuildRequest): SheetSpec[] {
  const { lang } = ctx;
  switch (request.kind) {
    case 'segmentList': {
      const segment = request.segment ?? '';
      if (!SEGMENT_KEYS.includes(segment))
        throw new UserError(t(lang, 'err.unknownSegment', { value: segment, valid: SEGMENT_KEYS.join(', ') }));
      return [REPORT_BUILDERS.segmentList(ctx, segment)];
    }
    case 'modelCheck': {
      // Without a chosen date the last half year of the data is the holdout: up to
      // the as-of date, or up to the last order when the orders end earlier.
      let lastDay = ctx.asOf - 1;
      if (ctx.summary.size > 0) {
        lastDay = -Infinity;
        for (const day of ctx.summary.lastPurchase) if (day > lastDay) lastDay = day;
      }
      const dataEnd = Math.min(ctx.asOf, lastDay + 1);
      const split = request.splitDate ? dayOfIsoStrict(request.splitDate, lang) : dataEnd - DEFAULT_HOLDOUT_DAYS;
      return [REPORT_BUILDERS.modelCheck(ctx, split)];
    }
    case 'matrix':
    case 'migration':
    case 'lost':
    case 'whatIf':
      return REPORT_BUILDERS[request.kind](ctx);
    default:
      throw new UserError(t(lang, 'err.unknownReport', { kind: String((request as BuildRequest).kind) }));
  }
}

function dayOfIsoStrict(text: string, lang: AddonSession['lang']): number {
  const day = dayOfIso(text);
  if (Number.isNaN(day)) throw new UserError(`"${text}" ${t(lang, 'err.badDate')}`);
  return day;
}

/**
 * Under the document lock: reads the orders once, then builds and writes the sheets
 * of each request in turn (one request's specs in memory at a time).
 */
function writeReports(session: AddonSession, requestsOf: (index: SheetIndex) => BuildRequest[]): { specs: SheetSpec[]; sheets: Sheet[] } {
  return withDocumentLock(t(session.lang, 'err.busy'), () => {
    const table = readOrdersSheet(session, session.settings.ordersSheet, session.settings.mapping);
    const ctx = reportContext(session, table);
    const index = indexSheets(session.ss);
    const specs: SheetSpec[] = [];
    const sheets: Sheet[] = [];
    for (const request of requestsOf(index)) {
      for (const spec of specsFor(ctx, request)) {
        sheets.push(writeReport(session.ss, spec, index));
        // The grid is written; only what the caller reports on is kept.
        specs.push({ ...spec, cells: [], styles: [] });
      }
    }
    return { specs, sheets };
  });
}

/** Builds and writes one request. */
export function runBuild(session: AddonSession, request: BuildRequest): BuildResult {
  const started = Date.now();
  const { specs, sheets } = writeReports(session, () => [request]);
  showSheet(session.ss, sheets[0]);
  return {
    kind: request.kind,
    sheetName: sheets.map(sheetName).join(', '),
    summary: specs.map((s) => s.summary).join(' · '),
    millis: Date.now() - started,
  };
}

/** The reports "rebuild all" makes: the main ones, plus every segment list that exists. */
export function rebuildAllRequests(index: SheetIndex): BuildRequest[] {
  const kinds: BuildKind[] = ['matrix', 'migration', 'lost', 'whatIf'];
  const requests: BuildRequest[] = kinds.map((kind) => ({ kind }));
  for (const { key } of index.entries) {
    const m = key === null ? null : /^segmentList:(.+)$/.exec(key);
    if (m && SEGMENT_KEYS.includes(m[1])) requests.push({ kind: 'segmentList', segment: m[1] });
  }
  return requests;
}

/** Reads the orders once and rebuilds every report under one lock. */
export function rebuildAll(session: AddonSession): { reports: number; millis: number; summaries: string[] } {
  const started = Date.now();
  const { specs } = writeReports(session, rebuildAllRequests);
  const summaries = specs.map((spec) => t(session.lang, 'report.built', { name: spec.name, summary: spec.summary }));
  return { reports: specs.length, millis: Date.now() - started, summaries };
}
