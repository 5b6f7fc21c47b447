/**
 * Reading an orders table into typed columns, with a report of every row
 * that could not be read. Nothing here writes back: the data is the user's.
 */
import { Calendar } from './calendar';
import { OrderField } from './columns';
import { LocaleRules, cellText, isBlank, parseAmount, parseDay, parseMargin } from './values';

/** One column of cells: a whole-table range with a column index, or a one-column range. */
export interface ColumnSource {
  values: readonly (readonly unknown[])[];
  column: number;
  /** How the user knows this column: an argument name ("dates") or a header and letter ("Дата (B)"). */
  label: string;
}

export type OrderSources = { date: ColumnSource; customer: ColumnSource } & Partial<Record<Exclude<OrderField, 'date' | 'customer'>, ColumnSource>>;

export interface ReadOptions {
  calendar: Calendar;
  rules: LocaleRules;
  /** Spreadsheet row number of the first value, for messages. */
  firstRow: number;
  /** Rows dated on or after this day are kept but counted (DOMAIN.md 9). */
  asOf?: number;
  /** How many issues to keep in detail; all are counted. */
  maxIssues?: number;
}

export type IssueReason = 'notADate' | 'notANumber' | 'notAMargin' | 'emptyCustomer' | 'emptyDate' | 'emptyAmount';

export interface RowIssue {
  row: number;
  field: OrderField;
  column: string;
  value: unknown;
  reason: IssueReason;
}

export interface ReadReport {
  /** Rows with anything in them. */
  rows: number;
  blankRows: number;
  /** Rows read into orders. */
  readRows: number;
  unreadableRows: number;
  /** The first `maxIssues` problems, in row order. */
  issues: RowIssue[];
  /** Rows dated on or after the as-of date. */
  afterAsOf: number;
  /** Rows whose profit or margin cell was empty (counted as no profit). */
  blankProfit: number;
  firstDay: number;
  lastDay: number;
}

/** Per-customer facts that come from the rows rather than from the purchases. */
export interface CustomerDirectory {
  /** Matching key: trimmed, spaces folded, lower case. */
  key: string[];
  /** Shown name: as written on the customer's earliest row. */
  name: string[];
  /** Latest non-empty manager, e-mail and phone. */
  manager: string[];
  email: string[];
  phone: string[];
}

/** Readable order rows as parallel typed columns (struct of arrays: fast at 2 million rows). */
export interface OrderRows {
  count: number;
  day: Int32Array;
  customer: Int32Array;
  amount: Float64Array;
  /** Profit money per row, when a profit or margin column exists. */
  profit: Float64Array | null;
  /** Interned order id per row, -1 where blank; null without an order id column. */
  order: Int32Array | null;
  customers: CustomerDirectory;
  hasAmount: boolean;
  hasManager: boolean;
}

export interface ReadResult {
  orders: OrderRows;
  report: ReadReport;
}

/** The matching key of a customer: case and spacing do not make a new customer. */
export function customerKey(text: string): string {
  return text.replace(/\s+/g, ' ').trim().toLowerCase();
}

function cell(source: ColumnSource | undefined, row: number): unknown {
  if (!source) return '';
  const r = source.values[row];
  return r === undefined ? '' : r[source.column];
}

