/**
 * The weekly e-mail schedule: defaults, validation of what the sidebar sends
 * (every address checked before anything is saved), and lenient reading of the
 * stored copy. Pure.
 */
import { SEGMENT_KEYS } from '../core/lifecycle';
import { type Lang, type MessageKey, parseLang, t } from '../i18n/catalogue';
import type { ScheduleSettings, Weekday } from './api';

export const WEEKDAYS: readonly Weekday[] = ['MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY', 'SATURDAY', 'SUNDAY'];
/** Weekly e-mails (docs/definitions.md): the segments where a reminder saves the most customers. */
export const DEFAULT_SEGMENTS = ['new_active', 'prospective_sleeping', 'regular_sleeping', 'regular_lapsed'];

export function defaultSchedule(): ScheduleSettings {
  return {
    segments: [...DEFAULT_SEGMENTS],
    weekday: 'MONDAY',
    hour: 8,
    recipients: {},
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

/** Field -> message for everything wrong in a schedule; empty when it can be saved. */
export function scheduleErrors(input: unknown, lang: Lang): Errors {
  const errors: Errors = {};
  if (typeof input !== 'object' || input === null) return { schedule: t(lang, 'sched.err.invalid') };
  const s = input as Partial<Record<keyof ScheduleSettings, unknown>>;
  if (!Array.isArray(s.segments) || s.segments.length === 0)
    errors.segments = `${label(lang, 'sched.field.segments')}: ${t(lang, 'sched.err.noSegments')}`;
  else {
    const unknown = s.segments.find((k) => !SEGMENT_KEYS.includes(k as string));
    if (unknown !== undefined) errors.segments = t(lang, 'err.unknownSegment', { value: String(unknown), valid: SEGMENT_KEYS.join(', ') });
  }
  if (!WEEKDAYS.includes(s.weekday as Weekday)) errors.weekday = `${label(lang, 'sched.field.weekday')}: ${t(lang, 'sched.err.weekday')}`;
  if (!(typeof s.hour === 'number' && Number.isInteger(s.hour) && s.hour >= 0 && s.hour <= 23))
    errors.hour = `${label(lang, 'sched.field.hour')}: ${t(lang, 'sched.err.hour')}`;
  if (typeof s.recipients !== 'object' || s.recipients === null || Array.isArray(s.recipients))
    errors.recipients = t(lang, 'sched.err.invalid');
  else {
    for (const [manager, address] of Object.entries(s.recipients as Record<string, unknown>)) {
      const text = typeof address === 'string' ? address.trim() : '';
      if (text !== '' && !isEmail(text)) errors[`recipients.${manager}`] = t(lang, 'sched.err.email', { manager, value: String(address) });
    }
  }
  const fallback = typeof s.fallbackEmail === 'string' ? s.fallbackEmail.trim() : null;
  if (fallback === null || (fallback !== '' && !isEmail(fallback))) {
    errors.fallbackEmail = `${label(lang, 'sched.field.fallback')}: ${t(lang, 'sched.err.address', { value: String(s.fallbackEmail ?? '') })}`;
  }
  if (!(s.language === null || (typeof s.language === 'string' && parseLang(s.language))))
    errors.language = `${label(lang, 'sched.field.language')}: ${t(lang, 'sched.err.language')}`;
  if (typeof s.allClear !== 'boolean') errors.allClear = t(lang, 'sched.err.invalid');
  return errors;
}

/** A checked schedule with trimmed addresses and blank ones dropped. */
export function normaliseSchedule(s: ScheduleSettings): ScheduleSettings {
  const recipients: Record<string, string> = {};
  for (const [manager, address] of Object.entries(s.recipients)) if (address.trim()) recipients[manager] = address.trim();
  return {
    segments: SEGMENT_KEYS.filter((k) => s.segments.includes(k)),
    weekday: s.weekday,
    hour: s.hour,
    recipients,
    fallbackEmail: s.fallbackEmail.trim(),
    language: s.language === null ? null : (parseLang(s.language) ?? null),
    allClear: s.allClear,
  };
}

/** The stored schedule, field by field: invalid fields fall back to defaults and are named. */
export function readSchedule(raw: unknown, lang: Lang): { schedule: ScheduleSettings; bad: string[] } {
  const schedule = defaultSchedule();
  if (raw === undefined || raw === null) return { schedule, bad: [] };
  if (typeof raw !== 'object') return { schedule, bad: [t(lang, 'sched.title')] };
  const merged = { ...schedule, ...(raw as object) } as ScheduleSettings;
  const errors = scheduleErrors(merged, lang);
  const bad: string[] = [];
  const out = { ...schedule } as Record<keyof ScheduleSettings, unknown>;
  for (const key of Object.keys(schedule) as (keyof ScheduleSettings)[]) {
    const broken = Object.keys(errors).some((e) => e === key || e.startsWith(`${key}.`));
    if (broken) bad.push(t(lang, 'sched.title'));
    else out[key] = merged[key];
  }
  return { schedule: normaliseSchedule(out as unknown as ScheduleSettings), bad: [...new Set(bad)] };
}
