/**
 * The predictive custom functions: P_ALIVE, EXPECTED_PURCHASES, CLV and CLV_MODEL.
 * Each reads raw order columns into the per-customer summary, turns it into
 * histories (x, t_x, T in days) and fits BG/NBD (and Gamma-Gamma for money); or,
 * given fitted parameters plus x, t_x, T per row, gives the per-row values.
 */
import { type ErrorParam, isDateLike } from '../core/errors';
import {
  expectedPurchasesAndPAliveOfEach,
  expectedPurchasesOfEach,
  expectedPurchasesOfNewCustomer,
  fitBgNbd,
  fitGammaGamma,
  pAlive,
  scoreCustomers,
  type BgNbdModel,
  type BgNbdUse,
  type FrequencyRow,
  type GammaGammaFit,
  type GammaGammaUse,
  type RfmRow,
} from '../core/predictive/index';
import { cachedBgNbd, cachedGammaGamma } from '../core/predictive/fitStore';
import { historiesOf, type OrderHistories } from '../core/predictive/orderHistories';
import { isBlank, parseAmount, parseDay } from '../core/values';
import { t } from '../i18n/catalogue';
import {
  type CallContext,
  callContext,
  callError,
  columnValues,
  guarded,
  isAmount,
  isRange,
  isSingleDate,
  MAX_DAYS,
  numberArg,
  numberColumn,
  sameLengths,
  withLanguage,
} from './args';
import { documentCache } from '../gas/cache';
import { customerHeader, noPurchasesError, type OrdersArgs, ordersArgs, ordersTableArg, type ReadRows } from './rawOrders';

const DEFAULT_DAYS = 90;
const DEFAULT_MONTHS = 12;
const DEFAULT_RATE = 0.01;
const MODEL_NAMES: readonly ErrorParam[] = ['r', { key: 'err.fn.param.alphaDays' }, 'a', 'b', 'p', 'q', 'v'];
/**
 * The values a model argument may hold (docs/definitions.md, section 11): wider than
 * any fit gives (a common dropout probability makes a + b a trillion), narrow enough
 * that the per-row formulas stay finite and quick. An r above 1,000 (customers who all
 * buy at one rate) sends the expected-purchases series past convergence.
 */
const MODEL_MIN = 1e-7;
const MODEL_MAX = 1e13;
const MODEL_MAX_R = 1000;

/** True when an argument holds dates, so the raw-order shape is meant. */
function holdsDates(ctx: CallContext, value: unknown): boolean {
  const isDate = (v: unknown): boolean => isDateLike(v) || (typeof v === 'string' && !Number.isNaN(parseDay(v, ctx.calendar, ctx.rules)));
  if (!isRange(value)) return isDate(value);
  // Cell by cell, stopping at the first date: flattening a 200,000-row column first cost a sixth of a warm call.
  for (const row of value as unknown[]) {
    if (!Array.isArray(row)) {
      if (isDate(row)) return true;
    } else for (const v of row) if (isDate(v)) return true;
  }
  return false;
}

/** Raw orders are meant when the dates argument holds dates or the as-of position holds one date. */
function isRawShape(ctx: CallContext, dates: unknown, asOf: unknown): boolean {
  return holdsDates(ctx, dates) || isSingleDate(ctx, asOf);
}

interface FittedOrders {
  raw: ReadRows;
  /** The customers with a purchase before as_of, in key order, with their histories. */
  summary: OrderHistories;
  histories: RfmRow[];
  purchases: BgNbdModel;
  /** Present when asked for: the spend model needs amounts. */
  spend: GammaGammaFit | null;
}

/**
 * Reads the orders and fits BG/NBD, and Gamma-Gamma when `spend` asks for it:
 * 'required' (an error without amounts) or 'withAmounts' (only when amounts are given).
 */
