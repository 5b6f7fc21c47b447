/**
 * Campaigns section: the list (name, cadence, channel, on/off), Add, Edit, Export CSV, Delete,
 * and the form of one campaign (target, action, channel, cadence, control group,
 * results window). The form lives in the sidebar's memory, so a re-render keeps
 * edits; the server checks every field (src/addon/campaignSettings.ts) and its
 * messages are shown beside their fields.
 */
import type { Campaign, CampaignsState, Channel } from '../src/addon/api';
import type { MessageKey } from '../src/i18n/catalogue';
import { campaignToForm, readCampaignForm, type CampaignForm } from './campaignForm';
import type { SidebarContext } from './context';
import { append, h, option, spinner, type Child } from './dom';
import { exportCampaign } from './exportControl';
import { call, errorText } from './server';

const CHANNELS: readonly Channel[] = ['call', 'email', 'messenger'];
const WEEKDAY_KEYS: MessageKey[] = [
  'sb.sched.day.monday',
  'sb.sched.day.tuesday',
  'sb.sched.day.wednesday',
  'sb.sched.day.thursday',
  'sb.sched.day.friday',
  'sb.sched.day.saturday',
  'sb.sched.day.sunday',
];

export async function loadCampaigns(app: SidebarContext): Promise<void> {
  const memory = app.campaigns;
  try {
    memory.state = await call('campaignsLoad');
    memory.loadError = null;
  } catch (e) {
    memory.loadError = errorText(e);
  }
  app.rerender('section-campaigns');
}

function cadenceText(app: SidebarContext, c: Campaign): string {
  return c.cadence.kind === 'weekly'
    ? app.t('sb.camp.weekly', { day: app.t(WEEKDAY_KEYS[c.cadence.weekday - 1]) })
    : app.t('sb.camp.monthly', { day: c.cadence.day });
}

export function campaignsSection(app: SidebarContext): HTMLElement {
  const memory = app.campaigns;
  const { t } = app;
  if (!memory.state) {
    if (memory.loadError) return h('div', { id: 'campaigns' }, h('p', { class: 'error', id: 'campaigns-load-error' }, memory.loadError));
    return h('div', { id: 'campaigns', class: 'loading' }, spinner());
  }
  const state = memory.state;
  const box = h('div', { id: 'campaigns' });
  const rows = state.campaigns.map((c) =>
    h(
      'li',
      { class: 'campaign', 'data-campaign': c.id },
      h(
        'label',
        { class: 'check' },
        h('input', {
          type: 'checkbox',
          class: 'campaign-on',
          checked: c.enabled,
          disabled: memory.busy,
          'aria-label': t('camp.field.enabled'),
          onchange: (e: Event) => void run(app, () => call('campaignSetEnabled', c.id, (e.target as HTMLInputElement).checked)),
        }),
        h('span', { class: 'campaign-name' }, c.name),
      ),
      h('div', { class: 'secondary campaign-when' }, `${cadenceText(app, c)} · ${t(`camp.channel.${c.channel}` as MessageKey)}`),
      h(
        'div',
        { class: 'buttons' },
        h(
          'button',
          { type: 'button', class: 'campaign-edit', disabled: memory.busy, onclick: () => edit(app, campaignToForm(c)) },
          t('sb.camp.edit'),
        ),
        // Its list for a mailing tool, as CSV (exportControl.ts).
        h(
          'button',
          {
            type: 'button',
            class: 'campaign-export',
            'data-testid': `export-${c.id}`,
            title: t('export.sb.hint'),
            disabled: memory.busy,
            onclick: () => void exportCampaign(app, c.id),
          },
          t('export.sb.button'),
        ),
        h(
          'button',
          {
            type: 'button',
            class: 'campaign-delete',
            disabled: memory.busy,
            onclick: () => {
              if (window.confirm(t('sb.camp.confirmDelete', { name: c.name }))) void run(app, () => call('campaignDelete', c.id));
            },
          },
          t('sb.camp.delete'),
        ),
      ),
    ),
  );
  append(box, [
    state.campaigns.length ? h('ul', { class: 'campaigns', id: 'campaign-list' }, rows) : h('p', { class: 'secondary' }, t('sb.camp.none')),
    !memory.form &&
      h(
        'button',
        { type: 'button', id: 'campaign-add', disabled: memory.busy, onclick: () => edit(app, campaignToForm(state.blank)) },
        t('sb.camp.add'),
      ),
    memory.form && formView(app, memory.form, state),
    h(
      'div',
      { id: 'campaign-message', class: 'status', 'aria-live': 'polite' },
      memory.busy
        ? [spinner(), ' ', t('sb.working')]
        : memory.status && h('span', { class: memory.status.kind === 'ok' ? 'result' : 'error' }, memory.status.text),
    ),
  ]);
  return box;
}

