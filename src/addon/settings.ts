/**
 * The document's report settings: defaults, validation, and the versioned JSON kept
 * in document properties. Pure: the Apps Script side only moves the text.
 *
 * Saving is strict (any invalid field: nothing is saved, each field gets its
 * message); reading is lenient (a corrupt or old value never crashes a report: the
 * bad fields fall back to defaults and the user sees one warning).
 */
import { ABC_BASES, type AbcBasis, DEFAULT_ABC_XYZ, XYZ_BASES, type XyzBasis } from '../core/abcXyz';
import { ORDER_FIELDS } from '../core/columns';
import { DEFAULT_LOST, LOST_PERIOD_DAYS } from '../core/churn';
import { DEFAULT_BANDS, SEGMENT_KEYS } from '../core/lifecycle';
import { NPS_FIELDS, NPS_REQUIRED, type NpsField } from '../core/npsResponses';
import { dayOfIso, yearsBefore } from '../core/isoDates';
import { type Lang, type MessageKey, t } from '../i18n/catalogue';
import type { ReportParams } from '../reports/context';
import { DEFAULT_PLAN_GROWTH } from '../reports/managers';
import {
  type FieldName,
  KEY_CUSTOMERS_TOPS,
  type KeyCustomersTop,
  type PeriodName,
  type ReportSettings,
  type ScheduleSettings,
} from './api';
import { type CampaignSettings, campaignsJson, defaultCampaigns, migrateSchedule, readCampaigns } from './campaignSettings';
import { defaultSchedule, readSchedule } from './scheduleSettings';

/**
 * 2: XYZ's basis (intervals by default) and the lost ratio's period. 3: the team
 * layer's plan growth and key customers, and ABC's basis (revenue or profit).
 * 4: campaigns (the weekly schedule's segments and weekday became campaigns) and
 * "keep reports current".
 */
export const SETTINGS_VERSION = 4;
export const DEFAULT_KEY_CUSTOMERS_TOP: KeyCustomersTop = 20;
export const FIELD_NAMES: readonly FieldName[] = ORDER_FIELDS;
const PERIODS: readonly PeriodName[] = ['week', 'month', 'quarter', 'year'];
const MAX_ACTION_LENGTH = 500;

export function defaultSettings(): ReportSettings {
  return {
    ordersSheet: null,
    mapping: null,
    asOf: null,
    countBands: [DEFAULT_BANDS.prospectiveFrom, DEFAULT_BANDS.regularFrom],
    recencyBands: [DEFAULT_BANDS.activeTo, DEFAULT_BANDS.sleepingTo],
    abcBounds: [DEFAULT_ABC_XYZ.abcBounds[0], DEFAULT_ABC_XYZ.abcBounds[1]],
    xyzBasis: DEFAULT_ABC_XYZ.basis,
    xyzBounds: [...DEFAULT_ABC_XYZ.xyzBounds],
    xyzPeriod: 'month',
    comparison: null,
    lostFactor: DEFAULT_LOST.factor,
    lostPeriodDays: LOST_PERIOD_DAYS,
    actions: {},
    abcBasis: 'revenue',
    planGrowth: DEFAULT_PLAN_GROWTH,
    keyCustomersTop: DEFAULT_KEY_CUSTOMERS_TOP,
    npsSheet: null,
    npsMapping: null,
  };
}

type FieldKey = keyof ReportSettings;
type Check = (value: unknown, lang: Lang) => string | null;

const isInt = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v);
const isNum = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const pair = (v: unknown): v is [number, number] => Array.isArray(v) && v.length === 2;

const isoOrNull = (v: unknown): boolean => v === null || !Number.isNaN(dayOfIso(v));

