/**
 * The benchmark's "worklists + results" step: everything a rebuild computes for the
 * campaigns, from the summary as built: P(alive) (one BG/NBD fit), the facts, the
 * targets, the control group and the log (a second run: the log of a first run a
 * week earlier is there), a worklist spec per campaign, the results spec and the
 * log's rows for its sheet. The sheet writing is the rebuild step's (local runtime).
 */
import type { Campaign } from '../src/core/campaigns/campaign';
import { encodeLogRows, fitLogRows, type LogRow } from '../src/core/campaigns/campaignLog';
import { customerFacts, pAliveOfSummary } from '../src/core/campaigns/facts';
import { planCampaigns } from '../src/core/campaigns/plan';
import type { CampaignLogEntry } from '../src/core/campaigns/campaign';
import { defaultCampaigns } from '../src/addon/campaignSettings';
import type { ReportContext } from '../src/reports/context';
import { buildCampaignResults } from '../src/reports/campaignResults';
import type { SheetSpec } from '../src/reports/sheetSpec';
import { buildWorklist } from '../src/reports/worklist';

/** The default campaigns and one over every customer (10% control), so that the lists hold 100,000 customers or more at 1,000,000 rows. */
export function benchCampaigns(): Campaign[] {
  const defaults = defaultCampaigns('en').campaigns;
  return [
    ...defaults,
    { ...defaults[0], id: 'everyone', name: 'Everyone', target: { ...defaults[0].target, segments: [] }, controlShare: 0.1 },
  ];
}

const factsOf = (ctx: ReportContext, pAlive: Float64Array | null) =>
  customerFacts(ctx.summary, { bands: ctx.params.bands, abcXyz: ctx.params.abcXyz, lost: ctx.params.lost }, pAlive);

/** The log a first run a week before left. */
export function firstRunLog(ctx: ReportContext, campaigns: Campaign[]): CampaignLogEntry[] {
  return planCampaigns(campaigns, factsOf(ctx, null), new Set(), [], ctx.asOf - 7).log;
}

export interface CampaignWork {
  specs: SheetSpec[];
  /** The log's rows, as its sheet gets them. */
  logRows: LogRow[];
  /** Customers on the lists today, control groups included. */
  listed: number;
}

export function campaignWork(ctx: ReportContext, campaigns: Campaign[], previous: readonly CampaignLogEntry[]): CampaignWork {
  const pAlive = pAliveOfSummary(ctx.summary);
  const planned = planCampaigns(campaigns, factsOf(ctx, pAlive), new Set(), previous, ctx.asOf);
  const fitted = fitLogRows(encodeLogRows(planned.log));
  const specs = planned.plans.map((plan) => buildWorklist(ctx, plan, pAlive !== null));
  specs.push(buildCampaignResults(ctx, { campaigns, log: planned.log, typed: new Map(), logSkipped: 0, logDropped: fitted.dropped }));
  let listed = 0;
  for (const p of planned.plans) listed += p.worklist.length + p.control.length;
  return { specs, logRows: fitted.rows, listed };
}
