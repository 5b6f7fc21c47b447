/**
 * The campaigns as the document stores them (docs/definitions.md: campaigns): the
 * defaults from the seeds, the strict check of a campaign the sidebar saves (each
 * field its own message naming the field and the value), the lenient reading of the
 * stored list (a bad field falls back on its own and is named in a warning; a
 * bad target condition also turns the campaign off, since "any" in its place would
 * list customers nobody chose; an entry that is not a campaign at all is left out,
 * named), and the migration of
 * the weekly schedule of settings version 1-3 into campaigns. Pure.
 *
 * Ids are stable and never reused: the defaults have names (`onboard` ...), a new
 * campaign gets `c<nextId>` and nextId only grows, so a deleted campaign's id (its
 * worklist, its control group, its log) never comes back for another.
 */
import { CHANNELS, type Campaign, type CampaignTarget, type Cadence, type Channel, type Range } from '../core/campaigns/campaign';
import { SEGMENT_KEYS } from '../core/lifecycle';
import { type Lang, type MessageKey, t } from '../i18n/catalogue';

export interface CampaignSettings {
  campaigns: Campaign[];
  /** The number of the next new campaign's id (`c<nextId>`). */
  nextId: number;
}

import type { CampaignInput } from './api';

export type { CampaignInput };

export const MAX_NAME_LENGTH = 100;
export const MAX_ACTION_LENGTH = 500;
export const MAX_CONTROL_SHARE = 0.5;
export const DEFAULT_RESULTS_WINDOW_DAYS = 30;
/** As the results check it (src/core/campaigns/results.ts, issue14-camp): a year. */
export const MAX_RESULTS_WINDOW_DAYS = 365;
// As target selection checks them (src/core/campaigns/target.ts checkTarget).
const MAX_DAYS = 36_500;
const MAX_PURCHASES = 1_000_000;
const MAX_MANAGERS = 200;
const ABC = ['A', 'B', 'C'] as const;
const XYZ = ['X', 'Y', 'Z'] as const;
const ID = /^[a-z][a-z0-9_]{0,39}$/;

/** A target that lists everyone: every condition "any". */
export function anyTarget(): CampaignTarget {
  return {
    segments: [],
    abc: [],
    xyz: [],
    lost: null,
    pAlive: null,
    minPurchases: null,
    daysSince: null,
    managers: [],
    npsDetractorsDays: null,
  };
}

/** What a new campaign starts from in the sidebar. */
export function blankCampaign(): CampaignInput {
  return {
    id: null,
    name: '',
    target: anyTarget(),
    action: '',
    channel: 'call',
    cadence: { kind: 'weekly', weekday: 1 },
    controlShare: 0,
    resultsWindowDays: DEFAULT_RESULTS_WINDOW_DAYS,
    enabled: true,
  };
}

/** The action of a segment: the user's text from the report settings, else the default (the actions column). */
export function segmentAction(lang: Lang, key: string, actions: Readonly<Record<string, string>>): string {
  const own = Object.prototype.hasOwnProperty.call(actions, key) ? actions[key]?.trim() : '';
  return own || t(lang, `report.action.${key}` as MessageKey);
}

/** The actions of a campaign's segments, each once, cut to what a campaign's action may hold. */
function joinActions(texts: string[]): string {
  return [...new Set(texts)].join(' ').slice(0, MAX_ACTION_LENGTH).trim();
}

interface Seed {
  id: string;
  segments: string[];
  channel: Channel;
  /** The win-back: lost A and B customers, ordered by return priority (the worklist's order). */
  winBack?: boolean;
}

/** The seeds' campaigns (S0, S3): onboard, wake up, reactivate, win back. */
const SEEDS: readonly Seed[] = [
  { id: 'onboard', segments: ['new_active'], channel: 'email' },
  { id: 'wake_up', segments: ['prospective_sleeping'], channel: 'email' },
  { id: 'reactivate', segments: ['regular_sleeping', 'regular_lapsed'], channel: 'call' },
  { id: 'win_back', segments: [], channel: 'call', winBack: true },
];

