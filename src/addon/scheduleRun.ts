/**
 * One run of the weekly e-mails: build each manager's list from the orders as of
 * today, send what has not been sent this week while the daily quota lasts (in a
 * stable order), record what was sent, and append every outcome to the Send log.
 * A test run sends everything to the current user only and records nothing as sent.
 */
import { UserError } from '../core/errors';
import { lifecycleSegments, SEGMENT_KEYS } from '../core/lifecycle';
import { buildSummary } from '../core/summary';
import { type Lang, type MessageKey, t } from '../i18n/catalogue';
import { segmentName } from '../reports/layout';
import { spreadsheetName } from '../gas/spreadsheet';
import { buildDigests, combineDigests, type Digest } from '../mail/digest';
import { isoWeek, renderDigest, type RenderContext } from '../mail/render';
import { currentUserEmail, ownerEmail, remainingQuota, sendMail, sendPlain } from '../gas/mailer';
import { appendSendLog } from '../gas/sendLog';
import { loadScheduleStateText, saveScheduleStateText } from '../gas/storage';
import type { ScheduleRun } from './api';
import { readOrdersSheet } from './reportRun';
import { type AddonSession } from './session';
import { reportParams } from './settings';

/** What the document remembers between runs. */
export interface ScheduleState {
  /** The week of `sentTo`. */
  period: string;
  /** Addresses already served in `period`. */
  sentTo: string[];
  lastRun: ScheduleRun | null;
  /** The failure the owner was told about; cleared by a run that works. */
  failureNotified: string | null;
}

export function emptyState(): ScheduleState {
  return { period: '', sentTo: [], lastRun: null, failureNotified: null };
}

export function parseState(text: string | null): ScheduleState {
  if (!text) return emptyState();
  try {
    const raw = JSON.parse(text) as Partial<ScheduleState>;
    return {
      period: typeof raw.period === 'string' ? raw.period : '',
      sentTo: Array.isArray(raw.sentTo) ? raw.sentTo.filter((x): x is string => typeof x === 'string') : [],
      lastRun: raw.lastRun && typeof raw.lastRun === 'object' ? raw.lastRun : null,
      failureNotified: typeof raw.failureNotified === 'string' ? raw.failureNotified : null,
    };
  } catch {
    return emptyState();
  }
}

export const loadState = (): ScheduleState => parseState(loadScheduleStateText());
const saveState = (state: ScheduleState): void => saveScheduleStateText(JSON.stringify(state));

function renderContext(session: AddonSession, lang: Lang, week: string, test: boolean): RenderContext {
  return {
    lang,
    week,
    asOf: session.today,
    spreadsheetName: spreadsheetName(session.ss),
    test,
    segmentLabel: (key) => segmentName(lang, Math.max(0, SEGMENT_KEYS.indexOf(key))),
    action: (key) => session.settings.actions[key]?.trim() || t(lang, `report.action.${key}` as MessageKey),
  };
}

/** Each recipient's list as of today, in send order. */
export function currentDigests(session: AddonSession): Digest[] {
  const table = readOrdersSheet(session, session.settings.ordersSheet, session.settings.mapping);
  if (table.missing.includes('amount')) {
    throw new UserError(t(session.lang, 'err.missingColumns', { name: table.sheetName, fields: t(session.lang, 'field.amount') }));
  }
  const summary = buildSummary(table.read.orders, { asOf: session.today });
  const segments = lifecycleSegments(summary, reportParams(session.settings, session.today).bands);
  return buildDigests(summary, segments, session.schedule);
}

const SENDER = (lang: Lang): string => t(lang, 'menu.title');

function logHeader(lang: Lang): string[] {
  return (['log.time', 'log.period', 'log.recipient', 'log.segments', 'log.customers', 'log.result'] as const).map((k) => t(lang, k));
}

