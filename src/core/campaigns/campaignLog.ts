/**
 * The campaign log (docs/definitions.md: campaigns, the log): who each campaign
 * listed on which day, in the worklist or the control group, with their manager.
 * Results are computed from it, so it is append-only: a customer is logged when a
 * campaign lists them, not on every rebuild they are still on the list; when they
 * leave the list a departure is appended (the day and why), and a customer who
 * comes back later is listed anew. Entries older than two years are trimmed.
 *
 * Stored in the document's properties (src/gas/campaignLogStore.ts), so it is
 * written compactly: one line per run of entries of the same campaign, day, group
 * and manager, each a JSON array `[campaign, day, control 0/1, manager, [keys]]`
 * (a departure has its cause before the keys: `[..., manager, "bought_again", [keys]]`).
 * A customer costs their key and three characters (quotes and comma). Lines are
 * read one by one, so a damaged line (a lost chunk, a hand edit) loses only its
 * own entries, and the reader says how many lines it skipped.
 */
import { type CampaignLogEntry, EXIT_CAUSES, type ExitCause } from './campaign';

export const LOG_HEADER = 'campaignLog 1';
/** Two years: older entries no longer feed any results window. */
export const LOG_KEEP_DAYS = 731;
/** A line stays under this many UTF-8 bytes, so that lines pack into 9 KB property values. */
export const MAX_LINE_BYTES = 8000;

/** Bytes of a text in UTF-8, as the properties' quota counts them. */
export function utf8Length(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      n += 4; // a surrogate pair is one code point of four bytes
      i++;
    } else n += 3;
  }
  return n;
}

/** A customer as a campaign lists them today. */
export interface Listing {
  customer: string;
  manager: string;
  control: boolean;
}

/** What one campaign's run brings to the log: whom it lists today, and why a customer no longer listed left. */
export interface CampaignRun {
  campaign: string;
  listed: readonly Listing[];
  /** Called for each customer on the list until now who is not listed today, with their listing. */
  exitCause(customer: string, listing: CampaignLogEntry): ExitCause;
}

/** The latest entry of each customer, per campaign: a listing while they are on the list, a departure once they left it. */
export function latestEntries(log: readonly CampaignLogEntry[]): Map<string, Map<string, CampaignLogEntry>> {
  const out = new Map<string, Map<string, CampaignLogEntry>>();
  for (const e of log) {
    let byCustomer = out.get(e.campaign);
    if (!byCustomer) out.set(e.campaign, (byCustomer = new Map()));
    byCustomer.set(e.customer, e); // the log is in day order: a later line is a later event
  }
  return out;
}

/**
 * The log after today's run: entries of the last two years kept; a listing
 * appended for each customer listed today who is not on the list (never listed,
 * or left since), and a departure, with its cause, for each customer on the list
 * who is not listed today. A customer still listed adds nothing. Returns the new
 * log, how many listings and departures were appended, and latestEntries of the
 * new log (found on the way, so that the caller need not read the log again).
 */
export function appendRuns(
  log: readonly CampaignLogEntry[],
  today: number,
  runs: readonly CampaignRun[],
): { log: CampaignLogEntry[]; listed: number; left: number; latest: Map<string, Map<string, CampaignLogEntry>> } {
  const from = today - LOG_KEEP_DAYS;
  const kept = log.filter((e) => e.day >= from);
  const latest = latestEntries(kept);
  const appended = kept.length;
  let listed = 0;
  let left = 0;
  for (const run of runs) {
    const before = latest.get(run.campaign) ?? new Map<string, CampaignLogEntry>();
    const today_ = new Set<string>();
    for (const l of run.listed) {
      today_.add(l.customer);
      const last = before.get(l.customer);
      if (last !== undefined && last.exit === undefined) continue;
      kept.push({ campaign: run.campaign, customer: l.customer, day: today, control: l.control, manager: l.manager });
      listed++;
    }
    for (const [customer, last] of before) {
      if (last.exit !== undefined || today_.has(customer)) continue;
      const cause = run.exitCause(customer, last);
      kept.push({ campaign: run.campaign, customer, day: today, control: last.control, manager: last.manager, exit: cause });
      left++;
    }
  }
  // Today's entries are the latest of their customers (after every run: a run reads the log as it was).
  for (let i = appended; i < kept.length; i++) {
    const e = kept[i];
    let byCustomer = latest.get(e.campaign);
    if (!byCustomer) latest.set(e.campaign, (byCustomer = new Map()));
    byCustomer.set(e.customer, e);
  }
  return { log: kept, listed, left, latest };
}

// ---------- text ----------

const json = (v: unknown): string => JSON.stringify(v);

/**
 * The log as text: a header, then per block of entries of one campaign and day (a
 * run appends each campaign's entries together), one line per group of the same
 * group, manager and cause, in the order the groups first appear, each line under
 * MAX_LINE_BYTES. Within a block a customer appears once (a second entry of the
 * same customer starts a new block), so regrouping never reorders what happened
 * to one customer.
 */
