/**
 * Reading an orders table into typed columns, with a report of every row
 * that could not be read. Nothing here writes back: the data is the user's.
 */
import { type Calendar } from './calendar';
import { type OrderField } from './columns';
import {
  type LocaleRules,
  amountInRange,
  cellText,
  isBlank,
  otherOrderDate,
  parseAmount,
  parseDay,
  parseMargin,
  visibleText,
} from './values';

/** One column of cells: a whole-table range with a column index, or a one-column range. */
export interface ColumnSource {
  values: readonly (readonly unknown[])[];
  column: number;
  /** How the user knows this column: an argument name ("dates") or a header and letter ("Дата (B)"). */
  label: string;
}

export type OrderSources = { date: ColumnSource; customer: ColumnSource } & Partial<
  Record<Exclude<OrderField, 'date' | 'customer'>, ColumnSource>
>;

export interface ReadOptions {
  calendar: Calendar;
  rules: LocaleRules;
  /** Spreadsheet row number of the first value, for messages. */
  firstRow: number;
  /** Rows dated on or after this day are kept but counted (docs/definitions.md: the as-of date). */
  asOf?: number;
  /** How many issues to keep in detail; all are counted. */
  maxIssues?: number;
}

/**
 * Why a row is unreadable; `dayFirstDate` / `monthFirstDate` is a text date that reads
 * only in the other day/month order than the locale's (src/core/values.ts otherOrderDate);
 * `outOfRange` is an amount or profit beyond ±MAX_AMOUNT (src/core/values.ts). */
export type IssueReason =
  | 'notADate'
  | 'dayFirstDate'
  | 'monthFirstDate'
  | 'notANumber'
  | 'notAMargin'
  | 'outOfRange'
  | 'emptyCustomer'
  | 'emptyDate'
  | 'emptyAmount';

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
  /** Matching key: invisible characters removed, NFC, trimmed, spaces folded, lower case. */
  key: string[];
  /** Shown name: as written on the customer's earliest row, without invisible characters. */
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
  /** The id of each interned order (a number, or text that does not spell one): what orders of one day are ordered by. */
  orderKeys: (string | number)[] | null;
  /** Manager of each row as an index into `managerNames`, -1 where blank; null without a manager column. */
  manager: Int32Array | null;
  /** Every manager named on a readable row, in order of first appearance. */
  managerNames: string[];
  customers: CustomerDirectory;
  hasAmount: boolean;
  hasManager: boolean;
}

export interface ReadResult {
  orders: OrderRows;
  report: ReadReport;
}

/**
 * The matching key of a customer: case, spacing, invisible characters (a zero-width
 * space pasted from a web page) and the Unicode form do not make a new customer.
 */
export function customerKey(text: string): string {
  return shownText(text).toLowerCase();
}

/** A name or contact as shown: invisible characters removed, runs of whitespace as one space, trimmed. */
export function shownText(raw: unknown): string {
  const text = cellText(raw);
  const visible = visibleText(text);
  // cellText has trimmed; only removing invisible characters can leave spaces at an end.
  return visible === text ? foldSpaces(text) : foldSpaces(visible).trim();
}

// Whitespace other than single plain spaces: only then is there anything to fold.
const UNFOLDED = /\s\s|[^\S ]/;

/** Runs of whitespace as one space; the same string, not a copy, when there is nothing to fold. */
function foldSpaces(text: string): string {
  return UNFOLDED.test(text) ? text.replace(/\s+/g, ' ') : text;
}

/**
 * What order id cells are matched by: their text, except that a number and the
 * text that spells it ("1001") are the same order. Numbers stay numbers: turning
 * half a million order numbers into text only to hash it was most of reading them.
 */
