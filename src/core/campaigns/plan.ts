/**
 * One rebuild's campaign work, pure: for each enabled campaign, whom it lists
 * today (target.ts), in which group (controlGroup.ts), what the log gains
 * (campaignLog.ts), and who left the list since the last run and why. The
 * worklist and results sheets are drawn from this.
 */
import type { Campaign, CampaignLogEntry, ExitCause } from './campaign';
import { appendRuns, type CampaignRun, type Listing } from './campaignLog';
import { checkControlShare, controlTest } from './controlGroup';
import { type CustomerFacts, inWorklistOrder, selectOrderedTargets } from './target';

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
  /** The day each customer of the worklist, and of the control group, was listed: in the lists' order. */
  worklistSince: number[];
  controlSince: number[];
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
  // Customers by key, for the causes of departures only: built at the first one.
  let byKey: Map<string, CustomerFacts> | null = null;
  const factsOf = (customer: string): CustomerFacts | undefined => {
    if (byKey === null) {
      byKey = new Map();
      for (const f of facts) byKey.set(f.key, f);
    }
    return byKey.get(customer);
  };
  const enabled = campaigns.filter((c) => c.enabled);
  // One sort for every campaign: each takes its customers from the facts in worklist order.
  const ordered = enabled.length > 0 ? inWorklistOrder(facts) : [];
  const members = new Map<string, CustomerFacts[]>();
  const runs: CampaignRun[] = enabled.map((campaign) => {
    const share = checkControlShare(campaign.id, campaign.controlShare);
    const target = selectOrderedTargets(campaign, ordered, detractorsOf(campaign));
    members.set(campaign.id, target);
    const control = controlTest(campaign.id, share);
    const listed: Listing[] = new Array<Listing>(target.length);
    for (let k = 0; k < target.length; k++) {
      const f = target[k];
      listed[k] = { customer: f.key, manager: f.manager, control: control(f.key) };
    }
    return {
      campaign: campaign.id,
      listed,
      exitCause: (customer, listing) => exitCauseOf(campaign, factsOf(customer), listing, today),
    };
  });
  const next = appendRuns(log, today, runs);
  // The day of the latest listing of each customer who left a list (their latest entry is a departure): one pass, when anyone did.
  const departed = new Map<string, Set<string>>();
  for (const c of enabled) {
    const gone = new Set<string>();
    for (const [customer, e] of next.latest.get(c.id) ?? []) if (e.exit !== undefined && !e.control) gone.add(customer);
    if (gone.size > 0) departed.set(c.id, gone);
  }
  const listedOn = new Map<string, Map<string, number>>();
  if (departed.size > 0) {
    for (const id of departed.keys()) listedOn.set(id, new Map());
    for (const e of next.log) {
      if (e.exit === undefined && departed.get(e.campaign)?.has(e.customer)) listedOn.get(e.campaign)!.set(e.customer, e.day);
    }
  }
  const plans = enabled.map((campaign): CampaignPlan => {
    const entries = next.latest.get(campaign.id) ?? new Map<string, CampaignLogEntry>();
    const days = listedOn.get(campaign.id);
    const worklist: CustomerFacts[] = [];
    const control: CustomerFacts[] = [];
    const worklistSince: number[] = [];
    const controlSince: number[] = [];
    // The group is the one drawn when the customer was listed: the log's, not today's draw.
    for (const f of members.get(campaign.id) ?? []) {
      const entry = entries.get(f.key)!;
      if (entry.control) {
        control.push(f);
        controlSince.push(entry.day);
      } else {
        worklist.push(f);
        worklistSince.push(entry.day);
      }
    }
    const history: Departed[] = [];
    for (const [customer, e] of entries) {
      if (e.exit === undefined || e.control) continue;
      history.push({ customer, listed: days?.get(customer) ?? e.day, left: e.day, cause: e.exit, manager: e.manager });
    }
    history.sort((a, b) => b.left - a.left || (a.customer < b.customer ? -1 : a.customer > b.customer ? 1 : 0));
    return { campaign, worklist, control, worklistSince, controlSince, history };
  });
  return { plans, log: next.log, listed: next.listed, left: next.left };
}
