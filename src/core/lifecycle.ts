/**
 * Customer lifecycle segments (docs/definitions.md: lifecycle segments): purchase count x recency,
 * a 3 x 3 matrix of nine segments.
 */
import { fromCents, toCents } from './money';
import { UserError } from './errors';
import { type CustomerSummary } from './summary';

export const COUNT_BANDS = ['new', 'prospective', 'regular'] as const;
export const RECENCY_BANDS = ['active', 'sleeping', 'lapsed'] as const;
export type CountBand = (typeof COUNT_BANDS)[number];
export type RecencyBand = (typeof RECENCY_BANDS)[number];

/** Segment id 0..8 = count band x 3 + recency band: New Active is 0, Regular Lapsed is 8. */
export type SegmentId = number;
export const SEGMENT_COUNT = 9;

export interface LifecycleBands {
  /** Fewest purchases of a Prospective customer (default 2). */
  prospectiveFrom: number;
  /** Fewest purchases of a Regular customer (default 4). */
  regularFrom: number;
  /** Most days since the last purchase of an Active customer (default 60). */
  activeTo: number;
  /** Most days since the last purchase of a Sleeping customer (default 180). */
  sleepingTo: number;
}

export const DEFAULT_BANDS: LifecycleBands = { prospectiveFrom: 2, regularFrom: 4, activeTo: 60, sleepingTo: 180 };

/** Throws a readable error unless the four cut points make three non-empty bands on each axis. */
export function checkBands(bands: LifecycleBands): LifecycleBands {
  const { prospectiveFrom, regularFrom, activeTo, sleepingTo } = bands;
  const whole = (n: number): boolean => Number.isInteger(n);
  if (!whole(prospectiveFrom) || !whole(regularFrom) || prospectiveFrom < 2 || regularFrom <= prospectiveFrom) {
    throw UserError.of('err.core.countBands', { a: prospectiveFrom, b: regularFrom });
  }
  if (!whole(activeTo) || !whole(sleepingTo) || activeTo < 0 || sleepingTo <= activeTo) {
    throw UserError.of('err.core.recencyBands', { a: activeTo, b: sleepingTo });
  }
  return bands;
}

export function countBandOf(purchases: number, bands: LifecycleBands): number {
  return purchases >= bands.regularFrom ? 2 : purchases >= bands.prospectiveFrom ? 1 : 0;
}

export function recencyBandOf(daysSinceLast: number, bands: LifecycleBands): number {
  return daysSinceLast <= bands.activeTo ? 0 : daysSinceLast <= bands.sleepingTo ? 1 : 2;
}

/** The segment of one customer from their purchase count and days since the last purchase. */
export function segmentOf(purchases: number, daysSinceLast: number, bands: LifecycleBands = DEFAULT_BANDS): SegmentId {
  return countBandOf(purchases, bands) * 3 + recencyBandOf(daysSinceLast, bands);
}

/** Segment of every customer of the summary, as of its date. */
export function lifecycleSegments(summary: CustomerSummary, bands: LifecycleBands = DEFAULT_BANDS): Uint8Array {
  const out = new Uint8Array(summary.size);
  for (let i = 0; i < summary.size; i++) {
    out[i] = segmentOf(summary.purchases[i], summary.asOf - summary.lastPurchase[i], bands);
  }
  return out;
}

export function segmentBands(segment: SegmentId): { count: CountBand; recency: RecencyBand } {
  return { count: COUNT_BANDS[Math.floor(segment / 3)], recency: RECENCY_BANDS[segment % 3] };
}

/** Stable machine name of a segment, e.g. `prospective_sleeping`. */
export function segmentKey(segment: SegmentId): string {
  const { count, recency } = segmentBands(segment);
  return `${count}_${recency}`;
}

/** Every segment key in matrix order (`new_active` ... `regular_lapsed`); a key's index is its SegmentId. */
export const SEGMENT_KEYS: readonly string[] = Array.from({ length: SEGMENT_COUNT }, (_, s) => segmentKey(s));

/** Customers and revenue per cell of the matrix, with the base's health figures. */
export interface LifecycleMatrix {
  customers: number[];
  revenue: number[];
  totalCustomers: number;
  totalRevenue: number;
  /** Shares of one-time, prospective and regular customers (0..1). */
  countShares: [number, number, number];
  /** Share of customers in the Active column: 30% or more is healthy. */
  activeShare: number;
}

export function lifecycleMatrix(summary: CustomerSummary, segments: Uint8Array): LifecycleMatrix {
  const customers = new Array<number>(SEGMENT_COUNT).fill(0);
  const revenue = new Array<number>(SEGMENT_COUNT).fill(0);
  let totalRevenue = 0;
  for (let i = 0; i < summary.size; i++) {
    customers[segments[i]]++;
    const cents = toCents(summary.revenue[i]);
    revenue[segments[i]] += cents;
    totalRevenue += cents;
  }
  for (let s = 0; s < SEGMENT_COUNT; s++) revenue[s] = fromCents(revenue[s]);
  totalRevenue = fromCents(totalRevenue);
  const total = summary.size;
  const share = (n: number): number => (total === 0 ? 0 : n / total);
  const row = (c: number): number => customers[c * 3] + customers[c * 3 + 1] + customers[c * 3 + 2];
  return {
    customers,
    revenue,
    totalCustomers: total,
    totalRevenue,
    countShares: [share(row(0)), share(row(1)), share(row(2))],
    activeShare: share(customers[0] + customers[3] + customers[6]),
  };
}
