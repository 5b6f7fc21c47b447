/**
 * Campaign results (docs/definitions.md: campaign results), from the log, the
 * statuses typed on the worklists and the orders. Per campaign and per period sent
 * (the cadence's period in which a customer was listed: the week starting on the
 * campaign's weekday, or the calendar month): customers listed, contacted (status
 * other than "to do"), bought again within the results window after the listing
 * day, and their revenue in it; the same for the control group; and the uplift,
 * the difference in return rates, with its 95% interval and a verdict (uplift.ts).
 * Per manager: lost customers listed and won back, and the reasons recorded.
 */
import { fromCents, toCents } from '../money';
import type { CustomerSummary } from '../summary';
import { type Campaign, type CampaignLogEntry, LEAVE_REASONS, type LeaveReason, type WorkStatus } from './campaign';
import { periodOf } from './cadence';
import { type Difference, newcombeDifference, type Verdict, verdictOf } from './uplift';

/** What a manager typed on a customer's row of a campaign's worklist (current list or history). */
export interface Typed {
  status: WorkStatus | null;
  reason: LeaveReason | null;
}

/** Customer key -> row of the summary. */
export function summaryRows(summary: CustomerSummary): Map<string, number> {
  const rows = new Map<string, number>();
  for (let i = 0; i < summary.size; i++) rows.set(summary.key[i], i);
  return rows;
}

/**
 * Whether the customer of row i bought in [from, to), and the net revenue of their
 * rows in it (purchases less returns, to the cent). Only days before the summary's
 * as-of date are known.
 */
export function boughtBetween(
  summary: CustomerSummary,
  i: number | undefined,
  from: number,
  to: number,
): { bought: boolean; cents: number } {
  if (i === undefined) return { bought: false, cents: 0 };
  let bought = false;
  let cents = 0;
  for (let e = summary.start[i]; e < summary.start[i + 1]; e++) {
    const d = summary.eventDay[e];
    if (d < from) continue;
    if (d >= to) break; // events are by day
    if (summary.eventIsPurchase[e]) bought = true;
    cents += toCents(summary.eventAmount[e]);
  }
  return { bought, cents };
}

export interface GroupTally {
  listed: number;
  /** Status other than "to do"; the control group is never contacted. */
  contacted: number;
  /** Bought within the results window after being listed. */
  returned: number;
  revenue: number;
}

export interface PeriodResult {
  from: number;
  to: number;
  worklist: GroupTally;
  control: GroupTally;
  /** Whether the results window of a customer listed in the period ends after the as-of date. */
  open: boolean;
  /** Worklist return rate less the control group's, with its interval; null without a control group. */
  uplift: Difference | null;
  verdict: Verdict;
}

export interface CampaignResult {
  campaign: string;
  periods: PeriodResult[];
  /** Every period whose window has ended, together. */
  closed: PeriodResult;
}

const emptyTally = (): GroupTally => ({ listed: 0, contacted: 0, returned: 0, revenue: 0 });

interface Tallies {
  worklist: GroupTally;
  control: GroupTally;
  worklistCents: number;
  controlCents: number;
  open: boolean;
}

function finish(from: number, to: number, t: Tallies): PeriodResult {
  t.worklist.revenue = fromCents(t.worklistCents);
  t.control.revenue = fromCents(t.controlCents);
  const uplift =
    t.control.listed > 0 ? newcombeDifference(t.worklist.returned, t.worklist.listed, t.control.returned, t.control.listed) : null;
  return { from, to, worklist: t.worklist, control: t.control, open: t.open, uplift, verdict: verdictOf(uplift, t.open) };
}

/**
 * One campaign's results. `log` may hold every campaign's entries; departures are
 * not listings and are skipped. A customer's typed status counts for their latest
 * listing only (it is what the manager did about this attempt).
 */
