/**
 * Parameters section: the settings form. Checked in the browser first (same rules
 * as the core), then saved with `sidebarSaveSettings`; the server's field errors
 * are shown next to their fields. Builds save unsaved parameters first.
 * "Suggest from my data" asks the server for count and recency bands, shows each
 * with its one-sentence reason, and "Apply" puts them in the form and saves it.
 */
import type { BandSuggestion } from '../src/addon/api';
import type { MessageKey } from '../src/i18n/catalogue';
import type { SidebarContext } from './context';
import { h, option, replace, spinner, type Child } from './dom';
import { call, errorText } from './server';
import {
  ABC_BASES,
  boxesToOutline,
  defaultActions,
  fieldOfError,
  mapsProfit,
  numberText,
  PERIODS,
  XYZ_BASES,
  readSettingsForm,
  sameForm,
  settingsToForm,
  type FieldProblems,
  type SettingsField,
  type SettingsForm,
} from './settingsForm';

type Bound = 'prospective' | 'regular' | 'active' | 'sleeping';

/** The four suggested bounds, in the order of the form's inputs. */
const SUGGESTED: readonly { bound: Bound; input: TextKey; label: MessageKey; unit: MessageKey; value: (s: BandSuggestion) => number }[] = [
  {
    bound: 'prospective',
    input: 'prospectiveFrom',
    label: 'sb.params.prospectiveFrom',
    unit: 'sb.params.bandPurchases',
    value: (s) => s.countBands[0],
  },
  {
    bound: 'regular',
    input: 'regularFrom',
    label: 'sb.params.regularFrom',
    unit: 'sb.params.bandPurchases',
    value: (s) => s.countBands[1],
  },
  { bound: 'active', input: 'activeTo', label: 'sb.params.activeTo', unit: 'sb.params.bandDays', value: (s) => s.recencyBands[0] },
  { bound: 'sleeping', input: 'sleepingTo', label: 'sb.params.sleepingTo', unit: 'sb.params.bandDays', value: (s) => s.recencyBands[1] },
];

type TextKey = Exclude<keyof SettingsForm, 'actions' | 'xyzPeriod' | 'xyzBasis' | 'abcBasis'>;
type SelectKey = 'xyzPeriod' | 'xyzBasis' | 'abcBasis';

/** Input ids for the end-to-end test and the labels' `for`. */
const INPUT_IDS: Record<TextKey, string> = {
  asOf: 'as-of',
  prospectiveFrom: 'count-prospective',
  regularFrom: 'count-regular',
  activeTo: 'recency-active',
  sleepingTo: 'recency-sleeping',
  abcA: 'abc-a',
  abcB: 'abc-b',
  xyzBound1: 'xyz-bound1',
  xyzBound2: 'xyz-bound2',
  period1From: 'period1-from',
  period1To: 'period1-to',
  period2From: 'period2-from',
  period2To: 'period2-to',
  lostFactor: 'lost-factor',
  lostPeriodDays: 'lost-period',
};

/** Which inputs a field error marks as invalid. */
const FIELD_INPUTS: Record<SettingsField, readonly (TextKey | SelectKey)[]> = {
  asOf: ['asOf'],
  countBands: ['prospectiveFrom', 'regularFrom'],
  recencyBands: ['activeTo', 'sleepingTo'],
  abcBounds: ['abcA', 'abcB'],
  abcBasis: ['abcBasis'],
  xyzBasis: ['xyzBasis'],
  xyzBounds: ['xyzBound1', 'xyzBound2'],
  xyzPeriod: ['xyzPeriod'],
  comparison: ['period1From', 'period1To', 'period2From', 'period2To'],
  lostFactor: ['lostFactor'],
  lostPeriodDays: ['lostPeriodDays'],
  actions: [],
};

const BASIS_KEYS: Record<string, MessageKey> = { intervals: 'sb.params.xyzIntervals', revenue: 'sb.params.xyzRevenue' };
const ABC_BASIS_KEYS: Record<string, MessageKey> = { revenue: 'sb.params.abcRevenue', profit: 'sb.params.abcProfit' };

const PERIOD_KEYS: Record<string, MessageKey> = {
  week: 'sb.period.week',
  month: 'sb.period.month',
  quarter: 'sb.period.quarter',
  year: 'sb.period.year',
};

