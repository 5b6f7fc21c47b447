/**
 * Which campaigns a daily run sends, and whom each lists (docs/definitions.md:
 * campaign e-mails). A campaign is owed when it is on, its period's due day has
 * come (on or after the day the schedule was turned on) and the period is not
 * finished: so a due day whose run failed or did not happen is sent late by the
 * next run within the period, once. Its list is its target as of today (the same
 * facts and order as its worklist), without the control group: those customers are
 * never in any e-mail. Pure.
 */
import type { Campaign } from '../core/campaigns/campaign';
import { type CadencePeriod, periodOf } from '../core/campaigns/cadence';
import { isControl } from '../core/campaigns/controlGroup';
import type { CustomerFacts } from '../core/campaigns/target';
import { selectTargets } from '../core/campaigns/target';
import type { CustomerSummary } from '../core/summary';
import type { CampaignList, DigestCustomer } from '../mail/digest';
import { ANY_WEEKLY, isDone, periodKey, type PeriodKey, type ScheduleState } from './scheduleState';

export interface OwedCampaign {
  campaign: Campaign;
  period: CadencePeriod;
}

/** The campaigns a run on `today` sends, in the campaigns' order. */
export function owedCampaigns(campaigns: readonly Campaign[], state: ScheduleState, today: number): OwedCampaign[] {
  const owed: OwedCampaign[] = [];
  for (const campaign of campaigns) {
    if (!campaign.enabled) continue;
    const period = periodOf(campaign.cadence, today);
    if (state.since !== null && period.dueDay < state.since) continue;
    if (isDone(state, campaign.id, period.label, campaign.cadence.kind === 'weekly')) continue;
    owed.push({ campaign, period });
  }
  return owed;
}

/** The period keys worth remembering on `today`: each campaign's current one (a record of version 0.2 for weekly ones too). */
export function currentKeys(campaigns: readonly Campaign[], today: number): Set<PeriodKey> {
  const keys = new Set<PeriodKey>();
  for (const c of campaigns) {
    const { label } = periodOf(c.cadence, today);
    keys.add(periodKey(c.id, label));
    if (c.cadence.kind === 'weekly') keys.add(periodKey(ANY_WEEKLY, label));
  }
  return keys;
}

/** Whether any campaign's target needs P(alive) (then the run fits the model). */
export const needsPAlive = (owed: readonly OwedCampaign[]): boolean => owed.some((o) => o.campaign.target.pAlive !== null);

/**
 * Each owed campaign's e-mail list: its target in worklist order, the control
 * group left out. `facts` are the summary's rows in its order; `detractors` the
 * NPS detractors' keys a detractors condition asks for.
 */
export function campaignLists(
  owed: readonly OwedCampaign[],
  summary: CustomerSummary,
  facts: readonly CustomerFacts[],
  detractors: (campaign: Campaign) => ReadonlySet<string> = () => new Set(),
  /** The group each customer was listed in, per campaign (the log's latest entries): a customer listed as control stays out of the e-mail whatever the share is now. */
  listedControl: (campaignId: string, key: string) => boolean | undefined = () => undefined,
): CampaignList[] {
  const rowOf = new Map<CustomerFacts, number>();
  facts.forEach((f, i) => rowOf.set(f, i));
  return owed.map(({ campaign, period }) => {
    const customers: DigestCustomer[] = [];
    for (const f of selectTargets(campaign, facts, detractors(campaign))) {
      if (listedControl(campaign.id, f.key) ?? isControl(campaign.id, f.key, campaign.controlShare)) continue;
      const i = rowOf.get(f)!;
      customers.push({
        name: summary.name[i],
        manager: summary.manager[i],
        purchases: summary.purchases[i],
        lastPurchase: summary.lastPurchase[i],
        revenue: summary.revenue[i],
        email: summary.email[i],
        phone: summary.phone[i],
      });
    }
    return {
      campaign: campaign.id,
      name: campaign.name,
      action: campaign.action,
      channel: campaign.channel,
      period: period.label,
      customers,
    };
  });
}
