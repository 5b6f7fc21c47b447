/**
 * Export for a mailing tool: each campaign's "Export CSV" button in the Campaigns
 * section (campaignsSection.ts) asks the server for that campaign's list as CSV
 * (src/addon/exportServer.ts and campaignExport.ts, in the spreadsheet's locale) and
 * saves it as a file with a Blob link, so no Drive access is needed. What happened
 * is said where the section says what its other buttons did.
 */
import type { SidebarContext } from './context';
import { h } from './dom';
import { call, errorText } from './server';

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

/** Downloads one campaign's list; the section is busy meanwhile and then says the file and its customers, or the error. */
export async function exportCampaign(app: SidebarContext, campaignId: string): Promise<void> {
  const memory = app.campaigns;
  if (memory.busy) return;
  memory.busy = true;
  memory.status = null;
  app.rerender('section-campaigns');
  try {
    const file = await call('exportCampaignCsv', campaignId);
    downloadText(file.fileName, file.text);
    memory.status = { kind: 'ok', text: app.t('export.sb.done', { file: file.fileName, n: file.customers }) };
  } catch (e) {
    memory.status = { kind: 'error', text: errorText(e) };
  }
  memory.busy = false;
  app.rerender('section-campaigns');
}
