/**
 * A client campaign (docs/definitions.md: campaigns): a target, an action, a channel
 * and a cadence, worked by each manager on a worklist. These are the shapes shared
 * by the campaign modules: target selection and the control group (target.ts,
 * controlGroup.ts), the worklist and results (src/reports/worklist.ts,
 * campaignResults.ts), and the settings, daily trigger and e-mail
 * (src/addon/campaignSettings.ts, src/mail). Plain JSON, so a campaign is stored in
 * the document's settings as it is.
 */

export type Channel = 'call' | 'email' | 'messenger';
export const CHANNELS: readonly Channel[] = ['call', 'email', 'messenger'];

/** Weekly on a weekday (1 Monday .. 7 Sunday), or monthly on a day (31: the month's last day). */
export type Cadence = { kind: 'weekly'; weekday: number } | { kind: 'monthly'; day: number };

/** An inclusive range; a null end is open. */
export interface Range {
  min: number | null;
  max: number | null;
}

/**
 * Who a campaign lists: every condition that is set must hold (an empty list or a
 * null is "any"). Segment keys as in SEGMENT_KEYS (`regular_sleeping`), classes as
 * letters, managers by name as in the orders ('' is "no manager").
 */
export interface CampaignTarget {
  segments: string[];
  abc: ('A' | 'B' | 'C')[];
  xyz: ('X' | 'Y' | 'Z')[];
  /** true: lost customers only; false: not lost only; null: either. */
  lost: boolean | null;
  /** P(alive) as a share 0..1; customers the model cannot score fail a set range. */
  pAlive: Range | null;
  /** Purchases at least N; null: any. */
  minPurchases: number | null;
  /** Days since the last purchase, inclusive. */
  daysSince: Range | null;
  managers: string[];
  /** Detractors (NPS 0-6) who answered in the last N days; null: not a condition. */
  npsDetractorsDays: number | null;
}

export interface Campaign {
  /** Stable id (`c1`, `win_back`...): keys the worklist sheet, the control group hash and the log. Never reused. */
  id: string;
  name: string;
  target: CampaignTarget;
  action: string;
  channel: Channel;
  cadence: Cadence;
  /** Share of the target kept out as a control group, 0..0.5. */
  controlShare: number;
  /** Days after listing in which a purchase counts as "bought again". */
  resultsWindowDays: number;
  /** Off: kept, but neither listed nor sent. */
  enabled: boolean;
}

/** What a manager records per customer on a worklist. */
export type WorkStatus = 'todo' | 'reached' | 'no_answer' | 'won_back' | 'declined' | 'let_go';
export const WORK_STATUSES: readonly WorkStatus[] = ['todo', 'reached', 'no_answer', 'won_back', 'declined', 'let_go'];

/** Why a customer left (S3). */
export type LeaveReason = 'competitors' | 'our_company' | 'circumstances' | 'unknown';
export const LEAVE_REASONS: readonly LeaveReason[] = ['competitors', 'our_company', 'circumstances', 'unknown'];

/** Why a customer is no longer on a worklist (the history block). */
export type ExitCause = 'bought_again' | 'moved_segment' | 'manager_changed' | 'left_target';
export const EXIT_CAUSES: readonly ExitCause[] = ['bought_again', 'moved_segment', 'manager_changed', 'left_target'];

/**
 * One line of the append-only campaign log: a customer listed by a campaign on a
 * day, in the worklist or the control group; results are computed from it. Days
 * are day numbers as in the core (days since 1970-01-01 in the spreadsheet's zone).
 */
export interface CampaignLogEntry {
  campaign: string;
  customer: string;
  day: number;
  control: boolean;
  /** The customer's manager when listed. */
  manager: string;
  /**
   * Added by the log (src/core/campaigns/campaignLog.ts): present on an entry that
   * records the customer leaving the list that day, and why; absent on a listing.
   * Kept append-only: a departure is a line of its own, never an edit of the listing.
   */
  exit?: ExitCause;
}
