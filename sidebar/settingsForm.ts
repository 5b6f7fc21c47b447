/**
 * The parameters form as text fields, and its conversion to and from
 * `ReportSettings`. Pure: the sidebar reads the inputs into a `SettingsForm`,
 * `readSettingsForm` validates it the way the server's core does (so most
 * mistakes are shown before a round trip) and returns the settings to save.
 *
 * Conventions of the form, chosen for the person filling it in:
 * - ABC bounds are percentages (80, 95), settings hold shares (0.8, 0.95);
 * - a comparison period's end date is inclusive, settings hold [from, to);
 * - empty as-of date or comparison = the server's default (null);
 * - a number shown unchanged keeps its exact saved value (4/3 stays 4/3).
 */
import type { AbcBasis, IsoDate, Mapping, PeriodName, ReportSettings, XyzBasis } from '../src/addon/api';
import type { MessageKey } from '../src/i18n/catalogue';

export interface SettingsForm {
  asOf: string;
  prospectiveFrom: string;
  regularFrom: string;
  activeTo: string;
  sleepingTo: string;
  abcA: string;
  abcB: string;
  abcBasis: AbcBasis;
  xyzBasis: XyzBasis;
  xyzPeriod: PeriodName;
  xyzBound1: string;
  xyzBound2: string;
  period1From: string;
  period1To: string;
  period2From: string;
  period2To: string;
  lostFactor: string;
  lostPeriodDays: string;
  /** Segment key -> suggested action text as shown (the default text when not changed). */
  actions: Record<string, string>;
}

/** Settings fields the form edits; also the keys of field errors (client and server). */
export type SettingsField =
  | 'asOf'
  | 'countBands'
  | 'recencyBands'
  | 'abcBounds'
  | 'abcBasis'
  | 'xyzBasis'
  | 'xyzBounds'
  | 'xyzPeriod'
  | 'comparison'
  | 'lostFactor'
  | 'lostPeriodDays'
  | 'actions';

export interface FieldProblem {
  key: MessageKey;
  params?: Record<string, string | number>;
}

export type FieldProblems = Partial<Record<SettingsField, FieldProblem>>;

export const PERIODS: readonly PeriodName[] = ['week', 'month', 'quarter', 'year'];
export const XYZ_BASES: readonly XyzBasis[] = ['intervals', 'revenue'];
export const ABC_BASES: readonly AbcBasis[] = ['revenue', 'profit'];

/** Whether the orders' columns give profit: a profit or a margin column is mapped. */
export function mapsProfit(mapping: Mapping): boolean {
  return typeof mapping.profit === 'number' || typeof mapping.margin === 'number';
}

/** A number for an input: at most 4 decimals (4/3 shows as 1.3333), `.` as the decimal point. */
export function numberText(n: number): string {
  if (!Number.isFinite(n)) return '';
  return String(Math.round(n * 1e4) / 1e4);
}

/** Reads a number typed as `0.5`, `0,5` or ` 1 000 `; null when empty or not a number. */
export function parseNumber(text: string): number | null {
  const t = text.replace(/[\s\u00a0\u202f]/g, '').replace(',', '.');
  if (t === '' || !/^[-+]?(\d+\.?\d*|\.\d+)$/.test(t)) return null;
  return Number(t);
}

/** The number typed, or `original` when the text is exactly how `original` is shown. */
function numberOrOriginal(text: string, original: number | undefined, show: (n: number) => string = numberText): number | null {
  if (original !== undefined && text.trim() === show(original)) return original;
  return parseNumber(text);
}

/** The lost factor as the Lost customers sheet shows it (format 0.00): 4/3 is 1.33 everywhere. */
export const factorText = (n: number): string => (Number.isFinite(n) ? String(Math.round(n * 100) / 100) : '');

const percentText = (share: number): string => String(Math.round(share * 1e6) / 1e4);

export function isIsoDate(text: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.getUTCFullYear() === Number(m[1]) && d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]);
}

/** ISO date plus whole days. */
export function addDays(iso: IsoDate, days: number): IsoDate {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/**
 * The default suggested action of each segment: the server's defaults where it gives
 * one, else the reports' label `report.action.<segment>` in the user's language.
 */
export function defaultActions(
  defaults: ReportSettings,
  messages: Partial<Record<string, string>>,
  segmentKeys: readonly string[],
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const key of segmentKeys) out[key] = defaults.actions[key] ?? messages[`report.action.${key}`] ?? '';
  return out;
}

