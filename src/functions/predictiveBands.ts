import { DEFAULT_BANDS } from '../core/lifecycle';
import { suggestBands, explainBands } from '../core/suggestBands';
import { t } from '../i18n/catalogue';
import { callContext, guarded } from './args';
import { ordersArgs } from './rawOrders';

/**
 * SUGGEST_BANDS: raw orders -> the four lifecycle cut points the data suggests,
 * next to the defaults, each with its reason. Rows are in the order
 * LIFECYCLE_SEGMENT takes them: count bands (Prospective, Regular), then recency
 * bands (Active, Sleeping), so `B2:B3` and `B4:B5` can be passed straight on.
 */
export function suggestBandsFunction(...args: unknown[]): unknown[][] {
  return guarded('SUGGEST_BANDS', () => {
    // (customers, dates, amounts, as_of, language) or (table, as_of, language)
    const call = ordersArgs(args);
    const ctx = callContext('SUGGEST_BANDS', call.options[0]);
    const { summary } = call.read(ctx);
    const suggestion = suggestBands(summary);
    const why = explainBands(ctx.lang, suggestion);
    const L = ctx.lang;
    const { bands } = suggestion;
    return [
      [t(L, 'model.bands.col.bound'), t(L, 'model.bands.col.suggested'), t(L, 'model.bands.col.default'), t(L, 'model.bands.col.why')],
      [t(L, 'model.bands.prospective'), bands.prospectiveFrom, DEFAULT_BANDS.prospectiveFrom, why.prospective],
      [t(L, 'model.bands.regular'), bands.regularFrom, DEFAULT_BANDS.regularFrom, why.regular],
      [t(L, 'model.bands.active'), bands.activeTo, DEFAULT_BANDS.activeTo, why.active],
      [t(L, 'model.bands.sleeping'), bands.sleepingTo, DEFAULT_BANDS.sleepingTo, why.sleeping],
    ];
  });
}
