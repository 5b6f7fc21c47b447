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
import { selectTargets } from '../src/core/campaigns/target';
import type { CampaignLogEntry } from '../src/core/campaigns/campaign';
import { defaultCampaigns } from '../src/addon/campaignSettings';
import type { ReportContext } from '../src/reports/context';
import { buildCampaignResults } from '../src/reports/campaignResults';
import type { SheetSpec } from '../src/reports/sheetSpec';
import { buildWorklist } from '../src/reports/worklist';

/** The step's name in `npm run bench` (bench/measure.ts, bench/run.ts). */
export const CAMPAIGN_STEP = 'worklists + results';

/** Customers on the lists the step aims at (issue 14: 100,000 listed customers at 1,000,000 order rows). */
export const LISTED_CUSTOMERS = 100_000;

/**
 * The default campaigns and one more, "Bought recently" (10% control), over the customers who bought
 * within the last N days, N the fewest days that bring the customers on any list to `customers`
 * (a few more where customers share the N-th day; every customer when there are fewer).
 */
export function benchCampaigns(ctx: ReportContext, customers = LISTED_CUSTOMERS): Campaign[] {
  const defaults = defaultCampaigns('en').campaigns;
  const facts = factsOf(ctx, null);
  const onDefaults = new Set<string>();
  for (const c of defaults) if (c.enabled) for (const f of selectTargets(c, facts)) onDefaults.add(f.key);
  const need = customers - onDefaults.size;
  if (need <= 0) return defaults;
  const others = facts.filter((f) => !onDefaults.has(f.key)).map((f) => f.daysSince);
  others.sort((a, b) => a - b);
  const max = others.length > 0 ? others[Math.min(need, others.length) - 1] : 0;
  const target = { ...defaults[0].target, segments: [], daysSince: { min: 0, max } };
  return [...defaults, { ...defaults[0], id: 'recent', name: 'Bought recently', target, controlShare: 0.1 }];
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
  /** Listings today (a customer on two lists counts twice), control groups included. */
  listed: number;
  /** Distinct customers on the lists today, control groups included. */
  customers: number;
}

export function campaignWork(ctx: ReportContext, campaigns: Campaign[], previous: readonly CampaignLogEntry[]): CampaignWork {
  const pAlive = pAliveOfSummary(ctx.summary);
  const planned = planCampaigns(campaigns, factsOf(ctx, pAlive), new Set(), previous, ctx.asOf);
  const fitted = fitLogRows(encodeLogRows(planned.log));
  const specs = planned.plans.map((plan) => buildWorklist(ctx, plan, pAlive !== null));
  specs.push(buildCampaignResults(ctx, { campaigns, log: planned.log, typed: new Map(), logSkipped: 0, logDropped: fitted.dropped }));
  let listed = 0;
  const customers = new Set<string>();
  for (const p of planned.plans) {
    listed += p.worklist.length + p.control.length;
    for (const f of p.worklist) customers.add(f.key);
    for (const f of p.control) customers.add(f.key);
  }
  return { specs, logRows: fitted.rows, listed, customers: customers.size };
}