/** One check per field: null when valid, else the reason in the user's language. */
const CHECKS: Record<FieldKey, Check> = {
  ordersSheet: (v, lang) => (v === null || (typeof v === 'string' && v.trim() !== '') ? null : t(lang, 'err.badMapping')),
  mapping: (v, lang) => checkMapping(v, lang),
  asOf: (v, lang) => (isoOrNull(v) ? null : t(lang, 'err.badDate')),
  countBands: (v, lang) => (pair(v) && isInt(v[0]) && isInt(v[1]) && v[0] >= 2 && v[1] > v[0] ? null : t(lang, 'err.badBands')),
  recencyBands: (v, lang) => (pair(v) && isInt(v[0]) && isInt(v[1]) && v[0] >= 0 && v[1] > v[0] ? null : t(lang, 'err.badBands')),
  abcBounds: (v, lang) => (pair(v) && isNum(v[0]) && isNum(v[1]) && v[0] > 0 && v[1] > v[0] && v[1] <= 1 ? null : t(lang, 'err.badShares')),
  xyzBounds: (v, lang) =>
    Array.isArray(v) && (v.length === 1 || v.length === 2) && v.every((x) => isNum(x) && x > 0) && (v.length === 1 || v[1] > v[0])
      ? null
      : t(lang, 'err.badXyz'),
  xyzBasis: (v, lang) => (XYZ_BASES.includes(v as XyzBasis) ? null : t(lang, 'err.badBasis')),
  xyzPeriod: (v, lang) => (PERIODS.includes(v as PeriodName) ? null : t(lang, 'err.badPeriod')),
  comparison: (v, lang) => checkComparison(v, lang),
  lostFactor: (v, lang) => (isNum(v) && v > 0 ? null : t(lang, 'err.badPositive')),
  lostPeriodDays: (v, lang) => (isInt(v) && v >= 7 && v <= 3660 ? null : t(lang, 'err.badLostPeriod')),
  actions: (v, lang) => checkActions(v, lang),
  abcBasis: (v, lang) => (ABC_BASES.includes(v as AbcBasis) ? null : t(lang, 'err.badAbcBasis')),
  planGrowth: (v, lang) => (isNum(v) && v > -1 && v <= 10 ? null : t(lang, 'err.badPlanGrowth')),
  keyCustomersTop: (v, lang) => (KEY_CUSTOMERS_TOPS.includes(v as KeyCustomersTop) ? null : t(lang, 'err.badTopN')),
  // NPS (issue 14): missing in stored settings of version 3 means the defaults, as for any field.
  npsSheet: (v, lang) => (v === null || (typeof v === 'string' && v.trim() !== '') ? null : t(lang, 'err.badMapping')),
  npsMapping: (v, lang) => checkNpsMapping(v, lang),
};

function checkNpsMapping(v: unknown, lang: Lang): string | null {
  if (v === null) return null;
  if (typeof v !== 'object' || Array.isArray(v)) return t(lang, 'err.badMapping');
  const seen = new Map<number, string>();
  for (const [field, col] of Object.entries(v as Record<string, unknown>)) {
    if (!NPS_FIELDS.includes(field as NpsField) || !isInt(col) || col < 0) return `${field}: ${t(lang, 'err.badMapping')}`;
    const other = seen.get(col);
    if (other)
      return `${t(lang, `nps.field.${field}` as MessageKey)}: ${t(lang, 'err.sameColumn', { other: t(lang, `nps.field.${other}` as MessageKey) })}`;
    seen.set(col, field);
  }
  // A respondent, a date and a score, each in a column of its own: the comment alone may be left out.
  const missing = NPS_REQUIRED.filter((f) => (v as Record<string, unknown>)[f] === undefined);
  if (missing.length > 0)
    return t(lang, 'nps.err.needsColumns', { fields: missing.map((f) => t(lang, `nps.field.${f}` as MessageKey)).join(', ') });
  return null;
}

function checkMapping(v: unknown, lang: Lang): string | null {
  if (v === null) return null;
  if (typeof v !== 'object' || Array.isArray(v)) return t(lang, 'err.badMapping');
  const seen = new Map<number, FieldName>();
  for (const [field, col] of Object.entries(v as Record<string, unknown>)) {
    if (!FIELD_NAMES.includes(field as FieldName) || !isInt(col) || col < 0) return `${field}: ${t(lang, 'err.badMapping')}`;
    const other = seen.get(col);
    if (other)
      return `${t(lang, `field.${field}` as MessageKey)}: ${t(lang, 'err.sameColumn', { other: t(lang, `field.${other}` as MessageKey) })}`;
    seen.set(col, field as FieldName);
  }
  return null;
}

function checkComparison(v: unknown, lang: Lang): string | null {
  if (v === null) return null;
  const c = v as { period1?: { from?: unknown; to?: unknown }; period2?: { from?: unknown; to?: unknown } };
  if (typeof v !== 'object' || !c.period1 || !c.period2) return t(lang, 'err.badRange');
  for (const p of [c.period1, c.period2]) {
    const from = dayOfIso(p.from);
    const to = dayOfIso(p.to);
    if (Number.isNaN(from) || Number.isNaN(to)) return t(lang, 'err.badDate');
    if (!(from < to)) return t(lang, 'err.badRange');
  }
  return null;
}

