// Text round trip (issue 12): every text field from the data (customer names,
// managers, e-mails, phones) reads back from the report sheets exactly as the
// documented display rule says (docs/definitions.md, "Customers, names and
// contacts": a name is trimmed with runs of spaces made one, a contact trimmed), as
// values and as displayed text, never as a number, a date, a boolean or a formula;
// and the same from the .xlsx the local runtime writes, read back with exceljs.
//
// Sheets reads a string given to setValues as if it were typed
// (https://developers.google.com/sheets/api/reference/rest/v4/ValueInputOption,
// https://developers.google.com/apps-script/reference/spreadsheet/range#setValues(Object)),
// and the local runtime models that (local/values.ts typedValue): without the
// writer's apostrophe, 0501234567 comes back as 501234567 and 2024-01-01 as a date.
import path from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { t } from '../src/i18n/catalogue';
import { type Runtime, reopen, startRuntime, tempDir } from './support/runtime';

/** Names as hostile as data gets: numbers, dates, booleans, percentages, formulas, quotes, spaces, escapes. */
const NAMES = [
  '0501234567',
  '00441234567',
  '1e5',
  '12/05/2024',
  '007',
  '2024-01-01',
  'TRUE',
  'false',
  '50%',
  '1,234',
  '1 000',
  '1.234',
  '12.05.2024',
  '12-05-2024',
  '=1+1',
  '+7 999',
  '-5',
  '@anna',
  "'quoted",
  '  Anna   Maria  ',
  'Олена Коваль',
  'Іван Петренко',
  '_x0041_',
  '$2.99',
  '2,99 ₽',
  '10:30',
  '=HYPERLINK("http://x")',
];
const MANAGERS = ['007', 'TRUE', '=1+1', '1,234', 'Ольга', ' Ivan ', '12/05/2024', "'Olga"];
const EMAILS = ['=cmd|x@example.com', "'a@b.c", 'TRUE', '1e5', 'anna@example.com', ' olena@example.com '];
const PHONES = [
  '0501234567',
  '00441234567',
  '+7 999 123-45-67',
  '+380501234567',
  '1e5',
  '12/05/2024',
  '1 000',
  '050-123-4567',
  '12-05-2024',
  '10:30',
  '(050) 123 45 67',
];

interface Customer {
  name: string;
  manager: string;
  email: string;
  phone: string;
}

const CUSTOMERS: Customer[] = NAMES.map((name, i) => ({
  name,
  manager: MANAGERS[i % MANAGERS.length],
  email: EMAILS[i % EMAILS.length],
  phone: PHONES[i % PHONES.length],
}));

/** docs/definitions.md: the name shown is its text trimmed with runs of spaces made one; contacts are trimmed. */
const shownName = (text: string): string => text.trim().replace(/\s+/g, ' ');
const shownContact = (text: string): string => text.trim();

/**
 * Orders that put the customers in several segments and some in the lost list: one
 * purchase long ago (lost), two a month apart long ago (lost), or those two and a
 * recent one.
 */
function orders(): unknown[][] {
  const rows: unknown[][] = [['Date', 'Customer', 'Amount', 'Manager', 'Email', 'Phone']];
  CUSTOMERS.forEach((c, i) => {
    const order = (date: string, amount: number) => rows.push([date, c.name, amount, c.manager, c.email, c.phone]);
    order('2024-01-15', 100 + i);
    if (i % 3 !== 0) order('2024-02-15', 50 + i);
    if (i % 3 === 1) order(new Date(Date.UTC(2026, 10, 20) - (i % 9) * 20 * 86_400_000).toISOString().slice(0, 10), 70 + i);
  });
  return rows;
}

/** Builds every report and the list of every segment that has customers; returns the lists' names. */
function buildAll(rt: Runtime): string[] {
  // The main reports and the team's four (issue 13).
  expect(rt.call('rebuildAllReports')).toMatch(/^(Rebuilt|Пересобрано) 14 /);
  const { segments } = rt.call<{ segments: { key: string; customers: number }[] }>('sidebarLoad');
  const lists: string[] = [];
  for (const s of segments.filter((x) => x.customers > 0)) {
    const { sheetName } = rt.call<{ sheetName: string }>('sidebarBuild', { kind: 'segmentList', segment: s.key });
    lists.push(sheetName);
  }
  return lists;
}

/** Where a value sits in a grid of cells: the rows whose first cell is the customer's name. */
function rowsOf(grid: unknown[][], name: string): unknown[][] {
  return grid.filter((r) => r[0] === name);
}

