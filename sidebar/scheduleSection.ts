/**
 * E-mails section: the hour of the daily run, to whom (an address per manager of
 * the orders plus a fallback), in which language, whether the run refreshes the
 * reports first; Save, Turn on, Turn off, Send a test now; and what the schedule is
 * doing (on/off, last run, quota, account). Which customers go out on which day is
 * each campaign's (campaignsSection.ts).
 *
 * The form lives in the sidebar's memory (`ScheduleMemory.form`), updated on every
 * keystroke, so re-renders (a language switch, another section's save) keep edits.
 * Addresses are checked in the browser when a field is left and before any save;
 * the server checks again and its errors are shown next to their fields.
 */
import type { AuthorizationRequest, ScheduleRun, ScheduleState, Weekday } from '../src/addon/api';
import type { MessageKey } from '../src/i18n/catalogue';
import type { SidebarContext } from './context';
import { append, h, option, replace, spinner, type Child } from './dom';
import { formatDateTime } from './i18n';
import {
  hourText,
  mergeForm,
  noRecipients,
  readScheduleForm,
  sameSchedule,
  SCHEDULE_LANGS,
  scheduleErrorField,
  scheduleToForm,
  type ScheduleForm,
  type ScheduleProblems,
} from './scheduleForm';
import { call, errorText } from './server';

export const DAY_KEYS: Record<Weekday, MessageKey> = {
  MONDAY: 'sb.sched.day.monday',
  TUESDAY: 'sb.sched.day.tuesday',
  WEDNESDAY: 'sb.sched.day.wednesday',
  THURSDAY: 'sb.sched.day.thursday',
  FRIDAY: 'sb.sched.day.friday',
  SATURDAY: 'sb.sched.day.saturday',
  SUNDAY: 'sb.sched.day.sunday',
};

const LANG_KEYS: Record<string, MessageKey> = { '': 'sb.sched.langAuto', en: 'sb.lang.en', ru: 'sb.lang.ru', uk: 'sb.lang.uk' };

/** Loads the schedule; with `keepDraft`, edits made so far stay in the form. */
export async function loadSchedule(app: SidebarContext, keepDraft: boolean): Promise<void> {
  const memory = app.schedule;
  memory.loading = true;
  memory.loadError = null;
  app.rerender('section-schedule');
  try {
    const state = await call('scheduleLoad');
    memory.state = state;
    memory.form = keepDraft && memory.form ? mergeForm(memory.form, state) : scheduleToForm(state.schedule, state.managers);
  } catch (e) {
    memory.loadError = errorText(e);
  }
  memory.loading = false;
  app.rerender('section-schedule');
}

/** One field's inputs and its error slot, for updates in place (no re-render while typing). */
interface FieldView {
  inputs: HTMLElement[];
  slot: HTMLElement;
}

