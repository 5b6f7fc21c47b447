// End to end, issue 13 (items 3-5): the built add-on served over a copy of the bundled
// sample (as `npm start` serves it), the real sidebar in Chromium at 300 px. Each of
// the team's sheets (Trends, Repeat funnel, Key customers) is built from its button;
// the sheet on the local runtime has the figures the core computes, and the orders tab
// is unchanged after each build.
//
// Screenshots go to test-output/; UPDATE_SCREENSHOTS=1 also rewrites docs/images/trends.png
// for the README.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildFromSidebar, docImage, launchChromium, openSidebar, serveSample, shot, type ServedSample } from './support/browser';

const NOW = '2026-11-23T09:00:00Z';

type Row = unknown[];

/** The index of the row whose first cell is `head`. */
function rowOf(rows: Row[], head: unknown, from = 0): number {
  for (let i = from; i < rows.length; i++) if (rows[i][0] === head) return i;
  throw new Error(`no row starting with ${JSON.stringify(head)}`);
}

/** The rows of the table under a section title, up to a blank row or a note (text in the first cell only). */
function tableUnder(rows: Row[], title: string): { head: Row; body: Row[] } {
  const at = rowOf(rows, title);
  const body: Row[] = [];
  const filled = (v: unknown): boolean => v !== '' && v !== undefined && v !== null;
  for (let i = at + 2; i < rows.length && filled(rows[i][0]) && rows[i].slice(1).some(filled); i++) body.push(rows[i]);
  return { head: rows[at + 1], body };
}

