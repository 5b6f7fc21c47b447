/**
 * Data section: which sheet holds the orders, which column is which field, and how
 * the rows read. A change is previewed with `sidebarInspect`, then saved (the sheet
 * and the mapping are part of the settings) and the state reloaded, so what the
 * section shows is always what the reports will use.
 */
import type { FieldName, Mapping } from '../src/addon/api';
import type { MessageKey } from '../src/i18n/catalogue';
import type { SidebarContext } from './context';
import { h, option, spinner } from './dom';
import { loadSchedule } from './scheduleSection';
import { call, errorText } from './server';
import { columnLetter, mappingToSave } from './settingsForm';

export const FIELDS: readonly FieldName[] = ['date', 'customer', 'amount', 'orderId', 'manager', 'profit', 'margin', 'email', 'phone'];
export const REQUIRED_FIELDS: readonly FieldName[] = ['date', 'customer', 'amount'];
const FIELD_KEYS: Record<FieldName, MessageKey> = {
  date: 'sb.field.date',
  customer: 'sb.field.customer',
  amount: 'sb.field.amount',
  orderId: 'sb.field.orderId',
  manager: 'sb.field.manager',
  profit: 'sb.field.profit',
  margin: 'sb.field.margin',
  email: 'sb.field.email',
  phone: 'sb.field.phone',
};
/** How many unreadable rows are listed; the rest are counted. */
const PROBLEMS_SHOWN = 5;

export function fieldLabel(app: SidebarContext, field: FieldName): string {
  return app.t(FIELD_KEYS[field]);
}

export function dataSection(app: SidebarContext): HTMLElement {
  const info = app.dataInfo();
  const { t } = app;
  const busy = app.data.busy;

  const sheetSelect = h(
    'select',
    { id: 'orders-sheet', 'data-testid': 'orders-sheet', disabled: busy, onchange: () => void apply(app, sheetSelect.value || null, null) },
    !info.ordersSheet && option('', t('sb.data.chooseSheet'), true),
    info.sheets.map((name) => option(name, name, name === info.ordersSheet)),
  );

  return h(
    'div',
    { id: 'data' },
    h(
      'div',
      { class: 'form-group' },
      h('label', { for: 'orders-sheet' }, t('sb.data.sheet')),
      h('div', { class: 'inline' }, sheetSelect, busy && spinner()),
    ),
    app.data.error && h('p', { class: 'error', id: 'data-save-error' }, app.data.error),
    info.error && h('p', { class: 'error', id: 'data-error' }, info.error),
    info.missing.length > 0 &&
      h(
        'p',
        { class: 'error', id: 'data-missing' },
        t('sb.data.missing', { fields: info.missing.map((f) => fieldLabel(app, f)).join(', ') }),
      ),
    !info.error && info.ordersSheet && stats(app),
    problems(app),
    duplicates(app),
    info.headers.length > 0 && mapping(app),
  );
}

function stats(app: SidebarContext): HTMLElement {
  const info = app.dataInfo();
  const { t } = app;
  const row = (id: string, key: MessageKey, value: string, cls = ''): HTMLElement =>
    h('tr', { id, class: cls }, h('th', { scope: 'row' }, t(key)), h('td', null, value));
  return h(
    'div',
    { class: 'block', id: 'data-stats' },
    h('p', { class: 'secondary', id: 'data-rows' }, t('sb.data.rowsTotal', { n: info.rows })),
    h(
      'table',
      { class: 'stats' },
      h(
        'tbody',
        null,
        row('stat-read', 'sb.data.readRows', app.num(info.readRows)),
        row('stat-unreadable', 'sb.data.unreadable', app.num(info.unreadableRows), info.unreadableRows > 0 ? 'warn' : ''),
        row('stat-blank', 'sb.data.blank', app.num(info.blankRows)),
        row('stat-after', 'sb.data.afterAsOf', app.num(info.afterAsOf)),
        row('stat-customers', 'sb.data.customers', app.num(info.customers)),
        info.firstDate &&
          info.lastDate &&
          row('stat-dates', 'sb.data.dates', t('sb.data.dateRange', { from: app.date(info.firstDate), to: app.date(info.lastDate) })),
      ),
    ),
  );
}

