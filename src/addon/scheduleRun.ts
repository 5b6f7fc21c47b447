/**
 * One daily run of the campaign e-mails (docs/definitions.md: campaign e-mails):
 * refresh the reports first when "keep reports current" is on; find the campaigns
 * owed today (campaignMail.ts); build each manager's e-mail, a section per campaign,
 * from the orders as of today; send, while the daily quota lasts and in a stable
 * order, what each address has not been sent for that campaign's period; record
 * each (campaign, period, address) as it is served, in both copies of the record;
 * append every outcome to the Send log. Each send succeeds or fails on its own; a
 * failed one leaves its periods unfinished, and the next daily run sends what is
 * left of them, once. The owner is told once about each distinct problem. A test
 * run sends every campaign that is on to the current user only and records nothing
 * as sent.
 */
import type { Campaign, CampaignLogEntry } from '../core/campaigns/campaign';
import { periodOf } from '../core/campaigns/cadence';
import { customerFacts } from '../core/campaigns/facts';
import { UserError } from '../core/errors';
import { isoOfDay } from '../core/isoDates';
import { dateFormatOf } from '../core/localeFormats';
import { customerHistories, fitBgNbd, ModelError, pAlive } from '../core/predictive/index';
import { buildSummary, type CustomerSummary } from '../core/summary';
import { type Lang, t } from '../i18n/catalogue';
import { spreadsheetName, spreadsheetUrl } from '../gas/spreadsheet';
import { worklistSheetIds } from '../gas/worklistLinks';
import { buildDigests, type CampaignList, combineDigests, type Digest, withoutSections } from '../mail/digest';
import { isoWeek, renderDigest, type RenderContext } from '../mail/render';
import { currentUserEmail, ownerEmail, remainingQuota, sendMail, sendPlain } from '../gas/mailer';
import { appendSendLog } from '../gas/sendLog';
import { loadScheduleStateCopies, saveScheduleStateCopies } from '../gas/storage';
import type { ScheduleRun } from './api';
import { latestEntries } from '../core/campaigns/campaignLog';
import { readCampaignLog } from '../gas/campaignLogStore';
import { campaignDetractors, npsSource } from './npsTable';
import { campaignLists, currentKeys, type OwedCampaign, owedCampaigns, needsPAlive } from './campaignMail';
import { ordersCurrency, rebuildAll, readOrdersSheet } from './reportRun';
import { type AddonSession } from './session';
import { reportParams } from './settings';
import { markServed, mergeStates, parseState, periodKey, prune, serializeState, wasServed, type ScheduleState } from './scheduleState';

export type { ScheduleState };

const errorText = (e: unknown): string => (e instanceof Error ? e.message : String(e));
const SENDER = (lang: Lang): string => t(lang, 'menu.title');

/**
 * The record from both copies, merged; a copy that cannot be read is a problem
 * (`problems`), none readable is an error: nothing may be sent without knowing
 * what was sent already.
 */
export function loadState(spreadsheetId: string, lang: Lang, problems: string[] = []): ScheduleState {
  let state: ScheduleState | null = null;
  const errors: string[] = [];
  for (const copy of loadScheduleStateCopies(spreadsheetId)) {
    if ('error' in copy) {
      errors.push(copy.error);
      problems.push(t(lang, 'problem.stateRead', { where: t(lang, `problem.where.${copy.store}`), error: copy.error }));
      continue;
    }
    const read = parseState(copy.text);
    state = state ? mergeStates(state, read) : read;
  }
  if (!state) throw new UserError(t(lang, 'problem.stateUnavailable', { error: errors.join('; ') }));
  return state;
}

/** Writes both copies; true when at least one holds the state now. */
function saveState(spreadsheetId: string, state: ScheduleState, lang: Lang, problems: string[]): boolean {
  const failed = saveScheduleStateCopies(spreadsheetId, serializeState(state));
  for (const f of failed) problems.push(t(lang, 'problem.stateWrite', { where: t(lang, `problem.where.${f.store}`), error: f.error }));
  return failed.length < 2;
}

/**
 * Records the day the schedule was turned on (both copies): a period whose due day
 * came before it is not owed, so turning on on a Wednesday does not send Monday's
 * campaigns late. A record that cannot be read is left alone (everything is owed).
 */
