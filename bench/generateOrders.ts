/**
 * Deterministic orders tab for benchmarks (issue 5, item 1), at any size.
 *
 * Customers arrive over three years, buy at their own rate (log-normal, so a few
 * buy weekly and most a couple of times), drop out after any purchase with a
 * fixed chance (customers who stop buying), spend on a log-normal scale
 * (heavy-tailed revenue), and buy more in November-December (seasonality).
 * Orders have one to several lines sharing the order number (repeated order
 * lines); about 3% of orders get a return row a few days later. Names are
 * Cyrillic and Latin, and a few rows spell the same customer with other case and
 * spacing, as hand-typed tabs do. Rows come sorted by date, like an orders tab.
 *
 * Two forms of the same orders:
 * - `values`: what Sheets hands over for typed cells: Date objects at midnight in
 *   the spreadsheet's time zone, numbers for amounts and order numbers;
 * - `text`: a careless export (locale ru_RU): dates as "31.12.2024" (some
 *   "2024-12-31"), amounts as "1 234,56" with a no-break space, some with " ₽".
 */
import { mulberry32, normal } from '../test/support/simulateCustomers';

export type OrdersForm = 'values' | 'text';

export interface GenerateOptions {
  seed?: number;
  form?: OrdersForm;
  /** The spreadsheet's time zone: Date cells are midnight there (default Europe/Kyiv, which has DST). */
  timeZone?: string;
  /** The Date of the realm that reads the values (a vm context for the bundle), as in Apps Script. */
  DateClass?: DateConstructor;
}

export const HEADER = ['Дата', 'Номер заказа', 'Клиент', 'Сумма', 'Менеджер'] as const;
/** Column index of each field in `rows`. */
export const COLUMN = { date: 0, orderId: 1, customer: 2, amount: 3, manager: 4 } as const;

export interface GeneratedOrders {
  header: string[];
  /** Exactly the requested number of order rows, header not included. */
  rows: unknown[][];
  /** The as-of date: the day after the last order, a Date of the given realm. */
  asOf: Date;
  asOfDay: number;
  timeZone: string;
  /** The locale under which the text form reads as intended. */
  locale: string;
  /** Distinct customers, as generated (before case and spacing variants). */
  customers: number;
}

/** One column as a one-column range, the shape a custom function receives. */
export function columnOf(orders: GeneratedOrders, field: keyof typeof COLUMN): unknown[][] {
  const c = COLUMN[field];
  return orders.rows.map((row) => [row[c]]);
}

const FIRST = [
  'Иван',
  'Ольга',
  'Петро',
  'Марія',
  'Anna',
  'John',
  'Олена',
  'Сергей',
  'Tom',
  'Наталія',
  'Дмитрий',
  'Оксана',
  'Maria',
  'Андрій',
  'Екатерина',
  'Lukas',
  'Юлия',
  'Тарас',
  'Emma',
  'Алексей',
];
const LAST = [
  'Петров',
  'Шевченко',
  'Smith',
  'Коваль',
  'Brown',
  'Иванова',
  'Мельник',
  'Lee',
  'Бондаренко',
  'Кузнецов',
  'Müller',
  'Ткаченко',
  'Соколова',
  'García',
  'Кравченко',
  'Попов',
  'Wilson',
  'Олійник',
  'Новикова',
  'Schmidt',
];
const COMPANY = ['ООО «Ромашка»', 'ТОВ «Світанок»', 'ИП Орлов', 'Acme Ltd', 'ФОП Гончар', 'АО «Север»', 'Nordic AB', 'ТОВ «Дніпро-Трейд»'];
const MANAGERS = ['Алексей Смирнов', 'Марина Котова', 'Богдан Лисенко', 'Kate Morgan', 'Олег Руденко'];

const SPAN_DAYS = 3 * 365;
const END_DAY = Math.floor(Date.UTC(2024, 11, 31) / 86_400_000); // last possible order day
const START_DAY = END_DAY - SPAN_DAYS + 1;

/** Name of customer `id` without its client code (which makes it unique, like a CRM export). */
function customerName(id: number, random: () => number): string {
  if (random() < 0.15) return `${COMPANY[id % COMPANY.length]}, `;
  return `${LAST[Math.floor(random() * LAST.length)]} ${FIRST[Math.floor(random() * FIRST.length)]}, `;
}

/** Midnight of each epoch day in `timeZone`, as UTC milliseconds. */
function midnights(timeZone: string, from: number, to: number): Float64Array {
  const format = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
  });
  const offsetAt = (ms: number): number => {
    const p: Record<string, number> = {};
    for (const part of format.formatToParts(new Date(ms))) if (part.type !== 'literal') p[part.type] = Number(part.value);
    return Date.UTC(p.year, p.month - 1, p.day, p.hour % 24, p.minute) - ms;
  };
  const out = new Float64Array(to - from + 1);
  for (let d = from; d <= to; d++) {
    const guess = d * 86_400_000;
    out[d - from] = guess - offsetAt(guess - offsetAt(guess));
  }
  return out;
}

function dotted(day: number): string {
  const d = new Date(day * 86_400_000);
  const two = (n: number): string => String(n).padStart(2, '0');
  return `${two(d.getUTCDate())}.${two(d.getUTCMonth() + 1)}.${d.getUTCFullYear()}`;
}

function textAmount(amount: number, random: () => number): string {
  const [whole, cents] = Math.abs(amount).toFixed(2).split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, '\u00a0');
  const text = `${amount < 0 ? '-' : ''}${grouped},${cents}`;
  return random() < 0.1 ? `${text} ₽` : text;
}

