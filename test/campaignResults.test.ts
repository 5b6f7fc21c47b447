import { describe, expect, it } from 'vitest';
import { reportContextOf } from './support/reportContext';
import { calendarFor, daysFromCivil } from '../src/core/calendar';
import type { Campaign, CampaignLogEntry } from '../src/core/campaigns/campaign';
import { isoWeekday, periodOf } from '../src/core/campaigns/cadence';
import { campaignResults, managerResults, type Typed } from '../src/core/campaigns/results';
import { newcombeDifference, TOO_WIDE, verdictOf, wilsonInterval } from '../src/core/campaigns/uplift';

import { type OrderSources, readOrders } from '../src/core/orders';
import { localeRules } from '../src/core/values';
import { LANGS, t } from '../src/i18n/catalogue';
import { buildCampaignResults } from '../src/reports/campaignResults';
import type { ReportContext } from '../src/reports/context';

/*
 * Newcombe RG. "Interval estimation for the difference between independent proportions:
 * comparison of eleven methods." Statistics in Medicine 1998;17:873-890, Table II, method 10
 * (score method, Wilson intervals without continuity correction), examples (a)-(h), to 4
 * decimals. The figures as the paper's table is reproduced in public sources, e.g. the
 * R package DescTools (BinomDiffCI, method "score": 56/70 - 48/80 -> 0.0524 to 0.3339,
 * 9/10 - 3/10 -> 0.1705 to 0.8090), https://rdrr.io/rforge/Epi/man/ci.pd.html (Epi::ci.pd,
 * "method 10 from Newcombe (1998)"), and https://www.researchgate.net/publication/13687790
 * (the paper); each row below was also computed by hand from the method's formulas.
 */
const TABLE_II: [k1: number, n1: number, k2: number, n2: number, lower: number, upper: number][] = [
  [56, 70, 48, 80, 0.0524, 0.3339], // (a)
  [9, 10, 3, 10, 0.1705, 0.809], // (b)
  [6, 7, 2, 7, 0.0582, 0.8062], // (c)
  [5, 56, 0, 29, -0.0381, 0.1926], // (d)
  [0, 10, 0, 20, -0.1611, 0.2775], // (e)
  [0, 10, 0, 10, -0.2775, 0.2775], // (f)
  [10, 10, 0, 20, 0.6791, 1.0], // (g)
  [10, 10, 0, 10, 0.6075, 1.0], // (h)
];

describe("uplift: Newcombe's hybrid score interval (method 10) against the paper's Table II", () => {
  it.each(TABLE_II)('%i/%i - %i/%i: %f to %f', (k1, n1, k2, n2, lower, upper) => {
    const d = newcombeDifference(k1, n1, k2, n2)!;
    expect(d.difference).toBeCloseTo(k1 / n1 - k2 / n2, 12);
    expect(Math.abs(d.lower - lower)).toBeLessThan(5e-5);
    expect(Math.abs(d.upper - upper)).toBeLessThan(5e-5);
  });
  it('the worked example gives a difference of 0.2000', () => {
    expect(newcombeDifference(56, 70, 48, 80)!.difference).toBeCloseTo(0.2, 12);
  });
  it('Wilson intervals per proportion: 0/10 is 0 to 0.2775, 10/10 is 0.7225 to 1', () => {
    expect(wilsonInterval(0, 10).lower).toBe(0);
    expect(wilsonInterval(0, 10).upper).toBeCloseTo(0.2775, 4);
    expect(wilsonInterval(10, 10).lower).toBeCloseTo(0.7225, 4);
    expect(wilsonInterval(10, 10).upper).toBe(1);
  });
  it('no interval without both groups', () => {
    expect(newcombeDifference(3, 10, 0, 0)).toBeNull();
    expect(newcombeDifference(0, 0, 1, 10)).toBeNull();
  });
});

