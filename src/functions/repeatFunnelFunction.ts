import { FUNNEL_MONTHS, repeatFunnel } from '../core/repeatFunnel';
import { t } from '../i18n/catalogue';
import { callContext, guarded, withLanguage } from './args';
import { ordersArgs } from './rawOrders';

/**
 * REPEAT_FUNNEL: order rows (the whole orders table, or customers, dates and
 * amounts) -> one row per month of first purchase, the last 24: the cohort's
 * customers and the share whose second purchase came within 1 .. 12 months (blank
 * while the cohort is too young to tell), and the share who bought again so far.
 */
export function repeatFunnelFunction(...args: unknown[]): unknown[][] {
  return guarded('REPEAT_FUNNEL', () => {
    const base = callContext('REPEAT_FUNNEL', undefined);
    // (table, as_of, language) or (customers, dates, amounts, as_of, language).
    const call = ordersArgs(args);
    const [language] = call.options;
    const ctx = withLanguage(base, language);
    const { summary } = call.read(ctx);
    const funnel = repeatFunnel(summary);
    const L = ctx.lang;
    const out: unknown[][] = [
      [
        t(L, 'report.funnel.cohort'),
        t(L, 'report.funnel.customers'),
        ...Array.from({ length: FUNNEL_MONTHS }, (_, k) => t(L, 'report.funnel.within', { n: k + 1 })),
        t(L, 'report.funnel.soFar'),
      ],
    ];
    for (const c of funnel.cohorts) {
      out.push([ctx.calendar.dateOf(c.start), c.customers, ...c.share.map((s) => s ?? ''), c.repeatedShare ?? '']);
    }
    return out;
  });
}
