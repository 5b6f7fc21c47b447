// End to end, issue 3: the built add-on served over a copy of the bundled sample
// (as `npm start` serves it), the real sidebar in Chromium. The test changes a
// parameter, clicks every report button and, after each, checks the workbook (the
// runtime's sheets and the .xlsx the server writes) and what the sidebar shows.
// Also: the orders sheet never changes, a rebuild that fails halfway keeps the old
// report, formula-like customer names stay text, a held lock gives the busy message.
// Issue 6: the bands suggested from the sample, applied in one click, reach the
// matrix; the model check builds its sheet (default and chosen split date, and a bad one).
//
// Screenshots go to test-output/; UPDATE_SCREENSHOTS=1 also rewrites
// docs/images/sidebar.png and docs/images/segment-matrix.png for the README.
import ExcelJS from 'exceljs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LAST_DAY } from '../examples/make-sample';
import { DEFAULT_BANDS } from '../src/core/lifecycle';
import { FakeSheet } from '../local/spreadsheet';
import { GasError } from '../local/boundary';
import { t } from '../src/i18n/catalogue';
import type { CampaignsState } from '../src/addon/api';
import { worklistSheetName } from '../src/reports/worklist';
import { CAMPAIGN_LOG_SHEET } from '../src/reports/campaignLogSheet';
import { buildFromSidebar, docImage, launchChromium, openSidebar, serveSample, shot, type ServedSample } from './support/browser';

const NOW = '2026-11-23T09:00:00Z';
const FORMULA_NAME = '=HYPERLINK("http://x")';
const PHONE_NAME = '+7 999 123-45-67';
const MATRIX = 'Lifecycle matrix';

type Row = unknown[];

/** The row whose first cells are `head` (from column `col`), and its index. */
function findRow(rows: Row[], head: unknown[], col = 0, from = 0): number {
  for (let i = from; i < rows.length; i++) if (head.every((h, j) => rows[i][col + j] === h)) return i;
  throw new Error(`no row starting with ${JSON.stringify(head)} in column ${col}`);
}

const num = (v: unknown): number => {
  expect(typeof v, `a number: ${String(v)}`).toBe('number');
  return v as number;
};

const DAY = 86_400_000;

/**
 * The lifecycle segment key of one customer, worked out from the orders rows (the
 * net amount of each order id; an order whose net is not positive does not count),
 * so the test knows which list must show them whatever the sample's dates.
 */
function segmentOf(orders: Row[], customer: string, asOf: Date, bands: { count: [number, number]; recency: [number, number] }): string {
  const net = new Map<string, { amount: number; date: number }>();
  for (const r of orders.slice(1)) {
    if (r[1] !== customer || !(r[0] instanceof Date) || typeof r[2] !== 'number') continue;
    const id = String(r[3]);
    const o = net.get(id) ?? { amount: 0, date: 0 };
    o.amount += r[2];
    if (r[2] > 0) o.date = Math.max(o.date, r[0].getTime());
    net.set(id, o);
  }
  const bought = [...net.values()].filter((o) => o.amount > 0);
  expect(bought.length, customer).toBeGreaterThan(0);
  const days = Math.round((asOf.getTime() - Math.max(...bought.map((o) => o.date))) / DAY);
  const count = bought.length >= bands.count[1] ? 'regular' : bought.length >= bands.count[0] ? 'prospective' : 'new';
  const recency = days <= bands.recency[0] ? 'active' : days <= bands.recency[1] ? 'sleeping' : 'lapsed';
  return `${count}_${recency}`;
}

const LABELS: Record<string, string> = {
  new: 'New',
  prospective: 'Prospective',
  regular: 'Regular',
  active: 'Active',
  sleeping: 'Sleeping',
  lapsed: 'Lapsed',
};
const labelOf = (key: string): string =>
  key
    .split('_')
    .map((k) => LABELS[k])
    .join(' ');

/** Customers of the matrix sheet: 3x3 counts, the row and column totals, the grand total. */
function matrixCounts(rows: Row[]): { cells: number[][]; rowTotals: number[]; colTotals: number[]; total: number } {
  const head = rows.findIndex((r) => r[0] === 'Customers' && String(r[1]).startsWith('Active'));
  expect(head, 'the customers table of the matrix').toBeGreaterThan(0);
  const cells = [1, 2, 3].map((i) => [1, 2, 3].map((j) => num(rows[head + i][j])));
  const rowTotals = [1, 2, 3].map((i) => num(rows[head + i][4]));
  const totalRow = rows[head + 4];
  expect(totalRow[0]).toBe('Total');
  return { cells, rowTotals, colTotals: [1, 2, 3].map((j) => num(totalRow[j])), total: num(totalRow[4]) };
}