export function markOnSince(spreadsheetId: string, lang: Lang, today: number): void {
  try {
    const state = loadState(spreadsheetId, lang);
    state.since = today;
    saveState(spreadsheetId, state, lang, []);
  } catch {
    // Without the record nothing can be marked; the first run sends what is due in the current periods.
  }
}

/** The last run for the sidebar; null when the record cannot be read. */
export function lastRunOf(spreadsheetId: string, lang: Lang): ScheduleRun | null {
  try {
    return loadState(spreadsheetId, lang).lastRun;
  } catch {
    return null;
  }
}

/** Whether the daily trigger has work today: reports to refresh, or a campaign owed. */
export function dueToday(session: AddonSession): boolean {
  if (session.schedule.keepReportsCurrent) return true;
  try {
    const state = loadState(session.spreadsheetId, session.lang);
    return owedCampaigns(session.campaigns.campaigns, state, session.today).length > 0;
  } catch {
    // The record cannot be read: the run finds out, says so and sends nothing.
    return true;
  }
}

function safeName(session: AddonSession | null, fallback: string): string {
  try {
    return session ? spreadsheetName(session.ss) : fallback;
  } catch {
    return fallback;
  }
}

/** The spreadsheet's address with a sheet's gid: the link that opens that sheet. */
export function sheetLink(spreadsheetAddress: string, sheetId: number): string {
  return `${spreadsheetAddress.replace(/#.*$/, '')}#gid=${sheetId}`;
}

function renderContext(session: AddonSession, lang: Lang, test: boolean, currency: string | null): RenderContext {
  const url = spreadsheetUrl(session.ss);
  const worklists = worklistSheetIds(session.ss);
  return {
    lang,
    locale: session.locale,
    week: isoWeek(session.today),
    asOf: session.today,
    spreadsheetName: spreadsheetName(session.ss),
    spreadsheetUrl: url,
    currency,
    worklistUrl: (campaign) => {
      const id = worklists.get(campaign);
      return id === undefined ? null : sheetLink(url, id);
    },
    test,
  };
}

/** P(alive) per summary row when the model fits the orders, else null (a P(alive) condition then lists nobody) and why. */
function aliveOf(summary: CustomerSummary, lang: Lang, locale: string): { alive: Float64Array | null; problem: string | null } {
  const histories = customerHistories(summary);
  try {
    const model = fitBgNbd(histories);
    return { alive: Float64Array.from(histories, (h) => pAlive(model, h)), problem: null };
  } catch (e) {
    if (e instanceof ModelError) return { alive: null, problem: e.messageIn(lang, locale) };
    throw e;
  }
}

/** The campaigns' lists as of today, and the currency the amount column shows (null: none). */
export function currentLists(
  session: AddonSession,
  owed: readonly OwedCampaign[],
  problems: string[] = [],
): { lists: CampaignList[]; currency: string | null } {
  const table = readOrdersSheet(session, session.settings.ordersSheet, session.settings.mapping);
  if (table.missing.includes('amount')) {
    throw new UserError(t(session.lang, 'err.missingColumns', { name: table.sheetName, fields: t(session.lang, 'field.amount') }));
  }
  const summary = buildSummary(table.read.orders, { asOf: session.today });
  const params = reportParams(session.settings, session.today);
  let alive: Float64Array | null = null;
  if (needsPAlive(owed)) {
    const fitted = aliveOf(summary, session.lang, session.locale);
    alive = fitted.alive;
    if (fitted.problem) problems.push(fitted.problem);
  }
  const facts = customerFacts(summary, { bands: params.bands, abcXyz: params.abcXyz, lost: params.lost }, alive);
  const currency = ordersCurrency(session, table);
  // The NPS tab only when a campaign due today targets detractors.
  const nps = owed.some((o) => o.campaign.target.npsDetractorsDays !== null) ? npsSource(session, table.sheetName) : null;
  const detractors = (c: Campaign) => campaignDetractors(nps, session.today, c.target.npsDetractorsDays);
  // The group each customer was listed in, from the campaign log (an unreadable log: the hash decides, as for a first listing).
  let latest = new Map<string, Map<string, CampaignLogEntry>>();
  try {
    latest = latestEntries(readCampaignLog(session.ss).log);
  } catch (e) {
    problems.push(errorText(e));
  }
  const listedControl = (campaign: string, key: string): boolean | undefined => {
    const e = latest.get(campaign)?.get(key);
    return e && e.exit === undefined ? e.control : undefined;
  };
  return { lists: campaignLists(owed, summary, facts, detractors, listedControl), currency };
}