export function scheduleSection(app: SidebarContext): HTMLElement {
  const memory = app.schedule;
  const { t } = app;
  const box = h('div', { id: 'schedule' });
  if (!memory.state || !memory.form) {
    if (memory.loadError) {
      return h(
        'div',
        { id: 'schedule' },
        h('p', { class: 'error', id: 'schedule-load-error' }, memory.loadError),
        h('button', { type: 'button', id: 'schedule-retry', onclick: () => void loadSchedule(app, true) }, t('sb.sched.retry')),
      );
    }
    return h('div', { id: 'schedule', class: 'loading' }, spinner());
  }
  const state = memory.state;
  const form = memory.form;
  const busy = memory.busy !== null || memory.loading;
  const fields = new Map<string, FieldView>();

  /** A field's error slot; ids are made from the field (or a row number: manager names are any text). */
  const slot = (key: string, id = `sched-error-${key}`): HTMLElement =>
    h('div', { class: 'error field-error', id, 'data-field': key, role: 'alert' });
  const register = (key: string, inputs: HTMLElement[], errorSlot: HTMLElement): HTMLElement => {
    fields.set(key, { inputs, slot: errorSlot });
    return errorSlot;
  };

  const unsaved = h('span', { class: 'secondary unsaved', id: 'schedule-unsaved' });
  const showUnsaved = (): void => replace(unsaved, sameSchedule(form, state.schedule) ? null : t('sb.params.unsaved'));
  const edited = (): void => {
    if (memory.status?.kind === 'ok') {
      memory.status = null;
      replace(message, null);
    }
    showUnsaved();
  };
  /**
   * Checks one field: `leave` (the field was left, or a box ticked) shows a problem
   * and clears a fixed one; `type` only clears a fixed one, so that the page does not
   * jump under the pointer when a field is left by clicking a button below it.
   */
  const recheck = (key: string, when: 'leave' | 'type'): void => {
    const { problems } = readScheduleForm(form);
    const field = problemKey(key);
    const problem = Object.entries(problems).find(([k]) => problemKey(k) === field)?.[1];
    if (problem) {
      if (when === 'type' && !memory.problems[field]) return;
      memory.problems[field] = t(problem.key, problem.params);
    } else delete memory.problems[field];
    if (!problem && (field.startsWith('recipients.') || field === 'fallbackEmail')) delete memory.problems.recipients;
    showProblems(fields, memory.problems);
  };

  // ---- status
  const status = statusBlock(app, state);

  // ---- when
  const hour = h(
    'select',
    { id: 'schedule-hour', disabled: busy, onchange: () => ((form.hour = hour.value), edited()) },
    Array.from({ length: 24 }, (_, i) => option(String(i), hourText(i), String(i) === form.hour)),
  );
  const when = h(
    'fieldset',
    { class: 'form-group', id: 'schedule-when' },
    h('legend', null, t('sb.sched.when')),
    h('div', { class: 'pair' }, h('div', { class: 'cell narrow' }, h('label', { for: 'schedule-hour' }, t('sched.field.hour')), hour)),
    h('div', { class: 'secondary' }, t('sb.sched.timeZoneHint')),
    register('when', [hour], slot('when')),
  );

  // ---- recipients
  const known = new Set(state.managers);
  const rows = form.recipients.map((row, i) => {
    const key = `recipients.${row.manager}`;
    const input = h('input', {
      type: 'email',
      id: `sched-to-${i}`,
      class: 'recipient',
      'data-manager': row.manager,
      value: row.email,
      placeholder: 'name@example.com',
      autocomplete: 'off',
      spellcheck: false,
      disabled: busy,
      'aria-describedby': `sched-to-${i}-error`,
      oninput: () => ((row.email = input.value), edited(), recheck(key, 'type')),
      onchange: () => recheck(key, 'leave'),
    });
    const errorSlot = register(key, [input], slot(key, `sched-to-${i}-error`));
    return [
      h(
        'tr',
        { class: 'recipient-row' },
        h(
          'th',
          { scope: 'row' },
          h('label', { for: input.id }, row.manager),
          !known.has(row.manager) && h('div', { class: 'secondary' }, t('sb.sched.notInOrders')),
        ),
        h('td', null, input),
      ),
      h('tr', { class: 'recipient-error' }, h('td', { colspan: 2 }, errorSlot)),
    ];
  });
  const fallback = h('input', {
    type: 'email',
    id: 'schedule-fallback',
    value: form.fallbackEmail,
    placeholder: 'name@example.com',
    autocomplete: 'off',
    spellcheck: false,
    disabled: busy,
    oninput: () => ((form.fallbackEmail = fallback.value), edited(), recheck('fallbackEmail', 'type')),
    onchange: () => recheck('fallbackEmail', 'leave'),
  });
  const recipients = h(
    'fieldset',
    { class: 'form-group', id: 'schedule-recipients' },
    h('legend', null, t('sb.sched.recipients')),
    h('div', { class: 'secondary' }, state.managers.length ? t('sb.sched.recipientsHint') : t('sb.sched.noManagers')),
    rows.length > 0 && h('table', { class: 'recipients' }, h('tbody', null, rows)),
    register('recipients', [], slot('recipients')),
    h(
      'div',
      { class: 'form-group fallback' },
      h('label', { for: 'schedule-fallback' }, t('sched.field.fallback')),
      fallback,
      h('div', { class: 'secondary' }, t('sb.sched.fallbackHint')),
      register('fallbackEmail', [fallback], slot('fallbackEmail')),
    ),
  );

  // ---- language and all clear
  const language = h(
    'select',
    { id: 'schedule-language', disabled: busy, onchange: () => ((form.language = language.value as ScheduleForm['language']), edited()) },
    SCHEDULE_LANGS.map((l) => option(l, t(LANG_KEYS[l]), l === form.language)),
  );
  const allClear = h('input', {
    type: 'checkbox',
    id: 'schedule-allclear',
    checked: form.allClear,
    disabled: busy,
    onchange: () => ((form.allClear = allClear.checked), edited()),
  });
  const keepCurrent = h('input', {
    type: 'checkbox',
    id: 'schedule-keep-current',
    checked: form.keepReportsCurrent,
    disabled: busy,
    onchange: () => ((form.keepReportsCurrent = keepCurrent.checked), edited()),
  });

  // ---- buttons and message
  const button = (id: string, label: MessageKey, cls: string, disabled: boolean, run: () => void): HTMLButtonElement =>
    h('button', { id, 'data-testid': id, type: 'button', class: cls, disabled: busy || disabled, onclick: run }, t(label));
  const message = h('div', { id: 'schedule-message', class: 'status', 'aria-live': 'polite' }, messageView(app));

  append(box, [
    status,
    // The status line already carries the request after a click; before one, say it here.
    memory.status?.grant === undefined && authorizationNotice(app, state.authorization),
    when,
    recipients,
    h(
      'div',
      { class: 'form-group', id: 'schedule-lang-group' },
      h('label', { for: 'schedule-language' }, t('sched.field.language')),
      language,
      register('language', [language], slot('language')),
    ),
    h(
      'div',
      { class: 'form-group' },
      h('label', { class: 'check', for: 'schedule-allclear' }, allClear, h('span', null, t('sb.sched.allClear'))),
    ),
    h(
      'div',
      { class: 'form-group' },
      h('label', { class: 'check', for: 'schedule-keep-current' }, keepCurrent, h('span', null, t('sched.field.keepCurrent'))),
      h('div', { class: 'secondary' }, t('sb.sched.keepCurrentHint')),
      register('keepReportsCurrent', [keepCurrent], slot('keepReportsCurrent')),
    ),
    h(
      'div',
      { class: 'block buttons' },
      // The primary button is the next thing to do: turn the e-mails on, or once they are on, save changes.
      button('schedule-on', 'sb.sched.on', state.on ? '' : 'action', false, () => void submit(app, 'on')),
      button('schedule-off', 'sb.sched.off', '', !state.on, () => void turnOff(app)),
    ),
    h(
      'div',
      { class: 'block buttons' },
      button('schedule-save', 'sb.sched.save', state.on ? 'action' : '', false, () => void submit(app, 'save')),
      button('schedule-test', 'sb.sched.test', '', false, () => void sendTest(app)),
    ),
    message,
    unsaved,
  ]);
  showProblems(fields, memory.problems);
  showUnsaved();
  return box;
}