function problems(app: SidebarContext): HTMLElement | null {
  const info = app.dataInfo();
  if (info.problems.length === 0) return null;
  const shown = info.problems.slice(0, PROBLEMS_SHOWN);
  const more = Math.max(info.unreadableRows, info.problems.length) - shown.length;
  return h(
    'div',
    { class: 'block', id: 'data-problems' },
    h('h3', null, app.t('sb.data.problemsTitle')),
    h(
      'ul',
      { class: 'problems' },
      // Row numbers are not grouped: "row 12345", as the sheet shows them.
      shown.map((p) =>
        h('li', { class: 'problem' }, app.t('sb.data.problem', { row: String(p.row), column: p.column, value: p.value, reason: p.reason })),
      ),
    ),
    more > 0 && h('p', { class: 'secondary', id: 'data-more-problems' }, app.t('sb.data.moreProblems', { n: more })),
  );
}

/** Columns whose header names a field another column was given: said, so that the user can map them. */
function duplicates(app: SidebarContext): HTMLElement | null {
  const info = app.dataInfo();
  if (info.duplicates.length === 0) return null;
  return h(
    'div',
    { class: 'block', id: 'data-duplicates' },
    info.duplicates.map((d) =>
      h('p', { class: 'warn duplicate' }, app.t('sb.data.duplicate', { column: d.column, field: fieldLabel(app, d.field), used: d.used })),
    ),
  );
}

function mapping(app: SidebarContext): HTMLElement {
  const info = app.dataInfo();
  const { t } = app;
  const selects = FIELDS.map((field) => {
    const current = info.mapping[field];
    const select = h(
      'select',
      {
        id: `map-${field}`,
        'data-field': field,
        disabled: app.data.busy,
        class: info.missing.includes(field) ? 'invalid' : '',
        onchange: () => void apply(app, info.ordersSheet, readMapping(selectsOf(box))),
      },
      option('', t('sb.data.notUsed'), current === undefined),
      info.headers.map((header, i) => option(String(i), header.trim() ? `${columnLetter(i)}: ${header}` : columnLetter(i), current === i)),
    );
    const required = REQUIRED_FIELDS.includes(field);
    return h(
      'div',
      { class: 'map-row' },
      h('label', { for: `map-${field}` }, fieldLabel(app, field), required && h('span', { class: 'required' }, ' *')),
      select,
    );
  });
  const box: HTMLDetailsElement = h(
    'details',
    { class: 'subsection', id: 'mapping', open: app.openSections.get('mapping') ?? info.missing.length > 0 },
    h('summary', null, t('sb.data.mapping')),
    h('p', { class: 'secondary' }, t('sb.data.mappingHint'), ' ', t('sb.data.requiredHint')),
    selects,
    h(
      'div',
      { class: 'block' },
      h(
        'button',
        {
          id: 'reset-mapping',
          type: 'button',
          disabled: app.data.busy || mappingToSave(info.mapping, info.detected) === null,
          onclick: () => void apply(app, info.ordersSheet, null),
        },
        t('sb.data.resetMapping'),
      ),
    ),
  );
  box.addEventListener('toggle', () => app.openSections.set('mapping', box.open));
  return box;
}

function selectsOf(box: HTMLElement): HTMLSelectElement[] {
  return Array.from(box.querySelectorAll<HTMLSelectElement>('select[data-field]'));
}

function readMapping(selects: HTMLSelectElement[]): Mapping {
  const out: Mapping = {};
  for (const s of selects) if (s.value !== '') out[s.dataset.field as FieldName] = Number(s.value);
  return out;
}

/** Previews the sheet with the mapping (null: found from the headers), saves both, reloads. */
async function apply(app: SidebarContext, sheet: string | null, edited: Mapping | null): Promise<void> {
  app.data.busy = true;
  app.data.error = null;
  app.rerender('section-data');
  try {
    const info = await call('sidebarInspect', sheet, edited);
    app.data.preview = info;
    app.rerender('section-data');
    const settings = { ...app.state.settings, ordersSheet: sheet, mapping: edited ? mappingToSave(edited, info.detected) : null };
    const result = await call('sidebarSaveSettings', settings);
    const errors = Object.values(result.errors);
    if (errors.length) {
      app.data.error = errors.join(' ');
    } else {
      app.state.settings = result.settings;
      app.data.busy = false;
      await app.reload(true);
      // The managers of the recipients table come from the orders sheet just chosen.
      await loadSchedule(app, true);
      return;
    }
  } catch (e) {
    app.data.error = errorText(e);
  }
  app.data.busy = false;
  app.rerender('section-data');
}