export class ParamsSection {
  readonly element: HTMLElement;
  private readonly inputs = {} as Record<TextKey, HTMLInputElement>;
  private readonly period: HTMLSelectElement;
  private readonly basis: HTMLSelectElement;
  private readonly abcBasis: HTMLSelectElement;
  /** The revenue method's own inputs (period, second bound), shown only for it. */
  private readonly revenueOnly: HTMLElement[] = [];
  private basisHint: HTMLElement | null = null;
  private readonly actionInputs = new Map<string, HTMLTextAreaElement>();
  private readonly errorSlots = new Map<SettingsField, HTMLElement>();
  private readonly status: HTMLElement;
  private readonly saveButton: HTMLButtonElement;
  private readonly defaultsButton: HTMLButtonElement;
  private readonly suggestButton: HTMLButtonElement;
  private readonly applyButton: HTMLButtonElement;
  private readonly suggestion: HTMLElement;

  constructor(private readonly app: SidebarContext) {
    const { t } = app;
    const { state } = app;
    for (const key of Object.keys(INPUT_IDS) as TextKey[]) {
      const isDate = key === 'asOf' || key.startsWith('period');
      this.inputs[key] = h('input', {
        id: INPUT_IDS[key],
        'data-testid': INPUT_IDS[key],
        type: isDate ? 'date' : 'text',
        inputmode: isDate ? undefined : 'decimal',
        autocomplete: 'off',
        oninput: () => this.onEdit(),
        onchange: () => this.onEdit(),
      });
    }
    this.period = h(
      'select',
      { id: 'xyz-period', 'data-testid': 'xyz-period', onchange: () => this.onEdit() },
      PERIODS.map((p) => option(p, t(PERIOD_KEYS[p]))),
    );
    this.basis = h(
      'select',
      { id: 'xyz-basis', 'data-testid': 'xyz-basis', onchange: () => this.onEdit() },
      XYZ_BASES.map((b) => option(b, t(BASIS_KEYS[b]))),
    );
    this.abcBasis = h(
      'select',
      { id: 'abc-basis', 'data-testid': 'abc-basis', onchange: () => this.onEdit() },
      ABC_BASES.map((b) => option(b, t(ABC_BASIS_KEYS[b]))),
    );
    this.status = h('div', { id: 'params-status', class: 'status', 'aria-live': 'polite' });
    this.saveButton = h(
      'button',
      { id: 'save-settings', 'data-testid': 'save-settings', class: 'action', type: 'submit' },
      t('sb.params.save'),
    );
    this.defaultsButton = h(
      'button',
      { id: 'reset-settings', 'data-testid': 'reset-settings', type: 'button', onclick: () => this.fillDefaults() },
      t('sb.params.defaults'),
    );
    this.suggestButton = h(
      'button',
      { id: 'suggest-bands', 'data-testid': 'suggest-bands', type: 'button', class: 'wide', onclick: () => void this.suggest() },
      t('sb.params.suggest'),
    );
    this.applyButton = h(
      'button',
      { id: 'apply-bands', 'data-testid': 'apply-bands', type: 'button', class: 'action', onclick: () => void this.apply() },
      t('sb.params.apply'),
    );
    this.suggestion = h('div', { id: 'bands-suggestion', class: 'suggestion', 'data-testid': 'bands-suggestion', 'aria-live': 'polite' });

    const segmentsBox = h(
      'details',
      { class: 'subsection', id: 'segment-actions', open: app.openSections.get('segment-actions') ?? false },
      h('summary', null, t('sb.params.actions')),
      state.segments.map((s) => {
        const area = h('textarea', { id: `action-${s.key}`, 'data-segment': s.key, rows: 2, oninput: () => this.onEdit() });
        this.actionInputs.set(s.key, area);
        return h('div', { class: 'form-group' }, h('label', { for: area.id }, s.label), area);
      }),
      this.errorSlot('actions'),
    );
    segmentsBox.addEventListener('toggle', () => app.openSections.set('segment-actions', segmentsBox.open));

    this.element = h(
      'form',
      { id: 'params-form', novalidate: true, onsubmit: (e: Event) => (e.preventDefault(), void this.save()) },
      this.group(
        'asOf',
        t('sb.params.asOf'),
        [this.inputs.asOf],
        h('div', { class: 'secondary' }, t('sb.params.asOfHint', { today: app.date(state.today) })),
      ),
      this.pairGroup(
        'countBands',
        'sb.params.countBands',
        ['prospectiveFrom', 'sb.params.prospectiveFrom'],
        ['regularFrom', 'sb.params.regularFrom'],
      ),
      this.pairGroup('recencyBands', 'sb.params.recencyBands', ['activeTo', 'sb.params.activeTo'], ['sleepingTo', 'sb.params.sleepingTo']),
      h(
        'div',
        { class: 'form-group', id: 'group-suggest' },
        this.suggestButton,
        h('div', { class: 'secondary hint' }, t('sb.params.suggestHint')),
        this.suggestion,
      ),
      h(
        'fieldset',
        { class: 'form-group', id: 'group-abcBounds' },
        h('legend', null, t('sb.params.abc')),
        h('div', { class: 'cell' }, h('label', { for: 'abc-basis' }, t('sb.params.abcBasis')), this.abcBasis),
        this.pair(['abcA', 'sb.params.abcA'], ['abcB', 'sb.params.abcB']),
        this.errorSlot('abcBasis'),
        this.errorSlot('abcBounds'),
      ),
      h(
        'fieldset',
        { class: 'form-group', id: 'group-xyz' },
        h('legend', null, t('sb.params.xyz')),
        h('div', { class: 'cell' }, h('label', { for: 'xyz-basis' }, t('sb.params.xyzBasis')), this.basis),
        this.xyzHint(),
        this.revenueCell(
          h('div', { class: 'cell', id: 'xyz-period-cell' }, h('label', { for: 'xyz-period' }, t('sb.params.xyzPeriod')), this.period),
        ),
        this.xyzBounds(),
        this.errorSlot('xyzBasis'),
        this.errorSlot('xyzPeriod'),
        this.errorSlot('xyzBounds'),
      ),
      h(
        'fieldset',
        { class: 'form-group', id: 'group-comparison' },
        h('legend', null, t('sb.params.comparison')),
        h('div', { class: 'sublabel' }, t('sb.params.period1')),
        this.pair(['period1From', 'sb.params.from'], ['period1To', 'sb.params.to']),
        h('div', { class: 'sublabel' }, t('sb.params.period2')),
        this.pair(['period2From', 'sb.params.from'], ['period2To', 'sb.params.to']),
        h('div', { class: 'secondary' }, t('sb.params.comparisonHint')),
        this.errorSlot('comparison'),
      ),
      this.group(
        'lostFactor',
        t('sb.params.lostFactor'),
        [this.inputs.lostFactor],
        h('div', { class: 'secondary' }, t('sb.params.lostFactorHint')),
      ),
      this.group(
        'lostPeriodDays',
        t('sb.params.lostPeriodDays'),
        [this.inputs.lostPeriodDays],
        h('div', { class: 'secondary' }, t('sb.params.lostPeriodHint')),
      ),
      segmentsBox,
      h('div', { class: 'block buttons' }, this.saveButton, ' ', this.defaultsButton),
      this.status,
    );
    this.fill(this.savedForm());
    this.update();
  }

