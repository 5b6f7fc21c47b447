// The warehouse edition's Managers, Repeat funnel and Key customers sheets equal the in-sheet
// ones, cell for cell (values, display and formulas), on hand-made tables beyond the e2e's: a profit
// column (the Managers' profit and margin figures), a margin column in percent, no manager
// column at all (everyone "no manager"), in Russian and Ukrainian spreadsheets. The same
// rows as an orders tab named like the table (dist/Code.js) and as a CSV behind the BigQuery stand-in
// (dist-warehouse/Code.js, DuckDB). `npm test` builds both editions first.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { type Runtime, createRuntime, projectRoot, tempDir } from './support/runtime';

const WAREHOUSE_BUNDLE = path.join(projectRoot, 'dist-warehouse', 'Code.js');
const TIME_ZONE = 'Europe/Kyiv';
const NOW = '2024-07-10T09:00:00Z';

/**
 * Orders of 12 customers over July 2022 .. June 2024, at 21:30 UTC (past midnight in Kyiv,
 * so the day is the next one there): customer c buys every (30 + 17c) days from day 61c,
 * a line of 10 + 7c (+ 0..2) and a profit of a quarter of it; customers 0, 5 and 9 stop after a year.
 */
function orders(managers: readonly string[]): { date: Date; customer: string; amount: number; profit: number; manager: string }[] {
  const rows = [];
  const start = Date.UTC(2022, 6, 1, 21, 30);
  const end = Date.UTC(2024, 5, 30);
  for (let c = 0; c < 12; c++) {
    const first = start + 61 * c * 86_400_000;
    const stop = [0, 5, 9].includes(c) ? first + 365 * 86_400_000 : end;
    for (let at = first; at < stop; at += (30 + 17 * c) * 86_400_000) {
      const amount = 10 + 7 * c + ((at / 86_400_000) % 3);
      rows.push({
        date: new Date(at),
        customer: `Клиент ${c}`,
        amount,
        profit: Math.round(amount * 25) / 100,
        manager: managers[c % managers.length],
      });
    }
  }
  return rows;
}

interface Case {
  name: string;
  locale: string;
  header: string[];
  row: (o: ReturnType<typeof orders>[number]) => unknown[];
  names: { managers: string; funnel: string; key: string };
}

const CASES: Case[] = [
  {
    name: 'a profit column, in a Russian spreadsheet: profit and margin per manager',
    locale: 'ru_RU',
    header: ['date', 'customer', 'amount', 'profit', 'manager'],
    row: (o) => [o.date, o.customer, o.amount, o.profit, o.manager],
    names: { managers: 'Менеджеры', funnel: 'Воронка повторных', key: 'Ключевые клиенты' },
  },
  {
    name: 'a margin column in percent, in a Ukrainian spreadsheet',
    locale: 'uk_UA',
    header: ['date', 'customer', 'amount', 'margin', 'manager'],
    row: (o) => [o.date, o.customer, o.amount, 25, o.manager],
    names: { managers: 'Менеджери', funnel: 'Воронка повторних', key: 'Ключові клієнти' },
  },
  {
    name: 'no manager column: everyone under "no manager"',
    locale: 'en_US',
    header: ['date', 'customer', 'amount'],
    row: (o) => [o.date, o.customer, o.amount],
    names: { managers: 'Managers', funnel: 'Repeat funnel', key: 'Key customers' },
  },
];

function csvText(header: string[], rows: unknown[][]): string {
  const cell = (v: unknown): string => (v instanceof Date ? v.toISOString() : String(v));
  return [header.join(','), ...rows.map((r) => r.map(cell).join(','))].join('\n');
}

const sheetOf = (rt: Runtime, name: string) => ({
  values: rt.readSheet(name),
  display: rt.readDisplay(name),
  formulas: rt.readFormulas(name),
});

describe('Managers, Repeat funnel and Key customers from BigQuery equal the in-sheet sheets, cell for cell', () => {
  it.each(CASES)('$name', async ({ locale, header, row, names }) => {
    const rows = orders(['Ольга', 'Іван', 'Kate']).map(row);
    const csv = path.join(tempDir('wh-reports-'), 'orders.csv');
    writeFileSync(csv, csvText(header, rows));
    const inSheet = await createRuntime({ workbook: { 'shop.orders': [header, ...rows] }, locale, timeZone: TIME_ZONE, now: NOW });
    const warehouse = await createRuntime({
      bundle: WAREHOUSE_BUNDLE,
      locale,
      timeZone: TIME_ZONE,
      now: NOW,
      warehouse: { file: csv, threads: 1 },
    });
    try {
      for (const kind of ['managers', 'funnel', 'keyCustomers']) inSheet.callJson('sidebarBuild', { kind });
      const source = { projectId: 'shop-analytics', table: 'shop.orders', query: '', location: '', columns: {}, listCap: 50_000 };
      const built = warehouse.callJson('warehouseBuild', source, []) as { sheetNames: string[] };
      for (const name of [names.managers, names.funnel, names.key]) {
        expect(built.sheetNames).toContain(name);
        const a = sheetOf(inSheet, name);
        const b = sheetOf(warehouse, name);
        expect(b.values, name).toEqual(a.values);
        expect(b.display, name).toEqual(a.display);
        expect(b.formulas, name).toEqual(a.formulas);
      }
      // Not empty comparisons: the Managers sheet has its profit rows exactly when the table has profit or margin.
      const column = inSheet.readSheet(names.managers).map((r) => String(r[0]));
      const profitRows = column.filter((v) => /^(Profit|Прибыль|Прибуток)/.test(v)).length;
      expect(profitRows > 0).toBe(header.includes('profit') || header.includes('margin'));
      // Key customers: 12 customers have too few repeat buyers for the P(alive) model, so its column says why (in the
      // user's language) on the first of the top, the rank 1.
      const first = inSheet.readSheet(names.key).find((r) => r[0] === 1)!;
      expect(String(first[10]).length).toBeGreaterThan(20);
      // Cohort months with customers in the funnel.
      expect(inSheet.readSheet(names.funnel).filter((r) => r[0] instanceof Date && Number(r[1]) > 0).length).toBeGreaterThan(3);
    } finally {
      await inSheet.close();
      await warehouse.close();
    }
  });
});
