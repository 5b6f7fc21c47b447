/**
 * Writes examples/sample-orders.xlsx, the orders export `npm start` runs on.
 * Deterministic: the same seed gives the same rows (and the same file bytes).
 *
 *   node --import tsx examples/make-sample.ts [out.xlsx]
 *
 * What is in it: examples/README.md.
 */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import { gamma, mulberry32, normal } from '../test/support/simulateCustomers';

export const SAMPLE_FILE = path.join(path.dirname(fileURLToPath(import.meta.url)), 'sample-orders.xlsx');

export const HEADERS = ['Дата', 'Клиент', 'Сумма', '№ заказа', 'Менеджер', 'Email', 'Телефон'];
export const MANAGERS = ['Алексей Смирнов', 'Марина Козлова', 'Богдан Ткаченко', 'Kate Wilson', 'Олег Морозов'];
/** The last order is on this day, a few days before the as-of date the tests use (2026-11-23); the first three years earlier. */
export const LAST_DAY = '2026-11-20';
export const FIRST_DAY = '2023-11-21';
/**
 * The sample's own as-of date, a Monday three days after its last order (the date the
 * tests and the README's figures use): `npm start` shows the sample as of this day
 * unless --as-of says otherwise, so its figures do not drift as today moves on.
 * Written beside the sample (sampleMetaFile).
 */
export const SAMPLE_AS_OF = '2026-11-23';
/** Customer names that look like a formula and like a phone number: they must stay text. */
export const FORMULA_LIKE_NAME = '=HYPERLINK("http://x")';
export const PHONE_LIKE_NAME = '+7 999 123-45-67';

const SEED = 20261120;

const RU_MALE = ['Иван', 'Дмитрий', 'Сергей', 'Алексей', 'Андрей', 'Михаил', 'Никита', 'Павел', 'Егор', 'Артём', 'Максим', 'Юрий'];
const RU_FEMALE = ['Ольга', 'Анна', 'Мария', 'Наталья', 'Елена', 'Татьяна', 'Ксения', 'Дарья', 'Юлия', 'Светлана', 'Ирина', 'Алёна'];
const RU_LAST = [
  'Иванов',
  'Петров',
  'Соколов',
  'Кузнецов',
  'Попов',
  'Лебедев',
  'Новиков',
  'Морозов',
  'Волков',
  'Фёдоров',
  'Орлов',
  'Зайцев',
  'Павлов',
  'Семёнов',
  'Голубев',
];
const UK_FIRST = ['Олександр', 'Тарас', 'Богдан', 'Оксана', 'Ганна', 'Олена', 'Петро', 'Марія', 'Наталія', 'Григорій'];
const UK_LAST = ['Шевченко', 'Коваленко', 'Бондаренко', 'Ткаченко', 'Кравченко', 'Мельник', 'Коваль', 'Лисенко', 'Савченко', 'Руденко'];
const EN_FIRST = ['John', 'Emma', 'Liam', 'Olivia', 'Noah', 'Mia', 'Lucas', 'Sophie', 'Anna', 'Tom', 'Grace', 'Oscar', 'Chloe', 'Jack'];
const EN_LAST = [
  'Smith',
  'Brown',
  'Taylor',
  'Wilson',
  'Evans',
  'Walker',
  'Wright',
  'Müller',
  'García',
  'Kowalski',
  'Novak',
  "O'Brien",
  'Lee',
];

const TRANSLIT: Record<string, string> = {
  а: 'a',
  б: 'b',
  в: 'v',
  г: 'g',
  ґ: 'g',
  д: 'd',
  е: 'e',
  ё: 'e',
  є: 'ye',
  ж: 'zh',
  з: 'z',
  и: 'i',
  і: 'i',
  ї: 'yi',
  й: 'y',
  к: 'k',
  л: 'l',
  м: 'm',
  н: 'n',
  о: 'o',
  п: 'p',
  р: 'r',
  с: 's',
  т: 't',
  у: 'u',
  ф: 'f',
  х: 'kh',
  ц: 'ts',
  ч: 'ch',
  ш: 'sh',
  щ: 'shch',
  ъ: '',
  ы: 'y',
  ь: '',
  э: 'e',
  ю: 'yu',
  я: 'ya',
  ü: 'u',
  á: 'a',
  í: 'i',
  "'": '',
};

function latin(text: string): string {
  return [...text.toLowerCase()]
    .map((ch) => TRANSLIT[ch] ?? ch)
    .join('')
    .replace(/[^a-z0-9]+/g, '.');
}