  /** The form as the user left it. */
  read(): SettingsForm {
    const form = { xyzPeriod: this.period.value, xyzBasis: this.basis.value, abcBasis: this.abcBasis.value, actions: {} } as SettingsForm;
    for (const key of Object.keys(this.inputs) as TextKey[]) form[key] = this.inputs[key].value;
    for (const [key, area] of this.actionInputs) form.actions[key] = area.value;
    return form;
  }

  fill(form: SettingsForm): void {
    for (const key of Object.keys(this.inputs) as TextKey[]) this.inputs[key].value = form[key];
    this.period.value = form.xyzPeriod;
    this.basis.value = form.xyzBasis;
    this.abcBasis.value = form.abcBasis;
    for (const [key, area] of this.actionInputs) area.value = form.actions[key] ?? '';
    this.update();
  }

  /** The form when it differs from the saved settings, else null. */
  unsavedDraft(): SettingsForm | null {
    const form = this.read();
    return sameForm(form, this.savedForm()) ? null : form;
  }

  /** Saves when the form has unsaved changes; false when it could not be saved. */
  async saveIfDirty(): Promise<boolean> {
    return this.unsavedDraft() === null ? true : this.save();
  }

  async save(): Promise<boolean> {
    const app = this.app;
    const { settings, problems } = readSettingsForm(this.read(), app.state.settings, this.defaultTexts(), {
      hasProfit: mapsProfit(app.dataInfo().mapping),
    });
    app.params.problems = this.texts(problems);
    if (Object.keys(problems).length) {
      app.params.status = { kind: 'error', text: app.t('sb.params.fixErrors') };
      this.update();
      return false;
    }
    app.params.busy = true;
    app.params.status = null;
    this.update();
    try {
      const result = await call('sidebarSaveSettings', settings);
      const entries = Object.entries(result.errors);
      if (entries.length) {
        const other: string[] = [];
        for (const [key, message] of entries) {
          const field = fieldOfError(key);
          if (field) app.params.problems[field] = [app.params.problems[field], message].filter(Boolean).join(' ');
          else other.push(message);
        }
        app.params.status = { kind: 'error', text: other.length ? other.join(' ') : app.t('sb.params.fixErrors') };
        return false;
      }
      app.state.settings = result.settings;
      app.params.status = { kind: 'ok', text: app.t('sb.saved') };
      app.params.busy = false;
      // Segment counts and the data section (rows after the as-of date) follow the settings.
      await app.reload(false);
      return true;
    } catch (e) {
      app.params.status = { kind: 'error', text: errorText(e) };
      return false;
    } finally {
      app.params.busy = false;
      app.rerender('section-params');
    }
  }

