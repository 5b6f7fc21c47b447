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
import { mulberry32 } from '../test/support/simulateCustomers';

export const SAMPLE_FILE = path.join(path.dirname(fileURLToPath(import.meta.url)), 'sample-orders.xlsx');

export const HEADERS = ['Дата', 'Клиент', 'Сумма', '№ заказа', 'Менеджер', 'Email', 'Телефон'];
export const MANAGERS = ['Алексей Смирнов', 'Марина Козлова', 'Богдан Ткаченко', 'Kate Wilson', 'Олег Морозов'];
/** The last order is on this day; the first about two and a half years earlier. */
export const LAST_DAY = '2026-10-30';
export const FIRST_DAY = '2024-05-01';
/** Customer names that look like a formula and like a phone number: they must stay text. */
export const FORMULA_LIKE_NAME = '=HYPERLINK("http://x")';
export const PHONE_LIKE_NAME = '+7 999 123-45-67';

const CUSTOMERS = 1200;
const SEED = 20261123;

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

function makeCustomers(random: () => number): Customer[] {
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
  while (customers.length < CUSTOMERS) {
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

/** The sheet's rows after the header: an order per row, with the mess of a real export. */
export function sampleRows(): { rows: unknown[][]; facts: SampleFacts } {
  const random = mulberry32(SEED);
  const customers = makeCustomers(random);
  const first = dayNumber(FIRST_DAY);
  const last = dayNumber(LAST_DAY);
  type Order = { day: number; customer: Customer; amount: number };
  const orders: Order[] = [];
  for (const [i, customer] of customers.entries()) {
    // Heavy tail: most buy once or twice, a few dozens of times (Pareto-like counts).
    const count = i < 2 ? 3 : Math.min(150, Math.floor(Math.pow(random() + 1e-9, -0.875)));
    const level = 800 * Math.exp(random() * 3.2);
    let day = first + Math.floor(random() * (last - first) * (count > 6 ? 0.5 : 1));
    // Their purchases spread over the rest of the period, or part of it for those who leave.
    const lifetime = (last - day) * (random() < 0.35 ? 0.2 + random() * 0.5 : 1);
    const interval = Math.max(2, lifetime / count);
    for (let k = 0; k < count && day <= last; k++) {
      orders.push({ day, customer, amount: Math.round(level * (0.55 + random() * 0.9) * 100) / 100 });
      day += Math.max(1, Math.round(interval * (0.4 + random() * 1.2)));
    }
  }
  // The last order falls on LAST_DAY, so the file's range is what README says.
  orders.push({ day: last, customer: customers[3], amount: 2450 });
  orders.push({ day: first, customer: customers[4], amount: 990 });
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
    if (random() < 0.02 && o.day + 7 <= last) {
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

export async function writeSample(file = SAMPLE_FILE): Promise<SampleFacts> {
  const { rows, facts } = sampleRows();
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
    (facts) => console.log(`wrote ${out}\n${JSON.stringify(facts, null, 2)}`),
    (e: unknown) => {
      console.error(`make-sample: ${e instanceof Error ? e.message : String(e)}`);
      process.exitCode = 1;
    },
  );
}