describe('the verdict in plain words', () => {
  it('no control group, an open window, then what the interval says', () => {
    expect(verdictOf(null, false)).toBe('noControl');
    expect(verdictOf(newcombeDifference(9, 10, 3, 10), true)).toBe('open');
    expect(verdictOf(newcombeDifference(9, 10, 3, 10), false)).toBe('works');
    expect(verdictOf(newcombeDifference(3, 10, 9, 10), false)).toBe('harms');
    // 5/10 vs 4/10 spans 0 over more than 20 points: too few customers to tell.
    const few = newcombeDifference(5, 10, 4, 10)!;
    expect(few.upper - few.lower).toBeGreaterThan(TOO_WIDE);
    expect(verdictOf(few, false)).toBe('tooFew');
    // 5,000 vs 5,000 at the same rate: narrow around 0, no effect seen.
    expect(verdictOf(newcombeDifference(1000, 5000, 1010, 5000), false)).toBe('noEffect');
  });
  it('every verdict has words in every language', () => {
    for (const lang of LANGS)
      for (const v of ['noControl', 'open', 'works', 'harms', 'tooFew', 'noEffect']) {
        expect(t(lang, `campaign.verdict.${v}` as never)).not.toMatch(/campaign\.verdict/);
      }
    expect(t('en', 'campaign.verdict.tooFew')).toBe('too few customers to tell');
  });
});

describe("periods: the send records' period of the listing day (cadence.ts periodOf), from a due day to the next", () => {
  it('1970-01-01 was a Thursday', () => {
    expect(isoWeekday(0)).toBe(4);
    expect(isoWeekday(daysFromCivil(2025, 1, 6))).toBe(1);
  });
  it('weekly: the week starting on the campaign weekday', () => {
    const wed = daysFromCivil(2025, 1, 8);
    expect(periodOf({ kind: 'weekly', weekday: 1 }, wed)).toEqual({
      label: '2025-W02',
      dueDay: daysFromCivil(2025, 1, 6),
      nextDueDay: daysFromCivil(2025, 1, 13),
    });
    expect(periodOf({ kind: 'weekly', weekday: 5 }, wed)).toMatchObject({
      dueDay: daysFromCivil(2025, 1, 3),
      nextDueDay: daysFromCivil(2025, 1, 10),
    });
    expect(periodOf({ kind: 'weekly', weekday: 3 }, wed).dueDay).toBe(wed);
  });
  it('monthly: from the due day to the next month’s, the 31st being each month’s last day', () => {
    expect(periodOf({ kind: 'monthly', day: 31 }, daysFromCivil(2024, 12, 31))).toEqual({
      label: '2024-12',
      dueDay: daysFromCivil(2024, 12, 31),
      nextDueDay: daysFromCivil(2025, 1, 31),
    });
    expect(periodOf({ kind: 'monthly', day: 31 }, daysFromCivil(2025, 2, 27))).toEqual({
      label: '2025-01',
      dueDay: daysFromCivil(2025, 1, 31),
      nextDueDay: daysFromCivil(2025, 2, 28),
    });
    // The 15th: 3 December is in November's period, which the November e-mail was sent for.
    expect(periodOf({ kind: 'monthly', day: 15 }, daysFromCivil(2025, 12, 3))).toEqual({
      label: '2025-11',
      dueDay: daysFromCivil(2025, 11, 15),
      nextDueDay: daysFromCivil(2025, 12, 15),
    });
  });
  it('a monthly campaign’s results periods are its send periods: listings of 20 November and 3 December count together', () => {
    const c: Campaign = { ...WIN, id: 'm', cadence: { kind: 'monthly', day: 15 } };
    const entry = (customer: string, day: number): CampaignLogEntry => ({ campaign: 'm', customer, day, manager: '', control: false });
    const listings = [
      entry('w1', daysFromCivil(2025, 11, 20)),
      entry('w2', daysFromCivil(2025, 12, 3)),
      entry('w3', daysFromCivil(2025, 12, 15)),
    ];
    const result = campaignResults(c, listings, new Map(), context(scenario().rows).summary);
    expect(result.periods.map((p) => [p.from, p.to, p.worklist.listed])).toEqual([
      [daysFromCivil(2025, 11, 15), daysFromCivil(2025, 12, 15), 2],
      [daysFromCivil(2025, 12, 15), daysFromCivil(2026, 1, 15), 1],
    ]);
  });
});