function fitOrders(ctx: CallContext, call: OrdersArgs, spendModel: 'no' | 'required' | 'withAmounts'): FittedOrders {
  const raw = call.readRows(ctx);
  // Only the customers' histories, not the whole summary the descriptive functions take: with the fits in the
  // cache, the summary was a third of a call (src/core/predictive/orderHistories.ts).
  const summary = historiesOf(raw.orders, raw.asOf);
  if (summary.size === 0) throw noPurchasesError(ctx, raw);
  if (spendModel === 'required' && !raw.hasAmounts) {
    throw callError(ctx, 'err.fn.amountsEmpty');
  }
  let firstDay = Infinity;
  let lastDay = -Infinity;
  for (let i = 0; i < summary.size; i++) {
    firstDay = Math.min(firstDay, summary.firstPurchase[i]);
    lastDay = Math.max(lastDay, summary.lastPurchase[i]);
  }
  if (firstDay === lastDay) {
    throw callError(ctx, 'err.fn.allOnOneDay', { date: { quote: ctx.calendar.dateOf(firstDay) } });
  }
  const { histories } = summary;
  // Several cells over the same orders fit once: the fits are kept in the document's cache, keyed by the rows they read.
  const cache = documentCache();
  const purchases = cachedBgNbd(cache, histories, () => fitBgNbd(histories));
  const withSpend = spendModel === 'required' || (spendModel === 'withAmounts' && raw.hasAmounts);
  const spend = withSpend ? cachedGammaGamma(cache, histories, () => fitGammaGamma(histories)) : null;
  return { raw, summary, histories, purchases, spend };
}

/**
 * The date of each day, made once per call: the customers' first and last purchases fall on a few hundred
 * days, and making a date (its time-zone offset, then the Date) for each of tens of thousands of cells was a
 * twentieth of a warm call. The same value in every cell of that day.
 */
function dayDates(ctx: CallContext): (day: number) => Date {
  const made = new Map<number, Date>();
  return (day) => {
    let date = made.get(day);
    if (date === undefined) {
      date = ctx.calendar.dateOf(day);
      made.set(day, date);
    }
    return date;
  };
}

/** The first cells of a customer's row: name, and manager when the orders have one (as `customerCells`). */
function customerCells(raw: ReadRows, summary: OrderHistories, i: number): unknown[] {
  return raw.hasManager ? [summary.name[i], summary.manager[i]] : [summary.name[i]];
}

// The option arguments, each refused with its name and the value as typed.
function horizonDays(ctx: CallContext, value: unknown): number {
  return numberArg(ctx, 'days', value, DEFAULT_DAYS, (days) => days > 0 && days <= MAX_DAYS, 'err.expect.daysRange');
}

function monthsArg(ctx: CallContext, value: unknown): number {
  return numberArg(ctx, 'months', value, DEFAULT_MONTHS, (m) => Number.isInteger(m) && m >= 1 && m <= 1200, 'err.expect.monthsRange');
}

function rateArg(ctx: CallContext, value: unknown): number {
  return numberArg(ctx, 'monthly_discount_rate', value, DEFAULT_RATE, (rate) => rate >= 0 && rate < 1, 'err.expect.monthlyRate');
}

/**
 * The model argument: r, α (days), a, b and, for money, p, q, v, as one row or
 * column of numbers; or the whole table CLV_MODEL spills (its value column is read).
 */
function modelArg(ctx: CallContext, value: unknown, withSpend: boolean): { purchases: BgNbdUse; spend: GammaGammaUse | null } {
  let cells: unknown[];
  if (isRange(value) && value.length > 1 && value[0].length > 1 && typeof value[0][0] === 'string' && !isBlank(value[0][0])) {
    // CLV_MODEL's table: header row, then parameters with their values in the second column.
    cells = value.slice(1, 8).map((row) => row[1]);
  } else {
    cells = (isRange(value) ? value.flat() : [value]).filter((v) => !isBlank(v));
  }
  const needed = withSpend ? 7 : 4;
  if (cells.length < needed || (cells.length !== 4 && cells.length !== 7)) {
    throw callError(ctx, withSpend ? 'err.fn.modelSizeWithSpend' : 'err.fn.modelSize', { count: cells.length });
  }
  const numbers = cells.map((cell, i) => {
    const n = typeof cell === 'number' ? cell : parseAmount(cell, ctx.rules);
    if (!(n >= MODEL_MIN && n <= (i === 0 ? MODEL_MAX_R : MODEL_MAX))) {
      throw i === 0
        ? callError(ctx, 'err.fn.modelRate', { value: { quote: cell } })
        : callError(ctx, 'err.fn.modelValue', { index: i + 1, param: MODEL_NAMES[i], value: { quote: cell } });
    }
    return n;
  });
  const [r, alpha, a, b, p, q, v] = numbers;
  return {
    purchases: { params: { r, alpha, a, b }, unit: 'day' },
    spend: numbers.length === 7 ? { params: { p, q, v } } : null,
  };
}

