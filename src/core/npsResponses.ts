/**
 * NPS answers joined with the customers (docs/definitions.md: NPS joined with
 * customers): an NPS tab (respondent, date, score 0-10, optional comment) found and
 * read like the orders tab, each customer's latest answer, NPS per lifecycle
 * segment and per manager, and the detractors of the last days for a campaign.
 * Nothing here writes back: the answers are the user's.
 */
import { columnLetter, isHeaderOf, normalizeHeader } from './columns';
import { type ErrorKey, UserError } from './errors';
import { npsGroup } from './nps';
import { type Calendar } from './calendar';
import { shownText } from './orders';
import { type LocaleRules, cellText, isBlank, parseAmount, parseDay } from './values';

export type NpsField = 'customer' | 'date' | 'score' | 'comment';
export const NPS_FIELDS: readonly NpsField[] = ['customer', 'date', 'score', 'comment'];
/** Fields every answer needs; the comment is optional. */
export const NPS_REQUIRED: readonly NpsField[] = ['customer', 'date', 'score'];

/** Column index (0-based) of each field found. */
export type NpsMapping = Partial<Record<NpsField, number>>;

// The respondent and the date are found by the orders' names (columns.ts) and these;
// the score and the comment by their own. Exact names first, then the fragments.
const OWN: Record<NpsField, { exact: string[]; contains: string[] }> = {
  customer: { exact: ['respondent', 'респондент', 'who'], contains: ['respondent', 'респондент'] },
  date: { exact: ['answered', 'responsedate', 'submitted', 'timestamp', 'отметкавремени', 'позначкачасу'], contains: [] },
  score: {
    exact: ['score', 'nps', 'rating', 'npsscore', 'оценка', 'балл', 'баллы', 'оцінка', 'бал', 'бали'],
    contains: ['score', 'nps', 'rating', 'оценк', 'балл', 'оцінк', 'рекомендовали', 'рекомендували', 'recommend'],
  },
  comment: {
    exact: ['comment', 'comments', 'why', 'reason', 'комментарий', 'почему', 'причина', 'коментар', 'чому'],
    contains: ['comment', 'why', 'коммент', 'почему', 'коментар', 'чому'],
  },
};

function matches(name: string, field: NpsField, pass: 'exact' | 'contains'): boolean {
  if (name === '') return false;
  const own = OWN[field][pass];
  if (pass === 'exact' ? own.includes(name) : own.some((w) => name.includes(w))) return true;
  // The respondent and the date also go by every name the orders tab knows them by.
  return (field === 'customer' || field === 'date') && isHeaderOf(field, name, pass === 'exact');
}

/**
 * Which column holds each NPS field, judged from the header row alone. The score
 * goes first: "Why this score?" names the score, but is the comment.
 */
export function detectNpsColumns(header: readonly unknown[]): NpsMapping {
  const names = header.map(normalizeHeader);
  const mapping: NpsMapping = {};
  const taken = new Set<number>();
  // The comment's own words first, so that "Why did you give this score?" is not taken for the score.
  const order: NpsField[] = ['comment', 'score', 'customer', 'date'];
  for (const pass of ['exact', 'contains'] as const) {
    for (const field of order) {
      if (mapping[field] !== undefined) continue;
      const index = names.findIndex((name, i) => !taken.has(i) && matches(name, field, pass));
      if (index >= 0) {
        mapping[field] = index;
        taken.add(index);
      }
    }
  }
  return mapping;
}

/**
 * True when a header row names a respondent, a date and a score and no amount: an
 * orders tab with a "Rating" column is still an orders tab.
 */
export function looksLikeNps(header: readonly unknown[]): boolean {
  const found = detectNpsColumns(header);
  if (found.customer === undefined || found.date === undefined || found.score === undefined) return false;
  return !header.some((h) => isHeaderOf('amount', h, true));
}

/** Why an answer row could not be read. */
export type NpsIssueReason = 'emptyCustomer' | 'emptyDate' | 'notADate' | 'emptyScore' | 'notAScore';

export interface NpsIssue {
  /** Spreadsheet row number. */
  row: number;
  field: NpsField;
  /** The column as the user knows it: "Score (C)". */
  column: string;
  value: unknown;
  reason: NpsIssueReason;
}

/** The answers read, as parallel columns in row order. */
export interface NpsResponses {
  count: number;
  /** Matching key, as the orders reader makes it (src/core/orders.ts customerKey). */
  key: string[];
  /** The respondent as written, without invisible characters. */
  name: string[];
  day: Int32Array;
  score: Uint8Array;
  comment: string[];
  /** Spreadsheet row of each answer. */
  row: Int32Array;
}

export interface NpsReadReport {
  /** Rows with anything in them. */
  rows: number;
  blankRows: number;
  readRows: number;
  unreadableRows: number;
  /** The first `maxIssues` problems in row order; all are counted. */
  issues: NpsIssue[];
}

