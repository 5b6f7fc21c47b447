// The campaign step's shortcuts (issue 14, item 8: speed) give what the plain rules
// give: the control group drawn with the campaign's part of the hash done once, one
// worklist-order sort for every campaign, the log's latest entries found while
// appending, the plan's groups, days and history from the log,
// and worklist rows found by the facts' summary row.
import { describe, expect, it } from 'vitest';
import { reportContextOf } from './support/reportContext';
import { DEFAULT_ABC_XYZ } from '../src/core/abcXyz';
import { calendarFor, daysFromCivil } from '../src/core/calendar';
import type { Campaign, CampaignLogEntry, CampaignTarget } from '../src/core/campaigns/campaign';
import { appendRuns, latestEntries } from '../src/core/campaigns/campaignLog';
import { controlDraw, controlDrawer, controlTest, isControl } from '../src/core/campaigns/controlGroup';
import { campaignResults, managerResults, type Typed } from '../src/core/campaigns/results';
import { customerFacts } from '../src/core/campaigns/facts';
import { planCampaigns } from '../src/core/campaigns/plan';
import { type CustomerFacts, inWorklistOrder, selectOrderedTargets, selectTargets } from '../src/core/campaigns/target';
import { DEFAULT_LOST } from '../src/core/churn';
import { DEFAULT_BANDS } from '../src/core/lifecycle';
import { type OrderSources, readOrders } from '../src/core/orders';
import { localeRules } from '../src/core/values';
import type { ReportContext } from '../src/reports/context';
import { buildWorklist } from '../src/reports/worklist';

const ANY: CampaignTarget = {
  segments: [],
  abc: [],
  xyz: [],
  lost: null,
  pAlive: null,
  minPurchases: null,
  daysSince: null,
  managers: [],
  npsDetractorsDays: null,
};

const campaign = (id: string, target: Partial<CampaignTarget> = {}, controlShare = 0): Campaign => ({
  id,
  name: id,
  target: { ...ANY, ...target },
  action: 'Call',
  channel: 'call',
  cadence: { kind: 'weekly', weekday: 1 },
  controlShare,
  resultsWindowDays: 30,
  enabled: true,
});

const fact = (key: string, o: Partial<CustomerFacts> = {}): CustomerFacts => ({
  key,
  segment: 'regular_sleeping',
  abc: 'A',
  xyz: 'X',
  lost: false,
  pAlive: null,
  purchases: 3,
  daysSince: 100,
  manager: 'Anna',
  yearlyValue: 100,
  returnPriority: 0,
  ...o,
});

// Keys that differ in their last characters, in case, outside the BMP, and a text and its prefix.
const KEYS = [
  '',
  'a',
  'A',
  'ab',
  'abc',
  'Anna Petrova',
  'anna petrova',
  'к-000019',
  'к-000091',
  '😀 Emoji',
  'x'.repeat(300),
  'O\'Brien "Ltd"',
];

describe('the control group drawn per campaign is the one controlDraw and isControl give', () => {
  it('controlDrawer(campaign)(key) is controlDraw(campaign, key)', () => {
    for (const id of ['c1', 'win_back', '', 'ab']) {
      const draw = controlDrawer(id);
      for (const key of [...KEYS, ...Array.from({ length: 500 }, (_, i) => `customer ${i}`)]) expect(draw(key)).toBe(controlDraw(id, key));
    }
  });
  it('controlTest(campaign, share)(key) is isControl(campaign, key, share), out-of-range shares clamped alike', () => {
    for (const share of [0, 0.1, 0.3, 0.5, 0.7, -0.2, Number.NaN, Number.POSITIVE_INFINITY]) {
      const test = controlTest('reactivate', share);
      for (let i = 0; i < 2000; i++) expect(test(`customer ${i}`)).toBe(isControl('reactivate', `customer ${i}`, share));
    }
  });
});