/** Per-row histories: x, t_x and T columns of the same length; all-blank rows are null. */
function historyRows(ctx: CallContext, xArg: unknown, txArg: unknown, TArg: unknown): (FrequencyRow | null)[] {
  const xValues = columnValues(ctx, 'x', xArg);
  const txValues = columnValues(ctx, 't_x', txArg);
  const TValues = columnValues(ctx, 'T', TArg);
  const n = sameLengths(ctx, [
    ['x', xValues],
    ['t_x', txValues],
    ['T', TValues],
  ]);
  if (n === 0) throw callError(ctx, 'err.fn.historyEmpty');
  // Day counts up to a hundred years, and no more repeat purchases than days: beyond, the model's
  // functions overflow, and no sheet holds such a history.
  const whole = (v: number): boolean => Number.isInteger(v) && v >= 0 && v <= MAX_DAYS;
  const nonNegative = (v: number): boolean => v >= 0 && v <= MAX_DAYS;
  const x = numberColumn(ctx, 'x', xValues, whole, 'err.expect.wholeRepeatPurchases');
  const tx = numberColumn(ctx, 't_x', txValues, nonNegative, 'err.expect.days');
  const T = numberColumn(ctx, 'T', TValues, nonNegative, 'err.expect.days');
  return x.map((xi, i) => {
    const row = i + 1;
    const blanks = [xi, tx[i], T[i]].filter(Number.isNaN).length;
    if (blanks === 3) return null;
    if (blanks > 0) {
      const name = Number.isNaN(xi) ? 'x' : Number.isNaN(tx[i]) ? 't_x' : 'T';
      throw callError(ctx, 'err.fn.rowEmpty', { name, row });
    }
    if (tx[i] > T[i]) throw callError(ctx, 'err.fn.txAfterT', { row, tx: tx[i], T: T[i] });
    if (xi === 0 && tx[i] > 0) throw callError(ctx, 'err.fn.txWithoutRepeat', { row, tx: tx[i] });
    return { x: xi, tx: tx[i], T: T[i] };
  });
}

/** x, t_x and T, as the per-row forms take them. */
function historyColumns(ctx: CallContext): string[] {
  const L = ctx.lang;
  return [t(L, 'model.col.repeatPurchases'), t(L, 'model.col.tx'), t(L, 'model.col.T')];
}

/**
 * P_ALIVE: raw orders -> per-customer table with P(alive); or x, t_x, T per row
 * and the model -> P(alive) per row.
 */
export function pAliveFunction(...args: unknown[]): unknown[][] {
  const [customersOrX, datesOrTx, amountsOrT, asOfOrModel] = args;
  return guarded('P_ALIVE', () => {
    const base = callContext('P_ALIVE', undefined);
    if (!ordersTableArg(customersOrX) && !isRawShape(base, datesOrTx, asOfOrModel)) {
      const ctx = withLanguage(base, args[4]);
      const { purchases } = modelArg(ctx, asOfOrModel, false);
      return historyRows(ctx, customersOrX, datesOrTx, amountsOrT).map((h) => [h ? pAlive(purchases, h) : '']);
    }
    const call = ordersArgs(args);
    const ctx = withLanguage(base, call.options[0]);
    const { raw, summary, histories, purchases } = fitOrders(ctx, call, 'no');
    const dateOf = dayDates(ctx);
    const L = ctx.lang;
    const out: unknown[][] = [
      [
        ...customerHeader(L, raw),
        t(L, 'col.purchases'),
        t(L, 'col.firstPurchase'),
        t(L, 'col.lastPurchase'),
        ...historyColumns(ctx),
        t(L, 'model.col.pAlive'),
      ],
    ];
    for (let i = 0; i < summary.size; i++) {
      const h = histories[i];
      out.push([
        ...customerCells(raw, summary, i),
        summary.purchases[i],
        dateOf(summary.firstPurchase[i]),
        dateOf(summary.lastPurchase[i]),
        h.x,
        h.tx,
        h.T,
        pAlive(purchases, h),
      ]);
    }
    return out;
  });
}

