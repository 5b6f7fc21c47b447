/**
 * From a button to report sheets: find and read the orders tab (one getValues),
 * summarise, run the report builders, write each sheet. Holds the document lock.
 */
import { errorMessageIn, UserError } from '../core/errors';
import { localeDay, localeMessage } from '../core/localeMessages';
import { dayOfIso } from '../core/isoDates';
import { SEGMENT_KEYS } from '../core/lifecycle';
import { buildSummary } from '../core/summary';
import { type Lang, t } from '../i18n/catalogue';
import type { ReportContext } from '../reports/context';
import type { SheetSpec } from '../reports/sheetSpec';
import { withDocumentLock } from '../gas/documentLock';
import { currencyOfFormats } from '../core/currency';
import {
  columnNumberFormats,
  dataValues,
  headerRow,
  type Sheet,
  sheetNamed,
  showSheet,
  type Spreadsheet,
  userSheets,
} from '../gas/spreadsheet';
import { indexSheets, readTypedInputs, removeLeftovers, type SheetIndex, writeReport } from '../gas/writeSheet';
import { readCampaignLog, writeCampaignLog } from '../gas/campaignLogStore';
import { decodeLogRows, encodeLogRows, fitLogRows } from '../core/campaigns/campaignLog';
import { buildCampaignLogSheet } from '../reports/campaignLogSheet';
import { type CampaignPlan, planCampaigns } from '../core/campaigns/plan';
import { customerFacts, pAliveOfSummary } from '../core/campaigns/facts';
import type { Campaign, CampaignLogEntry } from '../core/campaigns/campaign';
import type { Typed } from '../core/campaigns/results';
import { buildWorklist, typedOnWorklist, worklistKey } from '../reports/worklist';
import { buildCampaignResults } from '../reports/campaignResults';
import { DEFAULT_HOLDOUT_DAYS, fullRebuildPlan } from './api';
import type { BuildRequest, BuildResult, Mapping } from './api';
import { campaignDetractors, npsSource } from './npsTable';
import { looksLikeOrders, readOrdersTable, type ReadTable } from './ordersTable';
import { type AddonSession } from './session';
import { asOfDay, reportParams } from './settings';
import { plannedSheets, REPORT_BUILDERS } from './reportBuilders';

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

/** Rows whose formats say the currency: enough to find it, few enough to read at once. */
const CURRENCY_ROWS = 500;

/**
 * The currency the orders' amount column shows in its number format (null: none,
 * or mixed): the sign of money on the report sheets and in the e-mails.
 */
