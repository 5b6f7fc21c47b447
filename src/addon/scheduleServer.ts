/**
 * The schedule section of the sidebar and the weekly trigger's handler.
 */
import { UserError } from '../core/errors';
import { t } from '../i18n/catalogue';
import { withDocumentLock } from '../gas/documentLock';
import { currentUserEmail, remainingQuota } from '../gas/mailer';
import { missingScopes, SCOPES } from '../gas/authorization';
import { activeSpreadsheet, spreadsheetById } from '../gas/spreadsheet';
import { saveSettingsText } from '../gas/storage';
import { digestTriggers, spreadsheetOfTrigger, turnOffDigest, turnOnDigest } from '../gas/triggers';
import type { ScheduleRun, ScheduleSaveResult, ScheduleSettings, ScheduleState, ScheduleTestResult, ServerApi } from './api';
import { authorizationFor, missingText, NEEDS } from './consent';
import { readOrdersSheet } from './reportRun';
import { loadState, recordFailure, runDigest } from './scheduleRun';
import { defaultSchedule, normaliseSchedule, scheduleErrors } from './scheduleSettings';
import { type AddonSession, openSession, userLang } from './session';
import { serializeSettings } from './settings';

/** Managers named in the orders, for the recipients table; none when the orders cannot be read. */
function managersOf(session: AddonSession): string[] {
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
    lastRun: loadState().lastRun,
    quota: missing.has(SCOPES.sendMail) ? null : remainingQuota(),
    user: missing.has(SCOPES.userEmail) ? '' : currentUserEmail(),
    authorization,
  };
}

function save(session: AddonSession, input: ScheduleSettings): Record<string, string> {
  const errors = scheduleErrors(input, session.lang);
  if (Object.keys(errors).length > 0) return errors;
  session.schedule = normaliseSchedule(input);
  saveSettingsText(session.spreadsheetId, serializeSettings({ reports: session.settings, schedule: session.schedule }));
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
      turnOnDigest(session.spreadsheetId, session.schedule.weekday, session.schedule.hour, session.timeZone, currentUserEmail());
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
 * The time-driven trigger's handler. It runs with the spreadsheet closed: the
 * spreadsheet is found again by the id recorded with the trigger.
 */
export function runScheduledDigest(e?: { triggerUid?: string }): ScheduleRun | null {
  let session: AddonSession | null = null;
  let id: string | null = null;
  try {
    id = spreadsheetOfTrigger(e?.triggerUid);
    if (!id && e?.triggerUid) return null;
    // The user may have granted only some permissions (or revoked one): say which, never crash.
    const { missing } = missingScopes(NEEDS.trigger);
    if (!missing.includes('spreadsheets')) {
      // Run by hand from the script editor (no trigger): the open spreadsheet.
      session = openSession(id ? spreadsheetById(id) : activeSpreadsheet());
    }
    if (missing.length > 0) {
      const lang = session?.lang ?? userLang('').lang;
      recordFailure(session, t(lang, 'auth.trigger', { what: missingText(lang, missing) }), id);
      return null;
    }
    const current = session!;
    return withDocumentLock(t(current.lang, 'err.busy'), () => runDigest(current, false));
  } catch (error) {
    recordFailure(session, error instanceof Error ? error.message : String(error), id);
    return null;
  }
}
