/**
 * Who a campaign lists (docs/definitions.md: campaigns): the customers of a facts
 * table that meet every condition of the campaign's target, most worth working
 * first. Pure: the caller builds the facts (src/core/campaigns/facts.ts from a
 * summary) and passes the NPS detractors it knows of.
 */
import { UserError } from '../errors';
import { SEGMENT_KEYS } from '../lifecycle';
import type { Campaign, CampaignTarget, Range } from './campaign';

/** What a target can ask of one customer, as of the as-of date. */
export interface CustomerFacts {
  key: string;
  /** Lifecycle segment key as in SEGMENT_KEYS (`regular_sleeping`). */
  segment: string;
  abc: 'A' | 'B' | 'C';
  xyz: 'X' | 'Y' | 'Z';
  lost: boolean;
  /** BG/NBD P(alive) 0..1; null where the model does not fit the orders. */
  pAlive: number | null;
  purchases: number;
  daysSince: number;
  /** '' is "no manager". */
  manager: string;
  yearlyValue: number;
  /** src/core/abcXyz.ts returnPriority: 0 return first .. 3 let go. */
  returnPriority: number;
  /**
   * The customer's row in the summary the facts came from (customerFacts sets it), so that a sheet
   * finds their name and figures without a lookup by key; a sheet checks it against the key.
   */
  row?: number;
}

const inRange = (value: number, range: Range): boolean =>
  (range.min === null || value >= range.min) && (range.max === null || value <= range.max);

/**
 * Whether one customer meets the target. An empty list or a null is "any"; a
 * customer the model cannot score (pAlive null) fails a set P(alive) range, and
 * one who is not among the detractors fails a detractors condition.
 */
export function meetsTarget(target: CampaignTarget, f: CustomerFacts, detractors: ReadonlySet<string>): boolean {
  if (target.segments.length > 0 && !target.segments.includes(f.segment)) return false;
  if (target.abc.length > 0 && !target.abc.includes(f.abc)) return false;
  if (target.xyz.length > 0 && !target.xyz.includes(f.xyz)) return false;
  if (target.lost !== null && target.lost !== f.lost) return false;
  if (target.pAlive !== null && (f.pAlive === null || !inRange(f.pAlive, target.pAlive))) return false;
  if (target.minPurchases !== null && f.purchases < target.minPurchases) return false;
  if (target.daysSince !== null && !inRange(f.daysSince, target.daysSince)) return false;
  if (target.managers.length > 0 && !target.managers.includes(f.manager)) return false;
  if (target.npsDetractorsDays !== null && !detractors.has(f.key)) return false;
  return true;
}

/** Worklist order: return priority, then yearly value descending, then customer key (a total order: no ties left to chance). */
export function compareTargets(a: CustomerFacts, b: CustomerFacts): number {
  return a.returnPriority - b.returnPriority || b.yearlyValue - a.yearlyValue || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);
}

/**
 * The customers a campaign lists, in worklist order. `detractors` are the keys of
 * the NPS detractors of the target's last N days (the caller reads the NPS tab);
 * it matters only when the target asks for them. Whether the campaign is enabled
 * is the caller's business: this says whom it would list.
 */
export function selectTargets(
  campaign: Campaign,
  facts: readonly CustomerFacts[],
  detractors: ReadonlySet<string> = new Set(),
): CustomerFacts[] {
  const target = checkTarget(campaign.id, campaign.target);
  const out: CustomerFacts[] = [];
  for (const f of facts) if (meetsTarget(target, f, detractors)) out.push(f);
  return out.sort(compareTargets);
}

/**
 * The facts in worklist order, for selectOrderedTargets: sorted once for every
 * campaign of a run, rather than once per campaign. compareTargets is a total
 * order, so a campaign's part of it is its selectTargets order.
 */
export function inWorklistOrder(facts: readonly CustomerFacts[]): CustomerFacts[] {
  return facts.slice().sort(compareTargets);
}

/** selectTargets over facts already in worklist order (inWorklistOrder): the same customers in the same order, without a sort. */
export function selectOrderedTargets(
  campaign: Campaign,
  ordered: readonly CustomerFacts[],
  detractors: ReadonlySet<string> = new Set(),
): CustomerFacts[] {
  const target = checkTarget(campaign.id, campaign.target);
  const out: CustomerFacts[] = [];
  for (let i = 0; i < ordered.length; i++) if (meetsTarget(target, ordered[i], detractors)) out.push(ordered[i]);
  return out;
}

/** The target, or a UserError naming the campaign, the condition and the values that make no sense. */
export function checkTarget(campaign: string, target: CampaignTarget): CampaignTarget {
  for (const s of target.segments) {
    if (!SEGMENT_KEYS.includes(s))
      throw UserError.of('err.core.campaignSegment', { campaign, value: { quote: s }, valid: SEGMENT_KEYS.join(', ') });
  }
  const range = (name: string, r: Range | null, lo: number, hi: number): void => {
    if (r === null) return;
    const ok = (v: number | null): boolean => v === null || (Number.isFinite(v) && v >= lo && v <= hi);
    if (!ok(r.min) || !ok(r.max) || (r.min !== null && r.max !== null && r.min > r.max)) {
      throw UserError.of('err.core.campaignRange', {
        campaign,
        name,
        min: { quote: r.min ?? '' },
        max: { quote: r.max ?? '' },
        bounds: `${lo}..${hi}`,
      });
    }
  };
  range('P(alive)', target.pAlive, 0, 1);
  range('days since', target.daysSince, 0, 36500);
  const m = target.minPurchases;
  if (m !== null && !(Number.isInteger(m) && m >= 1))
    throw UserError.of('err.core.campaignMinPurchases', { campaign, value: { quote: m } });
  const d = target.npsDetractorsDays;
  if (d !== null && !(Number.isInteger(d) && d >= 1))
    throw UserError.of('err.core.campaignDetractorDays', { campaign, value: { quote: d } });
  return target;
}