// ---------- a constructed scenario with known returns ----------

const UTC = calendarFor('Etc/UTC');
const ASOF = daysFromCivil(2025, 3, 15);
const LISTED = daysFromCivil(2025, 1, 6); // a Monday: the week of 6-12 January
const LATE = daysFromCivil(2025, 3, 5); // its 30-day window ends after the as-of date

/**
 * Ten customers on the worklist (W1-W5 Anna's, W6-W10 Boris's) and ten in the control
 * group (K1-K10), all listed on 6 January 2025 with a 30-day window (6 January to 4
 * February). Bought again in the window: W1-W6 (W_i for 10 x i), K1 and K2 (40 each).
 * W7 bought on 10 February, after the window: not a return, but won back. W11 was
 * listed on 5 March, its window still open. Statuses typed: W1-W4 reached, W5 to do, W6
 * won back, W7 declined with reason competitors, W8 competitors, W9 unknown. Customer
 * keys are the names as the summary keys them (lower case).
 */
function scenario(): { rows: unknown[][]; log: CampaignLogEntry[]; typed: Map<string, Typed> } {
  const rows: unknown[][] = [];
  const log: CampaignLogEntry[] = [];
  for (let i = 1; i <= 10; i++) {
    const manager = i <= 5 ? 'Anna' : 'Boris';
    rows.push(['2024-06-01', `W${i}`, 100, manager], ['2024-06-01', `K${i}`, 100, manager]);
    log.push({ campaign: 'win', customer: `w${i}`, day: LISTED, control: false, manager });
    log.push({ campaign: 'win', customer: `k${i}`, day: LISTED, control: true, manager });
  }
  for (let i = 1; i <= 6; i++) rows.push(['2025-01-20', `W${i}`, 10 * i, i <= 5 ? 'Anna' : 'Boris']);
  rows.push(['2025-02-10', 'W7', 500, 'Boris'], ['2025-01-10', 'K1', 40, 'Anna'], ['2025-02-04', 'K2', 40, 'Anna']);
  rows.push(['2024-06-01', 'W11', 100, 'Anna'], ['2025-03-06', 'W11', 70, 'Anna']);
  log.push({ campaign: 'win', customer: 'w11', day: LATE, control: false, manager: 'Anna' });
  const typed = new Map<string, Typed>([
    ['w1', { status: 'reached', reason: null }],
    ['w2', { status: 'reached', reason: null }],
    ['w3', { status: 'reached', reason: null }],
    ['w4', { status: 'reached', reason: null }],
    ['w5', { status: 'todo', reason: null }],
    ['w6', { status: 'won_back', reason: null }],
    ['w7', { status: 'declined', reason: 'competitors' }],
    ['w8', { status: null, reason: 'competitors' }],
    ['w9', { status: null, reason: 'unknown' }],
  ]);
  return { rows, log, typed };
}

function context(rows: unknown[][]): ReportContext {
  const src = (column: number, label: string) => ({ values: rows, column, label });
  const sources: OrderSources = {
    date: src(0, 'Date'),
    customer: src(1, 'Customer'),
    amount: src(2, 'Amount'),
    manager: src(3, 'Manager'),
  };
  return reportContextOf(readOrders(sources, { calendar: UTC, rules: localeRules('en_US'), firstRow: 2, asOf: ASOF }), ASOF);
}

const WIN: Campaign = {
  id: 'win',
  name: 'Win back',
  target: {
    segments: [],
    abc: [],
    xyz: [],
    lost: true,
    pAlive: null,
    minPurchases: null,
    daysSince: null,
    managers: [],
    npsDetractorsDays: null,
  },
  action: 'Call',
  channel: 'call',
  cadence: { kind: 'weekly', weekday: 1 },
  controlShare: 0.5,
  resultsWindowDays: 30,
  enabled: true,
};

