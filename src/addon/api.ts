/**
 * The contract between the sidebar and the server: every function the sidebar calls
 * through `google.script.run`, with its argument and result types. The sidebar's
 * promise wrapper is typed by `ServerApi`, so a change here breaks its build.
 *
 * Only plain JSON crosses the wire (google.script.run drops Dates): dates are ISO
 * `YYYY-MM-DD` strings, column positions are 0-based indexes into the header row.
 */
import type { Lang, MessageKey } from '../i18n/catalogue';
import type { AbcBasis, XyzBasis } from '../core/abcXyz';
import type { OrderField } from '../core/columns';
import type { NpsField } from '../core/npsResponses';
import type { ScheduleSettings, Weekday } from '../mail/schedule';
import type { Campaign, CampaignTarget, Cadence, Channel } from '../core/campaigns/campaign';
import type { ReportKind } from '../reports/sheetSpec';

// The schedule's types live with the e-mails that use them; the sidebar reads them here.
export type { AbcBasis, Campaign, CampaignTarget, Cadence, Channel, ScheduleSettings, Weekday, XyzBasis };

/** A campaign as the sidebar sends it to save: its id null when it is new (the server gives it one). */
export type CampaignInput = Omit<Campaign, 'id'> & { id: string | null };

/** What the Campaigns section shows. */
export interface CampaignsState {
  campaigns: Campaign[];
  /** What "add" starts from. */
  blank: CampaignInput;
  /** Managers named in the orders, for the target's managers. */
  managers: string[];
}

export interface CampaignSaveResult {
  state: CampaignsState;
  /** Field (`name`, `target.segments`, `cadence`...) -> message; nothing is saved when any. */
  errors: Record<string, string>;
  /** The id of the campaign saved (a new one's new id); null when nothing was saved. */
  id: string | null;
}

export type IsoDate = string;
export type PeriodName = 'week' | 'month' | 'quarter' | 'year';
/** The order fields (one list, in src/core/columns.ts). */
export type FieldName = OrderField;
/** Field -> 0-based column index in the orders sheet. */
export type Mapping = Partial<Record<FieldName, number>>;

/** A calendar period [from, to), ISO dates. */
export interface PeriodRange {
  from: IsoDate;
  to: IsoDate;
}

/** Report parameters, saved per document (document properties). */
export interface ReportSettings {
  /** Name of the orders sheet; null: the first sheet whose headers name a date and a customer column. */
  ordersSheet: string | null;
  /** Column mapping edited by the user; null: found from the headers. */
  mapping: Mapping | null;
  /** As-of date; null: today in the spreadsheet's time zone. */
  asOf: IsoDate | null;
  /** Fewest purchases of Prospective and Regular (2 and 4; docs/definitions.md). */
  countBands: [number, number];
  /** Most days since the last purchase of Active and Sleeping (60 and 180). */
  recencyBands: [number, number];
  /** Cumulative revenue shares closing A and B (0.8 and 0.95). */
  abcBounds: [number, number];
  /** What ABC ranks by: revenue (default), or profit when the orders have a profit or margin column. */
  abcBasis: AbcBasis;
  /** What XYZ measures: purchase regularity (the gaps between purchase days), or revenue per period. */
  xyzBasis: XyzBasis;
  /** XYZ coefficient-of-variation bound(s): [0.5]; basis revenue also [0.1, 0.25]. */
  xyzBounds: number[];
  /** The calendar period of basis revenue. */
  xyzPeriod: PeriodName;
  /**
   * Migration compares period 1 with period 2: lifecycle segments as of each
   * period's end, ABC/XYZ classes over each period. null: the year before the
   * as-of date vs the year before that.
   */
  comparison: { period1: PeriodRange; period2: PeriodRange } | null;
  /** Lost when days since last purchase > usual interval x factor (4/3). */
  lostFactor: number;
  /** The lost ratio's period: the days before the as-of date (365: a yearly rate). */
  lostPeriodDays: number;
  /** Suggested action per segment key (`new_active` ...), edited by the user; missing keys use the default text. */
  actions: Record<string, string>;
  /** The Managers sheet's plan: the same month a year earlier x (1 + this share); 0.1 = +10%. */
  planGrowth: number;
  /** How many key customers the Key customers sheet lists: 20 or 50. */
  keyCustomersTop: KeyCustomersTop;
  /** Name of the NPS answers tab; null: the first tab whose headers name a respondent, a date and a score. */
  npsSheet: string | null;
  /** NPS column mapping edited by the user; null: found from the headers. */
  npsMapping: NpsMapping | null;
}

/** The NPS tab's fields (src/core/npsResponses.ts). */
export type NpsFieldName = NpsField;
/** NPS field -> 0-based column index in the NPS tab. */
export type NpsMapping = Partial<Record<NpsFieldName, number>>;

export type KeyCustomersTop = 20 | 50;
export const KEY_CUSTOMERS_TOPS: readonly KeyCustomersTop[] = [20, 50];

/** One unreadable row, for the data section. */
export interface RowProblem {
  row: number;
  column: string;
  value: string;
  reason: string;
}