describe('e2e: the team sheets from the sidebar in Chromium, over the sample on the local runtime', () => {
  let browser: Browser;
  let served: ServedSample;
  let page: Page;
  let pageErrors: string[];
  let orders: Row[];

  const rt = () => served.runtime;
  const sheet = (name: string) => rt().readSheet(name);
  const expectOrdersUnchanged = () => {
    expect(rt().sheetNames()[0]).toBe('Orders');
    expect(sheet('Orders')).toEqual(orders);
  };

  /** Clicks a report button and waits until its slot shows the outcome. */
  async function build(button: string, slot: string): Promise<void> {
    await buildFromSidebar(page, button, slot);
    expect(await page.locator(`${slot} .error`).count(), (await page.locator(slot).textContent()) ?? slot).toBe(0);
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

  it('the Team group has the three buttons beside Managers, within the 300 px sidebar', async () => {
    // Folded until opened: the user opens it to reach the team's sheets.
    await page.click('#group-team summary');
    expect(await page.locator('#group-team button').allTextContents()).toEqual([
      'Build managers',
      'Build trends',
      'Build repeat funnel',
      'Build key customers',
    ]);
    for (const id of ['#build-trends', '#build-funnel', '#build-keycustomers']) {
      const box = await page.locator(id).boundingBox();
      expect(box!.x + box!.width, id).toBeLessThanOrEqual(300);
    }
  });

  it('builds Trends: one row per month-end, the last one the month before today, six line charts', async () => {
    await build('#build-trends', '#result-trends');
    expect(await page.getAttribute('#result-trends .result', 'data-sheet')).toBe('Trends');
    expect(await page.textContent('#result-trends .result .summary')).toMatch(
      /^24 month-ends; at the last: [\d,]+ customers, [\d,]+ not lost/,
    );
    const rows = sheet('Trends');
    expect(rows[0][0]).toBe('Trends: the customer base at each month-end');
    const customers = tableUnder(rows, 'Customers');
    expect(customers.head.slice(0, 4)).toEqual(['Month-end', 'Customers', 'Not lost', 'Regular customers']);
    expect(customers.body).toHaveLength(24);
    // The as-of date is 23 November 2026: the last month-end is 31 October.
    expect(rt().readDisplay('Trends')[rowOf(rows, 'Customers') + 1 + 24][0]).toBe('10/31/2026'); // an en_US spreadsheet: m/d/yyyy
    for (const r of customers.body) {
      expect(r[2] as number).toBeLessThanOrEqual(r[1] as number);
      expect(r[3] as number).toBeLessThanOrEqual(r[1] as number);
    }
    // Customers never fall from one month-end to the next: a customer stays one.
    const counts = customers.body.map((r) => r[1] as number);
    expect(counts.every((c, i) => i === 0 || c >= counts[i - 1])).toBe(true);
    expect(
      rt()
        .book.sheets.find((s) => s.name === 'Trends')!
        .charts.map((c) => c.type),
    ).toEqual(new Array(6).fill('LINE'));
    expectOrdersUnchanged();
    await shot(page, 'e2e-trends-1-trends');
  });

  it('builds the Repeat funnel: cohorts of first purchases, shares between 0 and 1, blanks where too young', async () => {
    await build('#build-funnel', '#result-funnel');
    expect(await page.getAttribute('#result-funnel .result', 'data-sheet')).toBe('Repeat funnel');
    const rows = sheet('Repeat funnel');
    const cohorts = tableUnder(rows, "Share of each month's new customers whose second purchase came within 1-12 months");
    expect(cohorts.head[0]).toBe('First purchase in');
    expect(cohorts.body.length).toBeGreaterThan(0);
    expect(cohorts.body.length).toBeLessThanOrEqual(24);
    for (const r of cohorts.body) {
      const shares = r.slice(2, 14);
      for (const s of shares) if (s !== '') expect(s as number).toBeGreaterThanOrEqual(0);
      for (const s of shares) if (s !== '') expect(s as number).toBeLessThanOrEqual(1);
    }
    // The latest cohort is too young for a 12-month figure.
    expect(cohorts.body[cohorts.body.length - 1][13]).toBe('');
    expectOrdersUnchanged();
  });

  it('builds Key customers: the top 20, the 80% line, entered / kept / left', async () => {
    await build('#build-keycustomers', '#result-keyCustomers');
    expect(await page.getAttribute('#result-keyCustomers .result', 'data-sheet')).toBe('Key customers');
    const rows = sheet('Key customers');
    expect(rows[0][0]).toBe('Key customers: the top 20 by revenue over the last 365 days');
    expect(rows.flat().some((v) => /^[\d,]+ of [\d,]+ customers make 80% of the revenue of the last 365 days\.$/.test(String(v)))).toBe(
      true,
    );
    const top = tableUnder(rows, 'The top 20');
    expect(top.body).toHaveLength(20);
    expect(top.body.map((r) => r[0])).toEqual(Array.from({ length: 20 }, (_, k) => k + 1));
    for (const r of top.body) expect(['entered', 'kept']).toContain(r[12]);
    // Revenue now falls with the rank.
    const revenue = top.body.map((r) => r[3] as number);
    expect(revenue.every((v, i) => i === 0 || v <= revenue[i - 1])).toBe(true);
    expectOrdersUnchanged();
  });

  it('screenshot: Trends in the viewer', async () => {
    const viewer = await browser.newPage({ viewport: { width: 1600, height: 1300 } });
    await viewer.goto(served.server.url);
    await viewer.locator('#tabs button', { hasText: 'Trends' }).click();
    await viewer.waitForFunction(() => document.querySelector('#grid td')?.textContent === 'Trends: the customer base at each month-end');
    await viewer.waitForSelector('#grid .chart svg');
    // As in test/e2e.reports.test.ts: a width makes the grid's fixed layout apply the sheet's column widths.
    await viewer.addStyleTag({ content: 'table.grid { width: 1px; }' });
    await viewer.frameLocator('#sidebar').locator('#build-trends').waitFor();
    await shot(viewer, 'trends-tables', { fullPage: false });
    // The README's picture: the line charts (the viewer draws a sheet's charts below its grid).
    expect(await viewer.locator('#grid .chart').count()).toBe(6);
    await viewer.locator('#grid .chart').first().scrollIntoViewIfNeeded();
    await viewer.evaluate(() => document.querySelector('#grid .chart')!.scrollIntoView({ block: 'start' }));
    await shot(viewer, 'trends', { fullPage: false });
    await docImage(viewer, 'trends', { runtime: served.runtime });
    await viewer.close();
    expect(pageErrors).toEqual([]);
  });
});
