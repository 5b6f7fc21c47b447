/**
 * The per-customer facts a campaign target is checked against (target.ts), from
 * the summary as of the as-of date: the same segment, classes, lost flag and
 * yearly value the report sheets show, so that a worklist agrees with them.
 */
import { ABC, abcXyz, type AbcXyzOptions, checkAbcXyzOptions, returnPriority, XYZ } from '../abcXyz';
import { lostCustomers, type LostOptions } from '../churn';
import { type LifecycleBands, lifecycleSegments, SEGMENT_KEYS } from '../lifecycle';
import type { CustomerSummary } from '../summary';
import { customerHistories, fitBgNbd, ModelError, pAlive } from '../predictive/index';
import type { CustomerFacts } from './target';

export interface FactsOptions {
  bands: LifecycleBands;
  abcXyz: AbcXyzOptions;
  lost: LostOptions;
}

/** One fact row per customer of the summary, in its order; `pAlive` per row, or null where the model does not fit. */
export function customerFacts(summary: CustomerSummary, options: FactsOptions, pAlive: ArrayLike<number> | null): CustomerFacts[] {
  const segments = lifecycleSegments(summary, options.bands);
  const classes = abcXyz(summary, checkAbcXyzOptions(options.abcXyz));
  const lost = lostCustomers(summary, options.lost);
  const out: CustomerFacts[] = new Array(summary.size);
  for (let i = 0; i < summary.size; i++) {
    const p = pAlive === null ? NaN : pAlive[i];
    out[i] = {
      key: summary.key[i],
      segment: SEGMENT_KEYS[segments[i]],
      abc: ABC[classes.abc[i]],
      xyz: XYZ[classes.xyz[i]],
      lost: lost.lost[i] === 1,
      pAlive: Number.isFinite(p) ? p : null,
      purchases: summary.purchases[i],
      daysSince: lost.daysSinceLast[i],
      manager: summary.manager[i],
      yearlyValue: lost.yearlyValue[i],
      returnPriority: returnPriority(classes.abc[i], classes.xyz[i]),
      row: i,
    };
  }
  return out;
}

/**
 * P(alive) of every customer of the summary from a BG/NBD fit on their histories,
 * or null when the model does not fit these orders (too few repeat buyers...):
 * targets then treat a P(alive) range as unmet and the worklist leaves the column blank.
 */
export function pAliveOfSummary(summary: CustomerSummary): Float64Array | null {
  const histories = customerHistories(summary);
  let model;
  try {
    model = fitBgNbd(histories);
  } catch (e) {
    if (e instanceof ModelError) return null;
    throw e;
  }
  const out = new Float64Array(summary.size);
  for (let i = 0; i < summary.size; i++) out[i] = pAlive(model, histories[i]);
  return out;
}
