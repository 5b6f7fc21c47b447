// The warehouse edition's sidebar section "Orders in BigQuery" in Chromium: the built
// dist-warehouse/Sidebar.html served over the local runtime (local/server.ts, as
// `npm start -- --warehouse` serves it) with the BigQuery stand-in over a small CSV.
// The columns are read from the table's schema, the dry run shows the bytes, the build
// writes the report sheets; a refused permission is shown as the user's message.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type DevServer } from '../local/server';
import { createRuntime, type Runtime } from '../local/runtime';
import { launchChromium, watchErrors } from './support/browser';
import { projectRoot } from './support/loadBundle';

const CSV = [
  'order_date,customer,amount,order_id,manager',
  '2023-01-05T10:00:00Z,Acme,100.5,1,Kate',
  '2023-06-05T10:00:00Z,Acme,20,2,Kate',
  '2024-02-01T09:30:00Z,Beta,35.25,3,Oleg',
  '2024-05-20T23:59:59Z,Beta,7,4,Oleg',
  '2024-06-11T00:00:00Z,Gamma,80,5,Oleg',
].join('\n');

describe('e2e: the Orders in BigQuery section in Chromium', () => {
  let browser: Browser;
  let runtime: Runtime;
  let server: DevServer;
  let page: Page;
  let errors: string[];
  let dir: string;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'e2e-wh-'));
    const csv = path.join(dir, 'orders.csv');
    writeFileSync(csv, CSV);
    runtime = await createRuntime({
      bundle: path.join(projectRoot, 'dist-warehouse', 'Code.js'),
      now: '2024-07-01T09:00:00Z',
      warehouse: { file: csv, threads: 1 },
    });
    runtime.call('onOpen', { authMode: 'FULL' });
    runtime.call('showSidebar');
    [browser, server] = await Promise.all([launchChromium(), startServer(runtime, { port: 0, out: path.join(dir, 'report.xlsx') })]);
    page = await browser.newPage({ viewport: { width: 300, height: 1400 }, timezoneId: 'Europe/London', locale: 'en-US' });
    errors = watchErrors(page);
    await page.goto(`${server.url}sidebar`);
    await page.waitForSelector('#warehouse #wh-project');
  });

  afterAll(async () => {
    await page?.close();
    await browser?.close();
    await server?.close();
    await server?.flushed();
    await runtime?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** Clicks a button of the section and waits until it is idle again. */
  async function click(id: string): Promise<void> {
    await page.click(id);
    await page.waitForFunction(() => !document.querySelector('#warehouse .spinner') && !document.querySelector('#wh-build[disabled]'));
  }

  it('reads the columns from the schema and maps them by their names', async () => {
    expect(await page.textContent('#warehouse h2')).toBe('Orders in BigQuery');
    await page.fill('#wh-project', 'shop-analytics');
    await page.fill('#wh-table', 'shop.orders');
    await click('#wh-read');
    expect(await page.inputValue('#wh-col-date')).toBe('order_date');
    expect(await page.inputValue('#wh-col-orderId')).toBe('order_id');
    expect(await page.inputValue('#wh-col-phone')).toBe('');
    expect(await page.locator('#wh-col-date option').allTextContents()).toContain('order_date (TIMESTAMP)');
  });

  it('shows what the reports will scan before running them, and runs nothing', async () => {
    const jobsBefore = runtime.bigQuery!._jobs.size;
    await click('#wh-dry');
    // 5 rows: the date, id and amount 8 bytes each, customer and manager 2 + their length.
    const bytes = 5 * 8 * 3 + (6 + 6 + 6 + 6 + 7) + (6 + 6 + 6 + 6 + 6);
    // Twelve queries (the Managers' two, the funnel's two and Key customers' three with the five before), each naming every column: 1,000 bytes and more read as KB.
    expect(await page.textContent('#wh-status')).toBe(
      `The reports will scan ${((12 * bytes) / 1000).toFixed(2)} KB in BigQuery (12 queries).`,
    );
    expect(runtime.bigQuery!._jobs.size).toBe(jobsBefore);
  });

  it('builds the report sheets from BigQuery', async () => {
    await click('#wh-build');
    expect(await page.textContent('#wh-status')).toMatch(
      /^Lifecycle matrix, Lost customers, Managers, Repeat funnel, Key customers — 3 customers in 9 segments/,
    );
    expect(runtime.sheetNames()).toEqual(
      expect.arrayContaining(['Lifecycle matrix', 'Lost customers', 'Managers', 'Repeat funnel', 'Key customers']),
    );
  });

  it('and the nine segment lists when asked', async () => {
    await page.check('#wh-segments');
    await click('#wh-build');
    expect(await page.textContent('#wh-status')).toMatch(
      /^Lifecycle matrix, Lost customers, Managers, Repeat funnel, Key customers, New Active, .*, Regular Lapsed — /,
    );
    expect(runtime.sheetNames()).toEqual(expect.arrayContaining(['New Active', 'Prospective Sleeping', 'Regular Lapsed']));
  });

  it('a refused permission reads as what to do', async () => {
    runtime.bigQuery!.fail('accessDenied', { times: 10 });
    await click('#wh-build');
    expect(await page.textContent('#wh-error')).toMatch(
      /^BigQuery refused access \(Access Denied: .*Ask the project owner for the roles BigQuery Job User/,
    );
    expect(errors).toEqual([]);
  });
});