/**
 * EXPECTED_PURCHASES: raw orders -> per-customer table with expected purchases in
 * the next `days` days; or x, t_x, T per row, the model and days -> per row.
 */
export function expectedPurchasesFunction(...args: unknown[]): unknown[][] {
  const [customersOrX, datesOrTx, amountsOrT, asOfOrModel] = args;
  return guarded('EXPECTED_PURCHASES', () => {
    const base = callContext('EXPECTED_PURCHASES', undefined);
    if (!ordersTableArg(customersOrX) && !isRawShape(base, datesOrTx, asOfOrModel)) {
      const ctx = withLanguage(base, args[5]);
      const days = horizonDays(ctx, args[4]);
      const { purchases } = modelArg(ctx, asOfOrModel, false);
      const rows = historyRows(ctx, customersOrX, datesOrTx, amountsOrT);
      const known = rows.filter((h): h is FrequencyRow => h !== null);
      const values = expectedPurchasesOfEach(purchases, known, days);
      let k = 0;
      return rows.map((h) => [h ? values[k++] : '']);
    }
    const call = ordersArgs(args);
    const [daysArg, language] = call.options;
    const ctx = withLanguage(base, language);
    const days = horizonDays(ctx, daysArg);
    const { raw, summary, histories, purchases } = fitOrders(ctx, call, 'no');
    const { expected, alive } = expectedPurchasesAndPAliveOfEach(purchases, histories, days);
    const dateOf = dayDates(ctx);
    const L = ctx.lang;
    const out: unknown[][] = [
      [
        ...customerHeader(L, raw),
        t(L, 'col.purchases'),
        t(L, 'col.lastPurchase'),
        ...historyColumns(ctx),
        t(L, 'model.col.pAlive'),
        t(L, 'model.col.expectedPurchasesDays', { days }),
      ],
    ];
    for (let i = 0; i < summary.size; i++) {
      const h = histories[i];
      out.push([
        ...customerCells(raw, summary, i),
        summary.purchases[i],
        dateOf(summary.lastPurchase[i]),
        h.x,
        h.tx,
        h.T,
        alive[i],
        expected[i],
      ]);
    }
    return out;
  });
}

/**
 * CLV: raw orders -> per-customer table with P(alive), expected purchases and
 * amount and the discounted value over the next months; or x, t_x, T, the average
 * repeat purchase per row and the 7-number model -> CLV per row.
 */
export function clvFunction(...args: unknown[]): unknown[][] {
  const [customersOrX, datesOrTx, amountsOrT, asOfOrAverage, monthsOrModel, rateOrMonths, languageOrRate] = args;
  return guarded('CLV', () => {
    const base = callContext('CLV', undefined);
    if (!ordersTableArg(customersOrX) && !isRawShape(base, datesOrTx, asOfOrAverage)) {
      // Per-row form: (x, t_x, T, average_amount, model, months, monthly_discount_rate)
      const ctx = base;
      const { purchases, spend } = modelArg(ctx, monthsOrModel, true);
      const months = monthsArg(ctx, rateOrMonths);
      const rate = rateArg(ctx, languageOrRate);
      const rows = historyRows(ctx, customersOrX, datesOrTx, amountsOrT);
      const averageValues = columnValues(ctx, 'average_amount', asOfOrAverage);
      sameLengths(ctx, [
        ['x', rows],
        ['average_amount', averageValues],
      ]);
      const averages = numberColumn(ctx, 'average_amount', averageValues, isAmount, 'err.expect.averageAmount');
      const known: RfmRow[] = [];
      rows.forEach((h, i) => {
        if (!h) return;
        if (Number.isNaN(averages[i])) throw callError(ctx, 'err.fn.averageEmpty', { row: i + 1 });
        known.push({ ...h, monetary: averages[i] });
      });
      const scores = scoreCustomers(known, purchases, spend!, { months, monthlyDiscountRate: rate });
      let k = 0;
      return rows.map((h) => [h ? scores[k++].clv : '']);
    }
    // Order rows: (customers, dates, amounts, as_of, months, monthly_discount_rate, language) or (table, as_of, ...)
    const call = ordersArgs(args);
    const [monthsValue, rateValue, language] = call.options;
    const ctx = withLanguage(base, language);
    const months = monthsArg(ctx, monthsValue);
    const rate = rateArg(ctx, rateValue);
    const { raw, summary, histories, purchases, spend } = fitOrders(ctx, call, 'required');
    const scores = scoreCustomers(histories, purchases, spend!, { months, monthlyDiscountRate: rate });
    const L = ctx.lang;
    const out: unknown[][] = [
      [
        ...customerHeader(L, raw),
        t(L, 'col.purchases'),
        t(L, 'col.revenue'),
        ...historyColumns(ctx),
        t(L, 'model.col.averageRepeat'),
        t(L, 'model.col.pAlive'),
        t(L, 'model.col.expectedPurchasesMonths', { months }),
        t(L, 'model.col.expectedAmount'),
        t(L, 'model.col.clv', { months }),
      ],
    ];
    for (let i = 0; i < summary.size; i++) {
      const h = histories[i];
      const s = scores[i];
      out.push([
        ...customerCells(raw, summary, i),
        summary.purchases[i],
        summary.revenue[i],
        h.x,
        h.tx,
        h.T,
        h.monetary,
        s.pAlive,
        s.expectedPurchases,
        s.expectedSpend,
        s.clv,
      ]);
    }
    return out;
  });
}

