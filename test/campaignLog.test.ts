import { describe, expect, it } from 'vitest';
import type { Campaign, CampaignLogEntry } from '../src/core/campaigns/campaign';
import {
  appendRuns,
  decodeLegacyLog,
  decodeLogRows,
  encodeLogRows,
  fitLogRows,
  latestEntries,
  LEGACY_LOG_HEADER,
  LOG_CELL_CHARS,
  LOG_COLUMNS,
  LOG_KEEP_DAYS,
  LOG_MAX_CELLS,
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

describe('the log as sheet rows: one row per campaign and day, its entries packed in one cell', () => {
  const entries: CampaignLogEntry[] = [
    { campaign: 'c', customer: 'plain', day: 20000, control: false, manager: 'Anna' },
    { campaign: 'c', customer: 'with "quotes", commas\nand a newline', day: 20000, control: false, manager: 'Anna' },
    { campaign: 'c', customer: 'Ольга Петренко', day: 20000, control: true, manager: '' },
    { campaign: 'c', customer: 'plain', day: 20007, control: false, manager: 'Anna', exit: 'bought_again' },
  ];
  const cells = (log: CampaignLogEntry[]) => encodeLogRows(log).map((r) => r.cells);

  it('reads back what it wrote, departures included', () => {
    expect(decodeLogRows(cells(entries))).toEqual({ log: entries, skipped: 0 });
  });
  it('writes one row per campaign and day: campaign, ISO day, runs of cause, group, manager and keys', () => {
    expect(encodeLogRows(entries)).toEqual([
      {
        cells: ['c', '2024-10-04', '[["",0,"Anna","plain","with \\"quotes\\", commas\\nand a newline"],["",1,"","Ольга Петренко"]]'],
        entries: 3,
      },
      { cells: ['c', '2024-10-11', '[["bought_again",0,"Anna","plain"]]'], entries: 1 },
    ]);
  });
  it('a day longer than a cell goes on as many rows as it needs, each cell under the limit', () => {
    const many: CampaignLogEntry[] = keys(20_000, 'C').map((customer, i) => ({
      campaign: 'c',
      customer,
      day: 20000,
      control: i % 10 === 0,
      manager: `Manager ${i % 7}`,
    }));
    const rows = encodeLogRows(many);
    expect(rows.length).toBeGreaterThan(5);
    for (const r of rows) {
      expect(r.cells.slice(0, 2)).toEqual(['c', '2024-10-04']);
      expect(r.cells[2].length).toBeLessThanOrEqual(LOG_CELL_CHARS);
    }
    // Full cells: no row but the last is short of the limit by more than one key and its run's head.
    for (const r of rows.slice(0, -1)) expect(r.cells[2].length).toBeGreaterThan(LOG_CELL_CHARS - 40);
    expect(rows.reduce((n, r) => n + r.entries, 0)).toBe(many.length);
    const back = decodeLogRows(rows.map((r) => r.cells)).log;
    // Regrouped by group and manager within the day; every entry is there once.
    const id = (e: CampaignLogEntry) => JSON.stringify([e.customer, e.control, e.manager, e.day]);
    expect(back.map(id).sort()).toEqual(many.map(id).sort());
  });
  it("a customer's second entry on one day starts another row, so the order of what happened to them holds", () => {
    const log: CampaignLogEntry[] = [
      { campaign: 'c', customer: 'a', day: 5, control: false, manager: 'A' },
      { campaign: 'c', customer: 'a', day: 5, control: false, manager: 'A', exit: 'left_target' },
      { campaign: 'c', customer: 'b', day: 5, control: false, manager: 'A' },
    ];
    expect(encodeLogRows(log).length).toBe(2);
    expect(latestEntries(decodeLogRows(cells(log)).log)).toEqual(latestEntries(log));
  });
  it('the rows of a log are the rows of its days one after another', () => {
    const day = (d: number) => keys(3000).map((customer) => ({ campaign: 'c', customer, day: d, control: false, manager: 'A' }));
    expect(cells([...day(1), ...day(8)])).toEqual([...cells(day(1)), ...cells(day(8))]);
  });
  it('skips rows it did not write and says how many; empty rows are nothing', () => {
    const good = cells(entries);
    const damaged: unknown[][] = [
      good[0],
      ['c', '2024-10-05', '[["",0,"Anna","cut in the mid'],
      ['c', 'not a day', '[["",0,"A","x"]]'],
      ['', '2024-10-05', '[["",0,"A","x"]]'],
      ['c', '2024-10-05', '[["ran_away",0,"A","x"]]'],
      ['c', '2024-10-05', '[["",2,"A","x"]]'],
      ['c', '2024-10-05', '[["",0,"A",7]]'],
      ['c', '2024-10-05', 12],
      ['', '', ''],
      good[1],
    ];
    const { log, skipped } = decodeLogRows(damaged);
    expect(skipped).toBe(7);
    expect(log).toEqual(entries);
  });
  it('past its share of the spreadsheet, the oldest rows go and their entries are counted', () => {
    const log: CampaignLogEntry[] = keys(100).map((customer, i) => ({ campaign: 'c', customer, day: i, control: false, manager: 'A' }));
    const rows = encodeLogRows(log);
    const { rows: kept, dropped } = fitLogRows(rows, 31 * LOG_COLUMNS);
    // 31 rows of room, the header's among them.
    expect(kept.length).toBe(30);
    expect(dropped).toBe(70);
    expect(decodeLogRows(kept.map((r) => r.cells)).log[0].day).toBe(70);
    expect(fitLogRows(rows).dropped).toBe(0);
  });
});

describe('two years of a weekly campaign listing 100,000 customers fit the spreadsheet', () => {
  // The largest log a weekly campaign of 100,000 makes: every week lists 100,000 customers it did
  // not list the week before, and all of last week's leave (a customer still listed adds nothing).
  // Keys of one length (customer ids as an accounting system numbers them), so that every week's
  // rows are alike; 10% control group, 25 managers.
  const LISTED = 100_000;
  const week = (w: number) =>
    Array.from({ length: LISTED }, (_, i) => {
      const customer = `C${String(w * LISTED + i).padStart(9, '0')}`;
      return { customer, manager: `Manager ${i % 25}`, control: i % 10 === 0 };
    });
  const run = (w: number) => ({ campaign: 'win_back_lost', listed: week(w), exitCause: () => 'left_target' as const });
  const day0 = 20000;
  const first = appendRuns([], day0, [run(0)]).log;
  const second = appendRuns(first, day0 + 7, [run(1)]);
  const weekBlock = second.log.slice(first.length);
  // Weekly runs within the two years kept: today's and those 7, 14, ... days before, up to LOG_KEEP_DAYS.
  const weeks = Math.floor(LOG_KEEP_DAYS / 7) + 1;
  const perWeek = encodeLogRows(weekBlock);

  it('a week adds 100,000 listings and 100,000 departures', () => {
    expect([second.listed, second.left]).toEqual([LISTED, LISTED]);
    expect(weekBlock.length).toBe(2 * LISTED);
    expect(weeks).toBe(105);
  });
  it('one row per entry would not: over 10 million cells', () => {
    // campaign, customer, group, manager, day, cause: six cells an entry.
    const naive = weeks * weekBlock.length * 6;
    expect(naive).toBeGreaterThan(10_000_000);
    // Even one cell an entry is over.
    expect(weeks * weekBlock.length).toBeGreaterThan(10_000_000);
  });
  it('the packed rows do: a few tens of thousands of cells, every cell under 50,000 characters', () => {
    // Weeks are alike and encode independently (checked on two real weeks), so two years are 105 weeks of rows.
    const third = appendRuns(second.log, day0 + 14, [run(2)]).log.slice(second.log.length);
    const two = encodeLogRows([...weekBlock, ...third]);
    expect(two.length).toBe(2 * perWeek.length);
    const rows = weeks * perWeek.length + 1; // and the header
    const cellsUsed = rows * LOG_COLUMNS;
    expect(cellsUsed).toBeLessThan(100_000); // 1% of the spreadsheet
    expect(cellsUsed).toBeLessThanOrEqual(LOG_MAX_CELLS);
    for (const r of perWeek) expect(r.cells[2].length).toBeLessThanOrEqual(LOG_CELL_CHARS);
    expect(LOG_CELL_CHARS).toBeLessThan(50_000);
    // Nothing is dropped to fit at that size, and the rows read back into the week's entries.
    expect(fitLogRows(Array.from({ length: weeks }, () => perWeek).flat()).dropped).toBe(0);
    expect(decodeLogRows(perWeek.map((r) => r.cells)).log.length).toBe(weekBlock.length);
  });
  it('an entry costs its key and about three characters', () => {
    const chars = perWeek.reduce((n, r) => n + r.cells[2].length, 0);
    const keyChars = weekBlock.reduce((n, e) => n + e.customer.length, 0);
    expect((chars - keyChars) / weekBlock.length).toBeLessThan(3.1);
  });
});

describe('the log the document properties held before 0.2.0', () => {
  it('reads its text, departures included, and skips damaged lines', () => {
    const text = [
      LEGACY_LOG_HEADER,
      '["c",20000,0,"Anna",["plain","Ольга"]]',
      '["c",20000,1,"",["x"]]',
      '["c",20000,0,"Anna",["cut in the mid',
      '["c",1,0,"A","ran_away",["x"]]',
      '["c",20007,0,"Anna","bought_again",["plain"]]',
    ].join('\n');
    expect(decodeLegacyLog(text)).toEqual({
      log: [
        { campaign: 'c', customer: 'plain', day: 20000, control: false, manager: 'Anna' },
        { campaign: 'c', customer: 'Ольга', day: 20000, control: false, manager: 'Anna' },
        { campaign: 'c', customer: 'x', day: 20000, control: true, manager: '' },
        { campaign: 'c', customer: 'plain', day: 20007, control: false, manager: 'Anna', exit: 'bought_again' },
      ],
      skipped: 2,
    });
  });
  it('no text is an empty log; text without the header is all skipped', () => {
    expect(decodeLegacyLog(null)).toEqual({ log: [], skipped: 0 });
    expect(decodeLegacyLog('')).toEqual({ log: [], skipped: 0 });
    expect(decodeLegacyLog('campaignLog 99\n["c",1,0,"A",["x"]]')).toEqual({ log: [], skipped: 2 });
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
