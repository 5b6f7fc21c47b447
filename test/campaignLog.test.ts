import { describe, expect, it } from 'vitest';
import type { Campaign, CampaignLogEntry } from '../src/core/campaigns/campaign';
import {
  appendRuns,
  chunkText,
  decodeLog,
  encodeLog,
  fitLogToBudget,
  LOG_HEADER,
  LOG_KEEP_DAYS,
  MAX_LINE_BYTES,
  utf8Length,
} from '../src/core/campaigns/campaignLog';
import { checkControlShare, controlDraw, isControl } from '../src/core/campaigns/controlGroup';
import { exitCauseOf, planCampaigns } from '../src/core/campaigns/plan';
import type { CustomerFacts } from '../src/core/campaigns/target';
import { UserError } from '../src/core/errors';

const keys = (n: number, prefix = 'customer '): string[] => Array.from({ length: n }, (_, i) => `${prefix}${i}`);

describe('control group: a hash of (campaign id, customer key)', () => {
  it('takes the share of many customers, within a tolerance', () => {
    const customers = keys(100_000);
    for (const share of [0.1, 0.2, 0.5]) {
      const control = customers.filter((k) => isControl('win_back_lost', k, share)).length;
      // 100,000 draws: the standard error of the share is under 0.0016; 0.01 is over 6 of them.
      expect(Math.abs(control / customers.length - share)).toBeLessThan(0.01);
    }
  });
  it('a share of 0 keeps nobody out', () => {
    expect(keys(1000).some((k) => isControl('c', k, 0))).toBe(false);
  });
  it("a customer's group does not depend on the run, the order or who else is in the target", () => {
    const all = keys(5000);
    const before = new Map(all.map((k) => [k, isControl('c1', k, 0.3)]));
    // Others join and leave, in another order: every remaining customer keeps their group.
    const after = [...all.slice(2000).reverse(), ...keys(3000, 'newcomer ')];
    for (const k of after) if (before.has(k)) expect(isControl('c1', k, 0.3)).toBe(before.get(k));
  });
  it('a larger share only moves customers into the control group', () => {
    for (const k of keys(5000)) if (isControl('c1', k, 0.1)) expect(isControl('c1', k, 0.4)).toBe(true);
  });
  it('another campaign draws another group', () => {
    const a = keys(2000).filter((k) => isControl('a', k, 0.5));
    const b = new Set(keys(2000).filter((k) => isControl('b', k, 0.5)));
    const both = a.filter((k) => b.has(k)).length;
    // Independent halves overlap on about a quarter, not on all of them.
    expect(both / 2000).toBeGreaterThan(0.2);
    expect(both / 2000).toBeLessThan(0.3);
  });
  it('the campaign id and the key are kept apart', () => {
    expect(controlDraw('ab', 'c')).not.toBe(controlDraw('a', 'bc'));
  });
  it('a share outside 0..50% is refused, naming the campaign', () => {
    expect(() => checkControlShare('c1', 0.6)).toThrow(UserError);
    expect(() => checkControlShare('c1', 0.6)).toThrow(/campaign c1: the control group share must be from 0 to 50%, got "0.6"/);
    expect(() => checkControlShare('c1', Number.NaN)).toThrow(/got "NaN"/);
    expect(checkControlShare('c1', 0.5)).toBe(0.5);
  });
});

const listing = (customer: string, manager = 'Anna', control = false) => ({ customer, manager, control });

describe('the log appends only customers newly listed, and their departures', () => {
  const run = (campaign: string, listed: ReturnType<typeof listing>[]) => ({
    campaign,
    listed,
    exitCause: () => 'bought_again' as const,
  });

  it('a first run lists everyone once', () => {
    const { log, listed, left } = appendRuns([], 100, [run('c', [listing('a'), listing('b', 'Boris', true)])]);
    expect(listed).toBe(2);
    expect(left).toBe(0);
    expect(log).toEqual([
      { campaign: 'c', customer: 'a', day: 100, control: false, manager: 'Anna' },
      { campaign: 'c', customer: 'b', day: 100, control: true, manager: 'Boris' },
    ]);
  });
  it('a customer still on the list adds nothing the next day', () => {
    const first = appendRuns([], 100, [run('c', [listing('a')])]).log;
    const second = appendRuns(first, 101, [run('c', [listing('a'), listing('new')])]);
    expect(second.listed).toBe(1);
    expect(second.log.map((e) => `${e.customer}@${e.day}`)).toEqual(['a@100', 'new@101']);
  });
  it('a customer no longer listed gets a departure with its cause, once; coming back lists them anew', () => {
    let log = appendRuns([], 100, [run('c', [listing('a')])]).log;
    const causes: string[] = [];
    const leaving = {
      campaign: 'c',
      listed: [],
      exitCause: (customer: string, l: CampaignLogEntry) => (causes.push(`${customer}@${l.day}`), 'moved_segment' as const),
    };
    const gone = appendRuns(log, 110, [leaving]);
    expect(gone.left).toBe(1);
    expect(causes).toEqual(['a@100']);
    log = gone.log;
    expect(log[1]).toEqual({ campaign: 'c', customer: 'a', day: 110, control: false, manager: 'Anna', exit: 'moved_segment' });
    // Still away: no second departure.
    expect(appendRuns(log, 111, [leaving]).left).toBe(0);
    const back = appendRuns(log, 120, [run('c', [listing('a')])]);
    expect(back.listed).toBe(1);
    expect(back.log.at(-1)).toEqual({ campaign: 'c', customer: 'a', day: 120, control: false, manager: 'Anna' });
  });
  it('campaigns are logged apart', () => {
    const log = appendRuns([], 100, [run('c', [listing('a')])]).log;
    expect(appendRuns(log, 101, [run('d', [listing('a')])]).listed).toBe(1);
  });
  it('entries older than two years are trimmed', () => {
    const old = appendRuns([], 100, [run('c', [listing('a')])]).log;
    const later = appendRuns(old, 100 + LOG_KEEP_DAYS + 1, [run('c', [listing('b')])]).log;
    expect(later.map((e) => e.customer)).toEqual(['b']);
    expect(appendRuns(old, 100 + LOG_KEEP_DAYS, [run('c', [])]).log[0].customer).toBe('a');
  });
});