/** The key a problem is kept under: the hour's is `when`. */
function problemKey(key: string): string {
  const field = scheduleErrorField(key);
  if (field === null) return key;
  return typeof field === 'object' ? `recipients.${field.manager}` : field;
}

function showProblems(fields: Map<string, FieldView>, problems: Record<string, string>): void {
  for (const [key, view] of fields) {
    const text = problems[key] ?? '';
    replace(view.slot, text);
    for (const input of view.inputs) {
      input.classList.toggle('invalid', text !== '');
      input.setAttribute('aria-invalid', text ? 'true' : 'false');
    }
  }
}

function statusBlock(app: SidebarContext, state: ScheduleState): HTMLElement {
  const { t } = app;
  const s = state.schedule;
  return h(
    'div',
    { class: 'block schedule-state', id: 'schedule-state' },
    h(
      'p',
      { id: 'schedule-status', class: state.on ? 'status-on' : 'status-off', 'data-on': String(state.on) },
      h('span', { class: 'dot', 'aria-hidden': 'true' }),
      state.on ? t('sb.sched.statusOnDaily', { hour: hourText(s.hour) }) : t('sb.sched.statusOff'),
    ),
    h('div', { id: 'schedule-last', class: 'secondary' }, lastRunView(app, state.lastRun)),
    state.quota !== null && h('div', { id: 'schedule-quota', class: 'secondary' }, t('sb.sched.quota', { n: state.quota })),
    h(
      'div',
      { id: 'schedule-account', class: 'secondary' },
      state.user ? t('sb.sched.account', { user: state.user }) : t('sb.sched.noAccount'),
    ),
  );
}

function lastRunView(app: SidebarContext, run: ScheduleRun | null): Child {
  const { t } = app;
  if (!run) return t('sb.sched.never');
  const time = formatDateTime(app.state.locale, run.at);
  return [
    h('div', { class: 'last-when' }, t(run.test ? 'sb.sched.lastTest' : 'sb.sched.lastRun', { time, period: run.period })),
    h(
      'div',
      { class: 'last-counts' },
      t('sb.sched.lastCounts', { sent: run.sent, skipped: run.skipped, notSent: run.notSent, customers: run.customers }),
    ),
    run.failed > 0 && h('div', { class: 'error last-failed' }, t('sb.sched.lastFailed', { n: run.failed })),
    run.error && h('div', { class: 'error last-error' }, t('sb.sched.lastError', { error: run.error })),
  ];
}

function messageView(app: SidebarContext): Child {
  const memory = app.schedule;
  if (memory.busy) return [spinner(), ' ', app.t('sb.working')];
  if (!memory.status) return null;
  const { kind, text, grant } = memory.status;
  return [h('span', { class: kind === 'ok' ? 'result' : 'error' }, text), grant !== undefined && grantLink(app, grant)];
}