describe.each([
  { locale: 'en_US', timeZone: 'Europe/London', lang: 'en' as const },
  { locale: 'ru_RU', timeZone: 'Europe/Moscow', lang: 'ru' as const },
])('every text field reads back exactly, in $locale', ({ locale, timeZone, lang }) => {
  it('from the report sheets (values and display) and from the .xlsx (exceljs and the runtime reading it again)', async () => {
    const rt = await startRuntime({ Orders: orders() }, { now: '2026-11-23T09:00Z', locale, timeZone });
    const lists = buildAll(rt);
    const lost = rt.book.sheets.find((s) => s.metadata.some((m) => m.value === 'lost'))!.name;
    let cases = 0;

    // The lists hold every customer, with manager, e-mail and phone in columns 7-9.
    const listRows = (read: (sheet: string) => unknown[][]) => lists.flatMap((sheet) => read(sheet).map((row) => ({ sheet, row })));
    const check = (what: string, read: (sheet: string) => unknown[][]) => {
      const all = listRows(read);
      for (const c of CUSTOMERS) {
        const found = all.filter(({ row }) => row[0] === shownName(c.name));
        expect(found.length, `${what}: ${JSON.stringify(c.name)} in one list`).toBe(1);
        const { row } = found[0];
        expect([row[0], row[6], row[7], row[8]], `${what}: ${JSON.stringify(c)}`).toEqual([
          shownName(c.name),
          shownContact(c.manager),
          shownContact(c.email),
          shownContact(c.phone),
        ]);
        cases += 4;
      }
      // The lost customers' list (under its header row): name, manager, e-mail and phone in columns 1, 2, 10, 11.
      const lostGrid = read(lost);
      const head = lostGrid.findIndex((r) => r[0] === t(lang, 'col.customer'));
      expect(head, `${what}: the lost customers' list`).toBeGreaterThan(0);
      const lostRows = lostGrid.slice(head + 1);
      let listed = 0;
      for (const c of CUSTOMERS) {
        for (const row of rowsOf(lostRows, shownName(c.name))) {
          expect([row[0], row[1], row[9], row[10]], `${what}: lost ${JSON.stringify(c)}`).toEqual([
            shownName(c.name),
            shownContact(c.manager),
            shownContact(c.email),
            shownContact(c.phone),
          ]);
          listed++;
          cases += 4;
        }
      }
      expect(listed, `${what}: lost customers listed`).toBeGreaterThan(0);
    };
    check('values', (sheet) => rt.readSheet(sheet));
    check('display', (sheet) => rt.readDisplay(sheet));
    for (const sheet of [...lists, lost]) expect(rt.readFormulas(sheet).flat().filter(Boolean), sheet).toEqual([]);

    // Managers in the per-manager tables of every report: as text, never parsed.
    const everyString = new Set(rt.book.sheets.flatMap((s) => (s.name === 'Orders' ? [] : rt.readSheet(s.name).flat())));
    for (const m of new Set(MANAGERS.map(shownContact))) {
      expect(everyString.has(m), `manager ${JSON.stringify(m)}`).toBe(true);
      cases++;
    }

    // The .xlsx: the same cells are strings, read back with exceljs, and by the runtime reopening it.
    const file = path.join(tempDir('text-'), 'book.xlsx');
    await rt.writeWorkbook(file);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    const excel = (sheet: string): unknown[][] => {
      const ws = wb.getWorksheet(sheet);
      expect(ws, sheet).toBeDefined();
      const grid: unknown[][] = [];
      ws!.eachRow({ includeEmpty: true }, (row, r) => {
        const line: unknown[] = [];
        row.eachCell({ includeEmpty: true }, (cell, c) => {
          // exceljs repeats a merge's value in the cells it covers; Sheets keeps it in the first one only.
          if (cell.type === ExcelJS.ValueType.Merge) return void (line[c - 1] = '');
          if (typeof cell.value === 'string') expect(cell.type).toBe(ExcelJS.ValueType.String);
          line[c - 1] = cell.value ?? '';
        });
        grid[r - 1] = line;
      });
      return Array.from(grid, (line) => line ?? []);
    };
    check('xlsx (exceljs)', excel);
    const again = await reopen(rt);
    check('xlsx (reopened)', (sheet) => again.readSheet(sheet));
    console.log(`text round trip ${locale}: ${cases} cases (${CUSTOMERS.length} customers, ${lists.length} lists)`);
  });
});
