import { describe, expect, it } from 'vitest';
import type { Campaign, CampaignTarget } from '../src/core/campaigns/campaign';
import { type CustomerFacts, selectTargets } from '../src/core/campaigns/target';
import { UserError } from '../src/core/errors';

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

function campaign(target: Partial<CampaignTarget>): Campaign {
  return {
    id: 't',
    name: 'test',
    target: { ...ANY, ...target },
    action: '',
    channel: 'call',
    cadence: { kind: 'weekly', weekday: 1 },
    controlShare: 0,
    resultsWindowDays: 30,
    enabled: true,
  };
}

// A hand-made table: one customer per row, each differing where a rule looks.
const f = (key: string, o: Partial<CustomerFacts>): CustomerFacts => ({
  key,
  segment: 'new_active',
  abc: 'C',
  xyz: 'Z',
  lost: false,
  pAlive: 0.5,
  purchases: 1,
  daysSince: 10,
  manager: 'Anna',
  yearlyValue: 100,
  returnPriority: 3,
  ...o,
});
const TABLE: CustomerFacts[] = [
  f('c01', { segment: 'regular_sleeping', abc: 'A', xyz: 'X', purchases: 6, daysSince: 90, yearlyValue: 900, returnPriority: 0 }),
  f('c02', {
    segment: 'regular_lapsed',
    abc: 'A',
    xyz: 'Y',
    lost: true,
    pAlive: 0.1,
    purchases: 5,
    daysSince: 250,
    yearlyValue: 800,
    returnPriority: 0,
  }),
  f('c03', {
    segment: 'prospective_sleeping',
    abc: 'B',
    xyz: 'Y',
    purchases: 2,
    daysSince: 100,
    yearlyValue: 300,
    returnPriority: 1,
    manager: 'Boris',
  }),
  f('c04', {
    segment: 'new_lapsed',
    abc: 'B',
    xyz: 'Z',
    lost: true,
    pAlive: null,
    purchases: 1,
    daysSince: 400,
    yearlyValue: 200,
    returnPriority: 2,
  }),
  f('c05', { segment: 'new_active', abc: 'C', xyz: 'Z', purchases: 1, daysSince: 5, yearlyValue: 50, returnPriority: 3, manager: '' }),
  f('c06', {
    segment: 'regular_active',
    abc: 'A',
    xyz: 'X',
    pAlive: 0.95,
    purchases: 12,
    daysSince: 20,
    yearlyValue: 2000,
    returnPriority: 0,
  }),
  f('c07', {
    segment: 'regular_lapsed',
    abc: 'B',
    xyz: 'X',
    lost: true,
    pAlive: 0.3,
    purchases: 4,
    daysSince: 200,
    yearlyValue: 800,
    returnPriority: 0,
    manager: 'Boris',
  }),
];
const keys = (c: Campaign, detractors?: ReadonlySet<string>): string[] => selectTargets(c, TABLE, detractors).map((x) => x.key);

describe('an empty target lists everyone', () => {
  it('every customer, in priority order', () => {
    expect(keys(campaign({}))).toEqual(['c06', 'c01', 'c02', 'c07', 'c03', 'c04', 'c05']);
  });
});

describe('order: return priority, then yearly value descending, then customer key', () => {
  it('equal priority and value are ordered by key', () => {
    // c02 and c07: priority 0, 800 a year each.
    const got = keys(campaign({ lost: true }));
    expect(got).toEqual(['c02', 'c07', 'c04']);
  });
  it('priority comes before value', () => {
    // c03 (priority 1, 300) before c04 (priority 2, 200); c06 (priority 0, 2000) first.
    expect(keys(campaign({ abc: ['A', 'B'], xyz: ['Y', 'Z', 'X'] }))).toEqual(['c06', 'c01', 'c02', 'c07', 'c03', 'c04']);
  });
});

