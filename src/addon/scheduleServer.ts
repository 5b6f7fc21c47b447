/**
 * The schedule section of the sidebar and the daily trigger's handler.
 */
import { UserError } from '../core/errors';
import { t } from '../i18n/catalogue';
import { errorMessageIn } from '../core/errors';
import { TRIGGER_WAIT_MS, withDocumentLock } from '../gas/documentLock';
import { currentUserEmail, remainingQuota } from '../gas/mailer';
import { missingScopes, SCOPES } from '../gas/authorization';
import { spreadsheetById } from '../gas/spreadsheet';
import { saveSettingsText } from '../gas/storage';
import { digestTriggers, spreadsheetOfTrigger, turnOffDigest, turnOnDigest } from '../gas/triggers';
import type { ScheduleRun, ScheduleSaveResult, ScheduleSettings, ScheduleState, ScheduleTestResult, ServerApi } from './api';
import { authorizationFor, missingText, NEEDS } from './consent';
import { readOrdersSheet } from './reportRun';
import { dueToday, lastRunOf, markOnSince, recordFailure, runDigest } from './scheduleRun';
import { defaultSchedule, normaliseSchedule, scheduleErrors } from './scheduleSettings';
import { type AddonSession, openSession, userLang } from './session';
import { serializeSettings } from './settings';

/** Managers named in the orders, for the recipients table; none when the orders cannot be read. */
export function managersOf(session: AddonSession): string[] {
  try {
    const table = readOrdersSheet(session, session.settings.ordersSheet, session.settings.mapping);
    const names = new Set<string>();
    for (const m of table.read.orders.managerNames) names.add(m);
    return [...names].sort((a, b) => a.localeCompare(b));
  } catch (e) {
    if (e instanceof UserError) return [];
    throw e;
  }
}

function stateOf(session: AddonSession): ScheduleState {
  // What is not granted is not asked: the section still opens, and says what to grant.
  const authorization = authorizationFor(session.lang, 'turnOn');
  const missing = new Set(authorization?.scopes ?? []);
  return {
    schedule: session.schedule,
    defaults: defaultSchedule(),
    on: missing.has(SCOPES.triggers) ? false : digestTriggers(session.spreadsheetId).length > 0,
    managers: managersOf(session),
    lastRun: lastRunOf(session.spreadsheetId, session.lang),
    quota: missing.has(SCOPES.sendMail) ? null : remainingQuota(),
    user: missing.has(SCOPES.userEmail) ? '' : currentUserEmail(),
    authorization,
  };
}

function save(session: AddonSession, input: ScheduleSettings): Record<string, string> {
  const errors = scheduleErrors(input, session.lang);
  if (Object.keys(errors).length > 0) return errors;
  session.schedule = normaliseSchedule(input);
  saveSettingsText(
    session.spreadsheetId,
    serializeSettings({ reports: session.settings, schedule: session.schedule, campaigns: session.campaigns }),
  );
  return {};
}

export const scheduleServer: Pick<ServerApi, 'scheduleLoad' | 'scheduleSave' | 'scheduleTurnOn' | 'scheduleTurnOff' | 'scheduleSendTest'> =
  {
    scheduleLoad(): ScheduleState {
      return stateOf(openSession());
    },

    scheduleSave(schedule: ScheduleSettings): ScheduleSaveResult {
      const session = openSession();
      const errors = save(session, schedule);
      return { state: stateOf(session), errors, authorization: null };
    },

    scheduleTurnOn(schedule: ScheduleSettings): ScheduleSaveResult {
      const session = openSession();
      const errors = save(session, schedule);
      if (Object.keys(errors).length > 0) return { state: stateOf(session), errors, authorization: null };
      const { recipients, fallbackEmail } = session.schedule;
      if (Object.keys(recipients).length === 0 && !fallbackEmail) {
        return { state: stateOf(session), errors: { recipients: t(session.lang, 'sched.err.noRecipients') }, authorization: null };
      }
      // Saved either way; on only with every permission the weekly run needs.
      const authorization = authorizationFor(session.lang, 'turnOn');
      if (authorization) return { state: stateOf(session), errors: {}, authorization };
      const wasOn = digestTriggers(session.spreadsheetId).length > 0;
      turnOnDigest(session.spreadsheetId, session.schedule.hour, session.timeZone, currentUserEmail());
      // Turned on now: the periods due from today on are owed, not the ones that were due before.
      if (!wasOn) markOnSince(session.spreadsheetId, session.lang, session.today);
      return { state: stateOf(session), errors: {}, authorization: null };
    },

    scheduleTurnOff(): ScheduleState {
      const session = openSession();
      // Without the triggers permission there is nothing this user can see or remove; the state says what to grant.
      if (missingScopes(['triggers']).missing.length === 0) turnOffDigest(session.spreadsheetId);
      return stateOf(session);
    },

    scheduleSendTest(): ScheduleTestResult {
      const session = openSession();
      const authorization = authorizationFor(session.lang, 'test');
      if (authorization) return { run: null, authorization };
      return { run: withDocumentLock(t(session.lang, 'err.busy'), () => runDigest(session, true)), authorization: null };
    },
  };

/**
 * The trigger id of a time-driven event object, else null. Event objects carry
 * `triggerUid` (https://developers.google.com/apps-script/guides/triggers/events#time-driven_events);
 * a call from a sidebar through google.script.run can pass anything, so the id
 * only counts when it is one this user recorded on turning the schedule on.
 */
function triggerUidOf(e: unknown): string | null {
  if (typeof e !== 'object' || e === null || Array.isArray(e)) return null;
  const uid = (e as { triggerUid?: unknown }).triggerUid;
  return typeof uid === 'string' && uid !== '' && uid.length <= 100 ? uid : null;
}

const MS_PER_MINUTE = 60_000;

function recordedSpreadsheet(uid: string): string | null {
  try {
    return spreadsheetOfTrigger(uid);
  } catch {
    return null;
  }
}

/**
 * The daily trigger's handler. It runs with the spreadsheet closed: the spreadsheet
 * is found again by the id recorded with the trigger. Any editor can call this
 * global from a sidebar (google.script.run reaches every global function); without
 * an event naming a trigger of their own it does nothing.
 */
export function runScheduledDigest(e?: unknown): ScheduleRun | null {
  const uid = triggerUidOf(e);
  if (uid === null) return null;
  let session: AddonSession | null = null;
  let id: string | null = null;
  try {
    id = spreadsheetOfTrigger(uid);
    if (!id) return null;
    // The user may have granted only some permissions (or revoked one): say which, never crash.
    const { missing } = missingScopes(NEEDS.trigger);
    if (!missing.includes('spreadsheets')) {
      session = openSession(spreadsheetById(id));
      if (!dueToday(session)) return null;
    }
    if (missing.length > 0) {
      const lang = session?.lang ?? userLang('').lang;
      recordFailure(session, t(lang, 'auth.trigger', { what: missingText(lang, missing) }), id);
      return null;
    }
    const current = session!;
    const lang = current.schedule.language ?? current.lang;
    const busy = t(lang, 'sched.busy', { minutes: TRIGGER_WAIT_MS / MS_PER_MINUTE });
    return withDocumentLock(busy, () => runDigest(current, false), TRIGGER_WAIT_MS);
  } catch (error) {
    const lang = session ? (session.schedule.language ?? session.lang) : 'en';
    // Without the spreadsheet's id the failure cannot be kept for the next run: the record is asked once more.
    if (id === null) id = recordedSpreadsheet(uid);
    recordFailure(session, errorMessageIn(error, lang, session?.locale), id);
    return null;
  }
}