/** A column whose header names a field another column was given: unused unless mapped. */
export interface DuplicateColumnInfo {
  /** The unused column as the user knows it: "Amount (E)". */
  column: string;
  field: FieldName;
  /** The column the field reads: "Amount (D)". */
  used: string;
}

/** Orders that end long before the as-of date. */
export interface StaleData {
  /** Days from the last order to the as-of date. */
  days: number;
  /** The day after the last order. */
  suggestedAsOf: IsoDate;
}

/** What the data section shows about the orders sheet. */
export interface DataInfo {
  sheets: string[];
  ordersSheet: string | null;
  /** Header row texts of the orders sheet. */
  headers: string[];
  /** The mapping in use (detected or saved). */
  mapping: Mapping;
  /** Mapping found from the headers alone, to offer "reset". */
  detected: Mapping;
  /** Required fields that are not mapped (date, customer, amount). */
  missing: FieldName[];
  /** Rows below the header up to the last filled one: readRows + unreadableRows + blankRows. */
  rows: number;
  readRows: number;
  unreadableRows: number;
  blankRows: number;
  afterAsOf: number;
  customers: number;
  firstDate: IsoDate | null;
  lastDate: IsoDate | null;
  problems: RowProblem[];
  duplicates: DuplicateColumnInfo[];
  /**
   * Set when the last order is more than the Sleeping band before the as-of date:
   * every customer would be Lapsed. Offers the day after the last order as the as-of date.
   */
  stale: StaleData | null;
  /** Set when the sheet cannot be read at all (no header row, no date column ...). */
  error: string | null;
}

export interface SidebarState {
  /** The language of the words. */
  lang: Lang;
  /** The spreadsheet's locale (`en_US`): how the sidebar writes numbers and dates, as the sheets do (docs/definitions.md: the locale rule). */
  locale: string;
  /** The user's language choice: a language, or null to follow the locale. */
  langChoice: Lang | null;
  messages: Partial<Record<MessageKey, string>>;
  settings: ReportSettings;
  defaults: ReportSettings;
  /** Shown once when stored settings were corrupt or old and defaults took over. */
  settingsWarning: string | null;
  data: DataInfo;
  /** Today in the spreadsheet's time zone. */
  today: IsoDate;
  segments: { key: string; label: string; customers: number }[];
  /** Report sheets the add-on owns now. */
  reports: { key: string; name: string }[];
}

/** Without a split date the model check's holdout is the last 26 weeks of the data. */
export const DEFAULT_HOLDOUT_DAYS = 182;

/**
 * What a build asks for: a report of its own, or 'campaigns' for every enabled
 * campaign's worklist and the Campaign results sheet in one step (they share the campaign log).
 */
export type BuildKind = Exclude<ReportKind, 'worklist' | 'campaignResults' | 'campaignLog'> | 'campaigns';

/** The reports "rebuild all" always makes, in order (segment lists that exist follow them). */
export const REBUILT_BY_ALL: readonly BuildKind[] = [
  'matrix',
  'migration',
  'lost',
  'whatIf',
  'managers',
  'trends',
  'funnel',
  'keyCustomers',
];

/**
 * What every "rebuild all" builds, the menu's, the sidebar's and the daily
 * trigger's alike: the reports of REBUILT_BY_ALL, the list of each segment that has
 * a list sheet (report key `segmentList:<segment>`, once each), then the campaigns'
 * sheets. `segments` are the segment keys known.
 */
export function fullRebuildPlan(reportKeys: Iterable<string | null>, segments: readonly string[]): BuildRequest[] {
  const plan: BuildRequest[] = REBUILT_BY_ALL.map((kind) => ({ kind }));
  const seen = new Set<string>();
  for (const key of reportKeys) {
    const m = key === null ? null : /^segmentList:(.+)$/.exec(key);
    if (m && segments.includes(m[1]) && !seen.has(m[1])) {
      seen.add(m[1]);
      plan.push({ kind: 'segmentList', segment: m[1] });
    }
  }
  plan.push({ kind: 'campaigns' });
  return plan;
}

export interface BuildRequest {
  kind: BuildKind;
  /** For segmentList: the segment key, e.g. `regular_sleeping`. */
  segment?: string;
  /** For modelCheck: the calibration end date. */
  splitDate?: IsoDate;
}

export interface BuildResult {
  kind: BuildKind;
  /** The sheets written, joined with ", ". */
  sheetName: string;
  /** The sheets written, one name each: the migration writes two, and "rebuild all" counts sheets, as the menu does. */
  sheetNames: string[];
  /** One line for the sidebar, in the user's language. */
  summary: string;
  millis: number;
}

export interface SaveResult {
  settings: ReportSettings;
  /** Field -> message, when something could not be saved; nothing is saved then. */
  errors: Record<string, string>;
}

/** One run of the schedule, as the sidebar shows it. */
export interface ScheduleRun {
  /** ISO date-time of the run. */
  at: string;
  /** The week it covers, e.g. `2026-W48`. */
  period: string;
  sent: number;
  /** Recipients already served this period. */
  skipped: number;
  /** Recipients left for later because the daily quota ran out, or with no address. */
  notSent: number;
  /** Recipients whose send failed (MailApp refused it): tried again by the next daily run. */
  failed: number;
  customers: number;
  test: boolean;
  error: string | null;
}

