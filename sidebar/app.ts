/**
 * The sidebar: state from the server, the header with the language picker, and the
 * four sections (data, parameters, reports, weekly e-mails). Every render builds the DOM from `state` plus the UI's own memory
 * (open sections, unsaved parameters, action results, running actions), so a
 * language switch or a reload re-labels everything without losing any of it.
 */
import type { DataInfo, SidebarState } from '../src/addon/api';
import type { Lang, MessageKey } from '../src/i18n/catalogue';
import { actionsSection } from './actionsSection';
import {
  newCampaignsMemory,
  newScheduleMemory,
  type ActionsMemory,
  type CampaignsMemory,
  type DataMemory,
  type ParamsMemory,
  type ScheduleMemory,
  type SectionId,
  type SidebarContext,
} from './context';
import { dataSection } from './dataSection';
import { npsSection } from './npsSection';
import { h, option, replace, spinner, type Child } from './dom';
import { formatDate, formatNumber, translator, type Translate } from './i18n';
import { ParamsSection } from './paramsSection';
import { loadSchedule, scheduleSection } from './scheduleSection';
import { campaignsSection, loadCampaigns } from './campaignsSection';
import { call, errorText } from './server';

const LANG_CHOICES: readonly { value: '' | Lang; key: MessageKey }[] = [
  { value: '', key: 'sb.lang.auto' },
  { value: 'en', key: 'sb.lang.en' },
  { value: 'ru', key: 'sb.lang.ru' },
  { value: 'uk', key: 'sb.lang.uk' },
];

export class Sidebar implements SidebarContext {
  state!: SidebarState;
  t: Translate = (key) => key;
  /** Section id -> open; all open at first. */
  readonly openSections = new Map<string, boolean>();
  readonly data: DataMemory = { preview: null, busy: false, error: null };
  readonly params: ParamsMemory = {
    problems: {},
    status: null,
    busy: false,
    suggest: { busy: false, result: null, error: null, applied: false },
  };
  readonly actions: ActionsMemory = { results: new Map(), running: new Set(), segment: null, splitDate: '', team: null };
  readonly schedule: ScheduleMemory = newScheduleMemory();
  readonly campaigns: CampaignsMemory = newCampaignsMemory();
  private paramsView: ParamsSection | null = null;
  private langBusy = false;
  private langError: string | null = null;
  /** The server's settings warning is shown once, until the next reload. */
  private warningShown = false;

  constructor(readonly root: HTMLElement) {}

  async start(): Promise<void> {
    replace(this.root, h('div', { class: 'loading', id: 'loading' }, spinner()));
    try {
      this.setState(await call('sidebarLoad'), false);
    } catch (e) {
      replace(this.root, h('p', { class: 'error', id: 'load-error' }, errorText(e)));
      return;
    }
    await Promise.all([loadSchedule(this, false), loadCampaigns(this)]);
  }

  /** Takes a new state from the server and re-renders; keeps unsaved parameters when asked. */
  setState(state: SidebarState, keepDraft: boolean): void {
    const draft = keepDraft ? (this.paramsView?.unsavedDraft() ?? null) : null;
    this.state = state;
    this.t = translator(state.lang, state.messages, state.locale);
    this.data.preview = null;
    document.documentElement.lang = state.lang;
    document.title = this.t('sb.title');
    this.render();
    if (draft) this.paramsView?.fill(draft);
  }

  /** Reloads the whole state, e.g. after saving settings (segment counts depend on them). */
  async reload(keepDraft: boolean): Promise<void> {
    this.setState(await call('sidebarLoad'), keepDraft);
  }

  /** The data section shows an inspected (previewed) sheet while one is being applied. */
  dataInfo(): DataInfo {
    return this.data.preview ?? this.state.data;
  }

  num(n: number, fractionDigits = 2): string {
    return formatNumber(this.state.locale, n, fractionDigits);
  }

  date(iso: string): string {
    return formatDate(this.state.locale, iso);
  }