/** Reads every row of the sources; the date column's length sets the row count. */
export function readOrders(sources: OrderSources, options: ReadOptions): ReadResult {
  const n = sources.date.values.length;
  const { calendar, rules } = options;
  const maxIssues = options.maxIssues ?? 100;
  const day = new Int32Array(n);
  const customer = new Int32Array(n);
  const amount = new Float64Array(n);
  const profitSource = sources.profit ?? sources.margin;
  const profit = profitSource ? new Float64Array(n) : null;
  const order = sources.orderId ? new Int32Array(n) : null;

  const dir: CustomerDirectory = { key: [], name: [], manager: [], email: [], phone: [] };
  const nameDay: number[] = [];
  const managerDay: number[] = [];
  const emailDay: number[] = [];
  const phoneDay: number[] = [];
  const byRaw = new Map<unknown, number>();
  const byKey = new Map<string, number>();
  const orderIds = new Map<unknown, number>();

  const report: ReadReport = { rows: 0, blankRows: 0, readRows: 0, unreadableRows: 0, issues: [], afterAsOf: 0, blankProfit: 0, firstDay: NaN, lastDay: NaN };
  const fieldsInRow = (Object.keys(sources) as OrderField[]).filter((f) => sources[f]);
  let count = 0;

  const fail = (row: number, field: OrderField, value: unknown, reason: IssueReason): void => {
    report.unreadableRows++;
    if (report.issues.length < maxIssues) {
      report.issues.push({ row: options.firstRow + row, field, column: (sources[field] as ColumnSource).label, value, reason });
    }
  };

  for (let i = 0; i < n; i++) {
    const rawCustomer = cell(sources.customer, i);
    const rawDate = cell(sources.date, i);
    const rawAmount = cell(sources.amount, i);
    if (isBlank(rawCustomer) && isBlank(rawDate) && isBlank(rawAmount) && fieldsInRow.every((f) => isBlank(cell(sources[f], i)))) {
      report.blankRows++;
      continue;
    }
    report.rows++;

    if (isBlank(rawCustomer)) { fail(i, 'customer', rawCustomer, 'emptyCustomer'); continue; }
    if (isBlank(rawDate)) { fail(i, 'date', rawDate, 'emptyDate'); continue; }
    const d = parseDay(rawDate, calendar, rules);
    if (Number.isNaN(d)) { fail(i, 'date', rawDate, 'notADate'); continue; }
    let a = 0;
    if (sources.amount) {
      if (isBlank(rawAmount)) { fail(i, 'amount', rawAmount, 'emptyAmount'); continue; }
      a = parseAmount(rawAmount, rules);
      if (Number.isNaN(a)) { fail(i, 'amount', rawAmount, 'notANumber'); continue; }
    }
    let p = 0;
    if (profitSource) {
      const rawProfit = cell(profitSource, i);
      if (isBlank(rawProfit)) report.blankProfit++;
      else {
        const field: OrderField = sources.profit ? 'profit' : 'margin';
        p = field === 'profit' ? parseAmount(rawProfit, rules) : parseMargin(rawProfit, rules) * a;
        if (Number.isNaN(p)) { fail(i, field, rawProfit, field === 'profit' ? 'notANumber' : 'notAMargin'); continue; }
      }
    }

    let c = byRaw.get(rawCustomer);
    if (c === undefined) {
      const shown = cellText(rawCustomer).replace(/\s+/g, ' ');
      const key = customerKey(shown);
      c = byKey.get(key);
      if (c === undefined) {
        c = dir.key.length;
        byKey.set(key, c);
        dir.key.push(key);
        dir.name.push(shown);
        nameDay.push(d);
        dir.manager.push('');
        managerDay.push(-Infinity);
        dir.email.push('');
        emailDay.push(-Infinity);
        dir.phone.push('');
        phoneDay.push(-Infinity);
      }
      byRaw.set(rawCustomer, c);
    }
    // Shown name from the earliest row, contacts from the latest: ties broken by text so row order never matters.
    if (d <= nameDay[c]) {
      const shown = cellText(rawCustomer).replace(/\s+/g, ' ');
      if (d < nameDay[c] || shown < dir.name[c]) {
        nameDay[c] = d;
        dir.name[c] = shown;
      }
    }
    if (sources.manager) latest(dir.manager, managerDay, c, d, cellText(cell(sources.manager, i)));
    if (sources.email) latest(dir.email, emailDay, c, d, cellText(cell(sources.email, i)));
    if (sources.phone) latest(dir.phone, phoneDay, c, d, cellText(cell(sources.phone, i)));

    if (order) {
      const rawOrder = cell(sources.orderId, i);
      if (isBlank(rawOrder)) order[count] = -1;
      else {
        const id = typeof rawOrder === 'string' ? rawOrder.trim() : cellText(rawOrder);
        let o = orderIds.get(id);
        if (o === undefined) {
          o = orderIds.size;
          orderIds.set(id, o);
        }
        order[count] = o;
      }
    }
    day[count] = d;
    customer[count] = c;
    amount[count] = a;
    if (profit) profit[count] = p;
    count++;
    if (options.asOf !== undefined && d >= options.asOf) report.afterAsOf++;
    if (!(d >= report.firstDay)) report.firstDay = d;
    if (!(d <= report.lastDay)) report.lastDay = d;
  }
  report.readRows = count;
  return {
    orders: {
      count,
      day: day.subarray(0, count),
      customer: customer.subarray(0, count),
      amount: amount.subarray(0, count),
      profit: profit ? profit.subarray(0, count) : null,
      order: order ? order.subarray(0, count) : null,
      customers: dir,
      hasAmount: Boolean(sources.amount),
      hasManager: Boolean(sources.manager),
    },
    report,
  };
}

function latest(values: string[], days: number[], c: number, d: number, text: string): void {
  if (text === '') return;
  if (d > days[c] || (d === days[c] && text < values[c])) {
    days[c] = d;
    values[c] = text;
  }
}
