/**
 * The campaign log (docs/definitions.md: campaigns, the log): who each campaign
 * listed on which day, in the worklist or the control group, with their manager.
 * Results are computed from it, so it is append-only: a customer is logged when a
 * campaign lists them, not on every rebuild they are still on the list; when they
 * leave the list a departure is appended (the day and why), and a customer who
 * comes back later is listed anew. Entries older than two years are trimmed.
 *
 * Kept on a hidden sheet of its own (src/gas/campaignLogStore.ts), in rows made
 * for Sheets' limits rather than for reading (encodeLogRows): one row per campaign
 * and day, the day's entries packed into one cell under LOG_CELL_CHARS. One row
 * per entry would not fit: at 100,000 listings and as many departures a week for
 * two years it is 21 million rows, over the spreadsheet's 10 million cells
 * (test/campaignLog.test.ts measures both). Until version 0.2.0 the log lived in
 * the document's properties; decodeLegacyLog reads that text for the move.
 */
import { dayOfIso, isoOfDay } from '../isoDates';
import { type CampaignLogEntry, EXIT_CAUSES, type ExitCause } from './campaign';

/** Two years: older entries no longer feed any results window. */
export const LOG_KEEP_DAYS = 731;

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

// ---------- rows of the log sheet ----------

/**
 * The longest text a log cell holds. Sheets refuses more than 50,000 characters in
 * a cell ("Your input contains more than the maximum of 50000 characters in a
 * single cell.", the error setValues throws); the local runtime keeps the
 * spreadsheet as .xlsx, where Excel allows 32,767
 * (https://support.microsoft.com/en-us/office/excel-specifications-and-limits-1672b34d-7043-467e-8e27-269d656771c3).
 * 30,000 is under both.
 */
export const LOG_CELL_CHARS = 30_000;
/** A row: campaign id, day (ISO), the day's entries (JSON). */
export const LOG_COLUMNS = 3;
/**
 * The log's share of the spreadsheet's 10 million cells ("Up to 10 million cells
 * or 18,278 columns", https://support.google.com/drive/answer/37603), which the
 * orders and the reports share: past it the oldest rows go (fitLogRows). Two years
 * of the largest campaigns in the tests take a few tens of thousands.
 */
export const LOG_MAX_CELLS = 1_000_000;

/** One row of the log sheet, and how many entries it holds. */
export interface LogRow {
  cells: [campaign: string, day: string, entries: string];
  entries: number;
}

const json = (v: unknown): string => JSON.stringify(v);

/**
 * The log as rows, in its order: per block of entries of one campaign and day (a
 * run appends each campaign's entries together), one row whose third cell is a
 * JSON array of runs, one per group, manager and cause, in the order they first
 * appear: `[cause, control 0/1, manager, key, key, ...]`, the cause "" for a
 * listing. A block too long for one cell continues on the next row (the same
 * campaign and day). Within a block a customer appears once (a second entry of
 * the same customer starts a new block), so regrouping never reorders what
 * happened to one customer. A block's rows depend on its entries alone, so the
 * rows of a log are the rows of its blocks one after another.
 *
 * `emit` gets each row as it is made, so that a log too large to hold as rows in
 * memory can still be measured.
 */
export function forEachLogRow(log: Iterable<CampaignLogEntry>, emit: (row: LogRow) => void): void {
  let campaign: string | null = null;
  let day = NaN;
  let seen = new Set<string>();
  let runs = new Map<string, string[]>();
  const flush = (): void => {
    if (campaign === null || runs.size === 0) return;
    const at: [string, string] = [campaign, isoOfDay(day)];
    let parts: string[] = [];
    let used = 2; // the cell's brackets
    let entries = 0;
    const close = (): void => {
      emit({ cells: [...at, `[${parts.join(',')}]`], entries });
      parts = [];
      used = 2;
      entries = 0;
    };
    const comma = (): number => (parts.length > 0 ? 1 : 0);
    for (const [head, keys] of runs) {
      let run: string[] = [];
      let open = 0; // "[" head ("," key)*, without the closing bracket
      const put = (): void => {
        used += comma() + open + 1;
        parts.push(`[${head},${run.join(',')}]`);
        run = [];
        open = 0;
      };
      for (const k of keys) {
        const grown = run.length === 0 ? head.length + k.length + 2 : open + k.length + 1;
        if (used + comma() + grown + 1 > LOG_CELL_CHARS && (run.length > 0 || parts.length > 0)) {
          if (run.length > 0) put();
          close();
          run = [k];
          open = head.length + k.length + 2;
        } else {
          run.push(k);
          open = grown;
        }
        entries++;
      }
      if (run.length > 0) put();
    }
    if (parts.length > 0) close();
    runs = new Map();
    seen = new Set();
  };
  for (const e of log) {
    const k = json(e.customer);
    if (e.campaign !== campaign || e.day !== day || seen.has(e.customer)) {
      flush();
      campaign = e.campaign;
      day = e.day;
    }
    const head = `${json(e.exit ?? '')},${e.control ? 1 : 0},${json(e.manager)}`;
    // No customer id is this long (an order cell holds 50,000 characters): such a key would not fit a log cell.
    if (head.length + k.length + 5 > LOG_CELL_CHARS) continue;
    seen.add(e.customer);
    const run = runs.get(head);
    if (run) run.push(k);
    else runs.set(head, [k]);
  }
  flush();
}

