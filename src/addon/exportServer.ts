/**
 * The export's server call (ServerApi.exportCampaignCsv, behind each campaign's
 * "Export CSV" button in the sidebar): one campaign's worklist as a CSV file in the
 * spreadsheet's locale. Which campaigns there are and whom each lists belong to the
 * campaign layer (its settings and its plan, with the control group of the campaign
 * log): the export takes them from a CampaignSource and only writes the file.
 */
import { UserError } from '../core/errors';
import type { Campaign } from '../core/campaigns/campaign';
import type { CustomerFacts } from '../core/campaigns/target';
import { t } from '../i18n/catalogue';
import type { ReportContext } from '../reports/context';
import type { CampaignCsv, ServerApi } from './api';
import { campaignCsvOf } from './campaignExport';
import { readOrdersSheet, reportContext } from './reportRun';
import { type AddonSession, openSession } from './session';

/** What the export needs of the campaign layer. */
export interface CampaignSource {
  /** The document's campaigns, enabled or not. */
  campaigns(session: AddonSession): readonly Campaign[];
  /** Whom the campaign lists for the managers today, in worklist order: its target without the control group. */
  worklist(session: AddonSession, ctx: ReportContext, campaign: Campaign): readonly CustomerFacts[];
}

export function exportServerOf(source: CampaignSource): Pick<ServerApi, 'exportCampaignCsv'> {
  return {
    exportCampaignCsv(campaignId: string): CampaignCsv {
      const session = openSession();
      const campaign = source.campaigns(session).find((c) => c.id === campaignId);
      if (!campaign) throw new UserError(t(session.lang, 'export.unknownCampaign', { id: String(campaignId) }));
      const table = readOrdersSheet(session, session.settings.ordersSheet, session.settings.mapping);
      const ctx = reportContext(session, table);
      return campaignCsvOf(ctx, campaign, source.worklist(session, ctx, campaign), session.rules);
    },
  };
}