describe('one sort for every campaign: each takes its customers from the facts in worklist order', () => {
  // Ties of priority and of yearly value, left to the key; keys compared as `<` compares them (UTF-16 code units).
  const TABLE: CustomerFacts[] = KEYS.flatMap((key, i) => [
    fact(key, { returnPriority: i % 4, yearlyValue: (i % 3) * 50, segment: i % 2 ? 'regular_sleeping' : 'new_active' }),
    fact(`${key} 2`, { returnPriority: (i + 1) % 4, yearlyValue: 100, abc: 'B', lost: i % 3 === 0, manager: i % 2 ? 'Boris' : '' }),
    fact(`${key} 3`, { returnPriority: 0, yearlyValue: -20 + i, xyz: 'Z', daysSince: 10 * i, purchases: 1 + (i % 5) }),
  ]);
  const campaigns = [
    campaign('any'),
    campaign('sleeping', { segments: ['regular_sleeping'] }),
    campaign('lost B', { abc: ['B'], lost: true }),
    campaign('recent', { daysSince: { min: 0, max: 60 }, minPurchases: 2 }),
    campaign('managers', { managers: ['', 'Boris'] }),
    campaign('detractors', { npsDetractorsDays: 30 }),
  ];
  const detractors = new Set(['a', 'ab 3', 'к-000019 2']);
  it('lists the customers selectTargets lists, in its order', () => {
    const ordered = inWorklistOrder(TABLE);
    for (const c of campaigns) {
      const expected = selectTargets(c, TABLE, detractors).map((f) => f.key);
      expect(selectOrderedTargets(c, ordered, detractors).map((f) => f.key)).toEqual(expected);
    }
    // The order itself: priority, then yearly value descending, then key.
    // Priority 0 at 100 a year: three "… 2" customers and 'к-000091'; "O" < "a" < "к" in code units, '1' < '9'.
    expect(ordered.map((f) => f.key).slice(0, 4)).toEqual(['O\'Brien "Ltd" 2', 'ab 2', 'к-000019 2', 'к-000091']);
  });
  it('a bad target is refused as selectTargets refuses it', () => {
    const bad = campaign('bad', { minPurchases: 0 });
    expect(() => selectOrderedTargets(bad, inWorklistOrder(TABLE))).toThrow(/campaign bad/);
  });
});

describe('appending a run finds the latest entries of the new log on the way', () => {
  const run = (id: string, listed: Array<[string, boolean]>) => ({
    campaign: id,
    listed: listed.map(([customer, control]) => ({ customer, manager: 'Anna', control })),
    exitCause: () => 'left_target' as const,
  });
  it('equals latestEntries(log) after listings, departures, returns and a trim', () => {
    let log: CampaignLogEntry[] = [];
    const days = [100, 107, 114, 900, 907];
    const lists: Array<Array<[string, boolean]>> = [
      [
        ['a', false],
        ['b', true],
        ['c', false],
      ],
      [
        ['b', true],
        ['d', false],
      ],
      [
        ['a', false],
        ['c', false],
        ['d', false],
      ],
      [['e', false]],
      [],
    ];
    days.forEach((day, i) => {
      const next = appendRuns(log, day, [run('c1', lists[i]), run('c2', lists[(i + 1) % lists.length])]);
      expect(next.latest).toEqual(latestEntries(next.log));
      log = next.log;
    });
  });
});

describe('a plan takes each customer’s group, day and departure from the log', () => {
  // The rules in plain words, from the log alone: the group and the day of a listed
  // customer are their latest listing's; the history holds the worklist customers
  // whose latest entry is a departure, with the day of the listing before it.
  function expectedPlan(c: Campaign, facts: CustomerFacts[], log: CampaignLogEntry[]) {
    const mine = log.filter((e) => e.campaign === c.id);
    const latest = (key: string) => mine.filter((e) => e.customer === key).pop()!;
    const lastListing = (key: string) => mine.filter((e) => e.customer === key && e.exit === undefined).pop()!;
    const target = selectTargets(c, facts);
    const group = (control: boolean) => target.filter((f) => latest(f.key).control === control);
    const departed = [...new Set(mine.map((e) => e.customer))]
      .map(latest)
      .filter((e) => e.exit !== undefined && !e.control)
      .map((e) => ({ customer: e.customer, listed: lastListing(e.customer).day, left: e.day, cause: e.exit, manager: e.manager }))
      .sort((a, b) => b.left - a.left || (a.customer < b.customer ? -1 : 1));
    return {
      worklist: group(false).map((f) => f.key),
      worklistSince: group(false).map((f) => latest(f.key).day),
      control: group(true).map((f) => f.key),
      controlSince: group(true).map((f) => latest(f.key).day),
      history: departed,
    };
  }
  it('over weeks of customers joining, leaving and coming back', () => {
    const everyone = Array.from({ length: 300 }, (_, i) =>
      fact(`customer ${i}`, { yearlyValue: i % 17, returnPriority: i % 3, manager: i % 4 ? 'Anna' : 'Boris' }),
    );
    const campaigns = [campaign('c1', {}, 0.3), campaign('c2', { managers: ['Boris'] }, 0.5)];
    let log: CampaignLogEntry[] = [];
    for (let week = 0; week < 6; week++) {
      // Each week another part of the customers is out of the facts, so some leave and some come back.
      const facts = everyone.filter((_, i) => (i + week) % 5 !== 0 && (week < 3 || i % 7 !== 0));
      const planned = planCampaigns(campaigns, facts, new Set(), log, 1000 + 7 * week);
      log = planned.log;
      for (const [k, c] of campaigns.entries()) {
        const p = planned.plans[k];
        expect({
          worklist: p.worklist.map((f) => f.key),
          worklistSince: p.worklistSince,
          control: p.control.map((f) => f.key),
          controlSince: p.controlSince,
          history: p.history,
        }).toEqual(expectedPlan(c, facts, log));
      }
    }
    expect(planCampaigns(campaigns, everyone, new Set(), log, 1042).plans[0].history.length).toBe(0);
    expect(log.some((e) => e.exit !== undefined)).toBe(true);
  });
});