  /** Shows problems, status and busy state from the sidebar's memory. */
  update(): void {
    const memory = this.app.params;
    for (const [field, slot] of this.errorSlots) replace(slot, memory.problems[field] ?? '');
    const box = (key: TextKey | SelectKey): HTMLInputElement | HTMLSelectElement =>
      key === 'xyzPeriod' ? this.period : key === 'xyzBasis' ? this.basis : key === 'abcBasis' ? this.abcBasis : this.inputs[key];
    for (const field of Object.keys(FIELD_INPUTS) as SettingsField[]) {
      const wrong = new Set(memory.problems[field] ? boxesToOutline(field, FIELD_INPUTS[field], (key) => box(key).value) : []);
      for (const key of FIELD_INPUTS[field]) {
        box(key).classList.toggle('invalid', wrong.has(key));
        box(key).setAttribute('aria-invalid', wrong.has(key) ? 'true' : 'false');
      }
    }
    this.saveButton.disabled = memory.busy;
    this.defaultsButton.disabled = memory.busy;
    const byRevenue = this.basis.value === 'revenue';
    for (const el of this.revenueOnly) el.hidden = !byRevenue;
    if (this.basisHint) replace(this.basisHint, this.app.t(byRevenue ? 'sb.params.xyzRevenueHint' : 'sb.params.xyzIntervalsHint'));
    const dirty = this.unsavedDraft() !== null;
    const status: Child = memory.busy
      ? [spinner(), ' ', this.app.t('sb.working')]
      : memory.status
        ? h('span', { class: memory.status.kind === 'ok' ? 'result' : 'error' }, memory.status.text)
        : null;
    replace(this.status, status, dirty && !memory.busy && h('span', { class: 'secondary unsaved' }, ' ', this.app.t('sb.params.unsaved')));
    this.updateSuggestion();
  }

  /** Asks the server for bands from the data; saves nothing. */
  private async suggest(): Promise<void> {
    const app = this.app;
    const memory = app.params.suggest;
    if (memory.busy) return;
    Object.assign(memory, { busy: true, error: null, applied: false, lang: app.state.lang });
    this.update();
    try {
      memory.result = await call('sidebarSuggestBands');
    } catch (e) {
      memory.result = null;
      memory.error = errorText(e);
    } finally {
      memory.busy = false;
      app.rerender('section-params');
    }
  }

  /** Puts the suggested bands into the form and saves it (which reloads the sidebar). */
  private async apply(): Promise<void> {
    const app = this.app;
    const memory = app.params.suggest;
    const suggestion = memory.result;
    if (!suggestion || app.params.busy) return;
    for (const row of SUGGESTED) this.inputs[row.input].value = numberText(row.value(suggestion));
    memory.applied = false;
    memory.error = null;
    const saved = await this.save();
    memory.applied = saved;
    if (!saved) memory.error = app.params.status?.kind === 'error' ? app.params.status.text : app.t('sb.params.fixErrors');
    app.rerender('section-params');
  }

