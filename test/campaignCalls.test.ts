// Issue 14, item 8: service calls per rebuild do not grow with the rows. Counted on
// the local runtime's stand-ins (local/runtime.ts counts every call the bundle makes,
// per Class.method) for a rebuild that has every part of the campaign sheets: a
// worklist with typed statuses, customers who bought again moving to the history
// block with what was typed, a control group, and a log of several runs. The same
// scenario at two sizes; the second is ten times the first.
import { describe, expect, it } from 'vitest';
import type { FakeRange, FakeSheet } from '../local/spreadsheet';
import { type Runtime, startRuntime } from './support/runtime';

const LIST = 'List · Reactivate Regular';
const DAY_MS = 86_400_000;
const STATUS = 13;

/** Regular sleeping customers (4 purchases, the last on 1 June), two managers. */
function orders(customers: number): unknown[][] {
  const rows: unknown[][] = [['Date', 'Customer', 'Amount', 'Manager']];
  for (let c = 0; c < customers; c++)
    for (const d of ['2026-01-10', '2026-02-10', '2026-03-10', '2026-06-01'])
      rows.push([d, `Customer ${c}`, 100 + c, c % 2 ? 'Olga' : 'Ivan']);
  return rows;
}

/**
 * Calls per method, with a sheet's row resize counted as one whichever way it goes: a fresh sheet has 1,000
 * rows (src/gas/writeSheet.ts fitSize), so a longer report inserts rows where a shorter one deletes them.
 */
function resized(byMethod: Readonly<Record<string, number>>): Record<string, number> {
  const out: Record<string, number> = Object.create(null) as Record<string, number>;
  for (const [method, n] of Object.entries(byMethod)) {
    const key = method === 'Sheet.insertRowsAfter' || method === 'Sheet.deleteRows' ? 'Sheet rows resized' : method;
    out[key] = (out[key] ?? 0) + n;
  }
  return out;
}

const sheet = (rt: Runtime, name: string): FakeSheet => rt.spreadsheet.getSheetByName(name) as unknown as FakeSheet;

/** The calls of the third rebuild, per method, after statuses were typed and a tenth of the customers bought again. */
async function thirdRebuild(customers: number): Promise<{ byMethod: Record<string, number>; listed: number; history: number }> {
  const rt = await startRuntime({ Orders: orders(customers) }, { now: '2026-11-23T09:00Z' });
  // The reactivation campaign with a control group of 20%.
  const saved = rt.callJson('campaignsLoad') as { campaigns: Array<Record<string, unknown>> };
  const reactivate = saved.campaigns.find((c) => c.id === 'reactivate')!;
  expect((rt.callJson('campaignSave', { ...reactivate, controlShare: 0.2 }) as { errors: object }).errors).toEqual({});
  rt.call('rebuildAllReports');
  // A manager types a status on every fifth row of the list (as in the Sheets UI, through the drop-down).
  const values = rt.readSheet(LIST);
  const first = values.findIndex((r) => r[0] === 'Customer') + 1;
  let typed = 0;
  const isCustomer = (v: unknown): boolean => typeof v === 'string' && v.startsWith('Customer ');
  for (let r = first; r < values.length && isCustomer(values[r][0]); r += 5) {
    (sheet(rt, LIST).getRange(r + 1, STATUS) as unknown as FakeRange)._typeAsUser('reached');
    typed++;
  }
  expect(typed).toBeGreaterThan(customers / 10);
  // A week on, a tenth of the customers bought again: they leave the list for its history block.
  rt.clock.advance(7 * DAY_MS);
  const o = sheet(rt, 'Orders');
  const buyers = Array.from({ length: customers / 10 }, (_, k) => ['2026-11-25', `Customer ${k * 10}`, 50, k % 2 ? 'Olga' : 'Ivan']);
  o.insertRowsAfter(o.getMaxRows(), buyers.length);
  o.getRange(o.getMaxRows() - buyers.length + 1, 1, buyers.length, 4).setValues(buyers);
  rt.call('rebuildAllReports');
  rt.clock.advance(DAY_MS);
  rt.calls.reset();
  rt.call('rebuildAllReports');
  const byMethod = resized(rt.calls.snapshot().byMethod);
  const after = rt.readSheet(LIST);
  const historyTitle = after.findIndex((r) => typeof r[0] === 'string' && r[0].startsWith('Left the list'));
  const controlTitle = after.findIndex((r) => typeof r[0] === 'string' && r[0].startsWith('Control group'));
  const customersIn = (from: number, to: number) => after.slice(from, to).filter((r) => isCustomer(r[0])).length;
  // Still typed after the rebuilds, on the list or in the history.
  expect(after.filter((r) => r[STATUS - 1] === 'reached').length).toBe(typed);
  return { byMethod, listed: customersIn(0, historyTitle), history: customersIn(historyTitle, controlTitle) };
}

describe('service calls of a rebuild with worklists, history, control group and typed statuses do not grow with the rows', () => {
  it('the same calls, method by method, for 100 customers as for 1,000', async () => {
    const small = await thirdRebuild(100);
    const large = await thirdRebuild(1000);
    // The scenario has every part at both sizes: a list, customers in its history, a control group kept apart.
    for (const [r, n] of [
      [small, 100],
      [large, 1000],
    ] as const) {
      expect(r.history).toBeGreaterThan(0);
      expect(r.listed).toBeGreaterThan(n / 2);
      expect(r.listed + r.history).toBeLessThan(n);
    }
    expect(large.history).toBeGreaterThan(5 * small.history);
    expect(large.byMethod).toEqual(small.byMethod);
  }, 120_000);
});