/** `rows` order rows (exactly), the same for the same seed and size. */
export function generateOrders(rows: number, options: GenerateOptions = {}): GeneratedOrders {
  const random = mulberry32(options.seed ?? 1);
  const form = options.form ?? 'values';
  const timeZone = options.timeZone ?? 'Europe/Kyiv';
  const DateClass = options.DateClass ?? Date;

  // Rows as parallel columns first, then ordered by day.
  const cap = rows + 64;
  let day: Int32Array = new Int32Array(cap);
  let cust: Int32Array = new Int32Array(cap);
  let order: Int32Array = new Int32Array(cap);
  let amount: Float64Array = new Float64Array(cap);
  let manager: Uint8Array = new Uint8Array(cap);
  let n = 0;
  const grow = (): void => {
    const size = day.length * 2;
    const g32 = (a: Int32Array): Int32Array => {
      const b = new Int32Array(size);
      b.set(a);
      return b;
    };
    day = g32(day);
    cust = g32(cust);
    order = g32(order);
    const am = new Float64Array(size);
    am.set(amount);
    amount = am;
    const mg = new Uint8Array(size);
    mg.set(manager);
    manager = mg;
  };
  const push = (d: number, c: number, o: number, a: number, m: number): void => {
    if (n === day.length) grow();
    day[n] = d;
    cust[n] = c;
    order[n] = o;
    amount[n] = a;
    manager[n] = m;
    n++;
  };

  const names: string[] = [];
  let orders = 0;
  while (n < rows) {
    const id = names.length;
    names.push(customerName(id + 1, random));
    // More customers arrive later: the business grows.
    let d = START_DAY + Math.floor(SPAN_DAYS * Math.pow(random(), 0.8));
    const meanGap = 95 * Math.exp(1.3 * normal(random)); // days between purchases, log-normal
    const scale = 25 * Math.exp(1.0 * normal(random)); // typical line amount, log-normal
    const dropout = 0.3 * Math.pow(random(), 2); // heterogeneous, as in BG/NBD: some never leave
    let m = Math.floor(random() * MANAGERS.length);
    for (let k = 0; k < 2000 && d <= END_DAY; k++) {
      const month = new Date(d * 86_400_000).getUTCMonth();
      const season = 1 + 0.35 * Math.cos((2 * Math.PI * (month - 11)) / 12); // peak in December
      if (k === 0 || random() < season / 1.35) {
        const o = orders++;
        if (random() < 0.05) m = Math.floor(random() * MANAGERS.length); // the customer moves to another manager
        const lines = 1 + Math.floor(-Math.log(1 - random()) * 0.9);
        let last = 0;
        for (let l = 0; l < lines; l++) {
          const r = random();
          last = r < 0.003 ? 0 : Math.round(scale * season * Math.exp(0.5 * normal(random)) * 100) / 100;
          push(d, id, o, last, m);
        }
        if (random() < 0.03 && last > 0) {
          const back = d + 1 + Math.floor(random() * 20);
          if (back <= END_DAY) push(back, id, o, -last, m); // a return of the last line
        }
        if (random() < dropout) break; // the customer stops buying
      }
      d += Math.max(1, Math.round(-Math.log(1 - random()) * meanGap));
    }
  }
  n = rows; // the last customer's latest rows may go: arrival order is random, so no period is favoured

  // Counting sort by day; rows of a day keep generation order.
  const byDay = new Int32Array(SPAN_DAYS + 1);
  for (let i = 0; i < n; i++) byDay[day[i] - START_DAY + 1]++;
  for (let k = 0; k < SPAN_DAYS; k++) byDay[k + 1] += byDay[k];
  const sorted = new Int32Array(n);
  for (let i = 0; i < n; i++) sorted[byDay[day[i] - START_DAY]++] = i;

  const midnight = midnights(timeZone, START_DAY, END_DAY + 1);
  const out: unknown[][] = new Array(n);
  // Order numbers grow with time, as a shop's do: numbered by first row in date order.
  const orderNo = new Int32Array(orders).fill(-1);
  let nextOrderNo = 100_001;
  for (let j = 0; j < n; j++) {
    const i = sorted[j];
    if (orderNo[order[i]] < 0) orderNo[order[i]] = nextOrderNo++;
  }
  for (let j = 0; j < n; j++) {
    const i = sorted[j];
    const d = day[i];
    let name = `${names[cust[i]]}К-${String(cust[i] + 1).padStart(6, '0')}`;
    const typo = random();
    // Hand-typed variants of the same customer: case and stray spaces do not make a new one.
    if (typo < 0.005) name = name.toLowerCase();
    else if (typo < 0.01) name = ` ${name.replace(' ', '  ')} `;
    const number = orderNo[order[i]];
    if (form === 'values') {
      out[j] = [new DateClass(midnight[d - START_DAY]), number, name, amount[i], MANAGERS[manager[i]]];
    } else {
      const date = random() < 0.05 ? new Date(d * 86_400_000).toISOString().slice(0, 10) : dotted(d);
      out[j] = [date, `№${number}`, name, textAmount(amount[i], random), MANAGERS[manager[i]]];
    }
  }
  // A new flat string per cell, as getValues() hands over: the reader cannot count on shared, already hashed strings.
  const texts = JSON.parse(JSON.stringify(out.map((row) => row[COLUMN.customer]))) as string[];
  for (let j = 0; j < n; j++) out[j][COLUMN.customer] = texts[j];
  const asOfDay = END_DAY + 1;
  return {
    header: [...HEADER],
    rows: out,
    asOf: new DateClass(midnight[asOfDay - START_DAY]),
    asOfDay,
    timeZone,
    locale: form === 'text' ? 'ru_RU' : 'en_US',
    customers: names.length,
  };
}