function edit(app: SidebarContext, form: CampaignForm): void {
  app.campaigns.form = form;
  app.campaigns.problems = {};
  app.campaigns.status = null;
  app.rerender('section-campaigns');
}

/** A server change that answers with the new list. */
async function run(app: SidebarContext, change: () => Promise<CampaignsState>): Promise<void> {
  const memory = app.campaigns;
  memory.busy = true;
  memory.status = null;
  app.rerender('section-campaigns');
  try {
    memory.state = await change();
  } catch (e) {
    memory.status = { kind: 'error', text: errorText(e) };
  }
  memory.busy = false;
  app.rerender('section-campaigns');
}

async function save(app: SidebarContext): Promise<void> {
  const memory = app.campaigns;
  if (!memory.form || memory.busy) return;
  const { campaign, problems } = readCampaignForm(memory.form);
  memory.problems = Object.fromEntries(Object.entries(problems).map(([k, p]) => [k, app.t(p.key, p.params)]));
  if (Object.keys(problems).length > 0) {
    memory.status = { kind: 'error', text: app.t('sb.params.fixErrors') };
    app.rerender('section-campaigns');
    return;
  }
  memory.busy = true;
  memory.status = null;
  app.rerender('section-campaigns');
  try {
    const result = await call('campaignSave', campaign);
    memory.state = result.state;
    if (Object.keys(result.errors).length > 0) {
      memory.problems = { ...result.errors };
      memory.status = { kind: 'error', text: app.t('sb.params.fixErrors') };
    } else {
      memory.form = null;
      memory.status = { kind: 'ok', text: app.t('sb.saved') };
    }
  } catch (e) {
    memory.status = { kind: 'error', text: errorText(e) };
  }
  memory.busy = false;
  app.rerender('section-campaigns');
}