/** The Send log's time column: the spreadsheet locale's date and the time (docs/definitions.md: the locale rule). */
function logTimeFormat(session: AddonSession): string {
  return `${dateFormatOf(session.locale)} hh:mm`;
}

/** The Send log's header row in a language. */
export function logHeader(lang: Lang): string[] {
  return (['log.time', 'log.period', 'log.recipient', 'log.segments', 'log.customers', 'log.result'] as const).map((k) => t(lang, k));
}

/** What a run found wrong: each problem for the owner (once), and the Send log's rows. */
class Outcome {
  readonly rows: unknown[][] = [];
  /** Distinct problems, in the order met. */
  readonly problems: string[] = [];
  constructor(
    readonly now: Date,
    /** The run's day, for rows that serve no campaign period. */
    readonly day: string,
    readonly lang: Lang,
  ) {}
  /** One row: the campaigns' periods it served (the run's day when none). */
  row(recipient: string, campaigns: string, customers: number, result: string, periods: string = this.day): void {
    this.rows.push([this.now, periods, recipient, campaigns, customers, result]);
  }
  /** A problem; with `logged` false its row is already there (a recipient's "failed"). */
  problem(text: string, logged = true): void {
    if (this.problems.includes(text)) return;
    this.problems.push(text);
    if (logged) this.row('', '', 0, t(this.lang, 'log.problem', { problem: text }));
  }
}

/** Tells the owner about problems in one e-mail; the reason it could not, else null. Never throws. */
function tellOwner(spreadsheetId: string | null, lang: Lang, subject: string, body: string): string | null {
  try {
    const owner = ownerEmail(spreadsheetId);
    if (!owner) return t(lang, 'log.noAddress');
    if (remainingQuota() < 1) return t(lang, 'log.notSent');
    sendPlain(owner, subject, body, SENDER(lang));
    return null;
  } catch (e) {
    return errorText(e);
  }
}

/**
 * The end of every scheduled run: tell the owner of new problems, save the record,
 * then write the Send log with a row for every problem; if the log cannot be
 * written, the owner is told that too. Never throws.
 */
function finish(
  session: AddonSession | null,
  spreadsheetId: string | null,
  state: ScheduleState | null,
  out: Outcome,
  ranWell: boolean,
): void {
  const { lang } = out;
  const name = safeName(session, spreadsheetId ?? '?');
  const told = new Set(state?.notified ?? []);
  const tell = (problems: string[]): void => {
    const fresh = problems.filter((p) => !told.has(p));
    if (fresh.length === 0) return;
    const body = t(lang, 'mail.problemBody', { name, problems: fresh.map((p) => `- ${p}`).join('\n') });
    const failed = tellOwner(spreadsheetId, lang, t(lang, 'mail.problemSubject', { name }), body);
    if (failed === null) for (const p of fresh) told.add(p);
    else out.problem(t(lang, 'problem.notice', { error: failed }));
  };
  const save = (): void => {
    if (!state || !spreadsheetId) return;
    // A run with nothing wrong ends the silence: the next problem is news again.
    state.notified = ranWell && out.problems.length === 0 ? [] : [...told];
    const problems: string[] = [];
    saveState(spreadsheetId, state, lang, problems);
    for (const p of problems) out.problem(p);
  };
  tell(out.problems);
  save();
  if (!session) return;
  try {
    appendSendLog(session.ss, t(lang, 'log.sheet'), logHeader(lang), out.rows, logTimeFormat(session));
  } catch (e) {
    out.problem(t(lang, 'problem.log', { error: errorText(e) }), false);
    tell(out.problems);
    save();
  }
}

const emptyRun = (at: Date, period: string, test: boolean, error: string | null = null): ScheduleRun => ({
  at: at.toISOString(),
  period,
  sent: 0,
  skipped: 0,
  notSent: 0,
  failed: 0,
  customers: 0,
  test,
  error,
});

const isWeekly = (campaigns: readonly Campaign[], id: string): boolean => campaigns.find((c) => c.id === id)?.cadence.kind === 'weekly';

