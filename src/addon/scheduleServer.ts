/**
 * The schedule section of the sidebar and the weekly trigger's handler.
 */
import { UserError } from '../core/errors';
import { t } from '../i18n/catalogue';
import { withDocumentLock } from '../gas/documentLock';
import { currentUserEmail, remainingQuota } from '../gas/mailer';
import { activeSpreadsheet, spreadsheetById } from '../gas/spreadsheet';
import { saveSettingsText } from '../gas/storage';
import { digestTriggers, spreadsheetOfTrigger, turnOffDigest, turnOnDigest } from '../gas/triggers';
import type { ScheduleRun, ScheduleSaveResult, ScheduleSettings, ScheduleState, ServerApi } from './api';
import { readOrdersSheet } from './reportRun';
import { loadState, recordFailure, runDigest } from './scheduleRun';
import { defaultSchedule, normaliseSchedule, scheduleErrors } from './scheduleSettings';
import { type AddonSession, openSession } from './session';
import { serializeSettings } from './settings';

/** Managers named in the orders, for the recipients table; none when the orders cannot be read. */
function managersOf(session: AddonSession): string[] {
  try {
    const table = readOrdersSheet(session, session.settings.ordersSheet, session.settings.mapping);
    const names = new Set<string>();
    for (const m of table.read.orders.customers.manager) if (m) names.add(m);
    return [...names].sort((a, b) => a.localeCompare(b));
  } catch (e) {
    if (e instanceof UserError) return [];
    throw e;
  }
}

function stateOf(session: AddonSession): ScheduleState {
  return {
    schedule: session.schedule,
    defaults: defaultSchedule(),
    on: digestTriggers(session.spreadsheetId).length > 0,
    managers: managersOf(session),
    lastRun: loadState().lastRun,
    quota: remainingQuota(),
    user: currentUserEmail(),
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
      return { state: stateOf(session), errors };
    },

    scheduleTurnOn(schedule: ScheduleSettings): ScheduleSaveResult {
      const session = openSession();
      const errors = save(session, schedule);
      if (Object.keys(errors).length > 0) return { state: stateOf(session), errors };
      const { recipients, fallbackEmail } = session.schedule;
      if (Object.keys(recipients).length === 0 && !fallbackEmail) {
        return { state: stateOf(session), errors: { recipients: t(session.lang, 'sched.err.noRecipients') } };
      }
      turnOnDigest(session.spreadsheetId, session.schedule.weekday, session.schedule.hour, session.timeZone);
      return { state: stateOf(session), errors: {} };
    },

    scheduleTurnOff(): ScheduleState {
      const session = openSession();
      turnOffDigest(session.spreadsheetId);
      return stateOf(session);
    },

    scheduleSendTest(): ScheduleRun {
      const session = openSession();
      return withDocumentLock(t(session.lang, 'err.busy'), () => runDigest(session, true));
    },
  };

/**
 * The time-driven trigger's handler. It runs with the spreadsheet closed: the
 * spreadsheet is found again by the id recorded with the trigger.
 */
export function runScheduledDigest(e?: { triggerUid?: string }): ScheduleRun | null {
  let session: AddonSession | null = null;
  try {
    const id = spreadsheetOfTrigger(e?.triggerUid);
    // Run by hand from the script editor (no trigger): the open spreadsheet.
    const ss = id ? spreadsheetById(id) : e?.triggerUid ? null : activeSpreadsheet();
    if (!ss) return null;
    session = openSession(ss);
    const current = session;
    return withDocumentLock(t(current.lang, 'err.busy'), () => runDigest(current, false));
  } catch (error) {
    recordFailure(session, error instanceof Error ? error.message : String(error));
    return null;
  }
}