function orderKey(raw: unknown): string | number {
  if (typeof raw === 'number') return raw;
  const id = typeof raw === 'string' ? raw.trim() : cellText(raw);
  const n = Number(id);
  return id !== '' && String(n) === id ? n : id;
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
  const managerOfRow = sources.manager ? new Int32Array(n) : null;
  const managerNames: string[] = [];
  const managerIds = new Map<string, number>();
  // Distinct manager cells, each cleaned up once: a manager changes from row to row.
  const managerOfRaw = new Map<unknown, number>();
  let prevManagerRaw: unknown = undefined;
  let prevManager = -1;

  const dir: CustomerDirectory = { key: [], name: [], manager: [], email: [], phone: [] };
  // Per-customer and per-cell numbers in typed arrays that double as they fill: at 100,000 customers,
  // growing boxed arrays left enough garbage to set off a full collection of the whole sheet's values.
  let nameDay: Int32Array = new Int32Array(1024);
  let managerDay: Int32Array = new Int32Array(1024);
  let emailDay: Int32Array = new Int32Array(1024);
  let phoneDay: Int32Array = new Int32Array(1024);
  const byKey = new Map<string, number>();
  const orderIds = new Map<string | number, number>();
  const orderKeys: (string | number)[] = [];
  let orderCount = 0;
  // Order numbers are mostly whole numbers close together: a table indexed by the number finds them
  // without hashing. Its span is fixed around the first one, so a number is always looked up in the same place.
  let orderBase = NaN;
  let orderTable: Int32Array | null = null;
  // Distinct customer cells ("raw ids"): each cell text is cleaned up once, not once per row.
  const byRaw = new Map<unknown, number>();
  let rawCustomerOf: Int32Array = new Int32Array(1024);
  const rawShown: string[] = [];
  /** Raw id whose text is the customer's shown name. */
  let nameRaw: Int32Array = new Int32Array(1024);

  const report: ReadReport = {
    rows: 0,
    blankRows: 0,
    readRows: 0,
    unreadableRows: 0,
    issues: [],
    afterAsOf: 0,
    blankProfit: 0,
    firstDay: NaN,
    lastDay: NaN,
  };
  const fieldsInRow = (Object.keys(sources) as OrderField[]).filter((f) => sources[f]);
  let count = 0;

  const fail = (row: number, field: OrderField, value: unknown, reason: IssueReason): void => {
    report.unreadableRows++;
    if (report.issues.length < maxIssues) {
      report.issues.push({ row: options.firstRow + row, field, column: (sources[field] as ColumnSource).label, value, reason });
    }
  };

  // The three columns every row needs, as locals: at 2 million rows the lookups through the sources add up.
  const customerValues = sources.customer.values;
  const customerColumn = sources.customer.column;
  const dateValues = sources.date.values;
  const dateColumn = sources.date.column;
  const amountValues = sources.amount?.values;
  const amountColumn = sources.amount?.column ?? 0;
  // Order lines and a customer's orders sit on adjacent rows: the previous row's answer is often this row's.
  let prevRaw: unknown = undefined;
  let prevRawId = -1;
  let prevOrderRaw: unknown = undefined;
  let prevOrder = -1;

  for (let i = 0; i < n; i++) {
    const customerRow = customerValues[i];
    const rawCustomer = customerRow === undefined ? '' : customerRow[customerColumn];
    const dateRow = dateValues[i];
    const rawDate = dateRow === undefined ? '' : dateRow[dateColumn];
    const amountRow = amountValues === undefined ? undefined : amountValues[i];
    const rawAmount = amountRow === undefined ? '' : amountRow[amountColumn];
    const blankCustomer = isBlank(rawCustomer);
    if (blankCustomer && isBlank(rawDate) && isBlank(rawAmount) && fieldsInRow.every((f) => isBlank(cell(sources[f], i)))) {
      report.blankRows++;
      continue;
    }
    report.rows++;

    if (blankCustomer) {
      fail(i, 'customer', rawCustomer, 'emptyCustomer');
      continue;
    }
    if (isBlank(rawDate)) {
      fail(i, 'date', rawDate, 'emptyDate');
      continue;
    }
    const d = parseDay(rawDate, calendar, rules);
    if (Number.isNaN(d)) {
      const order = otherOrderDate(rawDate, rules);
      fail(i, 'date', rawDate, order === null ? 'notADate' : order === 'dayFirst' ? 'dayFirstDate' : 'monthFirstDate');
      continue;
    }
    let a = 0;
    if (amountValues) {
      if (isBlank(rawAmount)) {
        fail(i, 'amount', rawAmount, 'emptyAmount');
        continue;
      }
      a = parseAmount(rawAmount, rules);
      if (Number.isNaN(a)) {
        fail(i, 'amount', rawAmount, 'notANumber');
        continue;
      }
      if (!amountInRange(a)) {
        fail(i, 'amount', rawAmount, 'outOfRange');
        continue;
      }
    }
    let p = 0;
    if (profitSource) {
      const rawProfit = cell(profitSource, i);
      if (isBlank(rawProfit)) report.blankProfit++;
      else {
        const field: OrderField = sources.profit ? 'profit' : 'margin';
        p = field === 'profit' ? parseAmount(rawProfit, rules) : parseMargin(rawProfit, rules) * a;
        if (Number.isNaN(p)) {
          fail(i, field, rawProfit, field === 'profit' ? 'notANumber' : 'notAMargin');
          continue;
        }
        // A margin is a share of the amount: its profit has the amount's limit too.
        if (!amountInRange(p)) {
          fail(i, field, rawProfit, 'outOfRange');
          continue;
        }
      }
    }

    // Equal cells are equal Map keys, so the previous row's raw id stands when the cell is the same.
    let rawId = rawCustomer === prevRaw ? prevRawId : byRaw.get(rawCustomer);
    if (rawId === undefined) {
      const shown = shownText(rawCustomer);
      if (shown === '') {
        // Only invisible characters: as empty as a blank cell.
        fail(i, 'customer', rawCustomer, 'emptyCustomer');
        continue;
      }
      // The shown text is already clean: its key is its lower case (customerKey without the work twice).
      const key = shown.toLowerCase();
      let c = byKey.get(key);
      rawId = rawShown.length;
      if (c === undefined) {
        c = dir.key.length;
        byKey.set(key, c);
        dir.key.push(key);
        dir.name.push(shown);
        if (c === nameDay.length) {
          nameDay = doubled(nameDay);
          nameRaw = doubled(nameRaw);
          managerDay = doubled(managerDay);
          emailDay = doubled(emailDay);
          phoneDay = doubled(phoneDay);
        }
        nameRaw[c] = rawId;
        nameDay[c] = d;
        managerDay[c] = emailDay[c] = phoneDay[c] = NO_DAY;
        if (sources.manager) dir.manager.push('');
        if (sources.email) dir.email.push('');
        if (sources.phone) dir.phone.push('');
      }
      byRaw.set(rawCustomer, rawId);
      if (rawId === rawCustomerOf.length) rawCustomerOf = doubled(rawCustomerOf);
      rawCustomerOf[rawId] = c;
      rawShown.push(shown);
    }
    prevRaw = rawCustomer;
    prevRawId = rawId;
    const c = rawCustomerOf[rawId];
    // Shown name from the earliest row, contacts from the latest: ties broken by text so row order never matters.
    if (d <= nameDay[c]) {
      if (rawId === nameRaw[c])
        nameDay[c] = d; // the same cell text: only the day can move
      else if (d < nameDay[c] || rawShown[rawId] < dir.name[c]) {
        nameDay[c] = d;
        dir.name[c] = rawShown[rawId];
        nameRaw[c] = rawId;
      }
    }
    if (managerOfRow) {
      // Each row's manager, so that a window's manager is the one of its latest row (not a later row's).
      const rawManager = cell(sources.manager, i);
      if (rawManager !== prevManagerRaw) {
        let m = managerOfRaw.get(rawManager);
        if (m === undefined) {
          const text = shownText(rawManager);
          m = text === '' ? -1 : managerIds.get(text);
          if (m === undefined) {
            m = managerNames.length;
            managerIds.set(text, m);
            managerNames.push(text);
          }
          managerOfRaw.set(rawManager, m);
        }
        prevManagerRaw = rawManager;
        prevManager = m;
      }
      managerOfRow[count] = prevManager;
    }
    // A contact older than the one kept cannot win: skip reading it.
    // Contacts are cleaned of invisible characters once per customer, after the loop, not on every row.
    if (sources.manager && d >= managerDay[c]) latest(dir.manager, managerDay, c, d, cellText(cell(sources.manager, i)));
    if (sources.email && d >= emailDay[c]) latest(dir.email, emailDay, c, d, cellText(cell(sources.email, i)));
    if (sources.phone && d >= phoneDay[c]) latest(dir.phone, phoneDay, c, d, cellText(cell(sources.phone, i)));

    if (order) {
      const rawOrder = cell(sources.orderId, i);
      if (isBlank(rawOrder)) order[count] = -1;
      else if (rawOrder === prevOrderRaw) order[count] = prevOrder;
      else {
        const id = orderKey(rawOrder);
        let o: number | undefined;
        if (typeof id === 'number' && (id | 0) === id) {
          // 32-bit whole numbers: slots are exact
          if (orderTable === null) {
            orderTable = new Int32Array(2 * n + 1024).fill(-1);
            orderBase = id - (n >> 1) - 512;
          }
          const slot = id - orderBase;
          if (slot >= 0 && slot < orderTable.length) {
            o = orderTable[slot];
            if (o < 0) {
              o = orderTable[slot] = orderCount++;
              orderKeys.push(id);
            }
          }
        }
        if (o === undefined) {
          o = orderIds.get(id);
          if (o === undefined) {
            o = orderCount++;
            orderIds.set(id, o);
            orderKeys.push(id);
          }
        }
        order[count] = o;
        prevOrderRaw = rawOrder;
        prevOrder = o;
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
  // Columns the sheet does not have: blank for every customer, made once.
  const blank = (): string[] => new Array<string>(dir.key.length).fill('');
  if (!sources.manager) dir.manager = blank();
  else cleanAll(dir.manager);
  if (!sources.email) dir.email = blank();
  else cleanAll(dir.email);
  if (!sources.phone) dir.phone = blank();
  else cleanAll(dir.phone);
  return {
    orders: {
      count,
      day: day.subarray(0, count),
      customer: customer.subarray(0, count),
      amount: amount.subarray(0, count),
      profit: profit ? profit.subarray(0, count) : null,
      order: order ? order.subarray(0, count) : null,
      orderKeys: order ? orderKeys : null,
      manager: managerOfRow ? managerOfRow.subarray(0, count) : null,
      managerNames,
      customers: dir,
      hasAmount: Boolean(sources.amount),
      hasManager: Boolean(sources.manager),
    },
    report,
  };
}

/** Below every day: no contact yet. */
const NO_DAY = -2147483648;

/** Each text as shown: without invisible characters, spaces folded (the same string where there is nothing to do). */
function cleanAll(texts: string[]): void {
  for (let i = 0; i < texts.length; i++) texts[i] = shownText(texts[i]);
}

function doubled(values: Int32Array): Int32Array {
  const wider = new Int32Array(values.length * 2);
  wider.set(values);
  return wider;
}

function latest(values: string[], days: Int32Array, c: number, d: number, text: string): void {
  if (text === '') return;
  if (d > days[c] || (d === days[c] && text < values[c])) {
    days[c] = d;
    values[c] = text;
  }
}
