/**
 * Model check: how well the BG/NBD model would have predicted the purchases after
 * a split date the manager picks, and, with the model refitted on all purchases,
 * each customer's chance of still buying next to their lifecycle segment, so that
 * "Sleeping but probably alive" customers stand out as worth a call.
 *
 * Calibration = purchases before the split day; holdout = the split day up to the
 * day before the as-of date, or up to the last order if the orders end earlier (a
 * holdout running on past the data would count purchases the sheet cannot have).
 * Only customers whose first purchase is in the calibration period are predicted
 * and counted (the model says nothing about customers it has not seen).
 */
import { UserError } from '../core/errors';
import { localeDay, localeMessage } from '../core/localeMessages';
import { checkBands, lifecycleSegments, recencyBandOf } from '../core/lifecycle';
import {
  customerHistories,
  expectedPurchasesOfEach,
  fitBgNbd,
  fitGammaGamma,
  pAlive,
  purchasesFrom,
  scoreCustomers,
  totalExpectedPurchasesAt,
  ModelError,
  type BgNbdModel,
  type RfmRow,
} from '../core/predictive/index';
import { buildSummary, type CustomerSummary } from '../core/summary';
import { t, type Lang, type MessageKey } from '../i18n/catalogue';
import type { ReportContext } from './context';
import {
  COLOUR,
  FORMAT,
  moneyFormat,
  SheetGrid,
  dateCache,
  dateFormat,
  formatNumber,
  segmentName,
  writeSection,
  writeTable,
} from './layout';
import type { Cell, SheetSpec } from './sheetSpec';

/** A Sleeping repeat buyer at least this likely to be alive is flagged: more likely alive than not. */
export const PROBABLY_ALIVE = 0.5;
/** Horizon of the expected-purchases column of the customer table. */
export const NEXT_DAYS = 90;
/** Horizon of the CLV column, months. */
export const CLV_MONTHS = 12;
/** Calibration classes by repeat purchases: 0 .. 6 and "7+". */
const TOP_CLASS = 7;
const WEEKLY_LEFT = 9;

export interface ModelCheckFigures {
  /** Calibration customers (first purchase before the split day). */
  customers: number;
  /** The day after the holdout: the as-of date, or the day after the last order if that is earlier. */
  holdoutEnd: number;
  holdoutDays: number;
  actual: number;
  predicted: number;
  /** Per calibration class 0 .. 7+ (index 7 holds 7 and more). */
  byClass: { customers: number; actual: number; predicted: number }[];
  /** Cumulative at the end of each holdout week. */
  weekly: { endDay: number; actual: number; predicted: number }[];
  model: BgNbdModel;
}

/** The day after the last order before the as-of date, or the as-of date itself if that comes first. */
export function holdoutEndDay(full: CustomerSummary): number {
  let last = -Infinity;
  for (let e = 0; e < full.eventDay.length; e++) last = Math.max(last, full.eventDay[e]);
  return Math.min(full.asOf, last + 1);
}

/**
 * The calibration/holdout comparison on its own (no sheet), for tests and for
 * anyone who wants the figures. The split day must come before the holdout's end.
 */
export function modelCheckFigures(
  orders: ReportContext['orders'],
  full: CustomerSummary,
  splitDay: number,
  lang: Lang,
  locale?: string,
): ModelCheckFigures {
  const calibration = buildSummary(orders, { asOf: splitDay });
  const histories = customerHistories(calibration);
  const model = fitOr(lang, 'model.check.error.fit', () => fitBgNbd(histories), locale);
  const holdoutEnd = holdoutEndDay(full);
  const holdoutDays = holdoutEnd - splitDay;

  // Calibration customer -> their row in the full summary (both hold directory refs).
  const rowOfRef = new Map<number, number>();
  for (let i = 0; i < full.size; i++) rowOfRef.set(full.ref[i], i);
  const holdoutCounts = purchasesFrom(full, splitDay);
  const weeks = Math.ceil(holdoutDays / 7);
  const actualPerWeek = new Array<number>(weeks).fill(0);
  const actual = new Int32Array(calibration.size);
  for (let c = 0; c < calibration.size; c++) {
    const i = rowOfRef.get(calibration.ref[c]);
    if (i === undefined) continue;
    actual[c] = holdoutCounts[i];
    for (let e = full.start[i]; e < full.start[i + 1]; e++) {
      if (full.eventIsPurchase[e] && full.eventDay[e] >= splitDay) actualPerWeek[Math.floor((full.eventDay[e] - splitDay) / 7)]++;
    }
  }

  const predicted = expectedPurchasesOfEach(model, histories, holdoutDays);
  const byClass = Array.from({ length: TOP_CLASS + 1 }, () => ({ customers: 0, actual: 0, predicted: 0 }));
  let actualTotal = 0;
  let predictedTotal = 0;
  for (let c = 0; c < calibration.size; c++) {
    const cls = byClass[Math.min(TOP_CLASS, histories[c].x)];
    cls.customers++;
    cls.actual += actual[c];
    cls.predicted += predicted[c];
    actualTotal += actual[c];
    predictedTotal += predicted[c];
  }

  const horizons = Array.from({ length: weeks }, (_, k) => Math.min(7 * (k + 1), holdoutDays));
  const predictedCurve = totalExpectedPurchasesAt(model, histories, horizons);
  let running = 0;
  const weekly = horizons.map((h, k) => {
    running += actualPerWeek[k];
    return { endDay: splitDay + h - 1, actual: running, predicted: predictedCurve[k] };
  });
  return { customers: calibration.size, holdoutEnd, holdoutDays, actual: actualTotal, predicted: predictedTotal, byClass, weekly, model };
}

