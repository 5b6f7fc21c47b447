/**
 * Where the add-on keeps its state: report settings per document (shared by everyone
 * who edits it), the UI language per user.
 */
const SETTINGS_KEY = 'repeatSales.settings';
const LANG_KEY = 'repeatSales.lang';

export function loadSettingsText(): string | null {
  return PropertiesService.getDocumentProperties().getProperty(SETTINGS_KEY);
}

export function saveSettingsText(text: string): void {
  PropertiesService.getDocumentProperties().setProperty(SETTINGS_KEY, text);
}

export function loadLangChoice(): string | null {
  return PropertiesService.getUserProperties().getProperty(LANG_KEY);
}

export function saveLangChoice(lang: string | null): void {
  const props = PropertiesService.getUserProperties();
  if (lang === null) props.deleteProperty(LANG_KEY);
  else props.setProperty(LANG_KEY, lang);
}
