import { type LifecycleBands, DEFAULT_BANDS, SEGMENT_COUNT, checkBands, lifecycleSegments, segmentOf } from '../core/lifecycle';
import { isBlank, parseDay } from '../core/values';
import { segmentName } from '../reports/layout';
import { t } from '../i18n/catalogue';
import {
  type CallContext,
  asCallError,
  asOfArg,
  callContext,
  callError,
  columnValues,
  dateExpected,
  guarded,
  isSingleDate,
  numberColumn,
  numberListArg,
  rowError,
  sameLengths,
  typedValue,
  withLanguage,
} from './args';
import { customerCells, customerHeader, ordersArgs, ordersTableArg } from './rawOrders';

function bandsArgs(ctx: CallContext, countBands: unknown, recencyBands: unknown): LifecycleBands {
  const [prospectiveFrom, regularFrom] = pairOf(ctx, 'count_bands', countBands, [DEFAULT_BANDS.prospectiveFrom, DEFAULT_BANDS.regularFrom]);
  const [activeTo, sleepingTo] = pairOf(ctx, 'recency_bands', recencyBands, [DEFAULT_BANDS.activeTo, DEFAULT_BANDS.sleepingTo]);
  // Checked here too, to name the argument and quote it as typed; checkBands stays the rule's one place.
  const whole = Number.isInteger;
  if (!(whole(prospectiveFrom) && whole(regularFrom) && prospectiveFrom >= 2 && regularFrom > prospectiveFrom)) {
    throw callError(ctx, 'err.fn.countBands', { name: 'count_bands', value: { quote: typedValue(countBands) } });
  }
  if (!(whole(activeTo) && whole(sleepingTo) && activeTo >= 0 && sleepingTo > activeTo)) {
    throw callError(ctx, 'err.fn.recencyBands', { name: 'recency_bands', value: { quote: typedValue(recencyBands) } });
  }
  try {
    return checkBands({ prospectiveFrom, regularFrom, activeTo, sleepingTo });
  } catch (e) {
    throw asCallError(ctx, e);
  }
}

export function pairOf(ctx: CallContext, name: string, value: unknown, fallback: [number, number]): [number, number] {
  const list = numberListArg(ctx, name, value, fallback);
  if (list.length !== 2) throw callError(ctx, 'err.fn.pairCount', { name, a: fallback[0], b: fallback[1], count: list.length });
  return [list[0], list[1]];
}

/**
 * LIFECYCLE_SEGMENT: raw orders -> per-customer table; or purchases + last purchase
 * per customer -> one segment per row.
 */
export function lifecycleSegment(...args: unknown[]): unknown[][] {
  const [customersOrPurchases, datesOrLastPurchase, amountsOrAsOf, asOfOrCountBands, ...rest] = args;
  return guarded('LIFECYCLE_SEGMENT', () => {
    // The language sits at a different position in each shape: read it once the shape is known.
    const base = callContext('LIFECYCLE_SEGMENT', undefined);
    if (!ordersTableArg(customersOrPurchases) && isSingleDate(base, amountsOrAsOf)) {
      // Per-customer form: (purchases, last_purchase, as_of, count_bands, recency_bands, language)
      const [recencyBands, language] = rest;
      const ctx = withLanguage(base, language);
      const asOf = asOfArg(ctx, amountsOrAsOf);
      const bands = bandsArgs(ctx, asOfOrCountBands, recencyBands);
      const lastValues = columnValues(ctx, 'last_purchase', datesOrLastPurchase);
      const purchaseValues = columnValues(ctx, 'purchases', customersOrPurchases);
      const n = sameLengths(ctx, [
        ['purchases', purchaseValues],
        ['last_purchase', lastValues],
      ]);
      const purchases = numberColumn(ctx, 'purchases', purchaseValues, (p) => Number.isInteger(p) && p >= 1, 'err.expect.wholePurchases');
      const out: unknown[][] = [];
      for (let i = 0; i < n; i++) {
        if (isBlank(purchaseValues[i]) && isBlank(lastValues[i])) {
          out.push(['']);
          continue;
        }
        const last = parseDay(lastValues[i], ctx.calendar, ctx.rules);
        if (Number.isNaN(last)) throw rowError(ctx, 'last_purchase', i + 1, lastValues[i], dateExpected(ctx, lastValues[i]));
        if (Number.isNaN(purchases[i])) throw callError(ctx, 'err.fn.rowEmpty', { name: 'purchases', row: i + 1 });
        if (last >= asOf)
          throw callError(ctx, 'err.fn.notBeforeAsOf', { name: 'last_purchase', row: i + 1, value: { quote: lastValues[i] } });
        out.push([segmentName(ctx.lang, segmentOf(purchases[i], asOf - last, bands))]);
      }
      return out.length ? out : [['']];
    }
    // Order rows: (customers, dates, amounts, as_of, count_bands, recency_bands, language) or (table, as_of, ...)
    const call = ordersArgs(args);
    const [countBands, recencyBands, language] = call.options;
    const ctx = withLanguage(base, language);
    const bands = bandsArgs(ctx, countBands, recencyBands);
    const raw = call.read(ctx);
    const { summary, hasAmounts } = raw;
    const segments = lifecycleSegments(summary, bands);
    const L = ctx.lang;
    const header = [
      ...customerHeader(L, raw),
      t(L, 'col.purchases'),
      t(L, 'col.firstPurchase'),
      t(L, 'col.lastPurchase'),
      t(L, 'col.daysSince'),
    ];
    if (hasAmounts) header.push(t(L, 'col.revenue'));
    header.push(t(L, 'col.segment'));
    const out: unknown[][] = [header];
    // Nine labels, looked up once rather than once per customer.
    const labels = Array.from({ length: SEGMENT_COUNT }, (_, s) => segmentName(L, s));
    for (let i = 0; i < summary.size; i++) {
      const row: unknown[] = [
        ...customerCells(raw, i),
        summary.purchases[i],
        ctx.calendar.dateOf(summary.firstPurchase[i]),
        ctx.calendar.dateOf(summary.lastPurchase[i]),
        summary.asOf - summary.lastPurchase[i],
      ];
      if (hasAmounts) row.push(summary.revenue[i]);
      row.push(labels[segments[i]]);
      out.push(row);
    }
    return out;
  });
}
