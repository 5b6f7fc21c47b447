/**
 * One run of the weekly e-mails: build each manager's list from the orders as of
 * today, send what has not been sent this week while the daily quota lasts (in a
 * stable order), record each address as it is served, and append every outcome to
 * the Send log. Each send succeeds or fails on its own; a failed one leaves the
 * week unfinished, and the daily trigger sends it the next day. The owner is told
 * once about each distinct problem. A test run sends everything to the current
 * user only and records nothing as sent.
 */
import { UserError } from '../core/errors';
import { lifecycleSegments, SEGMENT_KEYS } from '../core/lifecycle';
import { dateFormatOf } from '../core/localeFormats';
import { buildSummary } from '../core/summary';
import { type Lang, type MessageKey, t } from '../i18n/catalogue';
import { segmentName } from '../reports/layout';
import { spreadsheetName, spreadsheetUrl } from '../gas/spreadsheet';
import { buildDigests, combineDigests, type Digest } from '../mail/digest';
import { renderDigest, runWeek, weekdayOf, type RenderContext } from '../mail/render';
import { currentUserEmail, ownerEmail, remainingQuota, sendMail, sendPlain } from '../gas/mailer';
import { appendSendLog } from '../gas/sendLog';
import { loadScheduleStateCopies, saveScheduleStateCopies } from '../gas/storage';
import type { ScheduleRun } from './api';
import { ordersCurrency, readOrdersSheet } from './reportRun';
import { type AddonSession } from './session';
import { reportParams } from './settings';
import { mergeStates, parseState, serializeState, type ScheduleState } from './scheduleState';

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

/** The last run for the sidebar; null when the record cannot be read. */
export function lastRunOf(spreadsheetId: string, lang: Lang): ScheduleRun | null {
  try {
    return loadState(spreadsheetId, lang).lastRun;
  } catch {
    return null;
  }
}

/** Whether the daily trigger sends today: on the schedule's weekday, or to finish a week left unfinished. */
export function dueToday(session: AddonSession): boolean {
  const { today, schedule } = session;
  if (weekdayOf(today) === schedule.weekday) return true;
  try {
    const state = loadState(session.spreadsheetId, session.lang);
    return state.retryAnyDay || (state.pending && state.period === runWeek(today, schedule.weekday));
  } catch {
    return false;
  }
}

function safeName(session: AddonSession | null, fallback: string): string {
  try {
    return session ? spreadsheetName(session.ss) : fallback;
  } catch {
    return fallback;
  }
}

function renderContext(session: AddonSession, lang: Lang, week: string, test: boolean, currency: string | null): RenderContext {
  return {
    lang,
    locale: session.locale,
    week,
    asOf: session.today,
    spreadsheetName: spreadsheetName(session.ss),
    spreadsheetUrl: spreadsheetUrl(session.ss),
    currency,
    // Campaigns (and their worklist sheets) do not exist yet: their link goes here.
    worklistUrl: null,
    test,
    segmentLabel: (key) => segmentName(lang, Math.max(0, SEGMENT_KEYS.indexOf(key))),
    action: (key) => session.settings.actions[key]?.trim() || t(lang, `report.action.${key}` as MessageKey),
  };
}