export interface NpsTable {
  sheetName: string;
  /** The whole data range, header row first. */
  values: readonly (readonly unknown[])[];
}

export interface ReadNpsTable {
  sheetName: string;
  headers: string[];
  mapping: NpsMapping;
  responses: NpsResponses;
  report: NpsReadReport;
}

/** What reading needs to know about the spreadsheet: its calendar, its locale's rules, and how to name a field. */
export interface NpsReadEnv {
  calendar: Calendar;
  rules: LocaleRules;
  /** A field's name in the user's language, for columns whose header cell is empty. */
  fieldLabel(field: NpsField): string;
}

/** Each field's name in an error message (literal keys: every catalogue key is named in the code). */
const FIELD_KEYS = {
  customer: 'err.nps.field.customer',
  date: 'err.nps.field.date',
  score: 'err.nps.field.score',
  comment: 'err.nps.field.comment',
} as const satisfies Record<NpsField, ErrorKey>;

/** The tab cannot be read at all: no header row, a required column missing or mapped outside the sheet. */
export function npsTableProblem(headers: readonly string[], mapping: NpsMapping): { missing: NpsField[]; outside: NpsField | null } {
  const outside = NPS_FIELDS.find((f) => mapping[f] !== undefined && mapping[f]! >= headers.length) ?? null;
  return { missing: NPS_REQUIRED.filter((f) => mapping[f] === undefined), outside };
}

/** A whole score 0..10 (a number, or text that spells one: "9", "9,0"), else NaN. */
export function parseScore(value: unknown, rules: LocaleRules): number {
  const n = parseAmount(value, rules);
  return Number.isInteger(n) && n >= 0 && n <= 10 ? n : NaN;
}

/**
 * Reads the answers below the header row with the saved mapping (or the one found
 * from the headers). A row that cannot be read is left out and reported with its
 * row, column and value; a tab that cannot be read at all throws a UserError naming
 * the tab and the fields.
 */
export function readNpsTable(table: NpsTable, saved: NpsMapping | null, env: NpsReadEnv, maxIssues = 5): ReadNpsTable {
  const { sheetName, values } = table;
  if (values.length === 0 || values[0].every((v) => cellText(v) === '')) throw UserError.of('err.nps.emptySheet', { name: sheetName });
  const headers = values[0].map((v) => cellText(v));
  const mapping = saved ?? detectNpsColumns(headers);
  const { missing, outside } = npsTableProblem(headers, mapping);
  if (outside !== null) {
    throw UserError.of('err.nps.columnOutside', {
      name: sheetName,
      field: { key: FIELD_KEYS[outside] },
      column: columnLetter(mapping[outside]! + 1),
      count: headers.length,
    });
  }
  if (missing.length > 0)
    throw UserError.of('err.nps.missingColumns', { name: sheetName, fields: { list: missing.map((f) => env.fieldLabel(f)) } });
  const label = (field: NpsField): string => {
    const col = mapping[field]!;
    return `${headers[col] || env.fieldLabel(field)} (${columnLetter(col + 1)})`;
  };
  const cols = { customer: mapping.customer!, date: mapping.date!, score: mapping.score!, comment: mapping.comment };
  const n = values.length - 1;
  const out = {
    key: [] as string[],
    name: [] as string[],
    day: [] as number[],
    score: [] as number[],
    comment: [] as string[],
    row: [] as number[],
  };
  const report: NpsReadReport = { rows: 0, blankRows: 0, readRows: 0, unreadableRows: 0, issues: [] };
  const fail = (row: number, field: NpsField, value: unknown, reason: NpsIssueReason): void => {
    report.unreadableRows++;
    if (report.issues.length < maxIssues) report.issues.push({ row, field, column: label(field), value, reason });
  };
  for (let i = 1; i <= n; i++) {
    const r = values[i];
    const rawCustomer = r[cols.customer];
    const rawDate = r[cols.date];
    const rawScore = r[cols.score];
    const rawComment = cols.comment === undefined ? '' : r[cols.comment];
    if (isBlank(rawCustomer) && isBlank(rawDate) && isBlank(rawScore) && isBlank(rawComment)) {
      report.blankRows++;
      continue;
    }
    report.rows++;
    const row = i + 1;
    const name = shownText(rawCustomer);
    if (name === '') {
      fail(row, 'customer', rawCustomer, 'emptyCustomer');
      continue;
    }
    if (isBlank(rawDate)) {
      fail(row, 'date', rawDate, 'emptyDate');
      continue;
    }
    const day = parseDay(rawDate, env.calendar, env.rules);
    if (Number.isNaN(day)) {
      fail(row, 'date', rawDate, 'notADate');
      continue;
    }
    if (isBlank(rawScore)) {
      fail(row, 'score', rawScore, 'emptyScore');
      continue;
    }
    const score = parseScore(rawScore, env.rules);
    if (Number.isNaN(score)) {
      fail(row, 'score', rawScore, 'notAScore');
      continue;
    }
    out.key.push(name.toLowerCase());
    out.name.push(name);
    out.day.push(day);
    out.score.push(score);
    out.comment.push(shownText(rawComment));
    out.row.push(row);
  }
  report.readRows = out.key.length;
  return {
    sheetName,
    headers,
    mapping,
    responses: {
      count: out.key.length,
      key: out.key,
      name: out.name,
      day: Int32Array.from(out.day),
      score: Uint8Array.from(out.score),
      comment: out.comment,
      row: Int32Array.from(out.row),
    },
    report,
  };
}