/** Google's consent page for what is missing, in a new tab; the user then clicks the action again. */
function grantLink(app: SidebarContext, url: string | null): Child {
  if (!url) return null;
  return h(
    'a',
    { class: 'button grant', id: 'schedule-grant', href: url, target: '_blank', rel: 'noopener noreferrer' },
    app.t('auth.grant'),
  );
}

/** Shown while the weekly e-mails lack a permission, before anyone clicks. */
function authorizationNotice(app: SidebarContext, request: AuthorizationRequest | null): Child {
  if (!request) return null;
  return h('div', { class: 'block warning', id: 'schedule-authorization' }, h('p', null, request.message), grantLink(app, request.url));
}

function problemTexts(app: SidebarContext, problems: ScheduleProblems): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, p] of Object.entries(problems)) out[problemKey(key)] = app.t(p.key, p.params);
  return out;
}

/** Saves (or saves and turns on); true when the server took it. */
async function submit(app: SidebarContext, kind: 'save' | 'on'): Promise<boolean> {
  const memory = app.schedule;
  if (!memory.form || !memory.state || memory.busy) return false;
  const { schedule, problems } = readScheduleForm(memory.form);
  if (kind === 'on' && Object.keys(problems).length === 0 && noRecipients(schedule))
    problems.recipients = { key: 'sched.err.noRecipients' };
  memory.problems = problemTexts(app, problems);
  if (Object.keys(problems).length > 0) {
    memory.status = { kind: 'error', text: app.t('sb.params.fixErrors') };
    app.rerender('section-schedule');
    return false;
  }
  memory.busy = kind;
  memory.status = null;
  app.rerender('section-schedule');
  let ok = false;
  try {
    const result = await call(kind === 'on' ? 'scheduleTurnOn' : 'scheduleSave', schedule);
    memory.state = result.state;
    const entries = Object.entries(result.errors);
    if (result.authorization) {
      memory.form = scheduleToForm(result.state.schedule, result.state.managers);
      memory.status = { kind: 'error', text: result.authorization.message, grant: result.authorization.url };
    } else if (entries.length > 0) {
      const other: string[] = [];
      for (const [key, text] of entries) {
        if (scheduleErrorField(key) === null) other.push(text);
        else memory.problems[problemKey(key)] = text;
      }
      memory.status = { kind: 'error', text: other.length ? other.join(' ') : app.t('sb.params.fixErrors') };
    } else {
      memory.form = scheduleToForm(result.state.schedule, result.state.managers);
      memory.status = { kind: 'ok', text: app.t(kind === 'on' ? 'sb.sched.turnedOn' : 'sb.saved') };
      ok = true;
    }
  } catch (e) {
    memory.status = { kind: 'error', text: errorText(e) };
  }
  memory.busy = null;
  app.rerender('section-schedule');
  return ok;
}

async function turnOff(app: SidebarContext): Promise<void> {
  const memory = app.schedule;
  if (!memory.state || memory.busy) return;
  memory.busy = 'off';
  memory.status = null;
  app.rerender('section-schedule');
  try {
    memory.state = await call('scheduleTurnOff');
    memory.status = { kind: 'ok', text: app.t('sb.sched.turnedOff') };
  } catch (e) {
    memory.status = { kind: 'error', text: errorText(e) };
  }
  memory.busy = null;
  app.rerender('section-schedule');
}

/** Sends every campaign's lists to the current user; unsaved changes are saved first, so the test shows them. */
async function sendTest(app: SidebarContext): Promise<void> {
  const memory = app.schedule;
  if (!memory.form || !memory.state || memory.busy) return;
  if (!sameSchedule(memory.form, memory.state.schedule) && !(await submit(app, 'save'))) return;
  memory.busy = 'test';
  memory.status = null;
  app.rerender('section-schedule');
  try {
    const { run, authorization } = await call('scheduleSendTest');
    const user = memory.state.user;
    memory.status = authorization
      ? { kind: 'error', text: authorization.message, grant: authorization.url }
      : run && run.sent > 0
        ? { kind: 'ok', text: app.t('sb.sched.testSent', { user, n: run.customers }) }
        : { kind: 'error', text: app.t('sb.sched.testNotSent') };
    const state = await call('scheduleLoad');
    memory.state = state;
    if (memory.form) memory.form = mergeForm(memory.form, state);
  } catch (e) {
    memory.status = { kind: 'error', text: errorText(e) };
  }
  memory.busy = null;
  app.rerender('section-schedule');
}