/** Each recipient's list as of today, in send order, and the currency the amount column shows (null: none). */
export function currentDigests(session: AddonSession): { digests: Digest[]; currency: string | null } {
  const table = readOrdersSheet(session, session.settings.ordersSheet, session.settings.mapping);
  if (table.missing.includes('amount')) {
    throw new UserError(t(session.lang, 'err.missingColumns', { name: table.sheetName, fields: t(session.lang, 'field.amount') }));
  }
  const summary = buildSummary(table.read.orders, { asOf: session.today });
  const segments = lifecycleSegments(summary, reportParams(session.settings, session.today).bands);
  const currency = ordersCurrency(session, table);
  return { digests: buildDigests(summary, segments, session.schedule), currency };
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
    readonly week: string,
    readonly lang: Lang,
  ) {}
  row(recipient: string, segments: string, customers: number, result: string): void {
    this.rows.push([this.now, this.week, recipient, segments, customers, result]);
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

/** The weekly run (or a test). Holds no lock itself: the caller does. */
export function runDigest(session: AddonSession, test: boolean): ScheduleRun {
  const lang = session.schedule.language ?? session.lang;
  const week = runWeek(session.today, session.schedule.weekday);
  const now = new Date();
  const run: ScheduleRun = {
    at: now.toISOString(),
    period: week,
    sent: 0,
    skipped: 0,
    notSent: 0,
    failed: 0,
    customers: 0,
    test,
    error: null,
  };
  const out = new Outcome(now, week, lang);
  if (test) return runTest(session, run, out);

  const readProblems: string[] = [];
  const state = loadState(session.spreadsheetId, lang, readProblems);
  const { digests, currency } = currentDigests(session);
  const ctx = renderContext(session, lang, week, false, currency);
  const segmentNames = (d: Digest): string => d.sections.map((s) => ctx.segmentLabel(s.segment)).join(', ');
  for (const p of readProblems) out.problem(p);
  // The first run of a week starts its record.
  if (state.period !== week) {
    state.period = week;
    state.sentTo = [];
  }
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

  const served = new Set(state.sentTo);
  let unfinished = false;
  let stopped: string | null = null;
  for (const digest of digests) {
    const names = segmentNames(digest);
    if (digest.to === null) {
      if (digest.customers > 0) {
        run.notSent++;
        const who = digest.managers.map((m) => m || t(lang, 'mail.noManager')).join(', ');
        out.row(who, names, digest.customers, t(lang, 'log.noAddress'));
      }
      continue;
    }
    if (digest.customers === 0 && !session.schedule.allClear) continue;
    if (served.has(digest.to)) {
      run.skipped++;
      out.row(digest.to, names, digest.customers, t(lang, 'log.skipped'));
      continue;
    }
    if (stopped !== null || quota < 1) {
      run.notSent++;
      unfinished = true;
      out.row(digest.to, names, digest.customers, stopped === null ? t(lang, 'log.notSent') : t(lang, 'log.failed', { error: stopped }));
      continue;
    }
    try {
      sendMail(digest.to, renderDigest(digest, ctx), SENDER(lang));
    } catch (e) {
      // This recipient only: the others still get theirs, this one the next daily run.
      run.failed++;
      unfinished = true;
      out.row(digest.to, names, digest.customers, t(lang, 'log.failed', { error: errorText(e) }));
      out.problem(t(lang, 'problem.send', { to: digest.to, error: errorText(e) }), false);
      continue;
    }
    quota--;
    served.add(digest.to);
    state.sentTo = [...served];
    run.sent++;
    run.customers += digest.customers;
    out.row(digest.to, names, digest.customers, t(lang, 'log.sent'));
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
  state.pending = unfinished;
  state.retryAnyDay = false;
  state.lastRun = run;
  finish(session, session.spreadsheetId, state, out, !unfinished);
  return run;
}

/** Everyone's lists in one e-mail to the current user; the record keeps only the run, never an address. */
function runTest(session: AddonSession, run: ScheduleRun, out: Outcome): ScheduleRun {
  const { lang } = out;
  const me = currentUserEmail();
  if (!me) throw new UserError(t(lang, 'sched.err.noUser'));
  const { digests, currency } = currentDigests(session);
  const ctx = renderContext(session, lang, run.period, true, currency);
  const all = combineDigests(digests, me, session.schedule.segments);
  const names = all.sections.map((s) => ctx.segmentLabel(s.segment)).join(', ');
  if (remainingQuota() < 1) {
    run.notSent = 1;
    out.row(me, names, all.customers, t(lang, 'log.notSent'));
  } else {
    sendMail(me, renderDigest(all, ctx), SENDER(lang));
    run.sent = 1;
    run.customers = all.customers;
    out.row(me, names, all.customers, t(lang, 'log.test'));
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
 * lock, unreadable orders): the week stays unfinished for the next daily run, the
 * Send log says why, and the owner is told once per distinct problem (a trigger
 * that fails every day must not mail every day). Never throws.
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
    const week = session ? runWeek(session.today, session.schedule.weekday) : (state?.period ?? '');
    const out = new Outcome(now, week, lang);
    const run: ScheduleRun = {
      at: now.toISOString(),
      period: week,
      sent: 0,
      skipped: 0,
      notSent: 0,
      failed: 0,
      customers: 0,
      test: false,
      error,
    };
    out.row('', '', 0, t(lang, 'log.failed', { error }));
    for (const p of readProblems) out.problem(p);
    if (state) {
      if (week && state.period !== week) {
        state.period = week;
        state.sentTo = [];
      }
      // Without the spreadsheet the week is unknown: the next daily run tries whatever the day.
      if (week) state.pending = true;
      else state.retryAnyDay = true;
      state.lastRun = run;
    }
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