/** The log as rows (forEachLogRow). */
export function encodeLogRows(log: Iterable<CampaignLogEntry>): LogRow[] {
  const rows: LogRow[] = [];
  forEachLogRow(log, (row) => rows.push(row));
  return rows;
}

/**
 * The newest rows that fit `maxCells` with the header row: the oldest go first, and
 * the entries they held are counted.
 */
export function fitLogRows(rows: readonly LogRow[], maxCells = LOG_MAX_CELLS): { rows: LogRow[]; dropped: number } {
  const room = Math.max(0, Math.floor(maxCells / LOG_COLUMNS) - 1);
  if (rows.length <= room) return { rows: rows.slice(), dropped: 0 };
  let dropped = 0;
  for (let i = 0; i < rows.length - room; i++) dropped += rows[i].entries;
  return { rows: rows.slice(rows.length - room), dropped };
}

const isText = (v: unknown): v is string => typeof v === 'string';

/** The entries of one row, or null when the row is not one the log wrote. */
function entriesOfRow(row: readonly unknown[]): CampaignLogEntry[] | null {
  const [campaign, dayText, packed] = row;
  const day = dayOfIso(dayText);
  if (!isText(campaign) || campaign === '' || Number.isNaN(day) || !isText(packed)) return null;
  let runs: unknown;
  try {
    runs = JSON.parse(packed);
  } catch {
    return null;
  }
  if (!Array.isArray(runs)) return null;
  const out: CampaignLogEntry[] = [];
  for (const run of runs as unknown[]) {
    if (!Array.isArray(run) || run.length < 4) return null;
    const [cause, control, manager] = run as unknown[];
    if (!isText(cause) || (cause !== '' && !EXIT_CAUSES.includes(cause as ExitCause))) return null;
    if ((control !== 0 && control !== 1) || !isText(manager)) return null;
    const keys = run.slice(3);
    if (!keys.every(isText)) return null;
    for (const customer of keys as string[]) {
      const entry: CampaignLogEntry = { campaign, customer, day, control: control === 1, manager };
      if (cause !== '') entry.exit = cause as ExitCause;
      out.push(entry);
    }
  }
  return out;
}

/**
 * The log from its rows as read back (below the header), tolerant: a row that is
 * not one the log wrote (a hand edit, a cut cell) is skipped and counted, and
 * loses only its own entries; an empty row is nothing.
 */
export function decodeLogRows(rows: readonly (readonly unknown[])[]): { log: CampaignLogEntry[]; skipped: number } {
  const log: CampaignLogEntry[] = [];
  let skipped = 0;
  for (const row of rows) {
    if (row.every((v) => v === '' || v === null || v === undefined)) continue;
    const entries = entriesOfRow(row);
    if (entries === null) skipped++;
    else for (const e of entries) log.push(e);
  }
  return { log, skipped };
}

// ---------- the log as it was kept in the document's properties (before 0.2.0) ----------

/** The first line of the text the properties held. */
export const LEGACY_LOG_HEADER = 'campaignLog 1';

/**
 * The log from the text the document's properties held until 0.2.0 (read once,
 * to move it to its sheet), tolerant: one line per run of entries of the same
 * campaign, day, group and manager, each a JSON array `[campaign, day, control
 * 0/1, manager, [keys]]`, a departure with its cause before the keys. A line that
 * is not a valid run is skipped and counted; text without the header (none
 * stored, or another version) is an empty log, its lines counted as skipped
 * unless there was no text.
 */
export function decodeLegacyLog(text: string | null): { log: CampaignLogEntry[]; skipped: number } {
  if (text === null || text === '') return { log: [], skipped: 0 };
  const lines = text.split('\n');
  if (lines[0] !== LEGACY_LOG_HEADER) return { log: [], skipped: lines.filter((l) => l !== '').length };
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