/** The form showing `settings`; actions not set show their default text. */
export function settingsToForm(settings: ReportSettings, defaultTexts: Record<string, string>): SettingsForm {
  const c = settings.comparison;
  const actions: Record<string, string> = {};
  for (const key of Object.keys(defaultTexts)) actions[key] = settings.actions[key] ?? defaultTexts[key];
  return {
    asOf: settings.asOf ?? '',
    prospectiveFrom: numberText(settings.countBands[0]),
    regularFrom: numberText(settings.countBands[1]),
    activeTo: numberText(settings.recencyBands[0]),
    sleepingTo: numberText(settings.recencyBands[1]),
    abcA: percentText(settings.abcBounds[0]),
    abcB: percentText(settings.abcBounds[1]),
    abcBasis: settings.abcBasis,
    xyzBasis: settings.xyzBasis,
    xyzPeriod: settings.xyzPeriod,
    xyzBound1: settings.xyzBounds.length ? numberText(settings.xyzBounds[0]) : '',
    xyzBound2: settings.xyzBounds.length > 1 ? numberText(settings.xyzBounds[1]) : '',
    period1From: c ? c.period1.from : '',
    period1To: c ? addDays(c.period1.to, -1) : '',
    period2From: c ? c.period2.from : '',
    period2To: c ? addDays(c.period2.to, -1) : '',
    lostFactor: factorText(settings.lostFactor),
    lostPeriodDays: numberText(settings.lostPeriodDays),
    actions,
  };
}

export type FormReading = { settings: ReportSettings; problems: FieldProblems };

/**
 * Validates the form and builds the settings to save on top of `base` (which gives
 * the orders sheet and mapping); actions equal to their default text are left out.
 * `problems` is empty when the settings are good. With `data`, ABC by profit is
 * refused when the orders have no profit or margin column.
 */
export function readSettingsForm(
  form: SettingsForm,
  base: ReportSettings,
  defaultTexts: Record<string, string>,
  data?: { hasProfit: boolean },
): FormReading {
  const problems: FieldProblems = {};
  const whole = (n: number | null): n is number => n !== null && Number.isInteger(n);

  let asOf: IsoDate | null = null;
  if (form.asOf.trim() !== '') {
    if (isIsoDate(form.asOf.trim())) asOf = form.asOf.trim();
    else problems.asOf = { key: 'sb.err.date' };
  }

  const p = numberOrOriginal(form.prospectiveFrom, base.countBands[0]);
  const r = numberOrOriginal(form.regularFrom, base.countBands[1]);
  if (!whole(p) || !whole(r) || p < 2 || r <= p) problems.countBands = { key: 'sb.err.countBands' };

  const a = numberOrOriginal(form.activeTo, base.recencyBands[0]);
  const s = numberOrOriginal(form.sleepingTo, base.recencyBands[1]);
  if (!whole(a) || !whole(s) || a < 0 || s <= a) problems.recencyBands = { key: 'sb.err.recencyBands' };

  const abcA = percentOrOriginal(form.abcA, base.abcBounds[0]);
  const abcB = percentOrOriginal(form.abcB, base.abcBounds[1]);
  if (abcA === null || abcB === null || !(abcA > 0 && abcA < abcB && abcB <= 1)) problems.abcBounds = { key: 'sb.err.abcBounds' };

  if (!ABC_BASES.includes(form.abcBasis)) problems.abcBasis = { key: 'sb.err.required' };
  else if (form.abcBasis === 'profit' && data && !data.hasProfit) problems.abcBasis = { key: 'sb.err.abcProfit' };

  if (!XYZ_BASES.includes(form.xyzBasis)) problems.xyzBasis = { key: 'sb.err.required' };
  const byRevenue = form.xyzBasis === 'revenue';
  const x1 = numberOrOriginal(form.xyzBound1, base.xyzBounds[0]);
  // Purchase intervals take one bound: the second box belongs to the revenue method and is ignored otherwise.
  const x2 = !byRevenue || form.xyzBound2.trim() === '' ? undefined : numberOrOriginal(form.xyzBound2, base.xyzBounds[1]);
  if (x1 === null || !(x1 > 0) || x2 === null || (x2 !== undefined && !(x2 > x1))) problems.xyzBounds = { key: 'sb.err.xyzBounds' };

  if (!PERIODS.includes(form.xyzPeriod)) problems.xyzPeriod = { key: 'sb.err.required' };

  const comparison = readComparison(form);
  if ('problem' in comparison) problems.comparison = comparison.problem;

  const lostFactor = numberOrOriginal(form.lostFactor, base.lostFactor, factorText);
  if (lostFactor === null || !(lostFactor > 0)) problems.lostFactor = { key: 'sb.err.lostFactor' };
  const lostPeriodDays = parseNumber(form.lostPeriodDays);
  if (!whole(lostPeriodDays) || lostPeriodDays < 7 || lostPeriodDays > 3660) problems.lostPeriodDays = { key: 'sb.err.lostPeriodDays' };

  const actions: Record<string, string> = {};
  for (const [key, text] of Object.entries(form.actions)) {
    const trimmed = text.trim();
    if (trimmed !== '' && trimmed !== (defaultTexts[key] ?? '').trim()) actions[key] = trimmed;
  }

  const settings: ReportSettings = {
    ...base,
    asOf,
    countBands: [p ?? NaN, r ?? NaN],
    recencyBands: [a ?? NaN, s ?? NaN],
    abcBounds: [abcA ?? NaN, abcB ?? NaN],
    abcBasis: form.abcBasis,
    xyzBasis: form.xyzBasis,
    xyzBounds: x2 === undefined ? [x1 ?? NaN] : [x1 ?? NaN, x2 ?? NaN],
    xyzPeriod: form.xyzPeriod,
    comparison: 'problem' in comparison ? base.comparison : comparison.value,
    lostFactor: lostFactor ?? NaN,
    lostPeriodDays: lostPeriodDays ?? NaN,
    actions,
  };
  return { settings, problems };
}