/** The weekly run (or a test). Holds no lock itself: the caller does. */
export function runDigest(session: AddonSession, test: boolean): ScheduleRun {
  const lang = session.schedule.language ?? session.lang;
  const week = isoWeek(session.today);
  const now = new Date();
  const state = loadState();
  if (state.period !== week) {
    state.period = week;
    state.sentTo = [];
  }
  const digests = currentDigests(session);
  const ctx = renderContext(session, lang, week, test);
  const segmentNames = (d: Digest): string => d.sections.map((s) => ctx.segmentLabel(s.segment)).join(', ');
  const run: ScheduleRun = { at: now.toISOString(), period: week, sent: 0, skipped: 0, notSent: 0, customers: 0, test, error: null };
  const log: unknown[][] = [];
  let quota = remainingQuota();

  if (test) {
    const me = currentUserEmail();
    if (!me) throw new UserError(t(lang, 'sched.err.noUser'));
    const all = combineDigests(digests, me, session.schedule.segments);
    if (quota < 1) {
      run.notSent = 1;
      log.push([now, week, me, segmentNames(all), all.customers, t(lang, 'log.notSent')]);
    } else {
      sendMail(me, renderDigest(all, ctx), SENDER(lang));
      run.sent = 1;
      run.customers = all.customers;
      log.push([now, week, me, segmentNames(all), all.customers, t(lang, 'log.test')]);
    }
  } else {
    for (const digest of digests) {
      const names = segmentNames(digest);
      if (digest.to === null) {
        if (digest.customers > 0) {
          run.notSent++;
          log.push([
            now,
            week,
            digest.managers.map((m) => m || t(lang, 'mail.noManager')).join(', '),
            names,
            digest.customers,
            t(lang, 'log.noAddress'),
          ]);
        }
        continue;
      }
      if (digest.customers === 0 && !session.schedule.allClear) continue;
      if (state.sentTo.includes(digest.to)) {
        run.skipped++;
        log.push([now, week, digest.to, names, digest.customers, t(lang, 'log.skipped')]);
        continue;
      }
      if (quota < 1) {
        run.notSent++;
        log.push([now, week, digest.to, names, digest.customers, t(lang, 'log.notSent')]);
        continue;
      }
      sendMail(digest.to, renderDigest(digest, ctx), SENDER(lang));
      quota--;
      state.sentTo.push(digest.to);
      // Recorded at once, so that a failure later in the run never causes a second copy.
      saveState(state);
      run.sent++;
      run.customers += digest.customers;
      log.push([now, week, digest.to, names, digest.customers, t(lang, 'log.sent')]);
    }
    if (log.length === 0) log.push([now, week, '', '', 0, t(lang, 'log.nothing')]);
    state.failureNotified = null;
  }
  state.lastRun = run;
  saveState(state);
  appendSendLog(session.ss, t(lang, 'log.sheet'), logHeader(lang), log);
  return run;
}

/**
 * Records a failed scheduled run in the log and tells the owner once per distinct
 * problem (a trigger that fails every week must not mail every week). Never
 * throws: whatever it cannot do (no permission to send, no spreadsheet) it skips.
 */
export function recordFailure(
  session: AddonSession | null,
  error: string,
  spreadsheetId: string | null = session?.spreadsheetId ?? null,
): void {
  const lang = session ? (session.schedule.language ?? session.lang) : 'en';
  const state = loadState();
  const now = new Date();
  state.lastRun = { at: now.toISOString(), period: state.period, sent: 0, skipped: 0, notSent: 0, customers: 0, test: false, error };
  if (state.failureNotified !== error) {
    try {
      const owner = ownerEmail(spreadsheetId);
      const name = session ? spreadsheetName(session.ss) : (spreadsheetId ?? '?');
      if (owner && remainingQuota() > 0) {
        sendPlain(owner, t(lang, 'mail.failSubject', { name }), t(lang, 'mail.failBody', { name, error }), SENDER(lang));
        state.failureNotified = error;
      }
    } catch {
      // Sending may be what is not permitted: the Send log and the sidebar still say it.
    }
  }
  try {
    saveState(state);
  } catch {
    // Document properties can be unavailable to a trigger.
  }
  if (session) {
    try {
      appendSendLog(session.ss, t(lang, 'log.sheet'), logHeader(lang), [[now, state.period, '', '', 0, t(lang, 'log.failed', { error })]]);
    } catch {
      // The log is best effort when the spreadsheet itself is the problem.
    }
  }
}