/**
 * CLV_MODEL: raw orders -> the fitted parameters with standard errors, in the
 * order the per-row forms take them (r, α in days, a, b, p, q, v), then figures
 * that help read them.
 */
export function clvModelFunction(...args: unknown[]): unknown[][] {
  return guarded('CLV_MODEL', () => {
    const call = ordersArgs(args);
    const ctx = callContext('CLV_MODEL', call.options[0]);
    // Without amounts the purchase model stands alone; with them a spend model that cannot be fitted is an error.
    const { summary, purchases, spend } = fitOrders(ctx, call, 'withAmounts');
    const L = ctx.lang;
    const { params: bg, standardErrors: bgSe, commonDropout: common } = purchases;
    // One dropout probability for everyone: a and b only carry that limit (a note says so).
    const notIdentified = t(L, 'model.se.notIdentified');
    const out: unknown[][] = [
      [t(L, 'model.col.parameter'), t(L, 'col.value'), t(L, 'model.col.standardError'), t(L, 'model.col.meaning')],
      ['r', bg.r, bgSe.r, t(L, 'model.meaning.r')],
      [t(L, 'model.param.alphaDays'), bg.alpha, bgSe.alpha, t(L, 'model.meaning.alphaDays')],
      ['a', bg.a, common ? notIdentified : bgSe.a, common ? t(L, 'model.note.commonDropout') : t(L, 'model.meaning.a')],
      ['b', bg.b, common ? notIdentified : bgSe.b, t(L, 'model.meaning.b')],
    ];
    if (spend) {
      const { params: gg, standardErrors: ggSe } = spend;
      out.push(
        ['p', gg.p, ggSe.p, t(L, 'model.meaning.p')],
        ['q', gg.q, ggSe.q, t(L, 'model.meaning.q')],
        ['v', gg.v, ggSe.v, t(L, 'model.meaning.v')],
      );
    }
    out.push(
      [t(L, 'model.param.alphaWeeks'), bg.alpha / 7, bgSe.alpha / 7, t(L, 'model.meaning.alphaWeeks')],
      ...(common ? [[t(L, 'model.param.commonDropout'), common.p, common.standardError, '']] : []),
      [t(L, 'model.row.logLikelihood'), purchases.logLikelihood, '', ''],
      [t(L, 'model.row.customers'), summary.size, '', ''],
      [t(L, 'model.row.repeatBuyers'), purchases.repeatBuyers, '', ''],
      [t(L, 'model.row.newCustomer'), expectedPurchasesOfNewCustomer(purchases, 365), '', ''],
    );
    if (spend && spend.params.q > 1)
      out.push([t(L, 'model.row.meanAmount'), (spend.params.p * spend.params.v) / (spend.params.q - 1), '', '']);
    return out;
  });
}
