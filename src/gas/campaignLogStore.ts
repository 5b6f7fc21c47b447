/**
 * Where the campaign log (src/core/campaigns/campaignLog.ts) is kept: the
 * document's properties, in pieces. Apps Script allows 9 KB per property value
 * and 500 KB per property store
 * (https://developers.google.com/apps-script/guides/services/quotas: "Properties
 * value size 9 KB / val", "Properties total storage 500 KB / property store"), and
 * the document's store also holds the settings and the schedule's record; so the
 * log gets a budget of LOG_BUDGET_BYTES, cut into values of at most CHUNK_BYTES at
 * line ends. One getProperties to read, one setProperties to write, whatever the
 * log's size; pieces a shorter log no longer needs are emptied in that same call.
 */
import { chunkText } from '../core/campaigns/campaignLog';

const PREFIX = 'repeatSales.campaignLog.';
const COUNT_KEY = `${PREFIX}pieces`;
/** Under the 9 KB limit, counted in UTF-8 bytes as the quota is, with room to spare. */
export const CHUNK_BYTES = 8 * 1024;
/** The log's share of the document's 500 KB: the rest stays for the settings and the schedule's record. */
export const LOG_BUDGET_BYTES = 300 * 1024;

function store(): GoogleAppsScript.Properties.Properties {
  const props = PropertiesService.getDocumentProperties();
  // A document store is what the log needs: an execution without one must not list anyone it cannot remember.
  if (!props) throw new Error('document properties are not available to this run');
  return props;
}

/** The log's text as stored, null when there is none. */
export function loadCampaignLogText(): string | null {
  const all = store().getProperties();
  const pieces = Number(all[COUNT_KEY] ?? 0);
  if (!(Number.isInteger(pieces) && pieces > 0)) return null;
  const parts: string[] = [];
  for (let i = 0; i < pieces; i++) {
    const part = all[PREFIX + i];
    if (part !== undefined && part !== '') parts.push(part); // a lost piece loses only its own lines
  }
  return parts.join('\n');
}

/** Stores the text (already within LOG_BUDGET_BYTES) in one call. */
export function saveCampaignLogText(text: string): void {
  const props = store();
  const before = Number(props.getProperty(COUNT_KEY) ?? 0);
  const chunks = chunkText(text, CHUNK_BYTES);
  const values: Record<string, string> = { [COUNT_KEY]: String(chunks.length) };
  chunks.forEach((c, i) => (values[PREFIX + i] = c));
  for (let i = chunks.length; i < (Number.isInteger(before) ? before : 0); i++) values[PREFIX + i] = '';
  props.setProperties(values);
}