function percentOrOriginal(text: string, originalShare: number | undefined): number | null {
  if (originalShare !== undefined && text.trim() === percentText(originalShare)) return originalShare;
  const pct = parseNumber(text);
  return pct === null ? null : pct / 100;
}

function readComparison(form: SettingsForm): { value: ReportSettings['comparison'] } | { problem: FieldProblem } {
  const dates = [form.period1From, form.period1To, form.period2From, form.period2To].map((d) => d.trim());
  if (dates.every((d) => d === '')) return { value: null };
  if (dates.some((d) => d === '')) return { problem: { key: 'sb.err.comparisonIncomplete' } };
  if (!dates.every(isIsoDate)) return { problem: { key: 'sb.err.date' } };
  const [f1, t1, f2, t2] = dates;
  if (t1 < f1 || t2 < f2) return { problem: { key: 'sb.err.periodOrder' } };
  return { value: { period1: { from: f1, to: addDays(t1, 1) }, period2: { from: f2, to: addDays(t2, 1) } } };
}

/**
 * Of the boxes of a field that has a problem, those to outline: a box that may be
 * left empty is not wrong while empty (the second XYZ bound), and of comparison
 * dates half filled in, only the empty ones are.
 */
export function boxesToOutline<K extends string>(field: SettingsField, boxes: readonly K[], text: (box: K) => string): K[] {
  const empty = (box: K): boolean => text(box).trim() === '';
  if (field === 'xyzBounds') return boxes.filter((box) => box !== 'xyzBound2' || !empty(box));
  if (field === 'comparison') {
    const blank = boxes.filter(empty);
    return blank.length > 0 && blank.length < boxes.length ? blank : [...boxes];
  }
  return [...boxes];
}

/** True when two forms show the same values (actions compared trimmed). */
export function sameForm(a: SettingsForm, b: SettingsForm): boolean {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)] as (keyof SettingsForm)[]);
  for (const key of keys) {
    if (key === 'actions') continue;
    if (String(a[key] ?? '').trim() !== String(b[key] ?? '').trim()) return false;
  }
  const segments = new Set([...Object.keys(a.actions), ...Object.keys(b.actions)]);
  for (const s of segments) if ((a.actions[s] ?? '').trim() !== (b.actions[s] ?? '').trim()) return false;
  return true;
}

/** Where a server field error goes: `comparison.period1.from` -> `comparison`; unknown fields -> null. */
export function fieldOfError(key: string): SettingsField | null {
  const head = key.split(/[.[]/)[0] as SettingsField;
  const known: readonly SettingsField[] = [
    'asOf',
    'countBands',
    'recencyBands',
    'abcBounds',
    'abcBasis',
    'xyzBasis',
    'xyzBounds',
    'xyzPeriod',
    'comparison',
    'lostFactor',
    'lostPeriodDays',
    'actions',
  ];
  return known.includes(head) ? head : null;
}

/** The mapping to save: null while it is exactly what the headers give (so it follows renamed headers). */
export function mappingToSave(mapping: Mapping, detected: Mapping): Mapping | null {
  const clean = (m: Mapping): Mapping =>
    Object.fromEntries(Object.entries(m).filter(([, v]) => typeof v === 'number' && v >= 0)) as Mapping;
  const a = clean(mapping);
  const b = clean(detected);
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]) as Set<keyof Mapping>;
  for (const k of keys) if (a[k] !== b[k]) return a;
  return null;
}

/** Spreadsheet column letter of a 0-based index: 0 -> A, 26 -> AA. */
export function columnLetter(index: number): string {
  let n = index + 1;
  let out = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    out = String.fromCharCode(65 + r) + out;
    n = Math.floor((n - 1) / 26);
  }
  return out;
}