export function campaignResults(
  campaign: Campaign,
  log: readonly CampaignLogEntry[],
  typed: ReadonlyMap<string, Typed>,
  summary: CustomerSummary,
  rows: ReadonlyMap<string, number> = summaryRows(summary),
): CampaignResult {
  const window = campaign.resultsWindowDays;
  const listings = log.filter((e) => e.campaign === campaign.id && e.exit === undefined);
  // The latest listing of the customers something was typed for: only theirs can have a status.
  const latest = new Map<string, CampaignLogEntry>();
  if (typed.size > 0) for (const e of listings) if (typed.has(e.customer)) latest.set(e.customer, e);
  const byPeriod = new Map<number, Tallies>();
  const closed: Tallies = { worklist: emptyTally(), control: emptyTally(), worklistCents: 0, controlCents: 0, open: false };
  const add = (into: Tallies, e: CampaignLogEntry, contacted: boolean, bought: boolean, cents: number, open: boolean): void => {
    const g = e.control ? into.control : into.worklist;
    g.listed++;
    if (contacted) g.contacted++;
    if (bought) {
      g.returned++;
      if (e.control) into.controlCents += cents;
      else into.worklistCents += cents;
    }
    if (open) into.open = true;
  };
  // A run lists its customers on one day: the period is found once per day, not once per listing.
  let day = NaN;
  let t: Tallies | undefined;
  for (const e of listings) {
    if (e.day !== day || t === undefined) {
      day = e.day;
      const period = periodOf(campaign.cadence, day);
      t = byPeriod.get(period.dueDay);
      if (!t)
        byPeriod.set(
          period.dueDay,
          (t = { worklist: emptyTally(), control: emptyTally(), worklistCents: 0, controlCents: 0, open: false }),
        );
    }
    const open = e.day + window > summary.asOf;
    const { bought, cents } = boughtBetween(summary, rows.get(e.customer), e.day, e.day + window);
    const status = latest.get(e.customer) === e ? (typed.get(e.customer)?.status ?? null) : null;
    const contacted = !e.control && status !== null && status !== 'todo';
    add(t, e, contacted, bought, cents, open);
    if (!open) add(closed, e, contacted, bought, cents, open);
  }
  const periods = [...byPeriod.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([from, t]) => finish(from, periodOf(campaign.cadence, from).nextDueDay, t));
  const first = periods.length > 0 ? periods[0].from : summary.asOf;
  return { campaign: campaign.id, periods, closed: finish(first, summary.asOf, closed) };
}

export interface ManagerResult {
  manager: string;
  /** Customers listed by the campaigns for lost customers (target lost: yes), worklist group. */
  listedLost: number;
  /** Of them, those who bought on or after the day they were listed. */
  wonBack: number;
  /** Reasons typed on every campaign's worklists, by the manager of the customer's latest listing. */
  reasons: Record<LeaveReason, number>;
}

/** Per manager: lost customers won back, and the reasons recorded, over every campaign. */
export function managerResults(
  campaigns: readonly Campaign[],
  log: readonly CampaignLogEntry[],
  typedByCampaign: ReadonlyMap<string, ReadonlyMap<string, Typed>>,
  summary: CustomerSummary,
  rows: ReadonlyMap<string, number> = summaryRows(summary),
): ManagerResult[] {
  const out = new Map<string, ManagerResult>();
  const of = (manager: string): ManagerResult => {
    let m = out.get(manager);
    if (!m) {
      const reasons = Object.create(null) as Record<LeaveReason, number>;
      for (const r of LEAVE_REASONS) reasons[r] = 0;
      out.set(manager, (m = { manager, listedLost: 0, wonBack: 0, reasons }));
    }
    return m;
  };
  const lostCampaigns = new Set(campaigns.filter((c) => c.target.lost === true).map((c) => c.id));
  const known = new Set(campaigns.map((c) => c.id));
  // Distinct customers per manager: a customer listed twice is won back once.
  const listed = new Map<string, Map<string, boolean>>();
  const latest = new Map<string, Map<string, CampaignLogEntry>>();
  for (const e of log) {
    if (e.exit !== undefined || e.control || !known.has(e.campaign)) continue;
    // The latest listing matters only for the customers something was typed for.
    if (typedByCampaign.get(e.campaign)?.has(e.customer)) {
      let perCampaign = latest.get(e.campaign);
      if (!perCampaign) latest.set(e.campaign, (perCampaign = new Map()));
      perCampaign.set(e.customer, e);
    }
    if (!lostCampaigns.has(e.campaign)) continue;
    let customers = listed.get(e.manager);
    if (!customers) listed.set(e.manager, (customers = new Map()));
    const won = boughtBetween(summary, rows.get(e.customer), e.day, summary.asOf).bought;
    customers.set(e.customer, (customers.get(e.customer) ?? false) || won);
  }
  for (const [manager, customers] of listed) {
    const m = of(manager);
    m.listedLost = customers.size;
    for (const won of customers.values()) if (won) m.wonBack++;
  }
  for (const [campaign, typed] of typedByCampaign) {
    const entries = latest.get(campaign);
    if (!entries) continue;
    for (const [customer, t] of typed) {
      const e = entries.get(customer);
      if (e && t.reason !== null) of(e.manager).reasons[t.reason]++;
    }
  }
  return [...out.values()].sort((a, b) => (a.manager < b.manager ? -1 : a.manager > b.manager ? 1 : 0));
}
