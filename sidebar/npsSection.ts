/**
 * NPS answers: which tab holds them (found by its headers, or chosen), the columns
 * found and how the rows read, as the reports will read them (`npsLoad`). A choice
 * is saved with the settings and the state reloaded. The section keeps its own
 * memory per sidebar and redraws only itself.
 */
import type { NpsFieldName, NpsInfo, ReportSettings } from '../src/addon/api';
import type { MessageKey } from '../src/i18n/catalogue';
import type { SidebarContext } from './context';
import { h, option, replace, spinner } from './dom';
import { call, errorText } from './server';
import { columnLetter } from './settingsForm';

const FIELDS: readonly NpsFieldName[] = ['customer', 'date', 'score', 'comment'];

interface NpsMemory {
  info: NpsInfo | null;
  /** The columns chosen and not yet saved; null: as read. */
  draft: NpsInfo['mapping'] | null;
  loading: boolean;
  busy: boolean;
  error: string | null;
}

const memories = new WeakMap<SidebarContext, NpsMemory>();
/** How many unreadable rows are listed; the rest are counted. */
const PROBLEMS_SHOWN = 5;

export function npsSection(app: SidebarContext): HTMLElement {
  let memory = memories.get(app);
  if (!memory) memories.set(app, (memory = { info: null, draft: null, loading: false, busy: false, error: null }));
  const m = memory;
  const root = h('div', { id: 'nps' });
  const draw = (): void => replace(root, ...body(app, m, load));
  const load = (): void => {
    m.loading = true;
    void call('npsLoad')
      .then((info) => {
        m.info = info;
      })
      .catch((e: unknown) => {
        m.error = errorText(e);
      })
      .finally(() => {
        m.loading = false;
        draw();
      });
  };
  if (m.info === null && !m.loading && m.error === null) load();
  draw();
  return root;
}

function body(app: SidebarContext, m: NpsMemory, reload: () => void): (HTMLElement | false | null)[] {
  const { t } = app;
  const info = m.info;
  if (!info) return [m.error ? h('p', { class: 'error', id: 'nps-error' }, m.error) : h('p', null, spinner())];
  // A tab or columns chosen: saved with the settings (the server checks the columns against the tab), then reloaded.
  const save = async (patch: Pick<ReportSettings, 'npsSheet' | 'npsMapping'>): Promise<void> => {
    m.busy = true;
    m.error = null;
    try {
      const result = await call('sidebarSaveSettings', { ...app.state.settings, ...patch });
      const errors = Object.values(result.errors);
      m.busy = false;
      if (errors.length) {
        // Nothing was saved: the section as it was, with the reason beside it.
        m.error = errors.join(' ');
        reload();
        return;
      }
      m.info = null;
      m.draft = null;
      // The saved settings are the state every other save starts from.
      await app.reload(true);
    } catch (e) {
      m.busy = false;
      m.error = errorText(e);
      reload();
    }
  };
  const select = h(
    'select',
    {
      id: 'nps-sheet',
      'data-testid': 'nps-sheet',
      disabled: m.busy,
      // Another tab: its columns are found from its headers until mapped.
      onchange: () => void save({ npsSheet: select.value === '' ? null : select.value, npsMapping: null }),
    },
    option('', t('nps.sb.auto'), info.npsSheet === null),
    info.sheets.map((name) => option(name, name, name === info.npsSheet)),
  );
  const field = (key: string): string => t(`nps.field.${key}` as MessageKey);
  return [
    h('p', { class: 'hint' }, t('nps.sb.hint')),
    h(
      'div',
      { class: 'form-group' },
      h('label', { for: 'nps-sheet' }, t('nps.sb.tab')),
      h('div', { class: 'inline' }, select, m.busy && spinner()),
    ),
    m.error ? h('p', { class: 'error', id: 'nps-save-error' }, m.error) : null,
    info.error
      ? h('p', { class: 'error', id: 'nps-read-error' }, info.error)
      : info.found === null
        ? h('p', { class: 'hint', id: 'nps-none' }, t('nps.sb.none'))
        : h(
            'div',
            { id: 'nps-found' },
            h('p', { id: 'nps-summary' }, t('nps.sb.found', { name: info.found, n: info.readRows, unreadable: info.unreadableRows })),
            h('p', { class: 'secondary', id: 'nps-columns' }, info.columns.map((c) => `${field(c.field)}: ${c.column}`).join(' · ')),
            info.problems.length > 0 &&
              h(
                'ul',
                { id: 'nps-problems', class: 'problems' },
                info.problems.slice(0, PROBLEMS_SHOWN).map((p) => h('li', null, p)),
              ),
          ),
    info.headers.length > 0 && mappingView(app, m, info, save),
  ];
}

/** The column of each field, like the orders tab's mapping: a select per field, saved together (the server checks them). */
function mappingView(
  app: SidebarContext,
  m: NpsMemory,
  info: NpsInfo,
  save: (patch: Pick<ReportSettings, 'npsSheet' | 'npsMapping'>) => Promise<void>,
): HTMLElement {
  const { t } = app;
  // The choices so far live in the section's memory: a redraw keeps them until they are saved.
  const draft = (m.draft ??= { ...info.mapping });
  const selects = FIELDS.map((field) => {
    const select = h(
      'select',
      {
        id: `nps-map-${field}`,
        'data-field': field,
        disabled: m.busy,
        onchange: () => {
          if (select.value === '') delete draft[field];
          else draft[field] = Number(select.value);
        },
      },
      option('', t('sb.data.notUsed'), draft[field] === undefined),
      info.headers.map((header, i) =>
        option(String(i), header.trim() ? `${columnLetter(i)}: ${header}` : columnLetter(i), draft[field] === i),
      ),
    );
    return select;
  });
  const button = (id: string, label: MessageKey, disabled: boolean, mapping: NpsInfo['mapping'] | null): HTMLElement =>
    h(
      'button',
      { id, type: 'button', disabled: m.busy || disabled, onclick: () => void save({ npsSheet: info.npsSheet, npsMapping: mapping }) },
      t(label),
    );
  const box: HTMLDetailsElement = h(
    'details',
    { class: 'subsection', id: 'nps-mapping', open: app.openSections.get('nps-mapping') ?? (info.mapped || info.error !== null) },
    h('summary', null, t('sb.data.mapping')),
    FIELDS.map((field, i) =>
      h(
        'div',
        { class: 'map-row' },
        h(
          'label',
          { for: `nps-map-${field}` },
          t(`nps.field.${field}` as MessageKey),
          field !== 'comment' && h('span', { class: 'required' }, ' *'),
        ),
        selects[i],
      ),
    ),
    h(
      'div',
      { class: 'buttons' },
      button('nps-save-mapping', 'sb.params.save', false, draft),
      button('nps-reset-mapping', 'sb.data.resetMapping', !info.mapped, null),
    ),
  );
  box.addEventListener('toggle', () => app.openSections.set('nps-mapping', box.open));
  return box;
}