describe('each condition on its own', () => {
  it('segments', () => {
    expect(keys(campaign({ segments: ['regular_sleeping', 'regular_lapsed'] }))).toEqual(['c01', 'c02', 'c07']);
  });
  it('ABC classes', () => {
    expect(keys(campaign({ abc: ['B'] }))).toEqual(['c07', 'c03', 'c04']);
  });
  it('XYZ classes', () => {
    expect(keys(campaign({ xyz: ['Z'] }))).toEqual(['c04', 'c05']);
  });
  it('lost only, and not lost only', () => {
    expect(keys(campaign({ lost: true }))).toEqual(['c02', 'c07', 'c04']);
    expect(keys(campaign({ lost: false }))).toEqual(['c06', 'c01', 'c03', 'c05']);
  });
  it('P(alive) range, inclusive; a customer the model cannot score fails it', () => {
    expect(keys(campaign({ pAlive: { min: 0.1, max: 0.3 } }))).toEqual(['c02', 'c07']);
    expect(keys(campaign({ pAlive: { min: null, max: 1 } }))).not.toContain('c04');
    expect(keys(campaign({ pAlive: { min: 0.9, max: null } }))).toEqual(['c06']);
  });
  it('purchases at least N', () => {
    expect(keys(campaign({ minPurchases: 5 }))).toEqual(['c06', 'c01', 'c02']);
  });
  it('days since the last purchase in a range, inclusive, open ends', () => {
    expect(keys(campaign({ daysSince: { min: 90, max: 200 } }))).toEqual(['c01', 'c07', 'c03']);
    expect(keys(campaign({ daysSince: { min: 250, max: null } }))).toEqual(['c02', 'c04']);
    expect(keys(campaign({ daysSince: { min: null, max: 10 } }))).toEqual(['c05']);
  });
  it('managers, with "" for customers without one', () => {
    expect(keys(campaign({ managers: ['Boris'] }))).toEqual(['c07', 'c03']);
    expect(keys(campaign({ managers: [''] }))).toEqual(['c05']);
  });
  it('NPS detractors: only the customers in the set the caller passes', () => {
    const detractors = new Set(['c03', 'c05', 'nobody']);
    expect(keys(campaign({ npsDetractorsDays: 30 }), detractors)).toEqual(['c03', 'c05']);
    expect(keys(campaign({ npsDetractorsDays: 30 }))).toEqual([]);
    // Not a condition: the set changes nothing.
    expect(keys(campaign({}), detractors)).toHaveLength(TABLE.length);
  });
});

describe('conditions combine: every one that is set must hold', () => {
  it('win back lost A and B (the default campaign)', () => {
    expect(keys(campaign({ lost: true, abc: ['A', 'B'] }))).toEqual(['c02', 'c07', 'c04']);
  });
  it('lost A and B of one manager', () => {
    expect(keys(campaign({ lost: true, abc: ['A', 'B'], managers: ['Boris'] }))).toEqual(['c07']);
  });
  it('regular lapsed with a P(alive) of at least 0.2 and 4+ purchases', () => {
    expect(keys(campaign({ segments: ['regular_lapsed'], pAlive: { min: 0.2, max: null }, minPurchases: 4 }))).toEqual(['c07']);
  });
  it('conditions no customer meets together list nobody', () => {
    expect(keys(campaign({ segments: ['new_active'], lost: true }))).toEqual([]);
  });
  it('detractors and a segment', () => {
    expect(keys(campaign({ npsDetractorsDays: 2, segments: ['new_active', 'new_lapsed'] }), new Set(['c03', 'c04']))).toEqual(['c04']);
  });
});

describe('a target that makes no sense is refused, naming the campaign and the values', () => {
  const refused = (target: Partial<CampaignTarget>): string => {
    try {
      selectTargets(campaign(target), TABLE);
    } catch (e) {
      expect(e).toBeInstanceOf(UserError);
      return (e as Error).message;
    }
    throw new Error('not refused');
  };
  it('an unknown segment', () => {
    expect(refused({ segments: ['vip'] })).toMatch(/campaign t: segment "vip" is not one of new_active/);
  });
  it('a range whose ends are swapped, or out of bounds', () => {
    expect(refused({ daysSince: { min: 200, max: 100 } })).toMatch(/days since from "200" to "100"/);
    expect(refused({ pAlive: { min: 0, max: 5 } })).toMatch(/P\(alive\) from "0" to "5"/);
  });
  it('purchases at least 0 or a fraction, detractor days 0', () => {
    expect(refused({ minPurchases: 0 })).toMatch(/purchases at least .* got "0"/);
    expect(refused({ minPurchases: 1.5 })).toMatch(/got "1.5"/);
    expect(refused({ npsDetractorsDays: 0 })).toMatch(/NPS detractors .* got "0"/);
  });
});
