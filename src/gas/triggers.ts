/**
 * The one weekly trigger of a document. Triggers belong to the user and the
 * project, not to a document, so which document a trigger serves is recorded in the
 * user's properties under the trigger's id; turning the schedule on replaces any
 * trigger already recorded for the document, so there is never more than one.
 */
import type { Weekday } from '../mail/schedule';
import { setScheduleOwner, setTriggerSpreadsheet, triggerSpreadsheet } from './storage';

export const DIGEST_HANDLER = 'runScheduledDigest';

type Trigger = GoogleAppsScript.Script.Trigger;

/** The digest triggers of this user that serve the spreadsheet. */
export function digestTriggers(spreadsheetId: string): Trigger[] {
  return ScriptApp.getProjectTriggers().filter(
    (tr) => tr.getHandlerFunction() === DIGEST_HANDLER && triggerSpreadsheet(tr.getUniqueId()) === spreadsheetId,
  );
}

export function turnOffDigest(spreadsheetId: string): number {
  const triggers = digestTriggers(spreadsheetId);
  for (const tr of triggers) {
    ScriptApp.deleteTrigger(tr);
    setTriggerSpreadsheet(tr.getUniqueId(), null);
  }
  // Nothing is left behind of a schedule that is off: the owner's address goes too.
  setScheduleOwner(spreadsheetId, null);
  return triggers.length;
}

export function turnOnDigest(spreadsheetId: string, weekday: Weekday, hour: number, timeZone: string, owner: string): void {
  turnOffDigest(spreadsheetId);
  setScheduleOwner(spreadsheetId, owner);
  const trigger = ScriptApp.newTrigger(DIGEST_HANDLER)
    .timeBased()
    .onWeekDay(ScriptApp.WeekDay[weekday])
    .atHour(hour)
    .inTimezone(timeZone)
    .create();
  setTriggerSpreadsheet(trigger.getUniqueId(), spreadsheetId);
}

/** The spreadsheet a firing trigger serves, or null for a trigger nobody knows (it is then removed). */
export function spreadsheetOfTrigger(triggerUid: string | undefined): string | null {
  if (!triggerUid) return null;
  const id = triggerSpreadsheet(triggerUid);
  if (id === null) {
    for (const tr of ScriptApp.getProjectTriggers()) if (tr.getUniqueId() === triggerUid) ScriptApp.deleteTrigger(tr);
  }
  return id;
}