/** Segment label -> customers, from the matrix's "segments and suggested actions" table. */
function matrixSegments(rows: Row[]): Map<string, number> {
  const at = findRow(rows, ['Segment', 'Customers'], 6);
  const out = new Map<string, number>();
  for (let i = at + 1; i <= at + 9; i++) out.set(String(rows[i][6]), num(rows[i][7]));
  return out;
}

describe('e2e: reports from the sidebar in Chromium, over the sample on the local runtime', () => {
  let browser: Browser;
  let served: ServedSample;
  let page: Page;
  let pageErrors: string[];
  let orders: Row[];
  /** Segment label -> customers, as the sidebar lists them. */
  let sidebarSegments: Map<string, number>;
  let sidebarCustomers: number;
  /** The segment lists built from the sidebar. */
  let listSheets: string[] = [];

  const rt = () => served.runtime;
  const sheet = (name: string) => rt().readSheet(name);

  const expectOrdersUnchanged = () => {
    expect(rt().sheetNames()[0]).toBe('Orders');
    expect(sheet('Orders')).toEqual(orders);
  };

  /** Clicks a report button and waits until its slot shows the outcome. */
  const build = (button: string, slot: string): Promise<void> => buildFromSidebar(page, button, slot);

  async function readSidebarSegments(): Promise<Map<string, number>> {
    const texts = await page.locator('#segment-select option').allTextContents();
    return new Map(
      texts.map((text) => {
        const m = /^(.*) \(([\d,]+)\)$/.exec(text);
        expect(m, text).not.toBeNull();
        return [m![1], Number(m![2].replace(/,/g, ''))];
      }),
    );
  }

  beforeAll(async () => {
    [browser, served] = await Promise.all([launchChromium(), serveSample({ now: NOW })]);
    orders = sheet('Orders');
    ({ page, errors: pageErrors } = await openSidebar(browser, served));
  });

  afterAll(async () => {
    await page?.close();
    await browser?.close();
    await served?.close();
  });

  it('shows the sample: the orders tab, rows read, customers and the segments', async () => {
    expect(await page.inputValue('#orders-sheet')).toBe('Orders');
    const count = async (sel: string) => Number((await page.textContent(sel))!.replace(/[^\d]/g, ''));
    // Every row under the header is either read or listed as unreadable (the sample has two bad ones).
    expect(await count('#stat-read td')).toBe(orders.length - 1 - (await count('#stat-unreadable td')) - (await count('#stat-blank td')));
    expect(await count('#stat-unreadable td')).toBe(2);
    expect(await page.locator('#data-problems li').allTextContents()).toEqual([
      expect.stringContaining('not a date'),
      expect.stringContaining('not a number'),
    ]);
    sidebarCustomers = Number((await page.textContent('#stat-customers td'))!.replace(/,/g, ''));
    // Every customer of the tab, counted here from its names.
    expect(sidebarCustomers).toBe(
      new Set(
        orders
          .slice(1)
          .map((r) => r[1])
          .filter((v) => v !== ''),
      ).size,
    );
    sidebarSegments = await readSidebarSegments();
    expect(sidebarSegments.size).toBe(9);
    expect([...sidebarSegments.values()].reduce((a, b) => a + b, 0)).toBe(sidebarCustomers);
    expect(await page.textContent('#schedule-status')).toBe('Off: no e-mails are sent');
    await shot(page, 'e2e-reports-1-loaded');
  });

  it('saves a changed recency band, and the segment counts follow it', async () => {
    await page.fill('#recency-active', '45');
    await page.click('#save-settings');
    await page.waitForSelector('#params-status .result');
    expect(await page.textContent('#params-status .result')).toBe('Saved.');
    const stored = JSON.parse(rt().properties.document['repeatSales.settings']);
    expect(JSON.stringify(stored)).toContain('"recencyBands":[45,180]');
    const before = sidebarSegments;
    sidebarSegments = await readSidebarSegments();
    // Fewer days of "active": customers move from Active to Sleeping, none appear or vanish.
    expect(sidebarSegments.get('New Active')!).toBeLessThan(before.get('New Active')!);
    expect([...sidebarSegments.values()].reduce((a, b) => a + b, 0)).toBe(sidebarCustomers);
    expect(await page.inputValue('#recency-active')).toBe('45');
    expectOrdersUnchanged();
  });

  it('builds the segment matrix: counts add up to the customers shown, the new band is on the sheet', async () => {
    await build('#build-matrix', '#result-matrix');
    expect(await page.getAttribute('#result-matrix .result', 'data-sheet')).toBe(MATRIX);
    expect(await page.textContent('#result-matrix .result .summary')).toBe(
      `${sidebarCustomers.toLocaleString('en-US')} customers in 9 segments`,
    );
    expect(await page.textContent('#result-matrix .result .secondary')).toMatch(/^Sheet “Lifecycle matrix”, \d+(\.\d)? s$/);
    const rows = sheet(MATRIX);
    const m = matrixCounts(rows);
    expect(m.total).toBe(sidebarCustomers);
    expect(m.cells.flat().reduce((a, b) => a + b, 0)).toBe(sidebarCustomers);
    m.cells.forEach((r, i) => expect(r.reduce((a, b) => a + b, 0)).toBe(m.rowTotals[i]));
    m.colTotals.forEach((c, j) => expect(m.cells.reduce((a, r) => a + r[j], 0)).toBe(c));
    // The same nine figures as the sidebar's segment list.
    expect(matrixSegments(rows)).toEqual(sidebarSegments);
    // Built with the saved parameter, and says so.
    const bands = rows[findRow(rows, ['Recency bands'])][1];
    expect(bands).toBe('Active: 0-45 days; Sleeping: 46-180 days; Lapsed: more than 180 days');
    expect(rows[findRow(rows, ['As of'])][1]).toBeInstanceOf(Date);
    expect(rt().readDisplay(MATRIX)[findRow(rows, ['As of'])][1]).toBe('11/23/2026'); // an en_US spreadsheet: m/d/yyyy
    expect(rt().book.sheets.find((s) => s.name === MATRIX)!.charts.length).toBeGreaterThan(0);
    expectOrdersUnchanged();
    await shot(page, 'e2e-reports-2-matrix');
  });

  it('opens a segment list: the formula-like name is text in the sheet and in the .xlsx, sorted by revenue', async () => {
    const bands = { count: [2, 4] as [number, number], recency: [45, 180] as [number, number] };
    const asOf = new Date(Date.UTC(2026, 10, 23)); // midnight in London (GMT in November)
    const formulaSegment = segmentOf(orders, FORMULA_NAME, asOf, bands);
    const phoneSegment = segmentOf(orders, PHONE_NAME, asOf, bands);
    const sheetName = labelOf(formulaSegment);
    await page.selectOption('#segment-select', formulaSegment);
    await build('#build-segment', '#result-segmentList');
    expect(await page.getAttribute('#result-segmentList .result', 'data-sheet')).toBe(sheetName);
    const count = sidebarSegments.get(sheetName)!;
    expect(await page.textContent('#result-segmentList .result .summary')).toBe(
      `${sheetName}: ${count} ${count === 1 ? 'customer' : 'customers'}`,
    );
    const rows = sheet(sheetName);
    const head = findRow(rows, ['Customer', 'Purchases']);
    const list = rows.slice(head + 1).filter((r) => r[0] !== '');
    expect(list).toHaveLength(count);
    const revenue = list.map((r) => num(r[5]));
    expect(revenue).toEqual([...revenue].sort((a, b) => b - a));
    const at = list.findIndex((r) => r[0] === FORMULA_NAME);
    expect(at, `${FORMULA_NAME} in ${sheetName}`).toBeGreaterThanOrEqual(0);
    expect(list[at][6]).toBe(orders.find((r) => r[1] === FORMULA_NAME)![4]);
    expect(rt().readFormulas(sheetName).flat().filter(Boolean)).toEqual([]);

    // The other formula-like name, in its list (another one, or the same).
    const phoneSheet = labelOf(phoneSegment);
    if (phoneSegment !== formulaSegment) {
      await page.selectOption('#segment-select', phoneSegment);
      await build('#build-segment', '#result-segmentList');
      expect(await page.getAttribute('#result-segmentList .result', 'data-sheet')).toBe(phoneSheet);
    }
    expect(sheet(phoneSheet).some((r) => r[0] === PHONE_NAME)).toBe(true);
    expect(rt().readFormulas(phoneSheet).flat().filter(Boolean)).toEqual([]);
    listSheets = [...new Set([sheetName, phoneSheet])];

    // The .xlsx the server writes after each change: text cells, no formula.
    await served.server.flushed();
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(served.out);
    const cellsOf = (name: string, text: string) => {
      const ws = book.getWorksheet(name);
      expect(ws, name).toBeDefined();
      const found: ExcelJS.Cell[] = [];
      ws!.eachRow((row) => row.eachCell((cell) => (cell.text === text || cell.value === text ? found.push(cell) : undefined)));
      return found;
    };
    for (const [name, text] of [
      [sheetName, FORMULA_NAME],
      [phoneSheet, PHONE_NAME],
    ]) {
      const cells = cellsOf(name, text);
      expect(cells.length, `${text} in ${name}`).toBe(1);
      expect(cells[0].type).toBe(ExcelJS.ValueType.String);
      expect(cells[0].formula).toBeUndefined();
    }
    expectOrdersUnchanged();
    await shot(page, 'e2e-reports-3-segment-list');
  });

  it('builds the migration tables: 9x9 totals are the customers, date 2 columns are the segments now', async () => {
    await build('#build-migration', '#result-migration');
    expect(await page.getAttribute('#result-migration .result', 'data-sheet')).toBe('Lifecycle migration, ABC-XYZ migration');
    expect(await page.textContent('#result-migration .result .summary')).toMatch(
      new RegExp(
        `^Changed segment: [\\d,]+ of ${sidebarCustomers.toLocaleString('en-US')} customers · Changed class: [\\d,]+ of [\\d,]+ customers$`,
      ),
    );
    const rows = sheet('Lifecycle migration');
    const head = findRow(rows, ['Date 1 \\ date 2']);
    const labels = rows[head].slice(1, 10).map(String);
    const total = rows[findRow(rows, ['Total'], 0, head)];
    expect(num(total[10])).toBe(sidebarCustomers);
    labels.forEach((label, j) => expect(num(total[1 + j]), label).toBe(sidebarSegments.get(label)));
    // Every row of the 9x9 (plus "not a customer yet") adds up to its total.
    for (let i = head + 1; i < head + 11; i++) expect(rows[i].slice(1, 10).reduce((a: number, v) => a + num(v), 0)).toBe(rows[i][10]);
    const abc = sheet('ABC-XYZ migration');
    const abcTotal = abc[findRow(abc, ['Total'], 0, findRow(abc, ['Period 1 \\ period 2']))];
    expect(num(abcTotal[11])).toBeGreaterThan(0);
    expect(num(abcTotal[11])).toBeLessThanOrEqual(sidebarCustomers);
    expectOrdersUnchanged();
  });

  it('builds lost customers: the yearly lost ratio per manager adds up, one row per lost customer', async () => {
    await build('#build-lost', '#result-lost');
    expect(await page.getAttribute('#result-lost .result', 'data-sheet')).toBe('Lost customers');
    const summary = (await page.textContent('#result-lost .result .summary'))!;
    const m = /^([\d,]+) lost customers; lost ratio ([\d.]+)% over 365 days$/.exec(summary);
    expect(m, summary).not.toBeNull();
    const rows = sheet('Lost customers');
    const head = findRow(rows, ['Manager', 'Customers at the start (not lost)', 'Lost by the end']);
    const total = rows[findRow(rows, ['Total'], 0, head)];
    const managers = rows.slice(head + 1, findRow(rows, ['Total'], 0, head));
    // Per-manager columns add up to the total; the ratio is lost / at the start.
    for (const c of [1, 2, 4]) expect(managers.reduce((a, r) => a + num(r[c]), 0)).toBe(num(total[c]));
    expect(num(total[2])).toBeLessThanOrEqual(num(total[1]));
    expect(num(total[1])).toBeLessThanOrEqual(sidebarCustomers);
    expect(num(total[3])).toBeCloseTo(num(total[2]) / num(total[1]), 6);
    expect(Math.round(num(total[3]) * 1000) / 10).toBe(Number(m![2]));
    const listHead = findRow(rows, ['Customer', 'Manager', 'Purchases']);
    const lost = rows.slice(listHead + 1).filter((r) => r[0] !== '');
    expect(lost).toHaveLength(Number(m![1].replace(/,/g, '')));
    const priorities = new Set(lost.map((r) => r[8]));
    expect([...priorities].every((p) => ['Return first', 'Must return', 'Return if possible', 'Let go'].includes(String(p)))).toBe(true);
    expectOrdersUnchanged();
  });

  it('builds the revenue what-if: live formulas, pre-filled from the data', async () => {
    await build('#build-whatif', '#result-whatIf');
    expect(await page.getAttribute('#result-whatIf .result', 'data-sheet')).toBe('What-if');
    expect(await page.textContent('#result-whatIf .result .summary')).toMatch(/^Profit per sale: [\d,]+ to a new customer, [\d,]+ repeat$/);
    const rows = sheet('What-if');
    expect(rows[findRow(rows, ['Customers'])][1]).toBe(sidebarCustomers);
    const formulas = rt().readFormulas('What-if').flat().filter(Boolean);
    expect(formulas.length).toBeGreaterThan(10);
    // "Revenue, now" is a formula over the inputs, and equals the matrix's total revenue.
    const revenueNow = num(rows[findRow(rows, ['Revenue'])][1]);
    const matrix = sheet(MATRIX);
    const revenueTotal = num(matrix[findRow(matrix, ['Total'], 0, findRow(matrix, ['Revenue', 'Active (0-45 days)']))][4]);
    expect(revenueNow).toBeCloseTo(revenueTotal, 0);
    expectOrdersUnchanged();
  });

  it('rebuild all: each report in turn, the lists built so far too, the campaigns’ worklists and results, and no duplicate sheets', async () => {
    const before = rt().sheetNames();
    // Issue 14: the sidebar's "Rebuild all" builds what the menu's does, the campaigns' sheets included.
    const campaigns = (rt().callJson('campaignsLoad') as CampaignsState).campaigns.filter((c) => c.enabled);
    expect(campaigns.length).toBeGreaterThan(0);
    const worklists = campaigns.map((c) => worklistSheetName('en', c));
    for (const name of [...worklists, 'Campaign results']) expect(before).not.toContain(name);
    await page.click('#rebuild-all');
    await page.waitForSelector('#result-all .footer', { timeout: 60_000 });
    // Sheets, as the menu counts them: the four main reports (the migration writes two), the team's four
    // (issue 13: Managers, Trends, Repeat funnel, Key customers), the lists built so far, a worklist per
    // campaign that is on and the results.
    const n = 9 + listSheets.length + worklists.length + 1;
    expect(await page.textContent('#result-all .footer')).toMatch(new RegExp(`^Done: ${n} reports in \\d+(\\.\\d)? s\\.$`));
    const built = await page.$$eval('#result-all .result', (els) => els.map((e) => (e as HTMLElement).dataset.sheet));
    expect(built).toEqual([
      MATRIX,
      'Lifecycle migration, ABC-XYZ migration',
      'Lost customers',
      'What-if',
      'Managers',
      'Trends',
      'Repeat funnel',
      'Key customers',
      ...listSheets,
      [...worklists, 'Campaign results'].join(', '),
    ]);
    expect(await page.locator('#result-all .error').count()).toBe(0);
    // The team's and the campaigns' sheets are new here, with the campaigns' log (a hidden sheet, not a report);
    // every other sheet is replaced in place, none duplicated.
    const after = rt().sheetNames();
    expect(after.filter((name) => !before.includes(name)).sort()).toEqual(
      ['Managers', 'Trends', 'Repeat funnel', 'Key customers', ...worklists, 'Campaign results', CAMPAIGN_LOG_SHEET].sort(),
    );
    expect(rt().spreadsheet.getSheetByName(CAMPAIGN_LOG_SHEET)!.isSheetHidden()).toBe(true);
    expect(after.filter((name) => before.includes(name))).toEqual(before);
    expect(new Set(after).size).toBe(after.length);
    expect(matrixCounts(sheet(MATRIX)).total).toBe(sidebarCustomers);
    expectOrdersUnchanged();
    await shot(page, 'e2e-reports-4-rebuild-all');
  });

  it('screenshots: the sidebar after a build, and the segment matrix in the viewer, on the default settings', async () => {
    // The README shows the sample as a new user first sees it: the band saved above back
    // to its default, and every report rebuilt with it (docImage checks the settings).
    await page.fill('#recency-active', String(DEFAULT_BANDS.activeTo));
    await page.click('#save-settings');
    const storedBands = () =>
      (JSON.parse(rt().properties.document['repeatSales.settings']) as { reports: { recencyBands: number[] } }).reports.recencyBands;
    await expect.poll(storedBands, { timeout: 30_000 }).toEqual([DEFAULT_BANDS.activeTo, DEFAULT_BANDS.sleepingTo]);
    await page.evaluate(() => document.querySelector('#result-all')!.replaceChildren());
    await page.click('#rebuild-all');
    await page.waitForSelector('#result-all .footer', { timeout: 60_000 });
    expect(await page.locator('#result-all .error').count()).toBe(0);
    const matrix = sheet(MATRIX);
    expect(matrix[findRow(matrix, ['Recency bands'])][1]).toBe(
      `Active: 0-${DEFAULT_BANDS.activeTo} days; Sleeping: ${DEFAULT_BANDS.activeTo + 1}-${DEFAULT_BANDS.sleepingTo} days; Lapsed: more than ${DEFAULT_BANDS.sleepingTo} days`,
    );

    // The README's sidebar: data and reports open, the long forms folded.
    await page.click('#section-params > summary');
    await page.click('#section-schedule > summary');
    await page.evaluate(() => window.scrollTo(0, 0));
    const sidebarFile = await shot(page, 'sidebar');
    expect(sidebarFile).toMatch(/sidebar\.png$/);
    await docImage(page, 'sidebar', { fullPage: true, runtime: rt() });
    await page.click('#section-params > summary');
    await page.click('#section-schedule > summary');

    const viewer = await browser.newPage({ viewport: { width: 1600, height: 1300 } });
    await viewer.goto(served.server.url);
    await viewer.locator('#tabs button', { hasText: MATRIX }).click();
    await viewer.waitForFunction(() => document.querySelector('#grid td')?.textContent === 'Customer lifecycle matrix');
    await viewer.waitForSelector('#grid .chart svg');
    // The viewer's grid says `table-layout: fixed` but leaves the table's width auto, so
    // browsers lay it out by content and ignore the sheet's column widths; a width makes
    // the fixed layout apply (reported for local/server.ts).
    await viewer.addStyleTag({ content: 'table.grid { width: 1px; }' });
    const frame = viewer.frameLocator('#sidebar');
    await frame.locator('#build-matrix').waitFor();
    await frame.locator('#schedule-on').waitFor();
    expect(await viewer.locator('#grid td', { hasText: 'Customers' }).count()).toBeGreaterThan(0);
    await shot(viewer, 'segment-matrix', { fullPage: false });
    await docImage(viewer, 'segment-matrix', { runtime: rt() });
    await viewer.close();
  });

  it('a rebuild that fails halfway keeps the old report and the sidebar shows the error', async () => {
    const oldMatrix = sheet(MATRIX);
    const names = rt().sheetNames();
    // A new parameter, so that a successful rebuild would change the sheet.
    await page.fill('#recency-active', '30');
    const insertChart = Object.getOwnPropertyDescriptor(FakeSheet.prototype, 'insertChart')!;
    let failures = 0;
    Object.defineProperty(FakeSheet.prototype, 'insertChart', {
      configurable: true,
      writable: true,
      value() {
        failures++;
        throw new GasError('Service Spreadsheets timed out while accessing document with id x.');
      },
    });
    try {
      await build('#build-matrix', '#result-matrix');
    } finally {
      Object.defineProperty(FakeSheet.prototype, 'insertChart', insertChart);
    }
    expect(failures).toBe(1);
    // The error says the matrix kept its previous contents, and why.
    expect(await page.textContent('#result-matrix .error')).toBe(
      `Not rebuilt, their previous contents are kept: ${MATRIX}. ${MATRIX}: Service Spreadsheets timed out while accessing document with id x.`,
    );
    expect(await page.locator('#result-matrix .result').count()).toBe(0);
    expect(rt().sheetNames()).toEqual(names);
    expect(sheet(MATRIX)).toEqual(oldMatrix);
    expect(oldMatrix[findRow(oldMatrix, ['Recency bands'])][1]).toContain(`Active: 0-${DEFAULT_BANDS.activeTo} days`);
    expectOrdersUnchanged();
    await shot(page, 'e2e-reports-5-failed-rebuild');

    // The same click works once the service is back, with the new band.
    await build('#build-matrix', '#result-matrix');
    expect(await page.locator('#result-matrix .result').count()).toBe(1);
    const rows = sheet(MATRIX);
    expect(rows[findRow(rows, ['Recency bands'])][1]).toContain('Active: 0-30 days');
    expect(rt().sheetNames()).toEqual(names);
  });

  it('a click while another rebuild holds the lock gets the busy message', async () => {
    const lock = rt().holdLock('document');
    try {
      await build('#build-lost', '#result-lost');
    } finally {
      lock.release();
    }
    expect(await page.textContent('#result-lost .error')).toBe(t('en', 'err.busy'));
    expect(await page.isDisabled('#build-lost')).toBe(false);
    await build('#build-lost', '#result-lost');
    expect(await page.locator('#result-lost .result').count()).toBe(1);
    expectOrdersUnchanged();
    expect(pageErrors).toEqual([]);
  });

  it('suggests bands from the sample and applies them in one click: saved, and the matrix is built with them', async () => {
    const saved = () =>
      JSON.parse(rt().properties.document['repeatSales.settings']) as { reports?: { countBands: number[]; recencyBands: number[] } };
    const before = JSON.stringify(saved());
    await page.click('#suggest-bands');
    await page.waitForSelector('#bands-suggestion li, #bands-suggestion .error');
    expect(await page.locator('#bands-suggestion .error').count(), 'the sample has enough repeat purchases').toBe(0);
    const rows = await page.$$eval('#bands-suggestion li', (els) =>
      els.map((e) => ({
        bound: (e as HTMLElement).dataset.bound,
        value: Number((e as HTMLElement).dataset.value),
        shown: e.querySelector('.suggest-value')?.textContent,
        why: e.querySelector('.why')?.textContent,
      })),
    );
    expect(rows.map((r) => r.bound)).toEqual(['prospective', 'regular', 'active', 'sleeping']);
    const [prospective, regular, active, sleeping] = rows.map((r) => r.value);
    // What the server function answers, nothing saved by asking.
    const direct = rt().call('sidebarSuggestBands') as {
      countBands: number[];
      recencyBands: number[];
      explanations: Record<string, string>;
    };
    expect([prospective, regular, active, sleeping]).toEqual([...direct.countBands, ...direct.recencyBands]);
    expect(rows.map((r) => r.why)).toEqual(rows.map((r) => direct.explanations[r.bound!]));
    expect(JSON.stringify(saved())).toBe(before);
    expect(prospective).toBe(2);
    expect(regular).toBeGreaterThan(prospective);
    expect(active).toBeGreaterThan(0);
    expect(sleeping).toBeGreaterThan(active);
    // The saved bands before were [2, 4] and [30, 180] (the test above): the recency ones change.
    expect([active, sleeping]).not.toEqual([30, 180]);
    expect(rows[2].shown).toBe(`Active up to: ${active} days`);
    expect(rows[2].why).toMatch(new RegExp(`^(8\\d|9\\d|100)% of repeat purchases came within ${active} days of the previous one`));
    expect(rows[3].why).toMatch(new RegExp(`^(9\\d|100)% of repeat purchases came within ${sleeping} days of the previous one`));
    expect(rows[0].why).toMatch(/^\d+% of customers bought only once/);
    await shot(page, 'e2e-reports-6-suggested-bands');

    await page.click('#apply-bands');
    await page.waitForSelector('#bands-suggestion .result');
    expect(await page.textContent('#bands-suggestion .result')).toBe('Applied and saved.');
    const stored = JSON.stringify(saved());
    expect(stored).toContain(`"countBands":[${prospective},${regular}]`);
    expect(stored).toContain(`"recencyBands":[${active},${sleeping}]`);
    expect([
      await page.inputValue('#count-prospective'),
      await page.inputValue('#count-regular'),
      await page.inputValue('#recency-active'),
      await page.inputValue('#recency-sleeping'),
    ]).toEqual([prospective, regular, active, sleeping].map(String));
    // Reloaded like a save: the segment counts follow the new bands.
    sidebarSegments = await readSidebarSegments();
    expect([...sidebarSegments.values()].reduce((a, b) => a + b, 0)).toBe(sidebarCustomers);

    await build('#build-matrix', '#result-matrix');
    expect(await page.locator('#result-matrix .result').count()).toBe(1);
    const matrix = sheet(MATRIX);
    expect(matrix[findRow(matrix, ['Recency bands'])][1]).toBe(
      `Active: 0-${active} days; Sleeping: ${active + 1}-${sleeping} days; Lapsed: more than ${sleeping} days`,
    );
    expect(matrix[findRow(matrix, ['Purchase count bands'])][1]).toContain(`Regular: ${regular} or more purchases`);
    expect(matrixSegments(matrix)).toEqual(sidebarSegments);
    expect(matrixCounts(matrix).total).toBe(sidebarCustomers);
    expectOrdersUnchanged();
    expect(pageErrors).toEqual([]);
  });

  it('builds the model check: predicted and actual repeat purchases, a chart, P(alive) per customer; a chosen split date; a bad one is an error', async () => {
    const MODEL = 'Model check';
    // The sample's orders end on LAST_DAY, before the as-of date: the data end the day after.
    const dataEnd = Date.parse(LAST_DAY) + DAY;
    const isoBefore = (days: number) => new Date(dataEnd - days * DAY).toISOString().slice(0, 10);
    expect(await page.textContent('#model-split-hint')).toBe(
      `The model learns from the purchases before this date and predicts those from it on. Empty: ${new Date(dataEnd - 182 * DAY).toLocaleDateString('en-US', { month: 'numeric', day: 'numeric', year: 'numeric', timeZone: 'UTC' })}, 26 weeks before the end of the data (the as-of date, or the last order if earlier).`,
    );
    const sheetsBefore = rt().sheetNames();

    // The sample's last order is on LAST_DAY: the holdout ends there, not at the as-of date.
    const lastOrder = LAST_DAY;
    const holdoutDaysFrom = (split: string) => (dataEnd - Date.parse(split)) / DAY;

    /** Checks the sheet against the sidebar's summary; returns the holdout row as shown. */
    const checkSheet = async (holdoutDays: number) => {
      const weeks = Math.ceil(holdoutDays / 7);
      const weeksShown = Number.isInteger(holdoutDays / 7) ? String(holdoutDays / 7) : (holdoutDays / 7).toFixed(1);
      expect(await page.getAttribute('#result-modelCheck .result', 'data-sheet')).toBe(MODEL);
      const summary = (await page.textContent('#result-modelCheck .result .summary'))!;
      const m = new RegExp(
        `^Predicted ([\\d,.]+), actual ([\\d,]+) repeat purchases in ${weeksShown} weeks; ([\\d,]+) Sleeping customers? probably still buying$`,
      ).exec(summary);
      expect(m, summary).not.toBeNull();
      const [predictedShown, actualShown, flaggedShown] = m!.slice(1).map((x) => Number(x.replace(/,/g, '')));
      const rows = sheet(MODEL);
      const shown = rt().readDisplay(MODEL);
      expect(rows[0][0]).toBe('Model check: predicted vs actual repeat purchases');
      expect(num(rows[findRow(rows, ['Holdout length, weeks'])][1])).toBeCloseTo(holdoutDays / 7, 9);
      const totals = rows[findRow(rows, ['All customers'])];
      const actual = num(totals[1]);
      const predicted = num(totals[2]);
      expect(actual).toBeGreaterThan(0);
      expect(Number.isInteger(actual)).toBe(true);
      expect(predicted).toBeGreaterThan(0);
      expect(actual).toBe(actualShown);
      expect(Math.abs(predicted - predictedShown)).toBeLessThan(1);
      expect(num(totals[3])).toBeCloseTo(predicted / actual - 1, 9);
      // By repeat purchases in the calibration period: the classes add up to the totals.
      const head = findRow(rows, ['Repeat purchases in calibration']);
      const classes = rows.slice(head + 1, head + 9);
      expect(classes.map((r) => String(r[0]))).toEqual(['0', '1', '2', '3', '4', '5', '6', '7+']);
      const all = rows[head + 9];
      expect(all[0]).toBe('All customers');
      for (const col of [1, 2]) expect(classes.reduce((a, r) => a + num(r[col]), 0)).toBe(num(all[col]));
      expect(classes.reduce((a, r) => a + num(r[3]), 0)).toBeCloseTo(predicted, 6);
      expect(num(all[1])).toBe(num(rows[findRow(rows, ['Customers'])][1]));
      // The weekly curve ends at the totals.
      const weekHead = findRow(rows, ['Week ending', 'Actual', 'Predicted'], 8);
      const weekly = rows.slice(weekHead + 1, weekHead + 1 + weeks);
      expect(weekly).toHaveLength(weeks);
      expect(num(weekly[weeks - 1][9])).toBe(actual);
      expect(num(weekly[weeks - 1][10])).toBeCloseTo(predicted, 6);
      for (let k = 1; k < weeks; k++) expect(num(weekly[k][9])).toBeGreaterThanOrEqual(num(weekly[k - 1][9]));
      expect(rt().book.sheets.find((s) => s.name === MODEL)!.charts.length).toBe(1);
      // One row per customer, P(alive) a probability, the flagged ones first and as many as the summary says.
      const listHead = findRow(rows, ['Customer', 'Segment', 'Purchases']);
      const pAliveCol = rows[listHead].indexOf('P(alive)');
      const flagCol = rows[listHead].indexOf('Flag');
      expect(pAliveCol).toBeGreaterThan(0);
      const customers = rows.slice(listHead + 1).filter((r) => r[0] !== '');
      expect(customers).toHaveLength(sidebarCustomers);
      for (const r of customers) {
        expect(num(r[pAliveCol])).toBeGreaterThanOrEqual(0);
        expect(num(r[pAliveCol])).toBeLessThanOrEqual(1);
      }
      const flagged = customers.filter((r) => r[flagCol] !== '');
      expect(flagged).toHaveLength(flaggedShown);
      expect(customers.slice(0, flagged.length)).toEqual(flagged);
      for (const r of flagged) {
        expect(String(r[1])).toMatch(/^(Prospective|Regular) Sleeping$/);
        expect(num(r[pAliveCol])).toBeGreaterThanOrEqual(0.5);
      }
      return shown[findRow(rows, ['Holdout period'])];
    };

    // The Forecast group is folded until opened.
    if ((await page.locator('#group-forecast').getAttribute('open')) === null) await page.click('#group-forecast > summary');
    // Empty split date: the holdout is the 26 weeks up to the last order.
    await build('#build-modelcheck', '#result-modelCheck');
    expect(await page.locator('#result-modelCheck .error').count()).toBe(0);
    // Dates as the en_US spreadsheet shows them (m/d/yyyy), in the cells and in the note (docs/definitions.md §19).
    const shownDate = (iso: string) => iso.replace(/^(\d{4})-(\d\d)-(\d\d)$/, (_, y, m, d) => `${Number(m)}/${Number(d)}/${y}`);
    expect((await checkSheet(holdoutDaysFrom(isoBefore(182)))).slice(1, 4)).toEqual([
      shownDate(isoBefore(182)),
      shownDate(lastOrder),
      `The holdout ends at the last order date, ${shownDate(lastOrder)}: there are no orders after it before the as-of date`,
    ]);
    expect(rt().sheetNames()).toEqual([...sheetsBefore, MODEL]);
    await shot(page, 'e2e-reports-7-model-check');

    // A chosen date, 2025-12-01: the calibration likelihood is highest as a and b grow
    // together, and the model is fitted as that limit (one dropout probability).
    await page.fill('#model-split', '2025-12-01');
    await build('#build-modelcheck', '#result-modelCheck');
    expect(await page.locator('#result-modelCheck .error').allTextContents()).toEqual([]);
    expect((await checkSheet(holdoutDaysFrom('2025-12-01')))[1]).toBe('12/1/2025');
    expect(sheet(MODEL)[findRow(sheet(MODEL), ['a'])][2]).toBe('not identified');
    expect(rt().sheetNames()).toEqual([...sheetsBefore, MODEL]);

    // A date before the first purchase: the server's message, the sheet kept.
    const kept = sheet(MODEL);
    await page.fill('#model-split', '2000-01-01');
    await build('#build-modelcheck', '#result-modelCheck');
    expect(await page.textContent('#result-modelCheck .error')).toMatch(
      /^Model check: the split date must be after the first purchase \(\d{1,2}\/\d{1,2}\/\d{4}\) and before the as-of date \(11\/23\/2026\); got 2000-01-01$/,
    );
    expect(await page.locator('#result-modelCheck .result').count()).toBe(0);
    expect(sheet(MODEL)).toEqual(kept);
    expectOrdersUnchanged();
    expect(pageErrors).toEqual([]);
  });
});