interface Customer {
  name: string;
  manager: string;
  email: string;
  phone: string;
  kind: 'ru' | 'uk' | 'en';
}

function makeCustomers(random: () => number, count: number): Customer[] {
  const pick = <T>(list: T[]) => list[Math.floor(random() * list.length)];
  const digits = (n: number) => Array.from({ length: n }, () => Math.floor(random() * 10)).join('');
  const names = new Set<string>([FORMULA_LIKE_NAME, PHONE_LIKE_NAME]);
  const customers: Customer[] = [];
  const add = (name: string, kind: Customer['kind']) => {
    const phone =
      kind === 'en'
        ? `+44 7${digits(3)} ${digits(6)}`
        : kind === 'uk'
          ? `+380 ${digits(2)} ${digits(3)} ${digits(2)} ${digits(2)}`
          : `+7 9${digits(2)} ${digits(3)}-${digits(2)}-${digits(2)}`;
    customers.push({
      name,
      kind,
      manager: pick(MANAGERS),
      email:
        random() < 0.15
          ? ''
          : `${latin(name)}${random() < 0.3 ? Math.floor(random() * 90 + 10) : ''}@${pick(['example.com', 'mail.example', 'example.org'])}`,
      phone: random() < 0.2 ? '' : phone,
    });
  };
  add(FORMULA_LIKE_NAME, 'en');
  add(PHONE_LIKE_NAME, 'ru');
  while (customers.length < count) {
    const r = random();
    let name: string;
    let kind: Customer['kind'];
    if (r < 0.5) {
      const female = random() < 0.5;
      const last = pick(RU_LAST);
      name = `${female ? pick(RU_FEMALE) : pick(RU_MALE)} ${female ? `${last}а` : last}`;
      kind = 'ru';
    } else if (r < 0.75) {
      name = `${pick(UK_FIRST)} ${pick(UK_LAST)}`;
      kind = 'uk';
    } else if (r < 0.95) {
      name = `${pick(EN_FIRST)} ${pick(EN_LAST)}`;
      kind = 'en';
    } else {
      name = pick([
        `ООО «${pick(['Ромашка', 'Вектор', 'Север', 'Гранит', 'Альфа'])}-${digits(2)}»`,
        `ИП ${pick(RU_LAST)} ${pick(['А.', 'В.', 'С.'])}${pick(['И.', 'П.', 'Н.'])}`,
        `${pick(['Acme', 'Globex', 'Initech', 'Umbrella'])} Ltd ${digits(2)}`,
      ]);
      kind = name.startsWith('ООО') || name.startsWith('ИП') ? 'ru' : 'en';
    }
    // Same names are different people in real exports too; keep them apart with a number.
    let unique = name;
    for (let n = 2; names.has(unique); n++) unique = `${name} ${n}`;
    names.add(unique);
    add(unique, kind);
  }
  return customers;
}

const DAY = 86_400_000;

function dayNumber(iso: string): number {
  return Date.parse(`${iso}T00:00:00Z`) / DAY;
}

function dotted(day: number): string {
  const d = new Date(day * DAY);
  return `${String(d.getUTCDate()).padStart(2, '0')}.${String(d.getUTCMonth() + 1).padStart(2, '0')}.${d.getUTCFullYear()}`;
}

/** 1234.56 -> "1 234,56", as a Russian export writes it. */
function russianAmount(n: number): string {
  const [int, frac] = Math.abs(n).toFixed(2).split('.');
  return `${n < 0 ? '-' : ''}${int.replace(/\B(?=(\d{3})+(?!\d))/g, ' ')},${frac}`;
}

/**
 * The shop behind the sample: a small wholesaler growing over three years. Each
 * customer buys at a rate of their own (a gamma across customers: most rarely, a
 * few every few weeks), with gaps that vary around it, and after each repeat
 * purchase stops for good with one chance, the same for all: the BG/NBD story
 * (section 11 of docs/definitions.md), so that the model check has something
 * true to find. New customers come more often as the shop grows, most in the
 * autumn and winter. The defaults are tuned so that the add-on's headline figures
 * are those of a plausible business (examples/README.md lists them).
 */
