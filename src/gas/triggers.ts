/**
 * The one clock trigger of a document's weekly e-mails. Triggers belong to the
 * user and the project, not to a document, so which document a trigger serves is
 * recorded in the user's properties under the trigger's id; turning the schedule on
 * replaces any trigger already recorded for the document, so there is never more
 * than one.
 *
 * It fires daily at the chosen hour: the run sends the week's e-mails on the chosen
 * weekday and, on the days after, finishes a week left unfinished (a failed send,
 * the quota, a busy spreadsheet). One trigger does both, rather than a second
 * one-off trigger for a retry: Google's guide limits the triggers an editor add-on
 * keeps per user and document (https://developers.google.com/workspace/add-ons/concepts/editor-triggers),
 * and an add-on's time-driven trigger may run at most hourly
 * (https://developers.google.com/apps-script/guides/triggers/installable#time-driven_triggers).
 */
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

export function turnOnDigest(spreadsheetId: string, hour: number, timeZone: string, owner: string): void {
  turnOffDigest(spreadsheetId);
  setScheduleOwner(spreadsheetId, owner);
  const trigger = ScriptApp.newTrigger(DIGEST_HANDLER).timeBased().everyDays(1).atHour(hour).inTimezone(timeZone).create();
  setTriggerSpreadsheet(trigger.getUniqueId(), spreadsheetId);
}

/**
 * The spreadsheet a firing trigger serves, from this user's record of the triggers
 * they made; null for a trigger nobody recorded (it is then removed). Only the user
 * who turned the schedule on has the record, so an id passed by anyone else serves nothing.
 */
export function spreadsheetOfTrigger(triggerUid: string): string | null {
  const id = triggerSpreadsheet(triggerUid);
  if (id === null) {
    for (const tr of ScriptApp.getProjectTriggers()) if (tr.getUniqueId() === triggerUid) ScriptApp.deleteTrigger(tr);
  }
  return id;
}