/** The daily run (or a test). Holds no lock itself: the caller does. */
export function runDigest(session: AddonSession, test: boolean): ScheduleRun {
  const lang = session.schedule.language ?? session.lang;
  const day = isoOfDay(session.today);
  const now = new Date();
  const run = emptyRun(now, day, test);
  const out = new Outcome(now, day, lang);
  if (test) return runTest(session, run, out);

  const readProblems: string[] = [];
  const state = loadState(session.spreadsheetId, lang, readProblems);
  for (const p of readProblems) out.problem(p);
  if (session.schedule.keepReportsCurrent) {
    // First the reports, so that the worklists the e-mail links to are today's; the e-mails go out either way.
    try {
      const rebuilt = rebuildAll(session);
      if (rebuilt.failure) out.problem(t(lang, 'problem.refresh', { error: rebuilt.failure }));
    } catch (e) {
      out.problem(t(lang, 'problem.refresh', { error: errorText(e) }));
    }
  }
  const campaigns = session.campaigns.campaigns;
  prune(state, currentKeys(campaigns, session.today));
  const owed = owedCampaigns(campaigns, state, session.today);
  if (owed.length === 0) {
    state.lastRun = run;
    finish(session, session.spreadsheetId, state, out, out.problems.length === 0);
    return run;
  }
  const listProblems: string[] = [];
  const { lists, currency } = currentLists(session, owed, listProblems);
  for (const p of listProblems) out.problem(p);
  const ctx = renderContext(session, lang, false, currency);
  const names = (d: Digest): string => d.sections.map((s) => s.name).join(', ');
  const periods = (d: Digest): string => [...new Set(d.sections.map((s) => s.period))].join(', ');
  if (session.settingsWarning) {
    out.row('', '', 0, t(lang, 'log.warning', { warning: session.settingsWarning }));
    out.problem(session.settingsWarning, false);
  }
  let quota = Infinity;
  try {
    quota = remainingQuota();
  } catch (e) {
    // Unknown: each send still finds out, MailApp refuses what is over the quota.
    out.problem(t(lang, 'problem.quota', { error: errorText(e) }));
  }

  let unfinished = false;
  let stopped: string | null = null;
  const owedKeys = owed.map((o) => periodKey(o.campaign.id, o.period.label));
  for (const full of buildDigests(lists, session.schedule)) {
    if (full.to === null) {
      if (full.customers > 0) {
        run.notSent++;
        const who = full.managers.map((m) => m || t(lang, 'mail.noManager')).join(', ');
        out.row(who, names(full), full.customers, t(lang, 'log.noAddress'), periods(full));
      }
      continue;
    }
    const to = full.to;
    const served = (campaign: string, period: string): boolean => wasServed(state, campaign, period, isWeekly(campaigns, campaign), to);
    let digest: Digest;
    let keys: string[];
    if (full.customers === 0) {
      // Nothing to do in any campaign owed: the optional all clear, once per period of each.
      if (!session.schedule.allClear) continue;
      keys = owed.filter((o) => !served(o.campaign.id, o.period.label)).map((o) => periodKey(o.campaign.id, o.period.label));
      if (keys.length < owed.length) {
        if (keys.length === 0) {
          run.skipped++;
          out.row(to, '', 0, t(lang, 'log.skipped'));
          continue;
        }
      }
      digest = full;
    } else {
      digest = withoutSections(full, (s) => served(s.campaign, s.period));
      keys = digest.sections.map((s) => periodKey(s.campaign, s.period));
      if (digest.sections.length === 0) {
        run.skipped++;
        out.row(to, names(full), full.customers, t(lang, 'log.skipped'), periods(full));
        continue;
      }
    }
    if (stopped !== null || quota < 1) {
      run.notSent++;
      unfinished = true;
      out.row(
        to,
        names(digest),
        digest.customers,
        stopped === null ? t(lang, 'log.notSent') : t(lang, 'log.failed', { error: stopped }),
        periods(digest),
      );
      continue;
    }
    try {
      sendMail(to, renderDigest(digest, ctx), SENDER(lang));
    } catch (e) {
      // This recipient only: the others still get theirs, this one the next daily run.
      run.failed++;
      unfinished = true;
      out.row(to, names(digest), digest.customers, t(lang, 'log.failed', { error: errorText(e) }), periods(digest));
      out.problem(t(lang, 'problem.send', { to, error: errorText(e) }), false);
      continue;
    }
    quota--;
    for (const key of keys) markServed(state, key, to);
    run.sent++;
    run.customers += digest.customers;
    out.row(to, names(digest), digest.customers, t(lang, 'log.sent'), periods(digest));
    // Recorded at once, in both copies, so that a failure later in the run never causes a second e-mail.
    const problems: string[] = [];
    const recorded = saveState(session.spreadsheetId, state, lang, problems);
    for (const p of problems) out.problem(p);
    if (!recorded) {
      stopped = t(lang, 'problem.unrecorded', { error: problems.join('; ') });
      out.problem(stopped);
    }
  }
  if (out.rows.length === 0) out.row('', '', 0, t(lang, 'log.nothing'));
  // Every address served (or without one): the periods are finished, and the next runs leave them alone.
  if (!unfinished) for (const key of owedKeys) state.done.add(key);
  state.lastRun = run;
  finish(session, session.spreadsheetId, state, out, !unfinished);
  return run;
}