export interface SampleShape {
  customers: number;
  /** Purchase rate per day ~ Gamma(rateShape, rate `rateShape / meanGapDays`). */
  rateShape: number;
  /** The days between purchases of the average customer (1 / the mean rate). */
  meanGapDays: number;
  /** Gaps are Gamma(gapShape) around 1 / rate: 1 is Poisson, more is steadier. */
  gapShape: number;
  /** The chance of stopping for good after each repeat purchase. */
  dropout: number;
  /** New customers a day at the end / at the start. */
  growth: number;
  /** Seasonal swing of new customers and of purchases, ± this share, highest in early December. */
  season: number;
  /** A first order is this many times a repeat order of the same customer (the shelf is stocked first). */
  firstOrder: number;
  /** Median order of a customer, and the spread of customers' medians (log scale). */
  medianOrder: number;
  orderSpread: number;
  /** The chance that an order is returned a week later. */
  returns: number;
}

export const SHAPE: SampleShape = {
  customers: 1500,
  rateShape: 2,
  meanGapDays: 150,
  gapShape: 3,
  dropout: 0.05,
  growth: 3,
  season: 0.2,
  firstOrder: 3.5,
  medianOrder: 2400,
  orderSpread: 0.7,
  returns: 0.02,
};

export interface SampleFacts {
  rows: number;
  orderRows: number;
  blankRows: number;
  unreadableRows: number;
  textDates: number;
  textAmounts: number;
  returns: number;
  customers: number;
  firstDate: string;
  lastDate: string;
}

/** 1 ± swing, highest on 5 December. */
function seasonal(day: number, swing: number): number {
  const d = new Date(day * DAY);
  const dayOfYear = (Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()) - Date.UTC(d.getUTCFullYear(), 0, 1)) / DAY;
  return 1 + swing * Math.cos((2 * Math.PI * (dayOfYear - 338)) / 365.25);
}

/** The sheet's rows after the header: an order per row, with the mess of a real export. */
export function sampleRows(shape: SampleShape = SHAPE): { rows: unknown[][]; facts: SampleFacts } {
  const random = mulberry32(SEED);
  const customers = makeCustomers(random, shape.customers);
  const first = dayNumber(FIRST_DAY);
  const last = dayNumber(LAST_DAY);
  const span = last - first;
  type Order = { day: number; customer: Customer; amount: number };
  const orders: Order[] = [];
  // The first purchase day: more new customers as the shop grows, and in the high season.
  const most = shape.growth * (1 + shape.season);
  const arrival = (): number => {
    for (;;) {
      const day = first + Math.floor(random() * (span + 1));
      if (random() * most < Math.pow(shape.growth, (day - first) / span) * seasonal(day, shape.season)) return day;
    }
  };
  for (const [i, customer] of customers.entries()) {
    // The very first customer opened the shop, on its first day.
    let day = i === 0 ? first : arrival();
    const rate = gamma(random, shape.rateShape, shape.rateShape * shape.meanGapDays);
    const level = shape.medianOrder * Math.exp(shape.orderSpread * normal(random));
    const amount = (scale: number) => Math.round(level * scale * (0.6 + random() * 0.8) * 100) / 100;
    orders.push({ day, customer, amount: amount(shape.firstOrder) });
    for (;;) {
      // The next gap around 1 / rate, shorter in the high season; at least a day.
      const gap = gamma(random, shape.gapShape, shape.gapShape * rate) / seasonal(day, shape.season / 2);
      day += Math.max(1, Math.round(gap));
      if (day > last) break;
      orders.push({ day, customer, amount: amount(1) });
      if (random() < shape.dropout) break;
    }
  }
  // Someone buys on the last day, so the file's range is what README says.
  orders.push({ day: last, customer: customers[3], amount: 2450 });
  orders.sort((a, b) => a.day - b.day || a.customer.name.localeCompare(b.customer.name));

  const rows: unknown[][] = [];
  let orderNo = 100000;
  let textDates = 0;
  let textAmounts = 0;
  let returns = 0;
  for (const o of orders) {
    const id = `A-${++orderNo}`;
    const date = new Date(o.day * DAY); // midnight UTC = the calendar day, as Excel stores dates
    const c = o.customer;
    const textDate = random() < 0.004;
    const textAmount = random() < 0.004;
    textDates += textDate ? 1 : 0;
    textAmounts += textAmount ? 1 : 0;
    rows.push([textDate ? dotted(o.day) : date, c.name, textAmount ? russianAmount(o.amount) : o.amount, id, c.manager, c.email, c.phone]);
    if (random() < shape.returns && o.day + 7 <= last) {
      // A return: the amount back a week later, under the same order number.
      returns++;
      rows.push([new Date((o.day + 7) * DAY), c.name, -o.amount, id, c.manager, c.email, c.phone]);
    }
  }
  rows.sort((a, b) => {
    const day = (v: unknown) => (v instanceof Date ? v.getTime() / DAY : dayNumber((v as string).split('.').reverse().join('-')));
    return day(a[0]) - day(b[0]);
  });
  // Unreadable rows: a date that does not exist and an amount that is not a number.
  rows.splice(1500, 0, ['32.13.2025', customers[10].name, 1500, 'A-X1', customers[10].manager, customers[10].email, customers[10].phone]);
  rows.splice(3200, 0, [new Date(dayNumber('2025-11-12') * DAY), customers[11].name, 'уточнить', 'A-X2', customers[11].manager, '', '']);
  // Blank rows, as left by someone deleting orders by hand.
  for (const at of [800, 2600, 4100]) rows.splice(at, 0, []);
  const blankRows = 3;
  const unreadableRows = 2;
  return {
    rows,
    facts: {
      rows: rows.length,
      orderRows: rows.length - blankRows - unreadableRows,
      blankRows,
      unreadableRows,
      textDates,
      textAmounts,
      returns,
      customers: new Set(orders.map((o) => o.customer.name)).size,
      firstDate: FIRST_DAY,
      lastDate: LAST_DAY,
    },
  };
}