function seeded(seed: Seed, lang: Lang, actions: Readonly<Record<string, string>>, weekday: number): Campaign {
  const target = anyTarget();
  target.segments = [...seed.segments];
  if (seed.winBack) {
    target.lost = true;
    target.abc = ['A', 'B'];
  }
  const action = seed.winBack
    ? t(lang, 'camp.default.win_back.action')
    : joinActions(seed.segments.map((k) => segmentAction(lang, k, actions)));
  return {
    ...blankCampaign(),
    id: seed.id,
    name: t(lang, `camp.default.${seed.id}` as MessageKey),
    target,
    action,
    channel: seed.channel,
    cadence: { kind: 'weekly', weekday },
  };
}

/** The campaigns of a document that has none stored: the seeds', weekly on Monday, with the segments' actions. */
export function defaultCampaigns(lang: Lang, actions: Readonly<Record<string, string>> = {}): CampaignSettings {
  return { campaigns: SEEDS.map((s) => seeded(s, lang, actions, 1)), nextId: 1 };
}

const WEEKDAY_NAMES = ['MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY', 'SATURDAY', 'SUNDAY'];

/**
 * The weekly schedule of settings version 1-3 (segments on a weekday, the segment
 * actions of the reports) as campaigns, so that an existing schedule keeps sending
 * the same customers on the same day: each seeded campaign lists the schedule's
 * segments it covers (on when it covers any, else off with its own segments), each
 * other chosen segment becomes a campaign of its own (`seg_<key>`), and the
 * win-back, which the old schedule did not send, is added off. The raw stored
 * schedule is read by type: what is unreadable is the old default (the four
 * default segments, Monday), as reading it did.
 */
export function migrateSchedule(rawSchedule: unknown, lang: Lang, actions: Readonly<Record<string, string>>): CampaignSettings {
  const raw = isRecord(rawSchedule) ? rawSchedule : {};
  const stored = Array.isArray(raw.segments) ? SEGMENT_KEYS.filter((k) => (raw.segments as unknown[]).includes(k)) : [];
  const chosen = stored.length > 0 ? stored : ['new_active', 'prospective_sleeping', 'regular_sleeping', 'regular_lapsed'];
  const day = typeof raw.weekday === 'string' ? WEEKDAY_NAMES.indexOf(raw.weekday) + 1 : 0;
  const weekday = day >= 1 ? day : 1;
  const campaigns: Campaign[] = [];
  const covered = new Set<string>();
  for (const seed of SEEDS) {
    const campaign = seeded(seed, lang, actions, weekday);
    if (seed.winBack) campaign.enabled = false;
    else {
      const kept = seed.segments.filter((k) => chosen.includes(k));
      kept.forEach((k) => covered.add(k));
      if (kept.length > 0) {
        campaign.target.segments = kept;
        campaign.action = joinActions(kept.map((k) => segmentAction(lang, k, actions)));
      } else campaign.enabled = false;
    }
    campaigns.push(campaign);
  }
  for (const key of chosen) {
    if (covered.has(key)) continue;
    const target = anyTarget();
    target.segments = [key];
    campaigns.splice(campaigns.length - 1, 0, {
      ...blankCampaign(),
      id: `seg_${key}`,
      name: segmentTitle(lang, key),
      target,
      action: segmentAction(lang, key, actions),
      channel: 'email',
      cadence: { kind: 'weekly', weekday },
    });
  }
  return { campaigns, nextId: 1 };
}

/** "Regular Sleeping": the segment's name as the reports write it. */
function segmentTitle(lang: Lang, key: string): string {
  const [count, recency] = key.split('_');
  return `${t(lang, `count.${count}` as MessageKey)} ${t(lang, `recency.${recency}` as MessageKey)}`;
}

// ------------------------------------------------------------------ checks

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isInt = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v);
const isNum = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

/** A value as the user sees it in a message: text as is, anything else as JSON, cut short. */
export function shown(value: unknown): string {
  let text: string;
  try {
    text = typeof value === 'string' ? value : (JSON.stringify(value) ?? String(value));
  } catch {
    text = String(value);
  }
  return text.length > 60 ? `${text.slice(0, 60)}…` : text;
}

type Problem = { key: MessageKey; params?: Record<string, string | number> } | null;
type Field<T> = { label: MessageKey; check(value: unknown): Problem; normalise(value: unknown): T };

/** Letters from a fixed set, each once, in the set's order. */
function letters<T extends string>(valid: readonly T[]): Field<T[]>['check'] {
  return (v) =>
    Array.isArray(v) && v.every((x) => valid.includes(x as T))
      ? null
      : { key: 'camp.err.oneOf', params: { value: shown(v), valid: valid.join(', ') } };
}

