/**
 * The weekly e-mail schedule: defaults, validation of what the sidebar sends
 * (every address checked before anything is saved), and lenient reading of the
 * stored copy: each field is checked by its type and falls back to its default on
 * its own, an invalid address drops only that address. Pure.
 */
import { SEGMENT_KEYS } from '../core/lifecycle';
import { type Lang, type MessageKey, parseLang, t } from '../i18n/catalogue';
import { recipientMap, recipientRecord } from '../mail/schedule';
import type { ScheduleSettings, Weekday } from './api';

export const WEEKDAYS: readonly Weekday[] = ['MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY', 'SATURDAY', 'SUNDAY'];
/** Weekly e-mails (docs/definitions.md): the segments where a reminder saves the most customers. */
export const DEFAULT_SEGMENTS = ['new_active', 'prospective_sleeping', 'regular_sleeping', 'regular_lapsed'];

export function defaultSchedule(): ScheduleSettings {
  return {
    segments: [...DEFAULT_SEGMENTS],
    weekday: 'MONDAY',
    hour: 8,
    recipients: recipientRecord([]),
    fallbackEmail: '',
    language: null,
    allClear: false,
  };
}

// One address: what a mail server accepts in practice, without comments or quoted parts.
const EMAIL =
  /^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$/;

export function isEmail(text: string): boolean {
  return text.length <= 254 && EMAIL.test(text) && !text.includes('..');
}

type Errors = Record<string, string>;
const label = (lang: Lang, key: string): string => t(lang, key as MessageKey);

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isHour = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= 23;
const isWeekday = (v: unknown): v is Weekday => typeof v === 'string' && WEEKDAYS.includes(v as Weekday);
const isLanguage = (v: unknown): v is Lang | null => v === null || (typeof v === 'string' && parseLang(v) !== undefined);
/** '' (nobody) or one address. */
const isAddressOrBlank = (v: unknown): v is string => typeof v === 'string' && (v.trim() === '' || isEmail(v.trim()));

/** Field -> message for everything wrong in a schedule; empty when it can be saved. Any JSON in, never a throw. */
export function scheduleErrors(input: unknown, lang: Lang): Errors {
  const errors: Errors = {};
  if (!isRecord(input)) return { schedule: t(lang, 'sched.err.invalid') };
  const s = input as Partial<Record<keyof ScheduleSettings, unknown>>;
  if (!Array.isArray(s.segments) || s.segments.length === 0)
    errors.segments = `${label(lang, 'sched.field.segments')}: ${t(lang, 'sched.err.noSegments')}`;
  else {
    const unknown = s.segments.find((k) => !SEGMENT_KEYS.includes(k as string));
    if (unknown !== undefined) errors.segments = t(lang, 'err.unknownSegment', { value: String(unknown), valid: SEGMENT_KEYS.join(', ') });
  }
  if (!isWeekday(s.weekday)) errors.weekday = `${label(lang, 'sched.field.weekday')}: ${t(lang, 'sched.err.weekday')}`;
  if (!isHour(s.hour)) errors.hour = `${label(lang, 'sched.field.hour')}: ${t(lang, 'sched.err.hour')}`;
  if (!isRecord(s.recipients)) errors.recipients = t(lang, 'sched.err.invalid');
  else {
    for (const [manager, address] of Object.entries(s.recipients)) {
      if (!isAddressOrBlank(address)) errors[`recipients.${manager}`] = t(lang, 'sched.err.email', { manager, value: shown(address) });
    }
  }
  if (!isAddressOrBlank(s.fallbackEmail)) {
    errors.fallbackEmail = `${label(lang, 'sched.field.fallback')}: ${t(lang, 'sched.err.address', { value: shown(s.fallbackEmail ?? '') })}`;
  }
  if (!isLanguage(s.language)) errors.language = `${label(lang, 'sched.field.language')}: ${t(lang, 'sched.err.language')}`;
  if (typeof s.allClear !== 'boolean') errors.allClear = t(lang, 'sched.err.invalid');
  return errors;
}

/** A value as the user sees it in a message: text as is, anything else as JSON, cut short. */
function shown(value: unknown): string {
  let text: string;
  try {
    text = typeof value === 'string' ? value : (JSON.stringify(value) ?? String(value));
  } catch {
    text = String(value);
  }
  return text.length > 100 ? `${text.slice(0, 100)}…` : text;
}

/** A checked schedule with trimmed addresses and blank ones dropped. */
export function normaliseSchedule(s: ScheduleSettings): ScheduleSettings {
  const recipients: [string, string][] = [];
  for (const [manager, address] of recipientMap(s.recipients)) if (address.trim()) recipients.push([manager, address.trim()]);
  return {
    segments: SEGMENT_KEYS.filter((k) => s.segments.includes(k)),
    weekday: s.weekday,
    hour: s.hour,
    recipients: recipientRecord(recipients),
    fallbackEmail: s.fallbackEmail.trim(),
    language: s.language === null ? null : (parseLang(s.language) ?? null),
    allClear: s.allClear,
  };
}

/**
 * The stored schedule, field by field and by type: a field of the wrong type or
 * value falls back to its default alone, unknown segments and invalid addresses
 * are dropped alone; each is named in `bad` ("Weekly e-mails: Hour"). Never throws.
 */
export function readSchedule(raw: unknown, lang: Lang): { schedule: ScheduleSettings; bad: string[] } {
  const schedule = defaultSchedule();
  if (raw === undefined) return { schedule, bad: [] };
  const title = t(lang, 'sched.title');
  if (!isRecord(raw)) return { schedule, bad: [title] };
  const bad: string[] = [];
  const named = (what: string): void => void bad.push(`${title}: ${what}`);
  const has = (key: keyof ScheduleSettings): boolean => Object.prototype.hasOwnProperty.call(raw, key);

  if (has('segments')) {
    const stored = raw.segments;
    const known = Array.isArray(stored) ? SEGMENT_KEYS.filter((k) => stored.includes(k)) : [];
    if (known.length > 0) schedule.segments = known;
    if (!Array.isArray(stored) || known.length === 0 || stored.some((k) => !SEGMENT_KEYS.includes(k as string)))
      named(label(lang, 'sched.field.segments'));
  }
  if (has('weekday')) {
    if (isWeekday(raw.weekday)) schedule.weekday = raw.weekday;
    else named(label(lang, 'sched.field.weekday'));
  }
  if (has('hour')) {
    if (isHour(raw.hour)) schedule.hour = raw.hour;
    else named(label(lang, 'sched.field.hour'));
  }
  if (has('recipients')) {
    if (!isRecord(raw.recipients)) named(label(lang, 'sb.sched.recipients'));
    else {
      const kept: [string, string][] = [];
      for (const [manager, address] of Object.entries(raw.recipients)) {
        if (!isAddressOrBlank(address)) named(t(lang, 'sched.bad.address', { manager }));
        else if (address.trim()) kept.push([manager, address.trim()]);
      }
      schedule.recipients = recipientRecord(kept);
    }
  }
  if (has('fallbackEmail')) {
    if (isAddressOrBlank(raw.fallbackEmail)) schedule.fallbackEmail = raw.fallbackEmail.trim();
    else named(label(lang, 'sched.field.fallback'));
  }
  if (has('language')) {
    if (isLanguage(raw.language)) schedule.language = raw.language === null ? null : (parseLang(raw.language) ?? null);
    else named(label(lang, 'sched.field.language'));
  }
  if (has('allClear')) {
    if (typeof raw.allClear === 'boolean') schedule.allClear = raw.allClear;
    else named(label(lang, 'sb.sched.allClear'));
  }
  return { schedule, bad };
}