describe('results per campaign and period on a constructed scenario', () => {
  const { rows, log, typed } = scenario();
  const ctx = context(rows);
  const result = campaignResults(WIN, log, typed, ctx.summary);

  it('one period per week with listings, in order', () => {
    expect(result.periods.map((p) => [p.from, p.to])).toEqual([
      [LISTED, LISTED + 7],
      [daysFromCivil(2025, 3, 3), daysFromCivil(2025, 3, 10)],
    ]);
  });
  it('listed, contacted (status other than to do), bought again within the window, their revenue', () => {
    const [january] = result.periods;
    // W7 bought after the window; W5's "to do" is not a contact, W8 and W9 have no status.
    expect(january.worklist).toEqual({ listed: 10, contacted: 6, returned: 6, revenue: 10 + 20 + 30 + 40 + 50 + 60 });
    // K2 bought on 4 February, the window's last day.
    expect(january.control).toEqual({ listed: 10, contacted: 0, returned: 2, revenue: 80 });
    expect(january.open).toBe(false);
  });
  it('the uplift is the difference of the return rates, with Newcombe interval', () => {
    const [january] = result.periods;
    const expected = newcombeDifference(6, 10, 2, 10)!;
    expect(january.uplift!.difference).toBeCloseTo(0.4, 12);
    expect(january.uplift).toEqual(expected);
    // 6/10 vs 2/10 spans 0 (-0.0226 to 0.6725): too few customers to tell.
    expect(expected.lower).toBeLessThan(0);
    expect(january.verdict).toBe('tooFew');
  });
  it('a period whose window is still open says so and stays out of the finished total', () => {
    const march = result.periods[1];
    expect(march.open).toBe(true);
    expect(march.verdict).toBe('noControl');
    expect(march.worklist).toMatchObject({ listed: 1, returned: 1 });
    expect(result.closed.worklist.listed).toBe(10);
    expect(result.closed.control.listed).toBe(10);
  });
  it('departures are not listings', () => {
    const withExit = [
      ...log,
      { campaign: 'win', customer: 'w1', day: LISTED + 14, control: false, manager: 'Anna', exit: 'bought_again' as const },
    ];
    expect(campaignResults(WIN, withExit, typed, ctx.summary).periods[0].worklist.listed).toBe(10);
  });
  it('per manager: lost customers won back (bought after being listed) and reasons counted', () => {
    const managers = managerResults([WIN], log, new Map([['win', typed]]), ctx.summary);
    expect(managers).toEqual([
      {
        manager: 'Anna',
        listedLost: 6, // W1-W5 and W11
        wonBack: 6,
        reasons: Object.assign(Object.create(null), { competitors: 0, our_company: 0, circumstances: 0, unknown: 0 }),
      },
      {
        manager: 'Boris',
        listedLost: 5,
        wonBack: 2, // W6 in the window, W7 after it
        reasons: Object.assign(Object.create(null), { competitors: 2, our_company: 0, circumstances: 0, unknown: 1 }),
      },
    ]);
  });
  it('the results sheet shows the period, the control group, the interval and the verdict', () => {
    const spec = buildCampaignResults(ctx, { campaigns: [WIN], log, typed: new Map([['win', typed]]), logSkipped: 2, logDropped: 0 });
    const text = spec.cells.map((r) => r.map((c) => (c instanceof Date ? c.toISOString().slice(0, 10) : c)));
    const row = text.find((r) => r[0] === '2025-01-06')!;
    expect(row.slice(1, 11)).toEqual(['2025-01-12', 10, 6, 6, 0.6, 210, 10, 2, 0.2, 80]);
    expect(row[11]).toBeCloseTo(0.4, 12);
    expect(row[14]).toBe('too few customers to tell');
    expect(text.some((r) => r[0] === 'The campaign log had 2 damaged rows; they were skipped.')).toBe(true);
    expect(text.find((r) => r[0] === 'Boris')).toEqual(['Boris', 5, 2, 2, 0, 0, 1]);
  });
});