export function ordersCurrency(session: AddonSession, table: ReadTable): string | null {
  const amount = table.mapping.amount;
  const sheet = amount === undefined ? null : sheetNamed(session.ss, table.sheetName)?.sheet;
  return sheet && amount !== undefined ? currencyOfFormats(columnNumberFormats(sheet, amount, CURRENCY_ROWS)) : null;
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
  if (summary.size === 0)
    throw new UserError(
      localeMessage(lang, session.locale, 'err.noCustomers', { date: localeDay(session.locale, asOf), rows: table.read.report.readRows }),
    );
  return {
    lang,
    locale: session.locale,
    currency: ordersCurrency(session, table),
    orders: table.read.orders,
    summary,
    asOf,
    dateOf: (day) => session.calendar.dateOf(day),
    params: reportParams(session.settings, asOf),
    source: { sheetName: table.sheetName, rows: table.read.report.readRows, unreadableRows: table.read.report.unreadableRows },
    // NPS (issue 14): the answers when there is an NPS tab; its problems never stop a report.
    nps: npsSource(session, table.sheetName),
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
    case 'trends':
    case 'funnel':
    case 'keyCustomers':
    case 'managers':
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

/** What became of one report sheet in a build: rebuilt, or left as it was (and whether there was one). */
export interface SheetOutcome {
  key: string;
  /** The sheet's name now: the rebuilt one, the one kept, or the one it would have had. */
  name: string;
  built: boolean;
  /** Whether a sheet of this report existed before. */
  existed: boolean;
  /** Why it was not rebuilt, in the user's language. */
  error: string | null;
}

interface WriteRun {
  outcomes: SheetOutcome[];
  /** The sheets written, and their specs without the grid. */
  sheets: Sheet[];
  specs: SheetSpec[];
  /** The first failure, to rethrow when nothing is to be said about the sheets. */
  firstError: unknown;
  /** Whether any sheet was attempted (a failure before that touched no sheet). */
  attempted: boolean;
}

/**
 * Under the document lock: reads the orders once, removes what failed rebuilds
 * left, then builds and writes the sheets of each request in turn (one request's
 * specs in memory at a time). A request that fails does not stop the others: each
 * sheet is either rebuilt or keeps its previous contents (writeReport), and the
 * outcomes say which.
 */
function writeReports(session: AddonSession, requestsOf: (index: SheetIndex) => BuildRequest[]): WriteRun {
  const { lang } = session;
  return withDocumentLock(t(lang, 'err.busy'), () => {
    const table = readOrdersSheet(session, session.settings.ordersSheet, session.settings.mapping);
    const ctx = reportContext(session, table);
    const index = indexSheets(session.ss);
    removeLeftovers(session.ss, index);
    const run: WriteRun = { outcomes: [], sheets: [], specs: [], firstError: null, attempted: false };
    const existing = (key: string): string | null => index.entries.find((e) => e.key === key)?.name ?? null;
    const fail = (key: string, name: string, e: unknown): void => {
      if (run.firstError === null) run.firstError = e;
      const before = existing(key);
      run.outcomes.push({
        key,
        name: before ?? name,
        built: false,
        existed: before !== null,
        error: errorMessageIn(e, lang, session.locale),
      });
    };
    for (const request of requestsOf(index)) {
      let specs: SheetSpec[];
      try {
        specs = request.kind === 'campaigns' ? campaignSpecs(ctx, session.campaigns.campaigns, index, session.ss) : specsFor(ctx, request);
      } catch (e) {
        for (const planned of plannedSheets(lang, request, session.campaigns.campaigns)) fail(planned.key, planned.name, e);
        if (run.firstError === null) run.firstError = e;
        continue;
      }
      for (const spec of specs) write(spec);
    }
    return run;

    function write(spec: SheetSpec): void {
      const existed = existing(spec.key) !== null;
      run.attempted = true;
      try {
        const sheet = writeReport(session.ss, spec, index);
        run.sheets.push(sheet);
        // The grid is written; only what the caller reports on is kept.
        run.specs.push({ ...spec, cells: [], styles: [] });
        run.outcomes.push({ key: spec.key, name: index.entries.find((e) => e.sheet === sheet)!.name, built: true, existed, error: null });
      } catch (e) {
        fail(spec.key, spec.name, e);
      }
    }
  });
}

/**
 * The campaigns' sheets, in the rebuild's lock: read the log (one getValues of its
 * sheet) and what was typed on each worklist (one read per sheet), list today's
 * targets, write the log's sheet (one writeReport), and return a worklist per
 * campaign and the results. The calls grow with the number of campaigns, never
 * with the rows or the log's length. The log is written before any campaign sheet,
 * so that a failure to store it leaves every campaign sheet as it was; a sheet that
 * fails after it keeps its previous contents, and its customers show up on it at
 * the next rebuild (listed since today). A log still in the document's properties
 * (before 0.2.0) is read from there and moved to its sheet by this write.
 */
function campaignSpecs(ctx: ReportContext, campaigns: Campaign[], index: SheetIndex, ss: Spreadsheet): SheetSpec[] {
  const stored = readCampaignLog(ss, index);
  const typed = new Map<string, Map<string, Typed>>();
  for (const c of campaigns) {
    const sheet = index.entries.find((e) => e.key === worklistKey(c.id));
    typed.set(c.id, sheet ? typedOnWorklist(readTypedInputs(sheet)) : new Map());
  }
  const pAlive = pAliveOfSummary(ctx.summary);
  const facts = customerFacts(ctx.summary, { bands: ctx.params.bands, abcXyz: ctx.params.abcXyz, lost: ctx.params.lost }, pAlive);
  // NPS detractors come with the NPS tab, each campaign over its own last N days; without the tab a detractors target lists nobody.
  const detractors = (c: Campaign) => campaignDetractors(ctx.nps, ctx.asOf, c.target.npsDetractorsDays);
  const planned = planCampaigns(campaigns, facts, detractors, stored.log, ctx.asOf);
  const fitted = fitLogRows(encodeLogRows(planned.log));
  writeCampaignLog(ss, buildCampaignLogSheet(ctx.lang, fitted.rows), index);
  // The results from the log as stored: what was dropped to fit is not counted twice.
  const log: CampaignLogEntry[] = fitted.dropped > 0 ? decodeLogRows(fitted.rows.map((r) => r.cells)).log : planned.log;
  const specs = planned.plans.map((plan: CampaignPlan) => buildWorklist(ctx, plan, pAlive !== null));
  specs.push(
    buildCampaignResults(ctx, {
      campaigns: campaigns.filter((c) => c.enabled),
      log,
      typed,
      logSkipped: stored.skipped,
      logDropped: fitted.dropped,
    }),
  );
  return specs;
}

/**
 * What a build that failed somewhere did, as lines: which reports were rebuilt,
 * which kept their previous contents, which were not built for want of a
 * previous sheet, and why.
 */
export function outcomeLines(lang: Lang, outcomes: SheetOutcome[]): string[] {
  const names = (list: SheetOutcome[]): string => list.map((o) => o.name).join(', ');
  const built = outcomes.filter((o) => o.built);
  const kept = outcomes.filter((o) => !o.built && o.existed);
  const missing = outcomes.filter((o) => !o.built && !o.existed);
  const lines: string[] = [];
  if (built.length > 0) lines.push(t(lang, 'rebuild.builtList', { names: names(built) }));
  if (kept.length > 0) lines.push(t(lang, 'rebuild.keptList', { names: names(kept) }));
  if (missing.length > 0) lines.push(t(lang, 'rebuild.missingList', { names: names(missing) }));
  // One line per distinct reason, naming the reports it stopped.
  const byError = new Map<string, SheetOutcome[]>();
  for (const o of outcomes) if (o.error !== null) byError.set(o.error, [...(byError.get(o.error) ?? []), o]);
  for (const [error, list] of byError) lines.push(t(lang, 'rebuild.failedWith', { names: names(list), error }));
  return lines;
}

/**
 * Builds and writes one request. When a sheet could not be rebuilt, the error
 * says which sheets were rebuilt and which kept their previous contents; an error
 * before any sheet was touched (busy, bad request, no orders) is thrown as it is.
 */
export function runBuild(session: AddonSession, request: BuildRequest): BuildResult {
  const started = Date.now();
  let run: WriteRun;
  try {
    run = writeReports(session, () => [request]);
  } catch (e) {
    throw notBuilt(e, session.lang, session.locale);
  }
  if (run.firstError !== null) {
    if (!run.attempted && run.firstError instanceof UserError) throw run.firstError;
    throw new UserError(outcomeLines(session.lang, run.outcomes).join(' '));
  }
  try {
    showSheet(session.ss, run.sheets[0]);
  } catch {
    // The report is built; bringing it to the front is a courtesy, not worth an error that would say otherwise.
  }
  return {
    kind: request.kind,
    // Names from the index: no service call that could fail after the work is done.
    sheetName: run.outcomes.map((o) => o.name).join(', '),
    sheetNames: run.outcomes.map((o) => o.name),
    summary: run.specs.map((s) => s.summary).join(' · '),
    millis: Date.now() - started,
  };
}

/**
 * A failure of a build before any sheet was touched, as the user should read it:
 * the add-on's own messages as they are, a service's error with the note that no
 * report was rebuilt.
 */
export function notBuilt(error: unknown, lang: Lang, locale?: string): UserError {
  if (error instanceof UserError) return error;
  return new UserError(`${errorMessageIn(error, lang, locale)} ${t(lang, 'rebuild.noneBuilt')}`);
}

/** What "rebuild all" makes (fullRebuildPlan, the sidebar's list too): the reports, the segment lists that exist, the campaigns. */
export function rebuildAllRequests(index: SheetIndex): BuildRequest[] {
  return fullRebuildPlan(
    index.entries.map((e) => e.key),
    SEGMENT_KEYS,
  );
}

/** What "rebuild all" did: the sheets rebuilt, out of how many, and when one failed, the message that says what happened. */
export interface RebuildAllResult {
  reports: number;
  total: number;
  millis: number;
  summaries: string[];
  /** Null when every report was rebuilt. */
  failure: string | null;
}

/**
 * Reads the orders once and rebuilds every report under one lock. Not atomic: a
 * report that fails keeps its previous contents while the others are rebuilt,
 * and `failure` lists which is which. A failure before any report (busy, no
 * orders tab) says that no report was rebuilt.
 */
export function rebuildAll(session: AddonSession): RebuildAllResult {
  const started = Date.now();
  const { lang } = session;
  let run: WriteRun;
  try {
    run = writeReports(session, rebuildAllRequests);
  } catch (e) {
    return {
      reports: 0,
      total: 0,
      millis: Date.now() - started,
      summaries: [],
      failure: [errorMessageIn(e, lang), t(lang, 'rebuild.noneBuilt')].join('\n'),
    };
  }
  const summaries = run.specs.map((spec) => t(lang, 'report.built', { name: spec.name, summary: spec.summary }));
  const reports = run.outcomes.filter((o) => o.built).length;
  const total = run.outcomes.length;
  const failure =
    run.firstError === null ? null : [t(lang, 'rebuild.partial', { n: reports, total }), ...outcomeLines(lang, run.outcomes)].join('\n');
  return { reports, total, millis: Date.now() - started, summaries, failure };
}
