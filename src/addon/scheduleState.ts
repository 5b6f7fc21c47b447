/**
 * What the weekly e-mails remember between runs: the addresses served this week,
 * whether the week is unfinished (the daily trigger then runs it again), the last
 * run for the sidebar, and the problems the owner was told about. Kept twice (the
 * document's properties and the owner's), read by type, and merged so that an
 * address recorded in either copy is never sent the week's e-mail again. Pure.
 */
import type { ScheduleRun } from './api';

export interface ScheduleState {
  /** The week of `sentTo`, e.g. `2026-W48`. */
  period: string;
  /** Addresses already served in `period`. */
  sentTo: string[];
  /** `period` is unfinished: a send failed, the quota ran out, the spreadsheet was busy or the run failed. */
  pending: boolean;
  /** A run failed before it knew its week (the spreadsheet could not be opened): the next daily run tries, whatever the day. */
  retryAnyDay: boolean;
  lastRun: ScheduleRun | null;
  /** Problems the owner was told about; cleared by a run without any. */
  notified: string[];
}

/** At most this many problems are remembered as told (one a week would take years to fill it). */
const MAX_NOTIFIED = 50;

export function emptyState(): ScheduleState {
  return { period: '', sentTo: [], pending: false, retryAnyDay: false, lastRun: null, notified: [] };
}

const WEEK = /^\d{4}-W\d{2}$/;
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const texts = (v: unknown): string[] => (Array.isArray(v) ? [...new Set(v.filter((x): x is string => typeof x === 'string'))] : []);
const count = (v: unknown): number => (typeof v === 'number' && Number.isInteger(v) && v >= 0 ? v : 0);

/** A stored run, field by field; null unless it has its time and week. */
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

/** Stored text -> state, by type: anything unreadable is the empty state (or that field's empty value). */
export function parseState(text: string | null): ScheduleState {
  if (!text) return emptyState();
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return emptyState();
  }
  if (!isObject(raw)) return emptyState();
  const period = typeof raw.period === 'string' && WEEK.test(raw.period) ? raw.period : '';
  // Version 0.1 kept one problem as `failureNotified`.
  const notified = texts(raw.notified);
  if (typeof raw.failureNotified === 'string' && !notified.includes(raw.failureNotified)) notified.push(raw.failureNotified);
  return {
    period,
    sentTo: period ? texts(raw.sentTo) : [],
    pending: period !== '' && raw.pending === true,
    retryAnyDay: raw.retryAnyDay === true,
    lastRun: parseRun(raw.lastRun),
    notified: notified.slice(-MAX_NOTIFIED),
  };
}

const runTime = (s: ScheduleState): number => (s.lastRun ? Date.parse(s.lastRun.at) : -Infinity);

/**
 * Two copies -> one. The later week wins; within the same week the addresses of
 * both count as served (a copy that missed a write must not send twice), and the
 * copy with the later run says whether the week is unfinished.
 */
export function mergeStates(a: ScheduleState, b: ScheduleState): ScheduleState {
  if (a.period !== b.period) {
    const [newer, older] = a.period > b.period ? [a, b] : [b, a];
    return { ...newer, lastRun: runTime(older) > runTime(newer) ? older.lastRun : newer.lastRun };
  }
  const newer = runTime(b) > runTime(a) ? b : a;
  return {
    ...newer,
    sentTo: [...new Set([...a.sentTo, ...b.sentTo])],
    notified: [...new Set([...a.notified, ...b.notified])].slice(-MAX_NOTIFIED),
  };
}

export function serializeState(state: ScheduleState): string {
  return JSON.stringify({ ...state, notified: state.notified.slice(-MAX_NOTIFIED) });
}
