/**
 * Reports section: the report buttons in groups (actionGroups.ts: the one list
 * they come from), each group folding away when not in use; each button disabled
 * while it runs, with a spinner or progress and then the server's summary (sheet,
 * time) or the error. "Rebuild all" builds each report in turn, showing
 * "2 / 5: Migration…". The Team group carries its parameters (plan growth, key
 * customers), saved with the settings. The model check (with its split date) is
 * not part of "Rebuild all".
 */
import { DEFAULT_HOLDOUT_DAYS, KEY_CUSTOMERS_TOPS, type BuildRequest, type BuildResult, type ReportSettings } from '../src/addon/api';
import type { MessageKey } from '../src/i18n/catalogue';
import { ACTION_GROUPS, type ActionGroup, type BuildEntry, groupOpen, stepKey } from './actionGroups';
import type { SidebarContext, Slot, SlotView, TeamDraft } from './context';
import { h, option, spinner, type Child } from './dom';
import { rebuildPlan } from './rebuild';
import { call, errorText } from './server';
import { addDays, numberText, parseNumber } from './settingsForm';

/** Without a split date the server checks the model on the last 182 days (26 weeks) of the data: before the as-of date, or before the day after the last order when the orders end earlier. */
export { DEFAULT_HOLDOUT_DAYS };

export function actionsSection(app: SidebarContext): HTMLElement {
  const { t, state } = app;
  const memory = app.actions;
  const allRunning = memory.running.has('all');
  const busy = (slot: Slot): boolean => allRunning || memory.running.has(slot);

  if (!memory.segment || !state.segments.some((s) => s.key === memory.segment)) {
    memory.segment = (state.segments.find((s) => s.customers > 0) ?? state.segments[0])?.key ?? null;
  }

  const button = (slot: Slot, id: string, label: MessageKey, cls: string, run: () => void): HTMLButtonElement =>
    h(
      'button',
      { id, 'data-testid': id, type: 'button', class: cls, disabled: slot === 'all' ? memory.running.size > 0 : busy(slot), onclick: run },
      t(label),
    );

  const single =
    (slot: Exclude<Slot, 'all'>, request: () => BuildRequest): (() => void) =>
    () =>
      void runSingle(app, slot, request());

  const buildBlock = (entry: BuildEntry): HTMLElement =>
    block(
      app,
      entry.kind,
      button(
        entry.kind,
        entry.id,
        entry.label,
        'wide',
        single(entry.kind, () => ({ kind: entry.kind })),
      ),
    );

  const segmentBlock = (): HTMLElement => {
    const segmentSelect = h(
      'select',
      { id: 'segment-select', 'data-testid': 'segment-select', onchange: () => (memory.segment = segmentSelect.value) },
      state.segments.map((s) => option(s.key, t('sb.actions.segmentOption', { label: s.label, n: s.customers }), s.key === memory.segment)),
    );
    return block(
      app,
      'segmentList',
      h('label', { for: 'segment-select' }, t('sb.actions.segmentLabel')),
      h(
        'div',
        { class: 'inline' },
        segmentSelect,
        button(
          'segmentList',
          'build-segment',
          'sb.actions.segment',
          '',
          single('segmentList', () => ({ kind: 'segmentList', segment: segmentSelect.value })),
        ),
      ),
    );
  };

  const groupView = (group: ActionGroup): HTMLElement => {
    const key = `actions-${group.id}`;
    const details = h(
      'details',
      {
        class: 'action-group',
        id: `group-${group.id}`,
        'data-testid': `group-${group.id}`,
        open: app.openSections.get(key) ?? groupOpen(group, state.reports),
      },
      h('summary', null, t(group.title)),
      group.items.map((item) =>
        item.type === 'build'
          ? buildBlock(item)
          : item.type === 'segmentList'
            ? segmentBlock()
            : item.type === 'teamParams'
              ? teamParams(app)
              : modelCheckBlock(
                  app,
                  button('modelCheck', 'build-modelcheck', 'sb.actions.modelCheck', 'wide', single('modelCheck', modelCheckRequest(app))),
                ),
      ),
    );
    details.addEventListener('toggle', () => app.openSections.set(key, details.open));
    return details;
  };

  return h(
    'div',
    { id: 'actions' },
    block(
      app,
      'all',
      button('all', 'rebuild-all', 'sb.actions.rebuildAll', 'action wide', () => void runAll(app)),
    ),
    ACTION_GROUPS.map(groupView),
  );
}

