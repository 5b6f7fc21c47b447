// The warehouse edition's sidebar section, "Orders in BigQuery": a bundle of its own
// (scripts/build.mjs adds it to dist-warehouse/Sidebar.html only) that mounts itself
// beside the sidebar's root, so the standard sidebar is untouched. The source (project,
// dataset.table or a query, location), the column mapping read from the schema, a dry
// run that shows the bytes the reports will scan, then the build.
import type { OrderField } from '../src/core/columns';
import type { WarehouseServerApi, WarehouseSourceSettings, WarehouseState } from '../src/addon/warehouseApi';
import { h, option, replace, spinner } from './dom';
import { format } from './i18n';
import { errorText, type ScriptRunner } from './server';

const FIELDS: readonly OrderField[] = ['date', 'customer', 'amount', 'orderId', 'manager', 'email', 'phone', 'profit', 'margin'];

interface ScriptGlobal {
  google?: { script?: { run?: ScriptRunner } };
}

/** google.script.run for the warehouse calls, as a promise. */
function call<K extends keyof WarehouseServerApi>(
  name: K,
  ...args: Parameters<WarehouseServerApi[K]>
): Promise<ReturnType<WarehouseServerApi[K]>> {
  return new Promise((resolve, reject) => {
    const run = (globalThis as ScriptGlobal).google?.script?.run;
    if (!run) {
      reject(new Error(`google.script.run is missing: ${name} cannot reach the server`));
      return;
    }
    const runner = run
      .withSuccessHandler((value) => resolve(value as ReturnType<WarehouseServerApi[K]>))
      .withFailureHandler((error) => reject(new Error(errorText(error)))) as unknown as Record<K, (...a: unknown[]) => void>;
    runner[name](...args);
  });
}

class WarehouseSection {
  private state: WarehouseState | null = null;
  private fields: { name: string; type: string }[] = [];
  private mapping: Partial<Record<OrderField, string | null>> = {};
  private status = '';
  private error = '';
  private busy = false;
  /** What the user typed and chose: every render starts from it, so a re-render loses nothing. */
  private draft: WarehouseSourceSettings = { projectId: '', table: '', query: '', location: '', columns: {}, listCap: 50000 };
  /** Whether the build makes the nine segment lists too. */
  private withSegments = false;

  constructor(private readonly root: HTMLElement) {}

  private t(key: string, params: Record<string, string | number> = {}): string {
    const s = this.state;
    return s ? format(s.lang, s.messages as never, key as never, params) : key;
  }

  async start(): Promise<void> {
    try {
      this.state = await call('warehouseLoad');
      if (this.state.source) this.draft = { ...this.state.source, columns: { ...this.state.source.columns } };
    } catch (e) {
      this.error = errorText(e);
    }
    this.render();
  }

  private input(id: string, label: string, key: 'projectId' | 'table' | 'query' | 'location' | 'listCap', multiline = false): HTMLElement {
    const value = String(this.draft[key]);
    const onchange = (e: Event): void => {
      const text = (e.target as HTMLInputElement | HTMLTextAreaElement).value;
      if (key === 'listCap') this.draft.listCap = Number(text);
      else this.draft[key] = text;
    };
    const field = multiline
      ? h('textarea', { id, rows: 3, oninput: onchange }, value)
      : h('input', { id, type: 'text', value, oninput: onchange });
    return h('label', { class: 'field', for: id }, label, field);
  }

  private settings(): WarehouseSourceSettings {
    return { ...this.draft, columns: { ...this.draft.columns } };
  }

  private async act(work: () => Promise<string>): Promise<void> {
    this.busy = true;
    this.error = '';
    this.render();
    try {
      this.status = await work();
    } catch (e) {
      this.error = errorText(e);
    }
    this.busy = false;
    this.render();
  }

  private render(): void {
    const columnRows = this.fields.length
      ? FIELDS.map((f) =>
          h(
            'label',
            { class: 'field', for: `wh-col-${f}` },
            this.t('wh.sb.column', { field: f }),
            h(
              'select',
              {
                id: `wh-col-${f}`,
                onchange: (e: Event) => {
                  const v = (e.target as HTMLSelectElement).value;
                  if (v === '') delete this.draft.columns[f];
                  else this.draft.columns[f] = v;
                  this.mapping[f] = v === '' ? null : v;
                },
              },
              option('', this.t('wh.sb.none'), !this.mapping[f]),
              ...this.fields.map((c) => option(c.name, `${c.name} (${c.type})`, this.mapping[f] === c.name)),
            ),
          ),
        )
      : [];
    replace(
      this.root,
      h('h2', null, this.t('wh.sb.title')),
      h('p', { class: 'hint' }, this.t('wh.sb.intro')),
      this.input('wh-project', this.t('wh.sb.project'), 'projectId'),
      this.input('wh-table', this.t('wh.sb.table'), 'table'),
      this.input('wh-query', this.t('wh.sb.query'), 'query', true),
      this.input('wh-location', this.t('wh.sb.location'), 'location'),
      this.input('wh-cap', this.t('wh.sb.listCap'), 'listCap'),
      h('div', { id: 'wh-columns' }, ...columnRows),
      h(
        'label',
        { class: 'check', for: 'wh-segments' },
        h('input', {
          id: 'wh-segments',
          type: 'checkbox',
          checked: this.withSegments,
          onchange: (e: Event) => {
            this.withSegments = (e.target as HTMLInputElement).checked;
          },
        }),
        this.t('wh.sb.segments'),
      ),
      h(
        'div',
        { class: 'actions' },
        h(
          'button',
          { id: 'wh-read', type: 'button', disabled: this.busy, onclick: () => void this.readSchema() },
          this.t('wh.sb.readSchema'),
        ),
        h('button', { id: 'wh-dry', type: 'button', disabled: this.busy, onclick: () => void this.dryRun() }, this.t('wh.sb.dryRun')),
        h(
          'button',
          { id: 'wh-build', type: 'button', class: 'primary', disabled: this.busy, onclick: () => void this.build() },
          this.t('wh.sb.build'),
        ),
        this.busy ? spinner() : null,
      ),
      this.status ? h('p', { id: 'wh-status', class: 'status' }, this.status) : null,
      this.error ? h('p', { id: 'wh-error', class: 'error' }, this.error) : null,
    );
  }

  private readSchema(): Promise<void> {
    return this.act(async () => {
      const schema = await call('warehouseSchema', this.settings());
      this.fields = schema.fields;
      this.mapping = schema.mapping;
      return '';
    });
  }

  private dryRun(): Promise<void> {
    return this.act(async () => (await call('warehouseDryRun', this.settings())).text);
  }

  private build(): Promise<void> {
    return this.act(async () => {
      const r = await call('warehouseBuild', this.settings(), this.withSegments ? [...(this.state?.segments ?? [])] : []);
      return [r.sheetNames.join(', '), r.summary].filter(Boolean).join(' — ');
    });
  }
}

function start(): void {
  const root = h('section', { id: 'warehouse', class: 'sidebar warehouse' });
  document.body.appendChild(root);
  void new WarehouseSection(root).start();
}

if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
else start();