/** The metadata file beside a sample workbook: sample-orders.xlsx -> sample-orders.json. */
export function sampleMetaFile(file: string): string {
  return file.replace(/\.xlsx$/i, '') + '.json';
}

/** What local/start.ts reads beside the bundled sample: its dates, the as-of date first. */
export interface SampleMeta {
  asOf: string;
  firstOrder: string;
  lastOrder: string;
  note: string;
}

export function sampleMeta(): SampleMeta {
  return {
    asOf: SAMPLE_AS_OF,
    firstOrder: FIRST_DAY,
    lastOrder: LAST_DAY,
    note: 'Written by examples/make-sample.ts. npm start shows the sample as of asOf unless --as-of is given.',
  };
}

export async function writeSample(file = SAMPLE_FILE, shape: SampleShape = SHAPE): Promise<SampleFacts> {
  const { rows, facts } = sampleRows(shape);
  const wb = new ExcelJS.Workbook();
  wb.creator = 'examples/make-sample.ts';
  wb.created = new Date(Date.UTC(2026, 10, 1));
  wb.modified = new Date(Date.UTC(2026, 10, 1));
  const ws = wb.addWorksheet('Orders', { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.addRow(HEADERS).font = { bold: true };
  for (const row of rows) ws.addRow(row);
  ws.getColumn(1).numFmt = 'dd.mm.yyyy';
  ws.getColumn(3).numFmt = '#,##0.00';
  [12, 28, 12, 11, 18, 30, 20].forEach((w, i) => (ws.getColumn(i + 1).width = w));
  ws.getRow(1).numFmt = '@';
  await writeFile(file, fixedZipDates(Buffer.from(await wb.xlsx.writeBuffer())));
  await writeFile(sampleMetaFile(file), JSON.stringify(sampleMeta(), null, 2) + '\n');
  return facts;
}

/**
 * The zip entries' modification times set to one fixed moment, so that the same
 * rows give the same bytes (exceljs stamps each entry with the current time).
 * Times are not covered by the CRCs: only the headers change.
 */
export function fixedZipDates(zip: Buffer): Buffer {
  const eocd = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (eocd < 0) throw new Error('not a zip file');
  const entries = zip.readUInt16LE(eocd + 10);
  let at = zip.readUInt32LE(eocd + 16);
  const time = 0; // 00:00:00
  const date = ((2026 - 1980) << 9) | (11 << 5) | 1; // 2026-11-01
  for (let i = 0; i < entries; i++) {
    if (zip.readUInt32LE(at) !== 0x02014b50) throw new Error('bad zip central directory');
    zip.writeUInt16LE(time, at + 12);
    zip.writeUInt16LE(date, at + 14);
    const local = zip.readUInt32LE(at + 42);
    zip.writeUInt16LE(time, local + 10);
    zip.writeUInt16LE(date, local + 12);
    at += 46 + zip.readUInt16LE(at + 28) + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
  }
  return zip;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  // node --import tsx examples/make-sample.ts [OUT.xlsx]
  const { positionals } = parseArgs({ allowPositionals: true, strict: true });
  const out = positionals[0] ?? SAMPLE_FILE;
  writeSample(out).then(
    (facts) => console.log(`wrote ${out} and ${sampleMetaFile(out)}\n${JSON.stringify(facts, null, 2)}`),
    (e: unknown) => {
      console.error(`make-sample: ${e instanceof Error ? e.message : String(e)}`);
      process.exitCode = 1;
    },
  );
}