/** The Team group's parameters as the form shows them: the draft, else the saved settings. */
function teamDraft(app: SidebarContext): TeamDraft {
  const saved = app.state.settings;
  return (
    app.actions.team ?? {
      planGrowth: numberText(saved.planGrowth * 100),
      keyCustomersTop: String(saved.keyCustomersTop),
      problem: null,
      busy: false,
    }
  );
}

/** Plan growth (%) and the number of key customers: saved with the settings when changed, and before a build. */
function teamParams(app: SidebarContext): HTMLElement {
  const { t } = app;
  const draft = teamDraft(app);
  const edit = (patch: Partial<TeamDraft>): void => {
    app.actions.team = { ...teamDraft(app), ...patch, problem: null };
  };
  const growth = h('input', {
    id: 'plan-growth',
    'data-testid': 'plan-growth',
    type: 'text',
    inputmode: 'decimal',
    autocomplete: 'off',
    value: draft.planGrowth,
    disabled: draft.busy,
    class: draft.problem ? 'invalid' : undefined,
    'aria-invalid': draft.problem ? 'true' : 'false',
    oninput: () => edit({ planGrowth: growth.value }),
    onchange: () => void saveTeam(app),
  });
  const top = h(
    'select',
    {
      id: 'key-customers-top',
      'data-testid': 'key-customers-top',
      disabled: draft.busy,
      onchange: () => {
        edit({ keyCustomersTop: top.value });
        void saveTeam(app);
      },
    },
    KEY_CUSTOMERS_TOPS.map((n) => option(String(n), t('sb.team.topOption', { n }), String(n) === draft.keyCustomersTop)),
  );
  return h(
    'div',
    { class: 'block team-params', id: 'team-params' },
    h(
      'div',
      { class: 'pair' },
      h('div', { class: 'cell' }, h('label', { for: 'plan-growth' }, t('sb.team.planGrowth')), growth),
      h('div', { class: 'cell' }, h('label', { for: 'key-customers-top' }, t('sb.team.top')), top),
    ),
    h('div', { class: 'secondary hint' }, t('sb.team.planGrowthHint')),
    draft.busy && h('div', { class: 'progress' }, spinner(), ' ', t('sb.working')),
    draft.problem && h('div', { class: 'error field-error', id: 'error-team', role: 'alert' }, draft.problem),
  );
}

/**
 * Saves the Team group's parameters when they differ from the saved settings;
 * false when they are invalid or could not be saved (the group says why).
 */
async function saveTeam(app: SidebarContext): Promise<boolean> {
  const draft = app.actions.team;
  if (!draft || draft.busy) return !draft?.problem;
  const saved = app.state.settings;
  const percent = parseNumber(draft.planGrowth);
  const top = Number(draft.keyCustomersTop);
  const fail = (problem: string): boolean => {
    app.actions.team = { ...draft, problem, busy: false };
    app.rerender('section-actions');
    return false;
  };
  if (percent === null || !(percent > -100 && percent <= 1000)) return fail(app.t('sb.err.planGrowth'));
  // The saved growth shown unchanged keeps its exact value.
  const planGrowth = draft.planGrowth.trim() === numberText(saved.planGrowth * 100) ? saved.planGrowth : percent / 100;
  const keyCustomersTop = KEY_CUSTOMERS_TOPS.find((n) => n === top) ?? saved.keyCustomersTop;
  if (planGrowth === saved.planGrowth && keyCustomersTop === saved.keyCustomersTop) {
    app.actions.team = null;
    return true;
  }
  app.actions.team = { ...draft, busy: true, problem: null };
  app.rerender('section-actions');
  try {
    const settings: ReportSettings = { ...saved, planGrowth, keyCustomersTop };
    const result = await call('sidebarSaveSettings', settings);
    const errors = Object.values(result.errors);
    if (errors.length) return fail(errors.join(' '));
    app.state.settings = result.settings;
    app.actions.team = null;
    app.rerender('section-actions');
    return true;
  } catch (e) {
    return fail(errorText(e));
  }
}