/** Runs a fit; a model that cannot be identified becomes the report's message in the user's language (numbers by the locale). */
function fitOr<T>(lang: Lang, key: MessageKey, fit: () => T, locale?: string): T {
  try {
    return fit();
  } catch (e) {
    if (e instanceof ModelError) throw new UserError(t(lang, key, { reason: e.messageIn(lang, locale) }));
    if (e instanceof UserError) throw new UserError(t(lang, key, { reason: e.messageIn(lang, locale) }));
    throw e;
  }
}

export function buildModelCheck(ctx: ReportContext, splitDay: number): SheetSpec {
  const L = ctx.lang;
  const bands = checkBands(ctx.params.bands);
  // Holdout purchases need every purchase before the as-of date.
  const full = ctx.summary.from === -Infinity ? ctx.summary : buildSummary(ctx.orders, { asOf: ctx.asOf });
  let firstDay = Infinity;
  for (let i = 0; i < full.size; i++) firstDay = Math.min(firstDay, full.firstPurchase[i]);
  const df = dateFormat(ctx);
  const iso = (day: number): string => (Number.isFinite(day) ? ctx.dateOf(day).toISOString().slice(0, 10) : '—');
  // The dates a sentence states are written as the locale's date cells (docs/definitions.md §19); the split date as typed (ISO).
  const shown = (day: number): string => (Number.isFinite(day) ? localeDay(ctx.locale, day) : '—');
  if (!(Number.isInteger(splitDay) && splitDay > firstDay && splitDay < ctx.asOf)) {
    throw new UserError(
      t(L, 'model.check.error.split', {
        first: shown(firstDay),
        asOf: shown(ctx.asOf),
        split: Number.isFinite(splitDay) ? iso(splitDay) : String(splitDay),
      }),
    );
  }
  const holdoutEnd = holdoutEndDay(full);
  if (splitDay >= holdoutEnd)
    throw new UserError(t(L, 'model.check.error.splitAfterLastOrder', { last: shown(holdoutEnd - 1), split: iso(splitDay) }));

  const figures = modelCheckFigures(ctx.orders, full, splitDay, L, ctx.locale);
  const { model } = figures;

  // Today's view: the model refitted on all purchases, next to each customer's segment.
  const histories: RfmRow[] = customerHistories(full);
  const current = fitOr(L, 'model.check.error.fitAll', () => fitBgNbd(histories), ctx.locale);
  const alive = histories.map((h) => pAlive(current, h));
  const expected = expectedPurchasesOfEach(current, histories, NEXT_DAYS);
  const clv = ctx.orders.hasAmount ? clvOrNull(histories, current) : null;
  const segments = lifecycleSegments(full, bands);
  const flagged = (i: number): boolean =>
    full.purchases[i] >= 2 && recencyBandOf(full.asOf - full.lastPurchase[i], bands) === 1 && alive[i] >= PROBABLY_ALIVE;

  const g = new SheetGrid();
  g.put(1, 1, [t(L, 'model.check.title')]);
  g.style({ row: 1, col: 1, rows: 1, cols: 1 }, { bold: true, fontSize: 14 });
  g.put(2, 1, [t(L, 'model.check.intro')]);
  g.style({ row: 2, col: 1, rows: 1, cols: 7 }, { merge: true, wrap: true, italic: true, fontColor: '#5f6368' });
  const periods: Cell[][] = [
    [t(L, 'model.check.asOf'), ctx.dateOf(ctx.asOf)],
    [t(L, 'model.check.source'), ctx.source.sheetName],
    [t(L, 'model.check.calibration'), ctx.dateOf(firstDay), ctx.dateOf(splitDay - 1)],
    [
      t(L, 'model.check.holdout'),
      ctx.dateOf(splitDay),
      ctx.dateOf(holdoutEnd - 1),
      ...(holdoutEnd < ctx.asOf ? [t(L, 'model.check.holdoutEndsAtLastOrder', { date: shown(holdoutEnd - 1) })] : []),
    ],
    [t(L, 'model.check.holdoutWeeks'), figures.holdoutDays / 7],
  ];
  periods.forEach((row, k) => g.put(4 + k, 1, row));
  g.style({ row: 4, col: 1, rows: periods.length, cols: 1 }, { fontColor: '#5f6368' });
  g.style({ row: 4, col: 2, rows: 4, cols: 2 }, { numberFormat: df, align: 'left' });
  g.style({ row: 5, col: 2, rows: 1, cols: 1 }, { numberFormat: FORMAT.text });
  g.style({ row: 8, col: 2, rows: 1, cols: 1 }, { numberFormat: FORMAT.decimal, align: 'left' });

  // The calibration fit.
  let top = 4 + periods.length + 1;
  writeSection(g, top, 1, t(L, 'model.check.fit'), 3);
  const p = model.params;
  const se = model.standardErrors;
  const common = model.commonDropout;
  // With one dropout probability for everyone, a and b only carry that limit.
  const notIdentified = t(L, 'model.se.notIdentified');
  const fit = writeTable(
    g,
    top + 1,
    1,
    [
      { header: t(L, 'model.col.parameter') },
      { header: t(L, 'col.value'), format: '#,##0.0000' },
      { header: t(L, 'model.col.standardError'), format: '#,##0.0000' },
    ],
    [
      ['r', p.r, se.r],
      [t(L, 'model.param.alphaDays'), p.alpha, se.alpha],
      ['a', p.a, common ? notIdentified : se.a],
      ['b', p.b, common ? notIdentified : se.b],
      ...(common ? [[t(L, 'model.param.commonDropout'), common.p, common.standardError]] : []),
      [t(L, 'model.param.alphaWeeks'), p.alpha / 7, se.alpha / 7],
      [t(L, 'model.row.customers'), figures.customers, ''],
      [t(L, 'model.row.repeatBuyers'), model.repeatBuyers, ''],
    ],
  );
  g.style({ row: fit.last - 1, col: 2, rows: 2, cols: 1 }, { numberFormat: FORMAT.count });
  if (common) {
    g.put(fit.last + 1, 1, [t(L, 'model.note.commonDropout')]);
    g.style({ row: fit.last + 1, col: 1, rows: 1, cols: 7 }, { merge: true, wrap: true, italic: true, fontColor: '#5f6368' });
  }

  // Totals.
  top = fit.last + (common ? 3 : 2);
  writeSection(g, top, 1, t(L, 'model.check.totals'), 4);
  const difference = figures.actual > 0 ? figures.predicted / figures.actual - 1 : '';
  const totals = writeTable(
    g,
    top + 1,
    1,
    [
      { header: '' },
      { header: t(L, 'model.check.actual'), format: FORMAT.count },
      { header: t(L, 'model.check.predicted'), format: FORMAT.decimal },
      { header: t(L, 'model.check.difference'), format: FORMAT.percent },
    ],
    [[t(L, 'model.check.allCustomers'), figures.actual, figures.predicted, difference]],
  );

  // By repeat purchases in the calibration period.
  top = totals.last + 2;
  writeSection(g, top, 1, t(L, 'model.check.byCount'), 6);
  const perCustomer = (v: number, n: number): Cell => (n > 0 ? v / n : '');
  const classRows: Cell[][] = figures.byClass.map((c, x) => [
    x === TOP_CLASS ? `${TOP_CLASS}+` : String(x),
    c.customers,
    c.actual,
    c.predicted,
    perCustomer(c.actual, c.customers),
    perCustomer(c.predicted, c.customers),
  ]);
  const byCount = writeTable(
    g,
    top + 1,
    1,
    [
      { header: t(L, 'model.check.repeatInCalibration'), format: FORMAT.text, align: 'center' },
      { header: t(L, 'model.row.customers'), format: FORMAT.count },
      { header: t(L, 'model.check.actual'), format: FORMAT.count },
      { header: t(L, 'model.check.predicted'), format: FORMAT.decimal },
      { header: t(L, 'model.check.actualPerCustomer'), format: FORMAT.ratio },
      { header: t(L, 'model.check.predictedPerCustomer'), format: FORMAT.ratio },
    ],
    classRows,
    [
      t(L, 'model.check.allCustomers'),
      figures.customers,
      figures.actual,
      figures.predicted,
      perCustomer(figures.actual, figures.customers),
      perCustomer(figures.predicted, figures.customers),
    ],
  );

  // Cumulative purchases per week, beside the tables, feeding the chart.
  const weeklyTop = 11;
  writeSection(g, weeklyTop - 1, WEEKLY_LEFT, t(L, 'model.check.weekly'), 3);
  const weekly = writeTable(
    g,
    weeklyTop,
    WEEKLY_LEFT,
    [
      { header: t(L, 'model.check.weekEnding'), format: df },
      { header: t(L, 'model.check.actual'), format: FORMAT.count },
      { header: t(L, 'model.check.predicted'), format: FORMAT.decimal },
    ],
    figures.weekly.map((w) => [ctx.dateOf(w.endDay), w.actual, w.predicted]),
  );
  g.charts.push({
    type: 'line',
    data: { row: weekly.header, col: WEEKLY_LEFT, rows: figures.weekly.length + 1, cols: 3 },
    anchor: { row: weeklyTop - 1, col: WEEKLY_LEFT + 4 },
    title: t(L, 'model.check.weekly'),
    width: 640,
    height: 360,
  });

  // Every customer: flagged "Sleeping but probably alive" first, then by segment.
  top = Math.max(byCount.last, weekly.last) + 2;
  writeSection(g, top, 1, t(L, 'model.check.customers'), 7);
  g.put(top + 1, 1, [t(L, 'model.check.customersNote')]);
  g.style({ row: top + 1, col: 1, rows: 1, cols: 7 }, { merge: true, wrap: true, italic: true, fontColor: '#5f6368' });
  const order = Array.from({ length: full.size }, (_, i) => i);
  const flags = order.map(flagged);
  order.sort((i, j) => {
    if (flags[i] !== flags[j]) return flags[i] ? -1 : 1;
    if (!flags[i] && segments[i] !== segments[j]) return segments[i] - segments[j];
    return alive[j] - alive[i] || expected[j] - expected[i] || i - j;
  });
  const dateOf = dateCache(ctx);
  const flagText = t(L, 'model.check.sleepingAlive');
  const segmentText = Array.from({ length: 9 }, (_, s) => segmentName(L, s));
  const withManager = ctx.orders.hasManager;
  const rows: Cell[][] = order.map((i) => {
    const row: Cell[] = [
      full.name[i],
      segmentText[segments[i]],
      full.purchases[i],
      dateOf(full.lastPurchase[i]),
      full.asOf - full.lastPurchase[i],
      alive[i],
      expected[i],
    ];
    if (clv) row.push(clv[i]);
    if (withManager) row.push(full.manager[i]);
    row.push(flags[i] ? flagText : '');
    return row;
  });
  const customerColumns = [
    { header: t(L, 'col.customer'), format: FORMAT.text },
    { header: t(L, 'col.segment') },
    { header: t(L, 'col.purchases'), format: FORMAT.count },
    { header: t(L, 'col.lastPurchase'), format: df },
    { header: t(L, 'col.daysSince'), format: FORMAT.count },
    { header: t(L, 'model.col.pAlive'), format: '0%' },
    { header: t(L, 'model.col.expectedPurchasesDays', { days: NEXT_DAYS }), format: FORMAT.ratio },
    ...(clv ? [{ header: t(L, 'model.col.clv', { months: CLV_MONTHS }), format: moneyFormat(ctx) }] : []),
    ...(withManager ? [{ header: t(L, 'model.check.manager'), format: FORMAT.text }] : []),
    { header: t(L, 'model.check.flag') },
  ];
  const table = writeTable(g, top + 2, 1, customerColumns, rows);
  const flaggedCount = flags.reduce((n, f) => n + (f ? 1 : 0), 0);
  if (flaggedCount > 0)
    g.style({ row: table.first, col: 1, rows: flaggedCount, cols: customerColumns.length }, { background: COLOUR.input });

  const weeks = figures.holdoutDays / 7;
  return g.spec({
    kind: 'modelCheck',
    key: 'modelCheck',
    name: t(L, 'model.check.sheetName'),
    // The count of flagged customers drives the plural form too: the locale's marks come from localeMessage.
    summary: localeMessage(L, ctx.locale, 'model.check.summary', {
      predicted: formatNumber(ctx, figures.predicted),
      actual: formatNumber(ctx, figures.actual),
      weeks: formatNumber(ctx, weeks, Number.isInteger(weeks) ? 0 : 1),
      flagged: flaggedCount,
    }),
    columnWidths: [240, 170, 110, 110, 110, 110, 130, 130, 160, 240, 110, 110],
  });
}

/** CLV over the next months per customer, or null when the spend model cannot be fitted on these amounts. */
function clvOrNull(histories: RfmRow[], purchases: BgNbdModel): number[] | null {
  try {
    const spend = fitGammaGamma(histories);
    return scoreCustomers(histories, purchases, spend, { months: CLV_MONTHS }).map((s) => s.clv);
  } catch (e) {
    if (e instanceof UserError) return null;
    throw e;
  }
}