export function encodeLog(log: readonly CampaignLogEntry[]): string {
  const lines = [LOG_HEADER];
  let campaign: string | null = null;
  let day = NaN;
  let seen = new Set<string>();
  let groups = new Map<string, string[]>();
  const flush = (): void => {
    for (const [head, keys] of groups) {
      const headBytes = utf8Length(head) + 3;
      let line: string[] = [];
      let bytes = headBytes;
      for (const k of keys) {
        const size = utf8Length(k) + 1;
        if (line.length > 0 && bytes + size > MAX_LINE_BYTES) {
          lines.push(`${head}[${line.join(',')}]]`);
          line = [];
          bytes = headBytes;
        }
        line.push(k);
        bytes += size;
      }
      if (line.length > 0) lines.push(`${head}[${line.join(',')}]]`);
    }
    groups = new Map();
    seen = new Set();
  };
  for (const e of log) {
    const k = json(e.customer);
    // No customer id is this long; such a key would not fit a property value.
    if (utf8Length(k) > MAX_LINE_BYTES / 2) continue;
    if (e.campaign !== campaign || e.day !== day || seen.has(e.customer)) {
      flush();
      campaign = e.campaign;
      day = e.day;
    }
    seen.add(e.customer);
    const head = `[${json(e.campaign)},${e.day},${e.control ? 1 : 0},${json(e.manager)},${e.exit === undefined ? '' : json(e.exit) + ','}`;
    const group = groups.get(head);
    if (group) group.push(k);
    else groups.set(head, [k]);
  }
  flush();
  return lines.join('\n');
}

const isText = (v: unknown): v is string => typeof v === 'string';

/**
 * The log from its text, tolerant: a line that is not a valid run of entries is
 * skipped and counted; text without the header (none stored, or another version)
 * is an empty log, its lines counted as skipped unless there was no text.
 */
export function decodeLog(text: string | null): { log: CampaignLogEntry[]; skipped: number } {
  if (text === null || text === '') return { log: [], skipped: 0 };
  const lines = text.split('\n');
  if (lines[0] !== LOG_HEADER) return { log: [], skipped: lines.filter((l) => l !== '').length };
  const log: CampaignLogEntry[] = [];
  let skipped = 0;
  for (let i = 1; i < lines.length; i++) {
    if (lines[i] === '') continue;
    let raw: unknown;
    try {
      raw = JSON.parse(lines[i]);
    } catch {
      skipped++;
      continue;
    }
    if (
      !Array.isArray(raw) ||
      (raw.length !== 5 && raw.length !== 6) ||
      !isText(raw[0]) ||
      !Number.isInteger(raw[1]) ||
      (raw[2] !== 0 && raw[2] !== 1) ||
      !isText(raw[3]) ||
      (raw.length === 6 && !EXIT_CAUSES.includes(raw[4] as ExitCause)) ||
      !Array.isArray(raw[raw.length - 1]) ||
      !(raw[raw.length - 1] as unknown[]).every(isText)
    ) {
      skipped++;
      continue;
    }
    const [campaign, day, control, manager] = raw as [string, number, 0 | 1, string];
    const exit = raw.length === 6 ? (raw[4] as ExitCause) : undefined;
    for (const customer of raw[raw.length - 1] as string[]) {
      log.push(
        exit === undefined
          ? { campaign, customer, day, control: control === 1, manager }
          : { campaign, customer, day, control: control === 1, manager, exit },
      );
    }
  }
  return { log, skipped };
}

/**
 * The log cut to a byte budget: the oldest entries go first until its text fits (a few
 * more than the fewest, found with a handful of encodings rather than a search).
 * The document's properties hold 500 KB in all, shared with the settings, so the
 * log gets a budget of its own rather than failing the rebuild when it outgrows it.
 */
export function fitLogToBudget(log: readonly CampaignLogEntry[], budget: number): { log: CampaignLogEntry[]; dropped: number } {
  // Encoding a long log costs more than the rest: skip it when its keys alone are over the budget. A key's JSON
  // is at most 6 bytes per UTF-8 byte (\u0001) and its quotes, so a key of up to 666 bytes is never left out.
  let floor = LOG_HEADER.length;
  for (const e of log) {
    const n = utf8Length(e.customer);
    if (6 * n + 2 <= MAX_LINE_BYTES / 2) floor += n + 3;
  }
  let size = floor > budget ? Infinity : utf8Length(encodeLog(log));
  if (size <= budget) return { log: log.slice(), dropped: 0 };
  // Each entry costs at least its quoted key and a comma: keep the newest whose keys fill the budget, then
  // measure, and drop a little more while the text (heads of the lines included) is still over it.
  let k = log.length;
  let keys = 0;
  while (k > 0 && keys + utf8Length(log[k - 1].customer) + 3 <= budget) keys += utf8Length(log[--k].customer) + 3;
  for (;;) {
    size = utf8Length(encodeLog(log.slice(k)));
    if (size <= budget || k >= log.length) break;
    const perEntry = size / (log.length - k);
    k = Math.min(log.length, k + Math.ceil((size - budget) / perEntry) + 1);
  }
  return { log: log.slice(k), dropped: k };
}

/**
 * The text in pieces of at most `maxBytes` UTF-8 bytes, cut at line ends, so that
 * a piece lost loses only its own lines (decodeLog skips the damage). Lines are
 * under MAX_LINE_BYTES, so every piece holds at least one whole line.
 */
export function chunkText(text: string, maxBytes: number): string[] {
  const chunks: string[] = [];
  let current: string[] = [];
  let bytes = 0;
  for (const line of text.split('\n')) {
    const size = utf8Length(line) + 1;
    if (current.length > 0 && bytes + size > maxBytes) {
      chunks.push(current.join('\n'));
      current = [];
      bytes = 0;
    }
    current.push(line);
    bytes += size;
  }
  if (current.length > 0) chunks.push(current.join('\n'));
  return chunks;
}