/** The campaign form; every input writes into `form` as it changes. */
function formView(app: SidebarContext, form: CampaignForm, state: CampaignsState): HTMLElement {
  const { t } = app;
  const memory = app.campaigns;
  const err = (key: string): HTMLElement =>
    h(
      'div',
      { class: 'error field-error', id: `camp-error-${key.replace('.', '-')}`, 'data-field': key, role: 'alert' },
      memory.problems[key] ?? '',
    );
  const textInput = (id: string, field: keyof CampaignForm, props: Record<string, unknown> = {}): HTMLInputElement => {
    const input = h('input', {
      id,
      value: form[field] as string,
      ...props,
      oninput: () => ((form as unknown as Record<string, unknown>)[field] = input.value),
    });
    return input;
  };
  const group = (label: MessageKey, key: string, ...children: Child[]): HTMLElement =>
    h('div', { class: 'form-group', 'data-group': key }, h('label', null, t(label)), ...children, err(key));
  const checks = (key: string, values: readonly { value: string; label: string }[], chosen: string[]): HTMLElement =>
    h(
      'div',
      { class: 'checks', id: `camp-${key.replace('target.', '')}` },
      values.map(({ value, label }) => {
        const box = h('input', {
          type: 'checkbox',
          'data-value': value,
          checked: chosen.includes(value),
          onchange: () => {
            const i = chosen.indexOf(value);
            if (box.checked && i < 0) chosen.push(value);
            if (!box.checked && i >= 0) chosen.splice(i, 1);
          },
        });
        return h('label', { class: 'check' }, box, h('span', null, label));
      }),
    );
  const select = (
    id: string,
    values: readonly { value: string; label: string }[],
    current: string,
    set: (v: string) => void,
  ): HTMLSelectElement => {
    const el = h(
      'select',
      { id, onchange: () => (set(el.value), app.rerender('section-campaigns')) },
      values.map((v) => option(v.value, v.label, v.value === current)),
    );
    return el;
  };
  const action = h('textarea', { id: 'camp-action', rows: 3, value: form.action, oninput: () => (form.action = action.value) });
  const enabled = h('input', {
    type: 'checkbox',
    id: 'camp-enabled',
    checked: form.enabled,
    onchange: () => (form.enabled = enabled.checked),
  });
  const managers = [...new Set([...state.managers, ...form.managers])];
  return h(
    'div',
    { class: 'block campaign-form', id: 'campaign-form' },
    group('camp.field.name', 'name', textInput('camp-name', 'name', { type: 'text', maxlength: 100 })),
    group(
      'camp.field.segments',
      'target.segments',
      checks(
        'target.segments',
        app.state.segments.map((s) => ({ value: s.key, label: s.label })),
        form.segments,
      ),
    ),
    group(
      'camp.field.abc',
      'target.abc',
      checks(
        'target.abc',
        ['A', 'B', 'C'].map((v) => ({ value: v, label: v })),
        form.abc,
      ),
    ),
    group(
      'camp.field.xyz',
      'target.xyz',
      checks(
        'target.xyz',
        ['X', 'Y', 'Z'].map((v) => ({ value: v, label: v })),
        form.xyz,
      ),
    ),
    group(
      'camp.field.lost',
      'target.lost',
      select(
        'camp-lost',
        [
          { value: '', label: t('sb.camp.lostAny') },
          { value: 'lost', label: t('sb.camp.lostOnly') },
          { value: 'notLost', label: t('sb.camp.notLost') },
        ],
        form.lost,
        (v) => (form.lost = v as CampaignForm['lost']),
      ),
    ),
    group(
      'camp.field.pAlive',
      'target.pAlive',
      h(
        'div',
        { class: 'pair' },
        textInput('camp-palive-min', 'pAliveMin', { placeholder: '0 %', inputmode: 'decimal' }),
        textInput('camp-palive-max', 'pAliveMax', { placeholder: '100 %', inputmode: 'decimal' }),
      ),
    ),
    group('camp.field.minPurchases', 'target.minPurchases', textInput('camp-min-purchases', 'minPurchases', { inputmode: 'numeric' })),
    group(
      'camp.field.daysSince',
      'target.daysSince',
      h(
        'div',
        { class: 'pair' },
        textInput('camp-days-min', 'daysMin', { inputmode: 'numeric' }),
        textInput('camp-days-max', 'daysMax', { inputmode: 'numeric' }),
      ),
    ),
    managers.length > 0 &&
      group(
        'camp.field.managers',
        'target.managers',
        checks(
          'target.managers',
          managers.map((m) => ({ value: m, label: m || t('mail.noManager') })),
          form.managers,
        ),
      ),
    group('camp.field.npsDays', 'target.npsDetractorsDays', textInput('camp-nps-days', 'npsDays', { inputmode: 'numeric' })),
    group('camp.field.action', 'action', action),
    group(
      'camp.field.channel',
      'channel',
      select(
        'camp-channel',
        CHANNELS.map((c) => ({ value: c, label: t(`camp.channel.${c}` as MessageKey) })),
        form.channel,
        (v) => (form.channel = v as Channel),
      ),
    ),
    group(
      'camp.field.cadence',
      'cadence',
      h(
        'div',
        { class: 'pair' },
        select(
          'camp-cadence',
          [
            { value: 'weekly', label: t('sb.camp.kindWeekly') },
            { value: 'monthly', label: t('sb.camp.kindMonthly') },
          ],
          form.cadenceKind,
          (v) => (form.cadenceKind = v as CampaignForm['cadenceKind']),
        ),
        form.cadenceKind === 'weekly'
          ? select(
              'camp-weekday',
              WEEKDAY_KEYS.map((k, i) => ({ value: String(i + 1), label: t(k) })),
              form.weekday,
              (v) => (form.weekday = v),
            )
          : textInput('camp-day', 'day', { inputmode: 'numeric' }),
      ),
      h('div', { class: 'secondary' }, t('sb.camp.cadenceHint')),
    ),
    group(
      'camp.field.controlShare',
      'controlShare',
      textInput('camp-control', 'controlPercent', { inputmode: 'decimal' }),
      h('div', { class: 'secondary' }, t('sb.camp.controlHint')),
    ),
    group('camp.field.resultsWindow', 'resultsWindowDays', textInput('camp-window', 'resultsWindowDays', { inputmode: 'numeric' })),
    h(
      'div',
      { class: 'form-group' },
      h('label', { class: 'check', for: 'camp-enabled' }, enabled, h('span', null, t('camp.field.enabled'))),
      err('enabled'),
    ),
    err('campaign'),
    err('target'),
    h(
      'div',
      { class: 'block buttons' },
      h(
        'button',
        { type: 'button', id: 'campaign-save', class: 'action', disabled: memory.busy, onclick: () => void save(app) },
        t('sb.camp.save'),
      ),
      h(
        'button',
        {
          type: 'button',
          id: 'campaign-cancel',
          disabled: memory.busy,
          onclick: () => {
            memory.form = null;
            memory.problems = {};
            app.rerender('section-campaigns');
          },
        },
        t('sb.camp.cancel'),
      ),
    ),
  );
}
