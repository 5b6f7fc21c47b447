/**
 * One rebuild's campaign work, pure: for each enabled campaign, whom it lists
 * today (target.ts), in which group (controlGroup.ts), what the log gains
 * (campaignLog.ts), and who left the list since the last run and why. The
 * worklist and results sheets are drawn from this.
 */
import type { Campaign, CampaignLogEntry, ExitCause } from './campaign';
import { appendRuns, type CampaignRun, latestEntries } from './campaignLog';
import { checkControlShare, isControl } from './controlGroup';
import { type CustomerFacts, selectTargets } from './target';

/** A customer who was on a campaign's worklist and left it. */
export interface Departed {
  customer: string;
  /** The day they were listed, and the day they left. */
  listed: number;
  left: number;
  cause: ExitCause;
  /** Their manager when listed. */
  manager: string;
}

export interface CampaignPlan {
  campaign: Campaign;
  /** The managers' list, in priority order. */
  worklist: CustomerFacts[];
  /** Listed but kept out as the control group: for the analyst, never contacted. */
  control: CustomerFacts[];
  /** Day each listed customer (either group) was listed. */
  since: Map<string, number>;
  /** Worklist customers who left the list, latest first. */
  history: Departed[];
}

/**
 * Why a customer on the list is no longer in the target: they bought since they
 * were listed; else their manager is another; else they are in a segment the
 * target does not take; else another condition no longer holds (or they are no
 * longer among the customers at all).
 */
export function exitCauseOf(campaign: Campaign, facts: CustomerFacts | undefined, listing: CampaignLogEntry, today: number): ExitCause {
  if (!facts) return 'left_target';
  if (today - facts.daysSince >= listing.day) return 'bought_again';
  if (facts.manager !== listing.manager) return 'manager_changed';
  if (campaign.target.segments.length > 0 && !campaign.target.segments.includes(facts.segment)) return 'moved_segment';
  return 'left_target';
}

/**
 * Today's plans for the enabled campaigns and the log after them. `today` is the
 * as-of day the facts describe (their days since count to it); `detractors` are
 * the NPS detractors' keys the targets may ask for.
 */
export function planCampaigns(
  campaigns: readonly Campaign[],
  facts: readonly CustomerFacts[],
  detractors: ReadonlySet<string> | ((campaign: Campaign) => ReadonlySet<string>),
  log: readonly CampaignLogEntry[],
  today: number,
): { plans: CampaignPlan[]; log: CampaignLogEntry[]; listed: number; left: number } {
  // Each campaign names its own detractor window (the last N days), so the set may differ per campaign.
  const detractorsOf = typeof detractors === 'function' ? detractors : () => detractors;
  const byKey = new Map<string, CustomerFacts>();
  for (const f of facts) byKey.set(f.key, f);
  const enabled = campaigns.filter((c) => c.enabled);
  const members = new Map<string, CustomerFacts[]>();
  const runs: CampaignRun[] = enabled.map((campaign) => {
    const share = checkControlShare(campaign.id, campaign.controlShare);
    const target = selectTargets(campaign, facts, detractorsOf(campaign));
    members.set(campaign.id, target);
    return {
      campaign: campaign.id,
      listed: target.map((f) => ({ customer: f.key, manager: f.manager, control: isControl(campaign.id, f.key, share) })),
      exitCause: (customer, listing) => exitCauseOf(campaign, byKey.get(customer), listing, today),
    };
  });
  const next = appendRuns(log, today, runs);
  const latest = latestEntries(next.log);
  const plans = enabled.map((campaign): CampaignPlan => {
    const entries = latest.get(campaign.id) ?? new Map<string, CampaignLogEntry>();
    const worklist: CustomerFacts[] = [];
    const control: CustomerFacts[] = [];
    const since = new Map<string, number>();
    // The group is the one drawn when the customer was listed: the log's, not today's draw.
    for (const f of members.get(campaign.id) ?? []) {
      const entry = entries.get(f.key)!;
      since.set(f.key, entry.day);
      (entry.control ? control : worklist).push(f);
    }
    const listedOn = new Map<string, number>();
    for (const e of next.log) if (e.campaign === campaign.id && e.exit === undefined) listedOn.set(e.customer, e.day);
    const history: Departed[] = [];
    for (const [customer, e] of entries) {
      if (e.exit === undefined || e.control) continue;
      history.push({ customer, listed: listedOn.get(customer) ?? e.day, left: e.day, cause: e.exit, manager: e.manager });
    }
    history.sort((a, b) => b.left - a.left || (a.customer < b.customer ? -1 : a.customer > b.customer ? 1 : 0));
    return { campaign, worklist, control, since, history };
  });
  return { plans, log: next.log, listed: next.listed, left: next.left };
}