/**
 * Each customer's latest answer dated before the as-of date (answers on or after it
 * are left out, as orders are): customer key -> index into the responses. Two
 * answers of one day: the lower row wins (a form appends its answers below).
 */
export function latestResponses(responses: NpsResponses, asOf: number): Map<string, number> {
  const latest = new Map<string, number>();
  for (let i = 0; i < responses.count; i++) {
    const day = responses.day[i];
    if (day >= asOf) continue;
    const key = responses.key[i];
    const kept = latest.get(key);
    if (kept === undefined || day > responses.day[kept] || (day === responses.day[kept] && responses.row[i] > responses.row[kept]))
      latest.set(key, i);
  }
  return latest;
}

/** Counts of one group of answers; `nps` is null without any. */
export interface NpsFigures {
  answers: number;
  promoters: number;
  passives: number;
  detractors: number;
  /** % promoters - % detractors, -100..100; null without answers. */
  nps: number | null;
}

function emptyFigures(): NpsFigures {
  return { answers: 0, promoters: 0, passives: 0, detractors: 0, nps: null };
}

function add(f: NpsFigures, score: number): void {
  f.answers++;
  const group = npsGroup(score);
  if (group === 2) f.promoters++;
  else if (group === 1) f.passives++;
  else f.detractors++;
  f.nps = (100 * (f.promoters - f.detractors)) / f.answers;
}

/** The customers an answer is joined with: keys in the orders reader's form, with their segment and manager. */
export interface NpsCustomers {
  key: readonly string[];
  /** Lifecycle segment of customer i (0..8). */
  segment: ArrayLike<number>;
  /** Manager of customer i ('' none). */
  manager: readonly string[];
}

export interface NpsJoin {
  /** Per lifecycle segment, 0..8. */
  segments: NpsFigures[];
  /** Per manager, in the order given; '' is "no manager". */
  managers: Map<string, NpsFigures>;
  /** Every customer who answered and bought. */
  total: NpsFigures;
  /** Respondents with an answer but no purchase before the as-of date: in no segment and no manager's figures. */
  unmatched: number;
}

/**
 * NPS of each customer's latest answer per lifecycle segment and per manager,
 * joined by the customer key the orders reader uses (so "ANNA " answers for
 * "Anna"). `managers` lists the managers the figures are kept for, in order; a
 * customer of another manager counts in the segments and the total only.
 */
export function npsJoin(responses: NpsResponses, customers: NpsCustomers, asOf: number, managers: readonly string[] = []): NpsJoin {
  const index = new Map<string, number>();
  customers.key.forEach((k, i) => index.set(k, i));
  const segments = Array.from({ length: 9 }, emptyFigures);
  const byManager = new Map<string, NpsFigures>();
  for (const m of managers) byManager.set(m, emptyFigures());
  const total = emptyFigures();
  let unmatched = 0;
  for (const [key, r] of latestResponses(responses, asOf)) {
    const c = index.get(key);
    if (c === undefined) {
      unmatched++;
      continue;
    }
    const score = responses.score[r];
    add(segments[customers.segment[c]], score);
    add(total, score);
    const figures = byManager.get(customers.manager[c]);
    if (figures) add(figures, score);
  }
  return { segments, managers: byManager, total, unmatched };
}

/** The longest window a detractor campaign may look back over: as long as a campaign's day ranges (a hundred years). */
export const MAX_DETRACTOR_DAYS = 36_500;

/**
 * Customers (by key) whose latest answer before the as-of date is a detractor's
 * (0-6) and was given in the last `days` days: on a day d with
 * asOf - days <= d < asOf. With the as-of date today and 2 days, yesterday's and
 * the day before's answers: "call back detractors within 48 hours". A customer who
 * answered 3 and then 9 is no longer a detractor.
 */
export function npsDetractors(responses: NpsResponses, asOf: number, days: number): Set<string> {
  if (!Number.isInteger(days) || days < 1 || days > MAX_DETRACTOR_DAYS)
    throw UserError.of('err.nps.detractorDays', { value: { quote: days }, max: MAX_DETRACTOR_DAYS });
  const out = new Set<string>();
  for (const [key, r] of latestResponses(responses, asOf)) {
    if (responses.day[r] >= asOf - days && npsGroup(responses.score[r]) === 0) out.add(key);
  }
  return out;
}