/** The model check: a split date (empty: the default, named in the hint) and its button. */
function modelCheckBlock(app: SidebarContext, build: HTMLButtonElement): HTMLElement {
  const memory = app.actions;
  const asOf = app.state.settings.asOf ?? app.state.today;
  const lastDate = app.state.data.lastDate;
  const dataEnd = lastDate !== null && addDays(lastDate, 1) < asOf ? addDays(lastDate, 1) : asOf;
  const input = h('input', {
    id: 'model-split',
    'data-testid': 'model-split',
    type: 'date',
    value: memory.splitDate,
    max: addDays(asOf, -1),
    disabled: memory.running.has('modelCheck') || memory.running.has('all'),
    oninput: () => (memory.splitDate = input.value),
    onchange: () => (memory.splitDate = input.value),
  });
  return block(
    app,
    'modelCheck',
    h('label', { for: 'model-split' }, app.t('sb.actions.modelSplit')),
    input,
    h(
      'div',
      { class: 'secondary hint', id: 'model-split-hint' },
      app.t('sb.actions.modelSplitHint', { date: app.date(addDays(dataEnd, -DEFAULT_HOLDOUT_DAYS)) }),
    ),
    build,
  );
}

function modelCheckRequest(app: SidebarContext): () => BuildRequest {
  return () => {
    const splitDate = app.actions.splitDate.trim();
    return splitDate ? { kind: 'modelCheck', splitDate } : { kind: 'modelCheck' };
  };
}

function block(app: SidebarContext, slot: Slot, ...controls: Child[]): HTMLElement {
  return h('div', { class: 'block action-block', id: `action-${slot}` }, controls, slotView(app, slot));
}

function slotView(app: SidebarContext, slot: Slot): HTMLElement {
  const view = app.actions.results.get(slot);
  const box = h('div', { class: 'slot', id: `result-${slot}`, 'data-testid': `result-${slot}`, 'aria-live': 'polite' });
  if (!view) return box;
  const seconds = (ms: number): string => app.num(ms / 1000, 1);
  for (const item of view.items) {
    if ('ok' in item) {
      box.appendChild(
        h(
          'div',
          { class: 'result', 'data-kind': item.ok.kind, 'data-sheet': item.ok.sheetName },
          h('div', { class: 'summary' }, item.ok.summary),
          h(
            'div',
            { class: 'secondary' },
            app.t('sb.actions.done', {
              n: item.ok.sheetNames.length,
              sheets: item.ok.sheetNames.map((name) => app.t('sb.actions.sheetName', { name })).join(', '),
              seconds: seconds(item.ok.millis),
            }),
          ),
        ),
      );
    } else {
      box.appendChild(h('div', { class: 'error' }, item.step ? `${item.step}: ${item.error}` : item.error));
    }
  }
  if (view.running !== null) box.appendChild(h('div', { class: 'progress' }, spinner(), ' ', view.running));
  if (view.footer) box.appendChild(h('div', { class: 'footer secondary' }, view.footer));
  return box;
}

function show(app: SidebarContext, slot: Slot, view: SlotView): void {
  app.actions.results.set(slot, view);
  app.rerender('section-actions');
}

