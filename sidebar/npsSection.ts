/**
 * NPS answers: which tab holds them (found by its headers, or chosen), the columns
 * found and how the rows read, as the reports will read them (`npsLoad`). A choice
 * is saved with the settings and the state reloaded. The section keeps its own
 * memory per sidebar and redraws only itself.
 */
import type { NpsInfo } from '../src/addon/api';
import type { MessageKey } from '../src/i18n/catalogue';
import type { SidebarContext } from './context';
import { h, option, replace, spinner } from './dom';
import { call, errorText } from './server';

interface NpsMemory {
  info: NpsInfo | null;
  loading: boolean;
  busy: boolean;
  error: string | null;
}

const memories = new WeakMap<SidebarContext, NpsMemory>();
/** How many unreadable rows are listed; the rest are counted. */
const PROBLEMS_SHOWN = 5;

export function npsSection(app: SidebarContext): HTMLElement {
  let memory = memories.get(app);
  if (!memory) memories.set(app, (memory = { info: null, loading: false, busy: false, error: null }));
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
  const choose = async (value: string): Promise<void> => {
    m.busy = true;
    m.error = null;
    try {
      const result = await call('sidebarSaveSettings', { ...app.state.settings, npsSheet: value === '' ? null : value });
      const errors = Object.values(result.errors);
      if (errors.length) m.error = errors.join(' ');
      m.info = null;
      m.busy = false;
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
    { id: 'nps-sheet', 'data-testid': 'nps-sheet', disabled: m.busy, onchange: () => void choose(select.value) },
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
  ];
}