describe('worklist rows found by the facts’ summary row show each customer’s own figures', () => {
  const UTC = calendarFor('Etc/UTC');
  const ASOF = daysFromCivil(2026, 11, 23);
  const rows: unknown[][] = [['Date', 'Customer', 'Amount', 'Manager']];
  for (let c = 0; c < 30; c++) for (const d of ['2026-01-10', '2026-02-10', '2026-03-10']) rows.push([d, `Customer ${c}`, 100 + c, 'Olga']);
  const src = (column: number, label: string) => ({ values: rows.slice(1), column, label });
  const sources: OrderSources = {
    date: src(0, 'Date'),
    customer: src(1, 'Customer'),
    amount: src(2, 'Amount'),
    manager: src(3, 'Manager'),
  };
  const ctx: ReportContext = reportContextOf(
    readOrders(sources, { calendar: UTC, rules: localeRules('en_US'), firstRow: 2, asOf: ASOF }),
    ASOF,
  );
  const facts = customerFacts(ctx.summary, { bands: DEFAULT_BANDS, abcXyz: DEFAULT_ABC_XYZ, lost: DEFAULT_LOST }, null);
  const sheet = (f: CustomerFacts[]) => {
    const [plan] = planCampaigns([campaign('all', {}, 0.3)], f, new Set(), [], ASOF).plans;
    return buildWorklist(ctx, plan, false);
  };
  it('a status typed counts for the latest listing only, a reason for the manager of the latest listing', () => {
    const c = campaign('c1', {}, 0);
    const [d1, d2] = [ASOF - 100, ASOF - 50];
    const e = (customer: string, day: number, manager: string, exit?: 'bought_again'): CampaignLogEntry =>
      exit ? { campaign: 'c1', customer, day, control: false, manager, exit } : { campaign: 'c1', customer, day, control: false, manager };
    const log = [
      e('Customer 1', d1, 'Olga'),
      e('Customer 2', d1, 'Olga'),
      e('Customer 1', d1 + 20, 'Olga', 'bought_again'),
      e('Customer 1', d2, 'Ivan'),
      e('Customer 3', d2, 'Ivan'),
    ];
    const typed = new Map<string, Typed>([
      ['Customer 1', { status: 'reached', reason: 'competitors' }],
      ['Customer 3', { status: 'todo', reason: null }],
    ]);
    const result = campaignResults(c, log, typed, ctx.summary);
    expect(result.periods.map((p) => [p.worklist.listed, p.worklist.contacted])).toEqual([
      [2, 0],
      [2, 1],
    ]);
    const lost = { ...c, target: { ...c.target, lost: true } };
    const managers = managerResults([lost], log, new Map([['c1', typed]]), ctx.summary);
    expect(managers.map((m) => [m.manager, m.listedLost, m.reasons.competitors])).toEqual([
      ['Ivan', 2, 1],
      ['Olga', 2, 0],
    ]);
  });
  it('customerFacts gives each customer their own row', () => {
    expect(facts.every((f) => ctx.summary.key[f.row!] === f.key)).toBe(true);
  });
  it('facts without a row, or with another customer’s, make the same sheet', () => {
    const expected = sheet(facts);
    const byName = (r: unknown[]) => r[0];
    expect(expected.cells.map(byName)).toContain('Customer 7');
    expect(sheet(facts.map((f) => ({ ...f, row: undefined })))).toEqual(expected);
    expect(sheet(facts.map((f) => ({ ...f, row: (f.row! + 1) % facts.length })))).toEqual(expected);
  });
});