function checkActions(v: unknown, lang: Lang): string | null {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return t(lang, 'err.badMapping');
  for (const [key, text] of Object.entries(v as Record<string, unknown>)) {
    if (!SEGMENT_KEYS.includes(key)) return t(lang, 'err.unknownSegment', { value: key, valid: SEGMENT_KEYS.join(', ') });
    if (typeof text !== 'string') return t(lang, 'err.badMapping');
    if (text.length > MAX_ACTION_LENGTH) return t(lang, 'err.textTooLong', { n: MAX_ACTION_LENGTH });
  }
  return null;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Strict check of settings sent by the sidebar: errors per field, nothing half-saved. */
export function checkSettings(input: unknown, lang: Lang, today: number): { settings: ReportSettings; errors: Record<string, string> } {
  const defaults = defaultSettings();
  const errors: Record<string, string> = {};
  if (!isObject(input)) {
    const shown = (JSON.stringify(input) ?? String(input)).slice(0, 100);
    return { settings: defaults, errors: { settings: t(lang, 'err.invalid', { fields: shown }) } };
  }
  const raw = input;
  const settings = { ...defaults } as Record<FieldKey, unknown>;
  for (const key of Object.keys(CHECKS) as FieldKey[]) {
    const value = Object.prototype.hasOwnProperty.call(raw, key) ? raw[key] : defaults[key];
    const problem = CHECKS[key](value, lang);
    if (problem) errors[key] = `${t(lang, `field.${key}` as MessageKey)}: ${problem}`;
    else settings[key] = normalise(key, value);
  }
  if (!errors.asOf && typeof raw.asOf === 'string' && dayOfIso(raw.asOf) > today + 1) {
    errors.asOf = `${t(lang, 'field.asOf')}: ${t(lang, 'err.futureDate')}`;
  }
  // Intervals give X or Y (Z is one purchase): one bound only.
  if (!errors.xyzBounds && !errors.xyzBasis && settings.xyzBasis === 'intervals' && (settings.xyzBounds as number[]).length !== 1) {
    errors.xyzBounds = `${t(lang, 'field.xyzBounds')}: ${t(lang, 'err.oneXyzBound')}`;
  }
  return { settings: settings as unknown as ReportSettings, errors };
}

// Copies values so that stored settings never alias the caller's objects, and trims text.
function normalise(key: FieldKey, value: unknown): unknown {
  if (value === null || typeof value !== 'object') return typeof value === 'string' ? value.trim() : value;
  if (key === 'actions') {
    const out: Record<string, string> = {};
    for (const [k, text] of Object.entries(value as Record<string, string>)) if (text.trim()) out[k] = text.trim();
    return out;
  }
  return JSON.parse(JSON.stringify(value));
}

/** Everything the document stores: report settings, the e-mail schedule and the campaigns. */
export interface StoredSettings {
  reports: ReportSettings;
  schedule: ScheduleSettings;
  campaigns: CampaignSettings;
}

/** The JSON kept in document properties. */
export function serializeSettings(stored: StoredSettings): string {
  return JSON.stringify({
    version: SETTINGS_VERSION,
    reports: stored.reports,
    schedule: stored.schedule,
    campaigns: campaignsJson(stored.campaigns),
  });
}

/**
 * Stored text -> settings. Missing: defaults, silently. Corrupt JSON or an unknown
 * version: defaults with a warning. Invalid fields (checked by type, as a save
 * checks them, an as-of date after `today` included): those fields' defaults with a
 * warning naming them. Never throws.
 */
export function parseStoredSettings(text: string | null, lang: Lang, today: number): StoredSettings & { warning: string | null } {
  const fresh = { reports: defaultSettings(), schedule: defaultSchedule(), campaigns: defaultCampaigns(lang) };
  if (text === null || text === '') return { ...fresh, warning: null };
  let stored: unknown;
  try {
    stored = JSON.parse(text);
  } catch (e) {
    return { ...fresh, warning: t(lang, 'settings.corrupt', { reason: (e as Error).message }) };
  }
  // Before version 4 the schedule's segments and weekday were the campaigns: migrated after the reports are read.
  const scheduleCampaigns = isObject(stored) && (stored.version === 1 || stored.version === 2 || stored.version === 3);
  if (isObject(stored) && stored.version === 1) stored = migrateFromVersion1(stored);
  // Versions 2 and 3 lack only fields that have defaults (plan growth, key customers, ABC basis; campaigns): read as they are.
  if (isObject(stored) && (stored.version === 2 || stored.version === 3)) stored = { ...stored, version: SETTINGS_VERSION };
  if (!isObject(stored) || stored.version !== SETTINGS_VERSION || !isObject(stored.reports)) {
    const reason = isObject(stored)
      ? stored.version === SETTINGS_VERSION
        ? `reports: ${Array.isArray(stored.reports) ? 'array' : typeof stored.reports}`
        : `version ${JSON.stringify(stored.version) ?? 'missing'}`
      : Array.isArray(stored)
        ? 'array'
        : stored === null
          ? 'null'
          : typeof stored;
    return { ...fresh, warning: t(lang, 'settings.corrupt', { reason }) };
  }
  const raw = stored.reports;
  const settings = { ...fresh.reports } as Record<FieldKey, unknown>;
  const bad: string[] = [];
  for (const key of Object.keys(CHECKS) as FieldKey[]) {
    if (!Object.prototype.hasOwnProperty.call(raw, key)) continue;
    if (CHECKS[key](raw[key], lang)) bad.push(t(lang, `field.${key}` as MessageKey));
    else settings[key] = normalise(key, raw[key]);
  }
  // The sidebar refuses a future as-of date; a stored one falls back to today the same way.
  if (typeof settings.asOf === 'string' && dayOfIso(settings.asOf) > today + 1) {
    settings.asOf = null;
    bad.push(t(lang, 'field.asOf'));
  }
  if (settings.xyzBasis === 'intervals' && (settings.xyzBounds as number[]).length !== 1) {
    settings.xyzBounds = [...fresh.reports.xyzBounds];
    bad.push(t(lang, 'field.xyzBounds'));
  }
  const schedule = readSchedule(stored.schedule, lang);
  bad.push(...schedule.bad);
  const actions = settings.actions as Record<string, string>;
  let campaigns: CampaignSettings;
  if (scheduleCampaigns) campaigns = migrateSchedule(stored.schedule, lang, actions);
  else if (!Object.prototype.hasOwnProperty.call(stored, 'campaigns')) campaigns = defaultCampaigns(lang, actions);
  else {
    const read = readCampaigns(stored.campaigns, lang);
    campaigns = read.settings;
    bad.push(...read.bad);
  }
  return {
    reports: settings as unknown as ReportSettings,
    schedule: schedule.schedule,
    campaigns,
    warning: bad.length ? t(lang, 'settings.partlyReset', { fields: bad.join(', ') }) : null,
  };
}

/**
 * Version 1 knew XYZ only by revenue per period. Whoever changed its bounds or its
 * period chose that method and keeps it (basis revenue); everyone else moves to the
 * new default, purchase regularity. The lost ratio's period starts at its default.
 */
export function migrateFromVersion1(stored: { version?: unknown; reports?: unknown; schedule?: unknown }): {
  version: number;
  reports?: unknown;
  schedule?: unknown;
} {
  if (typeof stored.reports !== 'object' || stored.reports === null) return { ...stored, version: SETTINGS_VERSION };
  const reports = { ...(stored.reports as Record<string, unknown>) };
  const bounds = reports.xyzBounds;
  const defaultBounds = Array.isArray(bounds) && bounds.length === 1 && bounds[0] === DEFAULT_ABC_XYZ.xyzBounds[0];
  const changed = (bounds !== undefined && !defaultBounds) || (reports.xyzPeriod !== undefined && reports.xyzPeriod !== 'month');
  reports.xyzBasis = changed ? 'revenue' : 'intervals';
  return { ...stored, version: SETTINGS_VERSION, reports };
}

/** The as-of day of the settings: the saved date, else today. */
export function asOfDay(settings: ReportSettings, today: number): number {
  return settings.asOf === null ? today : dayOfIso(settings.asOf);
}

/** Settings -> the parameters report builders take, in epoch days. */
export function reportParams(settings: ReportSettings, asOf: number): ReportParams {
  let comparison: ReportParams['comparison'];
  if (settings.comparison) {
    const { period1, period2 } = settings.comparison;
    comparison = {
      period1: { from: dayOfIso(period1.from), to: dayOfIso(period1.to) },
      period2: { from: dayOfIso(period2.from), to: dayOfIso(period2.to) },
    };
  } else {
    // The year before the as-of date vs the year before that.
    const yearAgo = yearsBefore(asOf, 1);
    comparison = { period1: { from: yearsBefore(asOf, 2), to: yearAgo }, period2: { from: yearAgo, to: asOf } };
  }
  return {
    bands: {
      prospectiveFrom: settings.countBands[0],
      regularFrom: settings.countBands[1],
      activeTo: settings.recencyBands[0],
      sleepingTo: settings.recencyBands[1],
    },
    abcXyz: {
      abcBounds: [settings.abcBounds[0], settings.abcBounds[1]],
      abcBasis: settings.abcBasis,
      basis: settings.xyzBasis,
      xyzBounds: [...settings.xyzBounds],
      period: settings.xyzPeriod,
    },
    comparison,
    lost: { ...DEFAULT_LOST, factor: settings.lostFactor },
    lostPeriod: { from: asOf - settings.lostPeriodDays, to: asOf },
    actions: { ...settings.actions },
    planGrowth: settings.planGrowth,
    keyCustomersTop: settings.keyCustomersTop,
  };
}
