/**
 * What the daily campaign e-mails remember between runs: who was served each
 * campaign's period (per campaign, period and address: an address recorded is never
 * sent that campaign's period again), which periods are finished (everyone served:
 * no run needed for them until the next period), since when the schedule is on
 * (a period whose due day came before it is not owed), the last run for the
 * sidebar, and the problems the owner was told about. Kept twice (the document's
 * properties and the owner's), read by type, and merged so that an address
 * recorded in either copy is never sent again. Pure.
 *
 * Version 0.1 and 0.2 kept one week (`period: "2026-W48"`, `sentTo`, `pending`) of
 * the one weekly e-mail: it reads as that week served for every weekly campaign
 * (campaign `*`), so that the upgrade in the middle of a week sends nobody twice.
 */
import type { ScheduleRun } from './api';

/** `campaign|period`, e.g. `onboard|2026-W48`; campaign `*` (a record of version 0.2): every weekly campaign. */
export type PeriodKey = string;
export const ANY_WEEKLY = '*';

export interface ScheduleState {
  /** Period key -> addresses served in it. */
  sent: Map<PeriodKey, Set<string>>;
  /** Period keys whose every recipient was served (or had no address). */
  done: Set<PeriodKey>;
  /** The day (epoch day) the schedule was turned on; null: not known (turned on before 0.2), everything is owed. */
  since: number | null;
  /** A run failed before it knew its day (the spreadsheet could not be opened): the next daily run tries. */
  retryAnyDay: boolean;
  lastRun: ScheduleRun | null;
  /** Problems the owner was told about; cleared by a run without any. */
  notified: string[];
}

/** At most this many problems are remembered as told (one a week would take years to fill it). */
const MAX_NOTIFIED = 50;

export function emptyState(): ScheduleState {
  return { sent: new Map(), done: new Set(), since: null, retryAnyDay: false, lastRun: null, notified: [] };
}

export const periodKey = (campaign: string, period: string): PeriodKey => `${campaign}|${period}`;

const WEEK = /^\d{4}-W\d{2}$/;
const KEY = /^[a-z*][a-z0-9_]{0,39}\|\d{4}-(W\d{2}|\d{2})$/;
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const texts = (v: unknown): string[] => (Array.isArray(v) ? [...new Set(v.filter((x): x is string => typeof x === 'string'))] : []);
const count = (v: unknown): number => (typeof v === 'number' && Number.isInteger(v) && v >= 0 ? v : 0);

/** A stored run, field by field; null unless it has its time and period. */
export function parseRun(raw: unknown): ScheduleRun | null {
  if (!isObject(raw) || typeof raw.at !== 'string' || Number.isNaN(Date.parse(raw.at)) || typeof raw.period !== 'string') return null;
  return {
    at: raw.at,
    period: raw.period,
    sent: count(raw.sent),
    skipped: count(raw.skipped),
    notSent: count(raw.notSent),
    failed: count(raw.failed),
    customers: count(raw.customers),
    test: raw.test === true,
    error: typeof raw.error === 'string' ? raw.error : null,
  };
}

/** Whether an address was served a campaign's period (a weekly one also by a record of version 0.2). */
export function wasServed(state: ScheduleState, campaign: string, period: string, weekly: boolean, address: string): boolean {
  return (
    state.sent.get(periodKey(campaign, period))?.has(address) === true ||
    (weekly && state.sent.get(periodKey(ANY_WEEKLY, period))?.has(address) === true)
  );
}

export function isDone(state: ScheduleState, campaign: string, period: string, weekly: boolean): boolean {
  return state.done.has(periodKey(campaign, period)) || (weekly && state.done.has(periodKey(ANY_WEEKLY, period)));
}

export function markServed(state: ScheduleState, key: PeriodKey, address: string): void {
  let set = state.sent.get(key);
  if (!set) state.sent.set(key, (set = new Set()));
  set.add(address);
}

/**
 * Only the periods still current (`keep`) are remembered: a period that is over
 * cannot be sent again (its campaign has moved on), so the record stays small.
 */
export function prune(state: ScheduleState, keep: ReadonlySet<PeriodKey>): void {
  for (const key of [...state.sent.keys()]) if (!keep.has(key)) state.sent.delete(key);
  for (const key of [...state.done]) if (!keep.has(key)) state.done.delete(key);
}

/** Stored text -> state, by type: anything unreadable is the empty state (or that field's empty value). */
export function parseState(text: string | null): ScheduleState {
  const state = emptyState();
  if (!text) return state;
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return state;
  }
  if (!isObject(raw)) return state;
  if (isObject(raw.sent)) {
    for (const [key, addresses] of Object.entries(raw.sent)) if (KEY.test(key)) for (const a of texts(addresses)) markServed(state, key, a);
  }
  for (const key of texts(raw.done)) if (KEY.test(key)) state.done.add(key);
  // Version 0.2: one week of the weekly e-mail.
  if (typeof raw.period === 'string' && WEEK.test(raw.period)) {
    const key = periodKey(ANY_WEEKLY, raw.period);
    for (const a of texts(raw.sentTo)) markServed(state, key, a);
    if (raw.pending !== true) state.done.add(key);
  }
  state.since = typeof raw.since === 'number' && Number.isInteger(raw.since) ? raw.since : null;
  state.retryAnyDay = raw.retryAnyDay === true;
  state.lastRun = parseRun(raw.lastRun);
  // Version 0.1 kept one problem as `failureNotified`.
  const notified = texts(raw.notified);
  if (typeof raw.failureNotified === 'string' && !notified.includes(raw.failureNotified)) notified.push(raw.failureNotified);
  state.notified = notified.slice(-MAX_NOTIFIED);
  return state;
}

const runTime = (s: ScheduleState): number => (s.lastRun ? Date.parse(s.lastRun.at) : -Infinity);

/**
 * Two copies -> one. The addresses of both count as served (a copy that missed a
 * write must not send twice); a period is finished when either says so (only a
 * run that served everyone says it); the copy with the later run gives the rest.
 */
export function mergeStates(a: ScheduleState, b: ScheduleState): ScheduleState {
  const newer = runTime(b) > runTime(a) ? b : a;
  const sent = new Map<PeriodKey, Set<string>>();
  for (const s of [a, b]) for (const [key, set] of s.sent) sent.set(key, new Set([...(sent.get(key) ?? []), ...set]));
  const sinces = [a.since, b.since].filter((x): x is number => x !== null);
  return {
    ...newer,
    sent,
    done: new Set([...a.done, ...b.done]),
    since: sinces.length ? Math.max(...sinces) : null,
    notified: [...new Set([...a.notified, ...b.notified])].slice(-MAX_NOTIFIED),
  };
}

export function serializeState(state: ScheduleState): string {
  // A null-prototype object: the keys are campaign ids and periods, never Object.prototype's.
  const sent = Object.create(null) as Record<string, string[]>;
  for (const [key, set] of state.sent) if (set.size) sent[key] = [...set];
  return JSON.stringify({
    sent,
    done: [...state.done],
    since: state.since,
    retryAnyDay: state.retryAnyDay,
    lastRun: state.lastRun,
    notified: state.notified.slice(-MAX_NOTIFIED),
  });
}