export interface ScheduleState {
  schedule: ScheduleSettings;
  defaults: ScheduleSettings;
  on: boolean;
  /** Managers found in the orders' manager column, for the recipients table. */
  managers: string[];
  lastRun: ScheduleRun | null;
  /** Mail the account may still send today; null while sending is not granted. */
  quota: number | null;
  /** Whose account sends (and gets the test); '' when the add-on may not see it. */
  user: string;
  /** Permissions the e-mails need that the user has not granted, else null. */
  authorization: AuthorizationRequest | null;
}

/** Permissions the user has not granted (granular consent) that an action needs. */
export interface AuthorizationRequest {
  /** What is missing, in the user's language: one line with a "Grant access" link beside it. */
  message: string;
  /** Google's consent page for the missing scopes (null when Apps Script gives none). */
  url: string | null;
  /** The scope URLs missing. */
  scopes: string[];
}

export interface ScheduleSaveResult {
  state: ScheduleState;
  /** Field (or `recipients.<manager>`) -> message; nothing is saved when any. */
  errors: Record<string, string>;
  /** Turning on needs permissions the user has not granted (the schedule was saved, not turned on). */
  authorization: AuthorizationRequest | null;
}

/** A test send: the run, or the permissions it needs first. */
export interface ScheduleTestResult {
  run: ScheduleRun | null;
  authorization: AuthorizationRequest | null;
}

/** Lifecycle bands the data suggests, each bound with one sentence saying why. */
export interface BandSuggestion {
  countBands: [number, number];
  recencyBands: [number, number];
  /** Bound (`prospective`, `regular`, `active`, `sleeping`) -> explanation in the user's language. */
  explanations: Record<string, string>;
}

/** What the sidebar shows of the NPS tab (docs/definitions.md: NPS joined with customers). */
export interface NpsInfo {
  /** The user's tabs, for the picker. */
  sheets: string[];
  /** The saved choice; null: found by its headers. */
  npsSheet: string | null;
  /** The tab read, or null when there is none. */
  found: string | null;
  /** Each field found, as the user knows its column: "Score (C)". */
  columns: { field: NpsFieldName; column: string }[];
  /** The tab's header row as shown, for the mapping's choices (empty without a tab). */
  headers: string[];
  /** The column (0-based) of each field as read: the saved mapping, else the one found from the headers. */
  mapping: Partial<Record<NpsFieldName, number>>;
  /** Whether the mapping is the user's (saved in the settings) rather than found from the headers. */
  mapped: boolean;
  readRows: number;
  unreadableRows: number;
  /** The first unreadable rows, each naming its row, column and value. */
  problems: string[];
  /** Why the tab could not be read at all. */
  error: string | null;
}

/** A campaign's list as a CSV file for a mailing tool (docs/definitions.md: CSV files). */
export interface CampaignCsv {
  /** "<campaign> <as-of date>.csv", without characters file systems refuse. */
  fileName: string;
  /** The whole file, the byte-order mark included where the locale's dialect has it. */
  text: string;
  /** Customers listed (the control group is never in the file). */
  customers: number;
}

/** Every server function the sidebar may call. */
export interface ServerApi {
  sidebarLoad(): SidebarState;
  /** Reads a sheet with a mapping (or the detected one) without saving anything. */
  sidebarInspect(ordersSheet: string | null, mapping: Mapping | null): DataInfo;
  sidebarSaveSettings(settings: ReportSettings): SaveResult;
  sidebarSetLanguage(lang: Lang | null): SidebarState;
  sidebarBuild(request: BuildRequest): BuildResult;
  /** Suggests count and recency bands from the orders (saves nothing; the sidebar applies them). */
  sidebarSuggestBands(): BandSuggestion;
  scheduleLoad(): ScheduleState;
  scheduleSave(schedule: ScheduleSettings): ScheduleSaveResult;
  /** Saves, then creates the one weekly trigger of this document (replacing any earlier one). */
  scheduleTurnOn(schedule: ScheduleSettings): ScheduleSaveResult;
  scheduleTurnOff(): ScheduleState;
  /** Sends every campaign that is on to the current user only, marked as a test; records nothing as sent. */
  scheduleSendTest(): ScheduleTestResult;
  campaignsLoad(): CampaignsState;
  /** Checks every field and saves (a new one gets the next id); nothing is saved when any field is wrong. */
  campaignSave(campaign: CampaignInput): CampaignSaveResult;
  campaignSetEnabled(id: string, enabled: boolean): CampaignsState;
  /** Deletes a campaign; its id is never given to another. */
  campaignDelete(id: string): CampaignsState;
  /** The NPS tab as the reports will read it. */
  npsLoad(): NpsInfo;
  /** A campaign's worklist (its target without the control group) as CSV in the spreadsheet's locale. */
  exportCampaignCsv(campaignId: string): CampaignCsv;
}