/** Every campaign that is on, everyone's lists in one e-mail to the current user; the record keeps only the run, never an address. */
function runTest(session: AddonSession, run: ScheduleRun, out: Outcome): ScheduleRun {
  const { lang } = out;
  const me = currentUserEmail();
  if (!me) throw new UserError(t(lang, 'sched.err.noUser'));
  const all = session.campaigns.campaigns
    .filter((c) => c.enabled)
    .map((campaign) => ({ campaign, period: periodOf(campaign.cadence, session.today) }));
  const { lists, currency } = currentLists(session, all);
  const ctx = renderContext(session, lang, true, currency);
  const combined = combineDigests(buildDigests(lists, session.schedule), me, lists);
  const names = combined.sections.map((s) => s.name).join(', ');
  if (remainingQuota() < 1) {
    run.notSent = 1;
    out.row(me, names, combined.customers, t(lang, 'log.notSent'));
  } else {
    sendMail(me, renderDigest(combined, ctx), SENDER(lang));
    run.sent = 1;
    run.customers = combined.customers;
    out.row(me, names, combined.customers, t(lang, 'log.test'));
  }
  try {
    // Only over a record that could be read: a test must never write over what was sent.
    const state = loadState(session.spreadsheetId, lang);
    state.lastRun = run;
    saveState(session.spreadsheetId, state, lang, []);
    appendSendLog(session.ss, t(lang, 'log.sheet'), logHeader(lang), out.rows, logTimeFormat(session));
  } catch {
    // The test went out; the sidebar shows the run it returns.
  }
  return run;
}

/**
 * Records a scheduled run that could not run (no permission, no spreadsheet, a busy
 * lock, unreadable orders): the periods owed stay unfinished for the next daily
 * run, the Send log says why, and the owner is told once per distinct problem (a
 * trigger that fails every day must not mail every day). Never throws.
 */
export function recordFailure(
  session: AddonSession | null,
  error: string,
  spreadsheetId: string | null = session?.spreadsheetId ?? null,
): void {
  try {
    const lang = session ? (session.schedule.language ?? session.lang) : 'en';
    const now = new Date();
    const readProblems: string[] = [];
    let state: ScheduleState | null = null;
    try {
      if (spreadsheetId) state = loadState(spreadsheetId, lang, readProblems);
    } catch (e) {
      readProblems.push(errorText(e));
    }
    // Without the spreadsheet its day is unknown: the instant says when.
    const day = session ? isoOfDay(session.today) : now.toISOString().slice(0, 10);
    const out = new Outcome(now, day, lang);
    const run = emptyRun(now, day, false, error);
    out.row('', '', 0, t(lang, 'log.failed', { error }));
    for (const p of readProblems) out.problem(p);
    // Nothing is marked finished: whatever was owed today is owed to the next run.
    if (state) state.lastRun = run;
    // The run's own failure has its row already. Telling the owner may be what is not permitted
    // (no permission to send): then the Send log and the sidebar say it.
    if (!state?.notified.includes(error)) {
      const name = safeName(session, spreadsheetId ?? '?');
      const failed = tellOwner(spreadsheetId, lang, t(lang, 'mail.failSubject', { name }), t(lang, 'mail.failBody', { name, error }));
      if (failed === null) state?.notified.push(error);
    }
    finish(session, spreadsheetId, state, out, false);
  } catch {
    // Nothing is left to tell it with.
  }
}