describe('the log as text: compact, and read tolerantly', () => {
  const entries: CampaignLogEntry[] = [
    { campaign: 'c', customer: 'plain', day: 20000, control: false, manager: 'Anna' },
    { campaign: 'c', customer: 'with "quotes", commas\nand a newline', day: 20000, control: false, manager: 'Anna' },
    { campaign: 'c', customer: 'Ольга Петренко', day: 20000, control: true, manager: '' },
    { campaign: 'c', customer: 'plain', day: 20007, control: false, manager: 'Anna', exit: 'bought_again' },
  ];
  it('reads back what it wrote, departures included', () => {
    const text = encodeLog(entries);
    expect(text.split('\n')[0]).toBe(LOG_HEADER);
    expect(decodeLog(text)).toEqual({ log: entries, skipped: 0 });
  });
  it('writes one line per run of campaign, day, group and manager', () => {
    expect(encodeLog(entries).split('\n')).toEqual([
      LOG_HEADER,
      '["c",20000,0,"Anna",["plain","with \\"quotes\\", commas\\nand a newline"]]',
      '["c",20000,1,"",["Ольга Петренко"]]',
      '["c",20007,0,"Anna","bought_again",["plain"]]',
    ]);
  });
  it('costs a customer their key and three bytes: measured on 100,000 listings', () => {
    // Seven runs (days), each listing its customers in priority order: managers and groups interleaved.
    const many: CampaignLogEntry[] = keys(100_000, 'C').map((customer, i) => ({
      campaign: 'win_back_lost',
      customer,
      day: 20000 + Math.floor(i / 15_000),
      control: i % 10 === 0,
      manager: `Manager ${i % 12}`,
    }));
    const bytes = utf8Length(encodeLog(many));
    const keyBytes = many.reduce((s, e) => s + utf8Length(e.customer), 0);
    const perEntry = (bytes - keyBytes) / many.length;
    // Runs of one (campaign, day, group, manager) share their head; lines are cut under MAX_LINE_BYTES.
    expect(perEntry).toBeLessThan(3.5);
    expect(Math.max(...encodeLog(many).split('\n').map(utf8Length))).toBeLessThanOrEqual(MAX_LINE_BYTES);
  });
  it('skips damaged lines and says how many', () => {
    const lines = encodeLog(entries).split('\n');
    const damaged = [
      lines[0],
      lines[1],
      '["c",20000,0,"Anna",["cut in the mid',
      '{"not":"a run"}',
      '["c","day",0,"A",["x"]]',
      lines[2],
    ].join('\n');
    const { log, skipped } = decodeLog(damaged);
    expect(skipped).toBe(3);
    expect(log.map((e) => e.customer)).toEqual(['plain', 'with "quotes", commas\nand a newline', 'Ольга Петренко']);
  });
  it('an unknown exit cause or a bad group is damage too', () => {
    expect(decodeLog(`${LOG_HEADER}\n["c",1,0,"A","ran_away",["x"]]\n["c",1,2,"A",["y"]]`)).toEqual({ log: [], skipped: 2 });
  });
  it('no text is an empty log; text without the header is all skipped', () => {
    expect(decodeLog(null)).toEqual({ log: [], skipped: 0 });
    expect(decodeLog('')).toEqual({ log: [], skipped: 0 });
    expect(decodeLog('campaignLog 99\n["c",1,0,"A",["x"]]')).toEqual({ log: [], skipped: 2 });
  });
  it('cuts into pieces under the property limit at line ends, which join back into the text', () => {
    const many: CampaignLogEntry[] = keys(20_000).map((customer) => ({ campaign: 'c', customer, day: 1, control: false, manager: 'Anna' }));
    const text = encodeLog(many);
    const pieces = chunkText(text, 8192);
    expect(pieces.length).toBeGreaterThan(1);
    for (const p of pieces) expect(utf8Length(p)).toBeLessThanOrEqual(8192);
    expect(pieces.join('\n')).toBe(text);
    // A lost piece loses its own lines only.
    const withoutOne = [...pieces.slice(0, 2), ...pieces.slice(3)].join('\n');
    const read = decodeLog(withoutOne);
    expect(read.skipped).toBe(0);
    expect(read.log.length).toBeLessThan(many.length);
    expect(read.log.length).toBeGreaterThan(many.length * 0.5);
  });
  it('over its budget, the oldest entries go first', () => {
    const many: CampaignLogEntry[] = keys(2000).map((customer, i) => ({ campaign: 'c', customer, day: i, control: false, manager: 'A' }));
    const budget = 20_000;
    const { log, dropped } = fitLogToBudget(many, budget);
    expect(utf8Length(encodeLog(log))).toBeLessThanOrEqual(budget);
    expect(dropped).toBe(many.length - log.length);
    expect(dropped).toBeGreaterThan(0);
    expect(log[0].day).toBe(dropped);
    expect(fitLogToBudget(many, 10_000_000).dropped).toBe(0);
  });
});

