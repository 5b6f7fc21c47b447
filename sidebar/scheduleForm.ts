/**
 * The e-mail schedule form (hour, recipients, language, all clear, keep reports
 * current; which customers go out when is each campaign's, campaignsSection.ts) and its conversion to and from `ScheduleSettings`. Pure:
 * the schedule section keeps a `ScheduleForm` in memory (so a re-render or a
 * language switch never loses an edit), `readScheduleForm` checks it the way the
 * server does (src/addon/scheduleSettings.ts) and gives the settings to save.
 *
 * The address check is the server's, copied: importing that module would bundle
 * the whole message catalogue into the sidebar. A test keeps the two in step.
 */
import type { ScheduleSettings, ScheduleState, Weekday } from '../src/addon/api';
import type { Lang, MessageKey } from '../src/i18n/catalogue';

export const WEEKDAYS: readonly Weekday[] = ['MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY', 'SATURDAY', 'SUNDAY'];
export const SCHEDULE_LANGS: readonly ('' | Lang)[] = ['', 'en', 'ru', 'uk'];

export interface ScheduleForm {
  /** 0..23 as text (the select's value). */
  hour: string;
  /** One row per manager: the managers of the orders, then any saved for a manager no longer there. */
  recipients: { manager: string; email: string }[];
  fallbackEmail: string;
  /** '' follows the language of whoever turns the schedule on. */
  language: '' | Lang;
  allClear: boolean;
  keepReportsCurrent: boolean;
}

export interface ScheduleProblem {
  key: MessageKey;
  params?: Record<string, string | number>;
}

/**
 * Field -> problem. Keys as the server's errors: `hour`,
 * `recipients` (nobody to send to), `recipients.<manager>`, `fallbackEmail`, `language`.
 */
export type ScheduleProblems = Record<string, ScheduleProblem>;

// One address, as src/addon/scheduleSettings.ts isEmail accepts it.
const EMAIL =
  /^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$/;

export function isEmail(text: string): boolean {
  return text.length <= 254 && EMAIL.test(text) && !text.includes('..');
}

/** The form showing a saved schedule, with a row for each manager of the orders. */
export function scheduleToForm(schedule: ScheduleSettings, managers: readonly string[]): ScheduleForm {
  // Manager names are data: one called "constructor" must not find Object.prototype's.
  const saved = new Map(Object.entries(schedule.recipients).filter((e): e is [string, string] => typeof e[1] === 'string'));
  const rows = managers.map((manager) => ({ manager, email: saved.get(manager) ?? '' }));
  const known = new Set(managers);
  for (const [manager, email] of saved) if (!known.has(manager)) rows.push({ manager, email });
  return {
    hour: String(schedule.hour),
    recipients: rows,
    fallbackEmail: schedule.fallbackEmail,
    language: schedule.language ?? '',
    allClear: schedule.allClear,
    keepReportsCurrent: schedule.keepReportsCurrent,
  };
}

/**
 * The form for a new server state, keeping the user's edits: rows of managers
 * still there keep what was typed, new managers get their saved address.
 */
export function mergeForm(draft: ScheduleForm, state: ScheduleState): ScheduleForm {
  const fresh = scheduleToForm(state.schedule, state.managers);
  const typed = new Map(draft.recipients.map((r) => [r.manager, r.email]));
  return { ...draft, recipients: fresh.recipients.map((r) => ({ manager: r.manager, email: typed.get(r.manager) ?? r.email })) };
}

/** Checks the form; `schedule` is what to send to the server (addresses trimmed, blanks dropped). */
export function readScheduleForm(form: ScheduleForm): { schedule: ScheduleSettings; problems: ScheduleProblems } {
  const problems: ScheduleProblems = {};
  const hour = Number(form.hour);
  if (!(form.hour.trim() !== '' && Number.isInteger(hour) && hour >= 0 && hour <= 23)) problems.hour = { key: 'sched.err.hour' };
  // Null prototype: a manager called "__proto__" is a key like any other (and JSON sends it so).
  const recipients = Object.create(null) as Record<string, string>;
  for (const { manager, email } of form.recipients) {
    const text = email.trim();
    if (text === '') continue;
    if (!isEmail(text)) problems[`recipients.${manager}`] = { key: 'sched.err.email', params: { manager, value: text } };
    recipients[manager] = text;
  }
  const fallbackEmail = form.fallbackEmail.trim();
  if (fallbackEmail !== '' && !isEmail(fallbackEmail))
    problems.fallbackEmail = { key: 'sched.err.address', params: { value: fallbackEmail } };
  if (!SCHEDULE_LANGS.includes(form.language)) problems.language = { key: 'sched.err.language' };
  const schedule: ScheduleSettings = {
    hour: Number.isInteger(hour) ? hour : NaN,
    recipients,
    fallbackEmail,
    language: form.language === '' ? null : form.language,
    allClear: form.allClear,
    keepReportsCurrent: form.keepReportsCurrent,
  };
  return { schedule, problems };
}

/** The problem "nobody to send to", checked only when turning the schedule on. */
export function noRecipients(schedule: ScheduleSettings): boolean {
  return Object.keys(schedule.recipients).length === 0 && schedule.fallbackEmail === '';
}

/** True when the form shows exactly the saved schedule. */
export function sameSchedule(form: ScheduleForm, saved: ScheduleSettings): boolean {
  const { schedule } = readScheduleForm(form);
  const keys = (r: Record<string, string>): string =>
    JSON.stringify(
      Object.entries(r)
        .filter(([, v]) => v.trim() !== '')
        .map(([k, v]) => [k, v.trim()])
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
    );
  return (
    schedule.hour === saved.hour &&
    keys(schedule.recipients) === keys(saved.recipients) &&
    schedule.fallbackEmail === saved.fallbackEmail.trim() &&
    schedule.language === saved.language &&
    schedule.allClear === saved.allClear &&
    schedule.keepReportsCurrent === saved.keepReportsCurrent
  );
}

/** Where a server error goes: a recipients row (`{ manager }`), a known field, or null (the status line). */
export function scheduleErrorField(
  key: string,
): { manager: string } | 'when' | 'recipients' | 'fallbackEmail' | 'language' | 'keepReportsCurrent' | null {
  if (key.startsWith('recipients.')) return { manager: key.slice('recipients.'.length) };
  if (key === 'recipients' || key === 'fallbackEmail' || key === 'language' || key === 'keepReportsCurrent') return key;
  if (key === 'hour') return 'when';
  return null;
}

/** `8` -> `08:00`. */
export function hourText(hour: number): string {
  return `${String(hour).padStart(2, '0')}:00`;
}