function checkRange(v: unknown, min: number, max: number, whole: boolean): Problem {
  if (v === null) return null;
  const ok = (x: unknown): boolean => x === null || (isNum(x) && x >= min && x <= max && (!whole || Number.isInteger(x)));
  const r = v as Partial<Range>;
  if (!isRecord(v) || !('min' in v) || !('max' in v) || !ok(r.min) || !ok(r.max) || (r.min !== null && r.max !== null && r.min! > r.max!))
    return { key: whole ? 'camp.err.dayRange' : 'camp.err.shareRange', params: { value: shown(v), min, max } };
  return null;
}

/** A range with both ends open is no condition: null. */
const normaliseRange = (v: unknown): Range | null => {
  if (v === null) return null;
  const r = v as Range;
  return r.min === null && r.max === null ? null : { min: r.min, max: r.max };
};

const count =
  (min: number, max: number): Field<number | null>['check'] =>
  (v) =>
    v === null || (isInt(v) && v >= min && v <= max) ? null : { key: 'camp.err.count', params: { value: shown(v), min, max } };

const TARGET_FIELDS: { [K in keyof CampaignTarget]: Field<CampaignTarget[K]> } = {
  segments: {
    label: 'camp.field.segments',
    check: letters(SEGMENT_KEYS),
    normalise: (v) => SEGMENT_KEYS.filter((k) => (v as string[]).includes(k)),
  },
  abc: { label: 'camp.field.abc', check: letters(ABC), normalise: (v) => ABC.filter((k) => (v as string[]).includes(k)) },
  xyz: { label: 'camp.field.xyz', check: letters(XYZ), normalise: (v) => XYZ.filter((k) => (v as string[]).includes(k)) },
  lost: {
    label: 'camp.field.lost',
    check: (v) => (v === null || typeof v === 'boolean' ? null : { key: 'camp.err.lost', params: { value: shown(v) } }),
    normalise: (v) => v as boolean | null,
  },
  pAlive: { label: 'camp.field.pAlive', check: (v) => checkRange(v, 0, 1, false), normalise: normaliseRange },
  minPurchases: { label: 'camp.field.minPurchases', check: count(1, MAX_PURCHASES), normalise: (v) => v as number | null },
  daysSince: { label: 'camp.field.daysSince', check: (v) => checkRange(v, 0, MAX_DAYS, true), normalise: normaliseRange },
  managers: {
    label: 'camp.field.managers',
    check: (v) =>
      Array.isArray(v) && v.length <= MAX_MANAGERS && v.every((m) => typeof m === 'string' && m.length <= MAX_NAME_LENGTH)
        ? null
        : { key: 'camp.err.managers', params: { value: shown(v) } },
    normalise: (v) => [...new Set(v as string[])],
  },
  npsDetractorsDays: { label: 'camp.field.npsDays', check: count(1, MAX_DAYS), normalise: (v) => v as number | null },
};

const isCadence = (v: unknown): v is Cadence =>
  isRecord(v) &&
  ((v.kind === 'weekly' && isInt(v.weekday) && v.weekday >= 1 && v.weekday <= 7) ||
    (v.kind === 'monthly' && isInt(v.day) && v.day >= 1 && v.day <= 31));