const ANY_TARGET = {
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
const campaign = (o: Partial<Campaign> = {}): Campaign => ({
  id: 'c',
  name: 'C',
  target: { ...ANY_TARGET, segments: ['regular_sleeping'] },
  action: '',
  channel: 'call',
  cadence: { kind: 'weekly', weekday: 1 },
  controlShare: 0.5,
  resultsWindowDays: 30,
  enabled: true,
  ...o,
});
const fact = (key: string, o: Partial<CustomerFacts> = {}): CustomerFacts => ({
  key,
  segment: 'regular_sleeping',
  abc: 'A',
  xyz: 'X',
  lost: false,
  pAlive: null,
  purchases: 5,
  daysSince: 100,
  manager: 'Anna',
  yearlyValue: 100,
  returnPriority: 0,
  ...o,
});

describe('why a customer left the list', () => {
  const listed: CampaignLogEntry = { campaign: 'c', customer: 'a', day: 1000, control: false, manager: 'Anna' };
  it('bought again: a purchase on or after the listing day', () => {
    expect(exitCauseOf(campaign(), fact('a', { daysSince: 5, segment: 'regular_active' }), listed, 1005)).toBe('bought_again');
  });
  it('manager changed, when they did not buy', () => {
    expect(exitCauseOf(campaign(), fact('a', { daysSince: 10, manager: 'Boris' }), listed, 1005)).toBe('manager_changed');
  });
  it('moved segment, when the target names segments and theirs is not one', () => {
    expect(exitCauseOf(campaign(), fact('a', { daysSince: 200, segment: 'regular_lapsed' }), listed, 1005)).toBe('moved_segment');
  });
  it('another condition, or gone from the orders', () => {
    expect(exitCauseOf(campaign(), fact('a', { daysSince: 200 }), listed, 1005)).toBe('left_target');
    expect(exitCauseOf(campaign(), undefined, listed, 1005)).toBe('left_target');
  });
});

describe('a rebuild plan: the control group is never on the worklist', () => {
  const facts = keys(400).map((k, i) => fact(k, { yearlyValue: i }));
  it('splits the target by the log, and keeps the split on the next run', () => {
    const first = planCampaigns([campaign()], facts, new Set(), [], 1000);
    const [plan] = first.plans;
    expect(plan.worklist.length + plan.control.length).toBe(400);
    const control = new Set(plan.control.map((f) => f.key));
    expect(plan.worklist.some((f) => control.has(f.key))).toBe(false);
    expect(control.size).toBeGreaterThan(150);
    for (const f of plan.control) expect(isControl('c', f.key, 0.5)).toBe(true);
    // Next run, with the share lowered: those already listed keep the group they were drawn in.
    const second = planCampaigns([campaign({ controlShare: 0.1 })], facts, new Set(), first.log, 1001);
    expect(second.listed).toBe(0);
    expect(new Set(second.plans[0].control.map((f) => f.key))).toEqual(control);
  });
  it('customers who left are in the history with when and why, latest first; control customers are not', () => {
    const first = planCampaigns([campaign()], facts, new Set(), [], 1000);
    const stay = facts.slice(10);
    const later = planCampaigns(
      [campaign()],
      stay.map((f) => f),
      new Set(),
      first.log,
      1003,
    );
    const leftWorklist = facts.slice(0, 10).filter((f) => !isControl('c', f.key, 0.5));
    expect(later.left).toBe(10);
    expect(later.plans[0].history.map((h) => h.customer).sort()).toEqual(leftWorklist.map((f) => f.key).sort());
    for (const h of later.plans[0].history) expect(h).toMatchObject({ listed: 1000, left: 1003, cause: 'left_target', manager: 'Anna' });
  });
  it('a disabled campaign lists nobody and logs nothing', () => {
    const off = planCampaigns([campaign({ enabled: false })], facts, new Set(), [], 1000);
    expect(off.plans).toEqual([]);
    expect(off.log).toEqual([]);
  });
});
