/**
 * The CDNOW data set (Fader, Hardie & Lee 2005) as per-customer summaries, for
 * tests only. The 1-in-10 sample ships in test/data/cdnow/ (see its README).
 *
 * Built the way the published figures were: a purchase is a customer-day (rows on
 * the same day are merged, amounts summed); the calibration period runs from
 * 1997-01-01 to 1997-09-30 inclusive; times are days / 7, with
 * T = (1997-09-30 - first purchase) / 7, so a customer who started on 1 January has
 * T = 272/7 = 38.86 weeks (as in the summary data of lifetimes, BTYD and CLVTools).
 * The holdout is 1997-10-01..1998-06-30 (39 weeks).
 */

import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const DATA_DIR = new URL('../data/cdnow/', import.meta.url);
const CALIBRATION_END = dayNumber('19970930');
const HOLDOUT_END = dayNumber('19980630');

export interface CdnowCustomer {
  id: string;
  /** Repeat purchases (customer-days after the first) in the calibration period. */
  x: number;
  /** Days from first to last calibration purchase, and the same in weeks. */
  txDays: number;
  tx: number;
  /** Days from first purchase to 1997-09-30, and the same in weeks. */
  TDays: number;
  T: number;
  /** Mean amount of the calibration repeat purchases (0 when x = 0). */
  monetary: number;
  /** Purchases (customer-days) in the holdout period. */
  holdoutPurchases: number;
  /** Days from 1997-01-01 to the first purchase. */
  firstDay: number;
}

/** The 1-in-10 sample: 2,357 customers. */
export function loadCdnowSample(): CdnowCustomer[] {
  // master_id sample_id date cds dollars; the sample id numbers the customers 0001..2357.
  return summarise(readRows('CDNOW_sample.txt', false).map(([, id, date, , amount]) => ({ id, date, amount })));
}

/** Path of a CDNOW file, for scripts that want to read it themselves. */
export function cdnowPath(file: string): string {
  return fileURLToPath(new URL(file, DATA_DIR));
}

interface Transaction {
  id: string;
  date: string;
  amount: string;
}

function readRows(file: string, hasHeader: boolean): string[][] {
  const lines = readFileSync(cdnowPath(file), 'utf8')
    .split(/\r?\n/)
    .filter((line) => line.trim() !== '');
  return (hasHeader ? lines.slice(1) : lines).map((line) => line.trim().split(/\s+/));
}

function summarise(transactions: readonly Transaction[]): CdnowCustomer[] {
  // customer -> day -> amount spent that day, in first-seen order of customers
  const days = new Map<string, Map<number, number>>();
  for (const { id, date, amount } of transactions) {
    let byDay = days.get(id);
    if (!byDay) days.set(id, (byDay = new Map()));
    const day = dayNumber(date);
    byDay.set(day, (byDay.get(day) ?? 0) + Number(amount));
  }
  const origin = dayNumber('19970101');
  const customers: CdnowCustomer[] = [];
  for (const [id, byDay] of days) {
    const sorted = [...byDay.keys()].sort((p, q) => p - q);
    const first = sorted[0];
    const calibration = sorted.filter((d) => d <= CALIBRATION_END);
    const repeats = calibration.slice(1);
    const last = calibration[calibration.length - 1];
    const spend = repeats.reduce((sum, d) => sum + (byDay.get(d) ?? 0), 0);
    customers.push({
      id,
      x: repeats.length,
      txDays: last - first,
      tx: (last - first) / 7,
      TDays: CALIBRATION_END - first,
      T: (CALIBRATION_END - first) / 7,
      monetary: repeats.length > 0 ? spend / repeats.length : 0,
      holdoutPurchases: sorted.filter((d) => d > CALIBRATION_END && d <= HOLDOUT_END).length,
      firstDay: first - origin,
    });
  }
  return customers;
}

/** Days since 1970-01-01 of a YYYYMMDD date. */
function dayNumber(yyyymmdd: string): number {
  const y = Number(yyyymmdd.slice(0, 4));
  const m = Number(yyyymmdd.slice(4, 6));
  const d = Number(yyyymmdd.slice(6, 8));
  return Date.UTC(y, m - 1, d) / 86_400_000;
}
