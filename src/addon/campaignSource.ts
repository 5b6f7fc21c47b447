/**
 * Where the export finds the campaigns and whom each lists: the campaign layer's
 * own answers, so that the file and the worklist sheet agree. The campaigns are
 * the document's stored campaigns (src/addon/campaignSettings.ts); a campaign's list is its plan's
 * worklist (src/core/campaigns/plan.ts) over the stored campaign log, which keeps
 * each customer in the group drawn when they were listed. Nothing is stored: the
 * log is read, never written, by an export.
 */
import { customerFacts, pAliveOfSummary } from '../core/campaigns/facts';
import { planCampaigns } from '../core/campaigns/plan';
import { readCampaignLog } from '../gas/campaignLogStore';
import type { CampaignSource } from './exportServer';
import { campaignDetractors } from './npsTable';

export const PLANNED_CAMPAIGNS: CampaignSource = {
  campaigns: (session) => session.campaigns.campaigns,
  worklist: (session, ctx, campaign) => {
    // P(alive) only where the target asks for it: the fit is the slow part.
    const pAlive = campaign.target.pAlive === null ? null : pAliveOfSummary(ctx.summary);
    const facts = customerFacts(ctx.summary, { bands: ctx.params.bands, abcXyz: ctx.params.abcXyz, lost: ctx.params.lost }, pAlive);
    const detractors = campaignDetractors(ctx.nps, ctx.asOf, campaign.target.npsDetractorsDays);
    const { plans } = planCampaigns([campaign], facts, detractors, readCampaignLog(session.ss).log, ctx.asOf);
    return plans[0]?.worklist ?? [];
  },
};