type TopKey = Exclude<keyof Campaign, 'id' | 'target'>;
const FIELDS: { [K in TopKey]: Field<Campaign[K]> } = {
  name: {
    label: 'camp.field.name',
    check: (v) =>
      typeof v === 'string' && v.trim() !== '' && v.trim().length <= MAX_NAME_LENGTH
        ? null
        : { key: 'camp.err.name', params: { value: shown(v), n: MAX_NAME_LENGTH } },
    normalise: (v) => (v as string).trim(),
  },
  action: {
    label: 'camp.field.action',
    check: (v) =>
      typeof v === 'string' && v.trim() !== '' && v.trim().length <= MAX_ACTION_LENGTH
        ? null
        : { key: 'camp.err.action', params: { value: shown(v), n: MAX_ACTION_LENGTH } },
    normalise: (v) => (v as string).trim(),
  },
  channel: {
    label: 'camp.field.channel',
    check: (v) =>
      CHANNELS.includes(v as Channel) ? null : { key: 'camp.err.channel', params: { value: shown(v), valid: CHANNELS.join(', ') } },
    normalise: (v) => v as Channel,
  },
  cadence: {
    label: 'camp.field.cadence',
    check: (v) => (isCadence(v) ? null : { key: 'camp.err.cadence', params: { value: shown(v) } }),
    normalise: (v) => {
      const c = v as Cadence;
      return c.kind === 'weekly' ? { kind: 'weekly', weekday: c.weekday } : { kind: 'monthly', day: c.day };
    },
  },
  controlShare: {
    label: 'camp.field.controlShare',
    check: (v) => (isNum(v) && v >= 0 && v <= MAX_CONTROL_SHARE ? null : { key: 'camp.err.controlShare', params: { value: shown(v) } }),
    normalise: (v) => v as number,
  },
  resultsWindowDays: {
    label: 'camp.field.resultsWindow',
    // Never null: a result needs its window.
    check: (v) =>
      v === null
        ? { key: 'camp.err.count', params: { value: 'null', min: 1, max: MAX_RESULTS_WINDOW_DAYS } }
        : count(1, MAX_RESULTS_WINDOW_DAYS)(v),
    normalise: (v) => v as number,
  },
  enabled: {
    label: 'camp.field.enabled',
    check: (v) => (typeof v === 'boolean' ? null : { key: 'camp.err.enabled', params: { value: shown(v) } }),
    normalise: (v) => v as boolean,
  },
};

const message = (lang: Lang, label: MessageKey, problem: NonNullable<Problem>): string =>
  `${t(lang, label)}: ${t(lang, problem.key, problem.params)}`;

/**
 * Strict check of a campaign from the sidebar: every field must be there and valid
 * (a missing one is named with "missing"); errors by field (`name`,
 * `target.segments`, `cadence`...), each naming the field and the value. The
 * campaign comes back normalised (text trimmed, lists in their order, each once).
 */
export function checkCampaign(input: unknown, lang: Lang): { campaign: Omit<Campaign, 'id'>; errors: Record<string, string> } {
  const errors: Record<string, string> = {};
  const out = blankCampaign() as unknown as Record<string, unknown>;
  delete out.id;
  if (!isRecord(input))
    return { campaign: out as unknown as Omit<Campaign, 'id'>, errors: { campaign: t(lang, 'camp.err.invalid', { value: shown(input) }) } };
  const has = (o: Record<string, unknown>, k: string): boolean => Object.prototype.hasOwnProperty.call(o, k);
  for (const [key, field] of Object.entries(FIELDS) as [TopKey, Field<unknown>][]) {
    const problem = has(input, key) ? field.check(input[key]) : { key: 'camp.err.missing' as MessageKey };
    if (problem) errors[key] = message(lang, field.label, problem);
    else out[key] = field.normalise(input[key]);
  }
  const target = out.target as unknown as Record<string, unknown>;
  const rawTarget = isRecord(input.target) ? input.target : null;
  if (!rawTarget) errors.target = `${t(lang, 'camp.field.target')}: ${t(lang, 'camp.err.invalid', { value: shown(input.target) })}`;
  else
    for (const [key, field] of Object.entries(TARGET_FIELDS) as [keyof CampaignTarget, Field<unknown>][]) {
      const problem = has(rawTarget, key) ? field.check(rawTarget[key]) : { key: 'camp.err.missing' as MessageKey };
      if (problem) errors[`target.${key}`] = message(lang, field.label, problem);
      else target[key] = field.normalise(rawTarget[key]);
    }
  return { campaign: out as unknown as Omit<Campaign, 'id'>, errors };
}

/**
 * The stored list, by type. An entry without a readable id (or with one seen
 * already) is left out; each bad field of the others falls back to the new
 * campaign's value on its own. `bad` names each ("Campaign "Win back": Channel").
 * Never throws.
 */
