/**
 * Export for a mailing tool: pick a campaign, download its list as a CSV file. The
 * server makes the text (src/addon/campaignExport.ts, in the spreadsheet's locale);
 * the sidebar turns it into a file with a Blob link, so no Drive access is needed.
 * The control keeps its own memory per sidebar and redraws only itself.
 */
import type { CampaignChoice, CampaignCsv } from '../src/addon/api';
import type { SidebarContext } from './context';
import { h, option, replace, spinner } from './dom';
import { call, errorText } from './server';

interface ExportMemory {
  choices: CampaignChoice[] | null;
  loading: boolean;
  selected: string | null;
  busy: boolean;
  done: CampaignCsv | null;
  error: string | null;
}

const memories = new WeakMap<SidebarContext, ExportMemory>();

function memoryOf(app: SidebarContext): ExportMemory {
  let memory = memories.get(app);
  if (!memory) memories.set(app, (memory = { choices: null, loading: false, selected: null, busy: false, done: null, error: null }));
  return memory;
}

/** Saves text as a file: a Blob (UTF-8, the byte-order mark kept as the text has it) behind a link that is clicked once. */
export function downloadText(fileName: string, text: string, doc: Document = document): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/csv;charset=utf-8' }));
  const link = h('a', { href: url, download: fileName, style: 'display:none' });
  doc.body.appendChild(link);
  link.click();
  link.remove();
  // The download has started from the URL; letting it go at once can cancel it in some browsers.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

export function exportControl(app: SidebarContext): HTMLElement {
  const root = h('div', { id: 'export-control', class: 'export-control' });
  const memory = memoryOf(app);
  const draw = (): void => replace(root, body(app, memory, draw));
  if (memory.choices === null && !memory.loading) {
    memory.loading = true;
    void call('exportCampaigns')
      .then((choices) => {
        memory.choices = choices;
        if (!choices.some((c) => c.id === memory.selected)) memory.selected = choices[0]?.id ?? null;
      })
      .catch((e: unknown) => {
        memory.choices = [];
        memory.error = errorText(e);
      })
      .finally(() => {
        memory.loading = false;
        draw();
      });
  }
  draw();
  return root;
}

function body(app: SidebarContext, memory: ExportMemory, draw: () => void): HTMLElement[] {
  const { t } = app;
  const out: HTMLElement[] = [h('p', { class: 'hint' }, t('export.sb.hint'))];
  if (memory.choices === null) {
    out.push(h('p', null, spinner()));
    return out;
  }
  if (memory.choices.length === 0) {
    out.push(h('p', { class: 'hint', id: 'export-none' }, t('export.sb.none')));
  } else {
    const select = h(
      'select',
      {
        id: 'export-campaign',
        'data-testid': 'export-campaign',
        'aria-label': t('export.sb.campaign'),
        disabled: memory.busy,
        onchange: () => (memory.selected = select.value),
      },
      memory.choices.map((c) => option(c.id, c.name, c.id === memory.selected)),
    );
    const run = async (): Promise<void> => {
      if (memory.selected === null) return;
      memory.busy = true;
      memory.error = null;
      memory.done = null;
      draw();
      try {
        const file = await call('exportCampaignCsv', memory.selected);
        downloadText(file.fileName, file.text);
        memory.done = { ...file, text: '' };
      } catch (e) {
        memory.error = errorText(e);
      } finally {
        memory.busy = false;
        draw();
      }
    };
    out.push(
      h('label', { for: 'export-campaign' }, t('export.sb.campaign')),
      select,
      h(
        'button',
        {
          id: 'export-download',
          'data-testid': 'export-download',
          type: 'button',
          class: 'wide',
          disabled: memory.busy,
          onclick: () => void run(),
        },
        t('export.sb.button'),
      ),
    );
  }
  if (memory.busy) out.push(h('p', null, spinner()));
  if (memory.done)
    out.push(h('p', { class: 'result', id: 'export-done' }, t('export.sb.done', { file: memory.done.fileName, n: memory.done.customers })));
  if (memory.error) out.push(h('p', { class: 'error', id: 'export-error' }, memory.error));
  return out;
}
