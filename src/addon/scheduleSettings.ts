/**
 * The e-mail schedule (hour, recipients, language): defaults, validation of what the sidebar sends
 * (every address checked before anything is saved), and lenient reading of the
 * stored copy: each field is checked by its type and falls back to its default on
 * its own, an invalid address drops only that address. Pure.
 */
import { type Lang, type MessageKey, parseLang, t } from '../i18n/catalogue';
import { recipientMap, recipientRecord } from '../mail/schedule';
import type { ScheduleSettings, Weekday } from './api';

export const WEEKDAYS: readonly Weekday[] = ['MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY', 'SATURDAY', 'SUNDAY'];
export function defaultSchedule(): ScheduleSettings {
  return {
    hour: 8,
    recipients: recipientRecord([]),
    fallbackEmail: '',
    language: null,
    allClear: false,
    keepReportsCurrent: false,
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
const isLanguage = (v: unknown): v is Lang | null => v === null || (typeof v === 'string' && parseLang(v) !== undefined);
/** '' (nobody) or one address. */
const isAddressOrBlank = (v: unknown): v is string => typeof v === 'string' && (v.trim() === '' || isEmail(v.trim()));

/** Field -> message for everything wrong in a schedule; empty when it can be saved. Any JSON in, never a throw. */
export function scheduleErrors(input: unknown, lang: Lang): Errors {
  const errors: Errors = {};
  if (!isRecord(input)) return { schedule: t(lang, 'sched.err.invalid') };
  const s = input as Partial<Record<keyof ScheduleSettings, unknown>>;
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
  // Absent (a sidebar of version 0.1 open in a tab) is off, as stored.
  if (s.keepReportsCurrent !== undefined && typeof s.keepReportsCurrent !== 'boolean')
    errors.keepReportsCurrent = `${label(lang, 'sched.field.keepCurrent')}: ${t(lang, 'sched.err.invalid')}`;
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
    hour: s.hour,
    recipients: recipientRecord(recipients),
    fallbackEmail: s.fallbackEmail.trim(),
    language: s.language === null ? null : (parseLang(s.language) ?? null),
    allClear: s.allClear,
    keepReportsCurrent: s.keepReportsCurrent === true,
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

  // The segments and weekday of version 1-3 are read by the migration to campaigns (campaignSettings.ts).
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
  if (has('keepReportsCurrent')) {
    if (typeof raw.keepReportsCurrent === 'boolean') schedule.keepReportsCurrent = raw.keepReportsCurrent;
    else named(label(lang, 'sched.field.keepCurrent'));
  }
  return { schedule, bad };
}