  private updateSuggestion(): void {
    const { t, state } = this.app;
    const memory = this.app.params.suggest;
    // The sentences are in the language of the request: after a switch, ask again.
    if (memory.lang !== undefined && memory.lang !== state.lang && !memory.busy)
      Object.assign(memory, { result: null, error: null, applied: false, lang: undefined });
    const busy = memory.busy || this.app.params.busy;
    this.suggestButton.disabled = busy;
    this.applyButton.disabled = busy;
    const s = memory.result;
    replace(
      this.suggestion,
      s &&
        h(
          'ul',
          { class: 'suggest-list' },
          SUGGESTED.map((row) =>
            h(
              'li',
              { 'data-bound': row.bound, 'data-value': row.value(s) },
              h('div', { class: 'suggest-value' }, t(row.unit, { label: t(row.label), n: row.value(s) })),
              h('div', { class: 'why' }, s.explanations[row.bound] ?? ''),
            ),
          ),
        ),
      s && this.applyButton,
      memory.busy && h('div', { class: 'progress' }, spinner(), ' ', t('sb.working')),
      memory.applied && h('div', { class: 'result' }, t('sb.params.applied')),
      memory.error && h('div', { class: 'error' }, memory.error),
    );
  }

  private onEdit(): void {
    if (this.app.params.status?.kind === 'ok') this.app.params.status = null;
    this.app.params.suggest.applied = false;
    this.update();
  }

  private fillDefaults(): void {
    this.fill(settingsToForm(this.app.state.defaults, this.defaultTexts()));
  }

  private savedForm(): SettingsForm {
    return settingsToForm(this.app.state.settings, this.defaultTexts());
  }

  private defaultTexts(): Record<string, string> {
    const { state } = this.app;
    return defaultActions(
      state.defaults,
      state.messages,
      state.segments.map((s) => s.key),
    );
  }

  private texts(problems: FieldProblems): Partial<Record<SettingsField, string>> {
    const out: Partial<Record<SettingsField, string>> = {};
    for (const [field, p] of Object.entries(problems) as [SettingsField, { key: MessageKey; params?: Record<string, string | number> }][]) {
      out[field] = this.app.t(p.key, p.params);
    }
    return out;
  }

  private errorSlot(field: SettingsField): HTMLElement {
    const slot = h('div', { class: 'error field-error', id: `error-${field}`, 'data-field': field, role: 'alert' });
    this.errorSlots.set(field, slot);
    return slot;
  }

  private group(field: SettingsField, label: string, inputs: HTMLElement[], hint?: Child): HTMLElement {
    return h(
      'div',
      { class: 'form-group', id: `group-${field}` },
      h('label', { for: inputs[0].id }, label),
      inputs,
      hint,
      this.errorSlot(field),
    );
  }

  /** A part of the XYZ group that only the revenue method has. */
  private revenueCell(el: HTMLElement): HTMLElement {
    this.revenueOnly.push(el);
    return el;
  }

  /** The XYZ bound, and the second bound that only the revenue method takes. */
  private xyzBounds(): HTMLElement {
    const cell = (key: TextKey, label: MessageKey): HTMLElement =>
      h('div', { class: 'cell' }, h('label', { for: INPUT_IDS[key] }, this.app.t(label)), this.inputs[key]);
    return h(
      'div',
      { class: 'pair' },
      cell('xyzBound1', 'sb.params.xyzBound1'),
      this.revenueCell(cell('xyzBound2', 'sb.params.xyzBound2')),
    );
  }

  /** What the chosen basis measures, in one line under the choice. */
  private xyzHint(): HTMLElement {
    this.basisHint = h('div', { class: 'secondary', id: 'xyz-basis-hint' });
    return this.basisHint;
  }

  private pair(a: [TextKey, MessageKey], b: [TextKey, MessageKey]): HTMLElement {
    const cell = ([key, label]: [TextKey, MessageKey]): HTMLElement =>
      h('div', { class: 'cell' }, h('label', { for: INPUT_IDS[key] }, this.app.t(label)), this.inputs[key]);
    return h('div', { class: 'pair' }, cell(a), cell(b));
  }

  private pairGroup(field: SettingsField, legend: MessageKey, a: [TextKey, MessageKey], b: [TextKey, MessageKey]): HTMLElement {
    return h(
      'fieldset',
      { class: 'form-group', id: `group-${field}` },
      h('legend', null, this.app.t(legend)),
      this.pair(a, b),
      this.errorSlot(field),
    );
  }
}
