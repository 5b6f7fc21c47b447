// End to end, issue 13 (the team layer): the built add-on over a copy of the bundled sample, the real
// sidebar in Chromium at 300 px. The Team group is folded until opened; its plan growth is saved from
// the group and reaches the Managers sheet built from its button; a plan typed into the sheet survives
// the next build; the orders tab never changes. Screenshots go to test-output/; UPDATE_SCREENSHOTS=1
// also rewrites docs/images/managers.png for the README.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { docImage, launchChromium, openSidebar, serveSample, shot, type ServedSample } from './support/browser';

const NOW = '2026-11-23T09:00:00Z';
const MANAGERS = 'Managers';

describe('e2e: the Team group and the Managers sheet from the sidebar, over the sample', () => {
  let browser: Browser;
  let served: ServedSample;
  let page: Page;
  let pageErrors: string[];
  let orders: unknown[][];
  const rt = () => served.runtime;

  beforeAll(async () => {
    [browser, served] = await Promise.all([launchChromium(), serveSample({ now: NOW })]);
    orders = rt().readSheet('Orders');
    ({ page, errors: pageErrors } = await openSidebar(browser, served));
  });

  afterAll(async () => {
    await page?.close();
    await browser?.close();
    await served?.close();
  });

  it('the Team group is folded at first, opens with its parameters, and fits in 300 px', async () => {
    expect(await page.locator('#group-team').getAttribute('open')).toBeNull();
    expect(await page.isVisible('#build-managers')).toBe(false);
    await page.click('#group-team > summary');
    await page.locator('#build-managers').waitFor();
    expect(await page.inputValue('#plan-growth')).toBe('10');
    expect(await page.inputValue('#key-customers-top')).toBe('20');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(300);
  });

  it('a plan growth typed in the group is saved, and a bad one is refused beside the field', async () => {
    await page.fill('#plan-growth', 'lots');
    await page.dispatchEvent('#plan-growth', 'change');
    await page.locator('#error-team').waitFor();
    expect(await page.textContent('#error-team')).not.toBe('');
    await page.fill('#plan-growth', '20');
    await page.dispatchEvent('#plan-growth', 'change');
    await page.waitForFunction(() => !document.querySelector('#error-team') && !document.querySelector('#team-params .progress'));
    const settings = rt().callJson('sidebarLoad') as { settings: { planGrowth: number } };
    expect(settings.settings.planGrowth).toBeCloseTo(0.2, 12);
  });

  it('builds Managers: a plan at +20% to last year, fact vs plan formulas, the orders tab unchanged', async () => {
    await page.click('#build-managers');
    await page.waitForFunction(() => {
      const box = document.querySelector('#result-managers');
      return !!box && !box.querySelector('.progress') && !!box.querySelector('.result, .error');
    });
    expect(await page.locator('#result-managers .error').count()).toBe(0);
    expect(await page.textContent('#result-managers .summary')).toMatch(/manager/);
    expect(rt().sheetNames()).toContain(MANAGERS);
    const rows = rt().readSheet(MANAGERS);
    // Each manager's plan for a full month is the same month a year earlier x 1.2, to the cent.
    const head = rows.findIndex((r) => r[0] === 'Manager' && r[1] === 'Row');
    const months = (rows[head] as string[]).slice(2, 14); // the 12 full months (the 13th is to date)
    expect(months).toHaveLength(12);
    const plans = rows.filter((r, i) => i > head && r[1] === 'Plan' && r[0] !== 'Total');
    expect(plans.length).toBeGreaterThan(1);
    const revenue = rows.findIndex((r) => r[0] === 'Revenue');
    for (const plan of plans) {
      const now = rows.findIndex((r, i) => i > revenue && r[0] === plan[0] && r[1] === 'This year');
      const yearAgo = rows[now + 1];
      expect(yearAgo[1]).toBe('A year earlier');
      months.forEach((_, k) => expect(plan[2 + k] as number).toBeCloseTo(Math.round((yearAgo[2 + k] as number) * 120) / 100, 2));
    }
    // A plan typed into the sheet survives the next build from the sidebar.
    const planRow = rows.indexOf(plans[0]) + 1;
    const typedIn = rt().spreadsheet.getSheetByName(MANAGERS)!;
    typedIn.getRange(planRow, 3).setValue('123456');
    await page.click('#build-managers');
    await page.waitForFunction(
      () => !document.querySelector('#result-managers .progress') && !!document.querySelector('#result-managers .result'),
    );
    expect(rt().spreadsheet.getSheetByName(MANAGERS)!.getSheetId()).not.toBe(typedIn.getSheetId()); // a new sheet
    expect(rt().readSheet(MANAGERS)[planRow - 1][2]).toBe(123456);
    expect(rt().readSheet('Orders')).toEqual(orders);
    expect(rt().sheetNames()[0]).toBe('Orders');
    await shot(page, 'e2e-team-1-managers');
  });

  it('screenshot of the Managers sheet in the viewer, on the default plan growth and a fresh sheet', async () => {
    // The README's picture (and its figures, "plan +10%"): the default plan growth, without the plan typed in above.
    await page.fill('#plan-growth', '10');
    await page.dispatchEvent('#plan-growth', 'change');
    await expect
      .poll(() => (rt().callJson('sidebarLoad') as { settings: { planGrowth: number } }).settings.planGrowth, { timeout: 30_000 })
      .toBeCloseTo(0.1, 12);
    rt().spreadsheet.deleteSheet(rt().spreadsheet.getSheetByName(MANAGERS)!);
    await page.evaluate(() => document.querySelector('#result-managers')!.replaceChildren());
    await page.click('#build-managers');
    await page.waitForFunction(
      () => !document.querySelector('#result-managers .progress') && !!document.querySelector('#result-managers .result'),
    );
    expect(rt().readSheet(MANAGERS).flat()).not.toContain(123456);
    const viewer = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
    await viewer.goto(served.server.url);
    await viewer.locator('#tabs button', { hasText: MANAGERS }).click();
    await viewer.waitForFunction(() => document.querySelector('#grid td')?.textContent?.startsWith('Managers'));
    await viewer.addStyleTag({ content: 'table.grid { width: 1px; }' });
    expect(await viewer.locator('#grid td', { hasText: 'Fact / plan' }).count()).toBeGreaterThan(0);
    await shot(viewer, 'managers', { fullPage: false });
    await docImage(viewer, 'managers', { runtime: served.runtime });
    await viewer.close();
    expect(pageErrors, pageErrors.join('\n')).toEqual([]);
  });
});