  /** Saves the parameters form when it has unsaved changes; false when it could not be saved. */
  saveParams(): Promise<boolean> {
    return this.paramsView ? this.paramsView.saveIfDirty() : Promise.resolve(true);
  }

  render(): void {
    this.paramsView = new ParamsSection(this);
    const warning = this.state.settingsWarning && !this.warningShown ? this.state.settingsWarning : null;
    this.warningShown = this.warningShown || warning !== null;
    replace(
      this.root,
      this.header(),
      warning && h('p', { class: 'warning', id: 'settings-warning' }, warning),
      this.section('section-data', 'sb.data.title', dataSection(this)),
      this.section('section-params', 'sb.params.title', this.paramsView.element),
      this.section('section-actions', 'sb.actions.title', actionsSection(this)),
      this.section('section-campaigns', 'camp.title', campaignsSection(this)),
      // NPS answers (issue 14); each campaign's CSV export is a button of its own in the Campaigns section.
      this.section('section-nps', 'nps.sb.title', npsSection(this)),
      this.section('section-schedule', 'sched.title', scheduleSection(this)),
    );
  }

  /** Re-renders one section's body in place (keeps focus elsewhere and the scroll position). */
  /**
   * Redraws a section. Removing a focused input fires its blur and change events while the old
   * nodes are being removed; a handler that redraws then must not redraw inside the redraw (Chrome:
   * "The node to be removed is no longer a child of this node"), so such a call waits for the
   * current redraw to finish and then runs with the latest state.
   */
  rerender(id: SectionId): void {
    if (this.redrawing) {
      this.waiting.add(id);
      return;
    }
    this.redrawing = true;
    try {
      this.draw(id);
      for (const next of this.waiting) {
        this.waiting.delete(next);
        this.draw(next);
      }
    } finally {
      this.redrawing = false;
      this.waiting.clear();
    }
  }

  private redrawing = false;
  private readonly waiting = new Set<SectionId>();

  private draw(id: SectionId): void {
    const body = this.root.querySelector(`#${id} > .section-body`);
    if (!body) return;
    if (id === 'section-data') replace(body, dataSection(this));
    else if (id === 'section-actions') replace(body, actionsSection(this));
    else if (id === 'section-schedule') replace(body, scheduleSection(this));
    else if (id === 'section-campaigns') replace(body, campaignsSection(this));
    else this.paramsView?.update();
  }

  private header(): HTMLElement {
    const select = h(
      'select',
      {
        id: 'lang-select',
        'data-testid': 'lang-select',
        'aria-label': this.t('sb.lang.label'),
        title: this.t('sb.lang.label'),
        disabled: this.langBusy,
        onchange: () => void this.setLanguage(select.value as '' | Lang),
      },
      LANG_CHOICES.map((c) => option(c.value, this.t(c.key), (this.state.langChoice ?? '') === c.value)),
    );
    return h(
      'header',
      { class: 'top' },
      h('div', { class: 'top-row' }, h('h1', null, this.t('sb.title')), this.langBusy && spinner(), select),
      this.langError && h('p', { class: 'error', id: 'lang-error' }, this.langError),
    );
  }

  private async setLanguage(value: '' | Lang): Promise<void> {
    this.langBusy = true;
    this.langError = null;
    const headerSelect = this.root.querySelector<HTMLSelectElement>('#lang-select');
    if (headerSelect) headerSelect.disabled = true;
    try {
      const state = await call('sidebarSetLanguage', value === '' ? null : value);
      this.langBusy = false;
      this.setState(state, true);
    } catch (e) {
      this.langBusy = false;
      this.langError = errorText(e);
      this.render();
    }
  }

  private section(id: string, titleKey: MessageKey, body: Child): HTMLElement {
    const details = h(
      'details',
      { id, class: 'section', open: this.openSections.get(id) ?? true },
      h('summary', { class: 'section-title' }, h('h2', null, this.t(titleKey))),
      h('div', { class: 'section-body' }, body),
    );
    details.addEventListener('toggle', () => this.openSections.set(id, details.open));
    return details;
  }
}