export function readCampaigns(raw: unknown, lang: Lang): { settings: CampaignSettings; bad: string[] } {
  // Unreadable: none rather than the defaults, which would mail customers the user may have chosen not to.
  if (!isRecord(raw)) return { settings: { campaigns: [], nextId: 1 }, bad: [t(lang, 'camp.title')] };
  const bad: string[] = [];
  const campaigns: Campaign[] = [];
  const seen = new Set<string>();
  const list = Array.isArray(raw.list) ? raw.list : [];
  if (!Array.isArray(raw.list)) bad.push(t(lang, 'camp.title'));
  list.forEach((entry, i) => {
    if (!isRecord(entry) || typeof entry.id !== 'string' || !ID.test(entry.id) || seen.has(entry.id)) {
      bad.push(t(lang, 'camp.bad.dropped', { n: i + 1 }));
      return;
    }
    seen.add(entry.id);
    const campaign = { ...blankCampaign(), id: entry.id } as unknown as Record<string, unknown>;
    const name = typeof entry.name === 'string' && entry.name.trim() ? entry.name.trim().slice(0, MAX_NAME_LENGTH) : entry.id;
    const named = (label: MessageKey): void => void bad.push(t(lang, 'camp.bad.field', { name, field: t(lang, label) }));
    // A field that is not there (an older copy) has its default, silently, as every setting does.
    const has = (o: Record<string, unknown>, k: string): boolean => Object.prototype.hasOwnProperty.call(o, k);
    for (const [key, field] of Object.entries(FIELDS) as [TopKey, Field<unknown>][]) {
      if (!has(entry, key)) continue;
      if (field.check(entry[key])) named(field.label);
      else campaign[key] = field.normalise(entry[key]);
    }
    // Without its action the e-mail could not say what to do: off until the user writes one.
    if (campaign.action === '') campaign.enabled = false;
    // An unreadable name still leaves the campaign findable by its id.
    if (FIELDS.name.check(entry.name)) campaign.name = entry.id;
    const target = campaign.target as unknown as Record<string, unknown>;
    if (!has(entry, 'target')) {
      // No target: it would list everyone; off until the user says whom.
      campaign.enabled = false;
      named('camp.field.target');
    } else if (!isRecord(entry.target)) {
      campaign.enabled = false;
      named('camp.field.target');
    } else
      for (const [key, field] of Object.entries(TARGET_FIELDS) as [keyof CampaignTarget, Field<unknown>][]) {
        if (!has(entry.target, key)) continue;
        if (field.check(entry.target[key])) {
          named(field.label);
          // "Any" in place of a condition it cannot read would list (and mail) customers nobody chose: off instead.
          campaign.enabled = false;
        } else target[key] = field.normalise(entry.target[key]);
      }
    campaigns.push(campaign as unknown as Campaign);
  });
  const highest = Math.max(0, ...campaigns.map((c) => (/^c(\d+)$/.exec(c.id) ? Number(c.id.slice(1)) : 0)));
  let nextId = isInt(raw.nextId) && raw.nextId >= 1 ? raw.nextId : 1;
  if (raw.nextId !== undefined && !(isInt(raw.nextId) && raw.nextId >= 1)) bad.push(t(lang, 'camp.title'));
  // Never an id in use: a counter behind the list (an old copy) moves past it.
  nextId = Math.max(nextId, highest + 1);
  return { settings: { campaigns, nextId }, bad };
}

/** The stored form (the settings' `campaigns` key). */
export function campaignsJson(settings: CampaignSettings): { list: Campaign[]; nextId: number } {
  return { list: settings.campaigns, nextId: settings.nextId };
}

/**
 * A checked campaign into the list: a new one (id null) gets the next id, an
 * existing one keeps its id and its place. Null when the id is not in the list.
 */
export function putCampaign(
  settings: CampaignSettings,
  id: string | null,
  campaign: Omit<Campaign, 'id'>,
): { settings: CampaignSettings; id: string } | null {
  if (id === null) {
    const newId = `c${settings.nextId}`;
    return { settings: { campaigns: [...settings.campaigns, { ...campaign, id: newId }], nextId: settings.nextId + 1 }, id: newId };
  }
  const at = settings.campaigns.findIndex((c) => c.id === id);
  if (at < 0) return null;
  const campaigns = [...settings.campaigns];
  campaigns[at] = { ...campaign, id };
  return { settings: { campaigns, nextId: settings.nextId }, id };
}

/** The list without a campaign; its id is never given again (nextId is kept). */
export function removeCampaign(settings: CampaignSettings, id: string): CampaignSettings {
  return { campaigns: settings.campaigns.filter((c) => c.id !== id), nextId: settings.nextId };
}
