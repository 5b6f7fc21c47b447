/**
 * The campaign log's sheet (src/core/campaigns/campaignLog.ts): a header row and
 * the log's rows, hidden. Written by the one writer of every sheet
 * (src/gas/writeSheet.ts writeReport) but never a report: the sidebar's list of
 * reports leaves it out (ownedReports), and like every sheet the add-on owns, no
 * reader of the user's data looks at it (userSheets).
 */
import type { LogRow } from '../core/campaigns/campaignLog';
import { type Lang, t } from '../i18n/catalogue';
import type { SheetSpec } from './sheetSpec';

export const CAMPAIGN_LOG_KEY = 'campaignLog';
/** Not translated: a technical sheet whose name says so in every language (Sheets allows up to 100 characters). */
export const CAMPAIGN_LOG_SHEET = '__campaign_log__';

export function buildCampaignLogSheet(lang: Lang, rows: readonly LogRow[]): SheetSpec {
  const header = [t(lang, 'campaign.log.campaign'), t(lang, 'campaign.log.day'), t(lang, 'campaign.log.entries')];
  return {
    kind: 'campaignLog',
    key: CAMPAIGN_LOG_KEY,
    name: CAMPAIGN_LOG_SHEET,
    cells: [header, ...rows.map((r) => r.cells)],
    styles: [],
    charts: [],
    frozenRows: 1,
    hidden: true,
    summary: '',
  };
}
