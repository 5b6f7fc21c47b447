/**
 * Where the add-on keeps its state: settings per document (shared by everyone who
 * edits it), the UI language per user, and the schedule's record of what was sent
 * per document.
 *
 * A time-driven trigger runs with no open document, where document properties may
 * not be available; so the settings and the record of what was sent are mirrored
 * in the properties of the user who owns the trigger, under the spreadsheet's id,
 * and read from there too (the record from both: a week's e-mail is sent once).
 */
const SETTINGS_KEY = 'repeatSales.settings';
const STATE_KEY = 'repeatSales.scheduleState';
const STATE_MIRROR_PREFIX = 'repeatSales.scheduleState.';
const LANG_KEY = 'repeatSales.lang';
const MIRROR_PREFIX = 'repeatSales.settings.';
const TRIGGER_PREFIX = 'repeatSales.trigger.';
const OWNER_PREFIX = 'repeatSales.owner.';

type Properties = GoogleAppsScript.Properties.Properties;

function documentProperties(): Properties | null {
  try {
    return PropertiesService.getDocumentProperties();
  } catch {
    return null;
  }
}

/** The document's copy, else (none, or the store failing) the owner's mirror. */
export function loadSettingsText(spreadsheetId: string): string | null {
  let text: string | null = null;
  try {
    text = documentProperties()?.getProperty(SETTINGS_KEY) ?? null;
  } catch {
    // Unavailable to this execution: the mirror stands in.
  }
  return text ?? PropertiesService.getUserProperties().getProperty(MIRROR_PREFIX + spreadsheetId);
}

export function saveSettingsText(spreadsheetId: string, text: string): void {
  documentProperties()?.setProperty(SETTINGS_KEY, text);
  PropertiesService.getUserProperties().setProperty(MIRROR_PREFIX + spreadsheetId, text);
}

/** The raw settings text as stored, for tests and support ("what is saved?"). */
export function storedSettingsKey(): string {
  return SETTINGS_KEY;
}

/** Where a copy of the schedule's record lives. */
export type StateStore = 'document' | 'user';
/** One copy as read: its text (null when there is none), or why it could not be read. */
export type StateCopy = { store: StateStore; text: string | null } | { store: StateStore; error: string };

const message = (e: unknown): string => (e instanceof Error ? e.message : String(e));

/** Both copies of the schedule's record; a store that fails says so instead of throwing. */
export function loadScheduleStateCopies(spreadsheetId: string): StateCopy[] {
  const copies: StateCopy[] = [];
  try {
    const doc = PropertiesService.getDocumentProperties();
    copies.push({ store: 'document', text: doc ? doc.getProperty(STATE_KEY) : null });
  } catch (e) {
    copies.push({ store: 'document', error: message(e) });
  }
  try {
    copies.push({ store: 'user', text: PropertiesService.getUserProperties().getProperty(STATE_MIRROR_PREFIX + spreadsheetId) });
  } catch (e) {
    copies.push({ store: 'user', error: message(e) });
  }
  return copies;
}

/** Writes both copies, each on its own; the stores that failed, with why. */
export function saveScheduleStateCopies(spreadsheetId: string, text: string): { store: StateStore; error: string }[] {
  const failed: { store: StateStore; error: string }[] = [];
  try {
    // No document store in this execution (null): the mirror is the record.
    PropertiesService.getDocumentProperties()?.setProperty(STATE_KEY, text);
  } catch (e) {
    failed.push({ store: 'document', error: message(e) });
  }
  try {
    PropertiesService.getUserProperties().setProperty(STATE_MIRROR_PREFIX + spreadsheetId, text);
  } catch (e) {
    failed.push({ store: 'user', error: message(e) });
  }
  return failed;
}

export function loadLangChoice(): string | null {
  return PropertiesService.getUserProperties().getProperty(LANG_KEY);
}

export function saveLangChoice(lang: string | null): void {
  const props = PropertiesService.getUserProperties();
  if (lang === null) props.deleteProperty(LANG_KEY);
  else props.setProperty(LANG_KEY, lang);
}

/** Which spreadsheet a trigger serves (the trigger itself only knows its handler). */
export function triggerSpreadsheet(triggerUid: string): string | null {
  return PropertiesService.getUserProperties().getProperty(TRIGGER_PREFIX + triggerUid);
}

export function setTriggerSpreadsheet(triggerUid: string, spreadsheetId: string | null): void {
  const props = PropertiesService.getUserProperties();
  if (spreadsheetId === null) props.deleteProperty(TRIGGER_PREFIX + triggerUid);
  else props.setProperty(TRIGGER_PREFIX + triggerUid, spreadsheetId);
}

/** The address of whoever turned the schedule on, to tell them when a run fails. */
export function scheduleOwner(spreadsheetId: string): string | null {
  return PropertiesService.getUserProperties().getProperty(OWNER_PREFIX + spreadsheetId);
}

export function setScheduleOwner(spreadsheetId: string, email: string | null): void {
  const props = PropertiesService.getUserProperties();
  if (email) props.setProperty(OWNER_PREFIX + spreadsheetId, email);
  else props.deleteProperty(OWNER_PREFIX + spreadsheetId);
}