/** Unsaved parameters (the form's and the Team group's) are saved before a build, so the report uses what they show. */
async function paramsReady(app: SidebarContext): Promise<boolean> {
  try {
    return (await app.saveParams()) && (await saveTeam(app));
  } catch {
    return false;
  }
}

async function runSingle(app: SidebarContext, slot: Exclude<Slot, 'all'>, request: BuildRequest): Promise<void> {
  const memory = app.actions;
  if (memory.running.has(slot) || memory.running.has('all')) return;
  memory.running.add(slot);
  show(app, slot, { running: app.t('sb.working'), items: [], footer: null });
  let view: SlotView;
  if (!(await paramsReady(app))) {
    view = { running: null, items: [{ error: app.t('sb.actions.fixParams') }], footer: null };
  } else {
    try {
      const result = await call('sidebarBuild', request);
      noteReport(app, request, result);
      view = { running: null, items: [{ ok: result }], footer: null };
    } catch (e) {
      view = { running: null, items: [{ error: errorText(e) }], footer: null };
    }
  }
  memory.running.delete(slot);
  show(app, slot, view);
}

async function runAll(app: SidebarContext): Promise<void> {
  const memory = app.actions;
  if (memory.running.size > 0) return;
  memory.running.add('all');
  const started = Date.now();
  const view: SlotView = { running: app.t('sb.working'), items: [], footer: null };
  show(app, 'all', view);
  if (!(await paramsReady(app))) {
    memory.running.delete('all');
    show(app, 'all', { running: null, items: [{ error: app.t('sb.actions.fixParams') }], footer: null });
    return;
  }
  const plan = rebuildPlan(app.state.reports, app.state.segments);
  let failed = 0;
  for (let i = 0; i < plan.length; i++) {
    const request = plan[i];
    const step = stepLabel(app, request);
    view.running = app.t('sb.actions.progress', { i: i + 1, n: plan.length, step });
    show(app, 'all', view);
    try {
      const result = await call('sidebarBuild', request);
      noteReport(app, request, result);
      view.items.push({ ok: result });
    } catch (e) {
      failed++;
      view.items.push({ error: errorText(e), step });
    }
  }
  view.running = null;
  const seconds = app.num((Date.now() - started) / 1000, 1);
  // Not atomic: say which steps rebuilt their sheets and which did not.
  const rebuilt = view.items.flatMap((item) => ('ok' in item ? item.ok.sheetNames : []));
  const notRebuilt = view.items.flatMap((item) => ('error' in item && item.step ? [item.step] : []));
  view.footer = [
    // Sheets, as the menu's "Rebuilt n reports" counts them: the migration is two.
    app.t('sb.actions.allDone', { n: rebuilt.length, seconds }),
    failed ? app.t('sb.actions.someFailed', { n: failed }) : '',
    failed && rebuilt.length ? app.t('sb.actions.rebuiltList', { names: rebuilt.join(', ') }) : '',
    failed ? app.t('sb.actions.failedList', { names: notRebuilt.join(', ') }) : '',
  ]
    .filter(Boolean)
    .join(' ');
  memory.running.delete('all');
  show(app, 'all', view);
}

function stepLabel(app: SidebarContext, request: BuildRequest): string {
  const kind = app.t(stepKey(request.kind));
  if (request.kind !== 'segmentList') return kind;
  const segment = app.state.segments.find((s) => s.key === request.segment);
  return segment ? `${kind}: ${segment.label}` : kind;
}

/** Remembers a built report so that "rebuild all" includes a segment list made from here. */
function noteReport(app: SidebarContext, request: BuildRequest, result: BuildResult): void {
  const key = request.kind === 'segmentList' ? `segmentList:${request.segment}` : request.kind;
  const reports = app.state.reports.filter((r) => r.key !== key);
  reports.push({ key, name: result.sheetName });
  app.state.reports = reports;
}
