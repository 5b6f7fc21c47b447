/**
 * Where the add-on keeps its state: settings per document (shared by everyone who
 * edits it), the UI language per user, and the schedule's run record per document.
 *
 * A time-driven trigger runs with no open document, where document properties may
 * not be available; so the settings are mirrored in the properties of the user who
 * owns the trigger, under the spreadsheet's id, and read from there as a fallback.
 */
const SETTINGS_KEY = 'repeatSales.settings';
const STATE_KEY = 'repeatSales.scheduleState';
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

export function loadSettingsText(spreadsheetId: string): string | null {
  const doc = documentProperties();
  const text = doc ? doc.getProperty(SETTINGS_KEY) : null;
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

export function loadScheduleStateText(): string | null {
  return documentProperties()?.getProperty(STATE_KEY) ?? null;
}

export function saveScheduleStateText(text: string): void {
  documentProperties()?.setProperty(STATE_KEY, text);
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
