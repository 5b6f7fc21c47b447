// The report context the pure report tests build on: orders as read, the default
// parameters, the last two years to compare and the last one for the lost ratio.
import { DEFAULT_ABC_XYZ } from '../../src/core/abcXyz';
import { type Calendar, calendarFor } from '../../src/core/calendar';
import { DEFAULT_LOST } from '../../src/core/churn';
import type { Lang } from '../../src/i18n/catalogue';
import { DEFAULT_BANDS } from '../../src/core/lifecycle';
import type { ReadResult } from '../../src/core/orders';
import { buildSummary } from '../../src/core/summary';
import type { ReportContext, ReportParams } from '../../src/reports/context';

export interface ContextOptions {
  calendar?: Calendar;
  lang?: Lang;
  /** Parameters other than the defaults (planGrowth, say). */
  params?: Partial<ReportParams>;
}

export function defaultParams(asOf: number): ReportParams {
  return {
    bands: DEFAULT_BANDS,
    abcXyz: DEFAULT_ABC_XYZ,
    comparison: { period1: { from: asOf - 730, to: asOf - 365 }, period2: { from: asOf - 365, to: asOf } },
    lost: DEFAULT_LOST,
    lostPeriod: { from: asOf - 365, to: asOf },
    actions: {},
  };
}

export function reportContextOf({ orders, report }: ReadResult, asOf: number, o: ContextOptions = {}): ReportContext {
  const calendar = o.calendar ?? calendarFor('Etc/UTC');
  return {
    lang: o.lang ?? 'en',
    locale: 'en_US',
    currency: null,
    orders,
    summary: buildSummary(orders, { asOf }),
    asOf,
    dateOf: (d) => calendar.dateOf(d),
    params: { ...defaultParams(asOf), ...o.params },
    source: { sheetName: 'Orders', rows: report.rows, unreadableRows: report.unreadableRows },
  };
}
