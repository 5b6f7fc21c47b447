// The bench's campaign step (issue 14, item 8): its campaigns list the number of
// customers the target names (100,000 at 1,000,000 rows; here a smaller number on
// fewer rows), and the target line judges the step's wall time against 3 s.
import { describe, expect, it } from 'vitest';
import { reportContextOf } from './support/reportContext';
import { benchCampaigns, campaignWork, CAMPAIGN_STEP, firstRunLog } from '../bench/campaignStep';
import { generateOrders } from '../bench/generateOrders';
import { tableSources } from '../bench/measure';
import { campaignTarget } from '../bench/run';
import { DEFAULT_ABC_XYZ } from '../src/core/abcXyz';
import { calendarFor } from '../src/core/calendar';
import type { Campaign } from '../src/core/campaigns/campaign';
import { customerFacts } from '../src/core/campaigns/facts';
import { selectTargets } from '../src/core/campaigns/target';
import { DEFAULT_LOST } from '../src/core/churn';
import { DEFAULT_BANDS } from '../src/core/lifecycle';
import { readOrders } from '../src/core/orders';
import { localeRules } from '../src/core/values';
import type { ReportContext } from '../src/reports/context';

function contextOf(rows: number): ReportContext {
  const o = generateOrders(rows, { seed: 5 });
  const calendar = calendarFor(o.timeZone);
  const asOf = o.asOfDay;
  return reportContextOf(readOrders(tableSources(o.header, o.rows), { calendar, rules: localeRules(o.locale), firstRow: 2, asOf }), asOf, {
    calendar,
  });
}

describe('the bench lists the number of customers it aims at', () => {
  const ctx = contextOf(20_000);
  const facts = customerFacts(ctx.summary, { bands: DEFAULT_BANDS, abcXyz: DEFAULT_ABC_XYZ, lost: DEFAULT_LOST }, null);
  const listedBy = (campaigns: Campaign[]): number => {
    const keys = new Set<string>();
    for (const c of campaigns) if (c.enabled) for (const f of selectTargets(c, facts)) keys.add(f.key);
    return keys.size;
  };

  it('the fewest days since the last purchase that bring the customers on any list to the number', () => {
    const aim = Math.round(ctx.summary.size * 0.8);
    const campaigns = benchCampaigns(ctx, aim);
    const recent = campaigns.find((c) => c.id === 'recent')!;
    expect(recent.controlShare).toBe(0.1);
    expect(listedBy(campaigns)).toBeGreaterThanOrEqual(aim);
    // One day fewer lists fewer than the number.
    const max = recent.target.daysSince!.max!;
    const fewer = campaigns.map((c) => (c.id === 'recent' ? { ...c, target: { ...c.target, daysSince: { min: 0, max: max - 1 } } } : c));
    expect(listedBy(fewer)).toBeLessThan(aim);
  });

  it('every customer when there are fewer customers than the number', () => {
    expect(listedBy(benchCampaigns(ctx, ctx.summary.size + 1))).toBe(ctx.summary.size);
  });

  it('the step counts distinct customers and listings (a customer on two lists is one customer, two listings)', () => {
    const campaigns = benchCampaigns(ctx, Math.round(ctx.summary.size * 0.8));
    const work = campaignWork(ctx, campaigns, firstRunLog(ctx, campaigns));
    expect(work.customers).toBe(listedBy(campaigns));
    expect(work.listed).toBeGreaterThan(work.customers);
    expect(work.specs).toHaveLength(campaigns.length + 1);
  });
});

describe('issue 14’s target line: every worklist and the results under 3 s', () => {
  const step = (ms: number, cpuMs?: number) => ({
    group: 'reports',
    name: CAMPAIGN_STEP,
    ms,
    cpuMs,
    runs: [ms],
    output: 100_022,
    note: '100,022 customers listed in 5 campaigns',
  });
  it('met under 3 s of wall time, missed at 3 s or more, with the CPU time beside it', () => {
    expect(campaignTarget(step(2999, 1700))).toMatchObject({
      met: true,
      measured: '2999 ms (CPU 1700 ms); 100,022 customers listed in 5 campaigns',
    });
    expect(campaignTarget(step(3000)).met).toBe(false);
  });
  it('not measured without the step', () => {
    expect(campaignTarget(undefined)).toMatchObject({ measured: 'not measured', met: null });
  });
});
