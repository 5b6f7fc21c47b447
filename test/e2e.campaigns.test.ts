// End to end, issue 14 (settings, daily trigger, e-mail): a campaign defined in the
// real sidebar in Chromium, over a copy of the sample on the local runtime; field
// errors beside their fields; the daily trigger fired through the runtime; the
// e-mail read back: a section for the campaign with its action and channel, its
// customers (those of its target, computed here from the orders, not from the
// e-mail code), and the link to its worklist sheet (the spreadsheet's address with
// the sheet's gid, https://developers.google.com/apps-script/reference/spreadsheet/sheet#getSheetId()).
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CampaignsState, ScheduleRun } from '../src/addon/api';
import type { FakeRange } from '../local/spreadsheet';
import { docImage, launchChromium, openSidebar, serveSample, shot, type ServedSample } from './support/browser';

const NOW = '2026-11-25T09:00:00Z'; // a Wednesday
const USER = 'owner@example.com';
const OFFICE = 'office@example.com';
const NAME = 'Call <big> Wednesday';

describe('e2e: define a campaign in the sidebar, run the daily trigger, the e-mail has its section and worklist link', () => {
  let browser: Browser;
  let served: ServedSample;
  let page: Page;
  let pageErrors: string[];
  const rt = () => served.runtime;

  beforeAll(async () => {
    [browser, served] = await Promise.all([launchChromium(), serveSample({ now: NOW, user: USER })]);
    ({ page, errors: pageErrors } = await openSidebar(browser, served, 1600));
  });

  afterAll(async () => {
    await page?.close();
    await browser?.close();
    await served?.close();
  });

  it('the Campaigns section lists the seeds’ four campaigns', async () => {
    await page.waitForSelector('#campaign-list');
    expect(await page.locator('#campaign-list .campaign-name').allTextContents()).toEqual([
      'Onboard New Active',
      'Wake Prospective',
      'Reactivate Regular',
      'Win back lost A and B',
    ]);
    expect(await page.locator('#campaign-list .campaign-when').first().textContent()).toBe('Weekly, Monday · e-mail');
  });

  it('a campaign with wrong fields is not saved: each message beside its field', async () => {
    await page.click('#campaign-add');
    await page.waitForSelector('#campaign-form');
    await page.fill('#camp-control', '70');
    await page.fill('#camp-min-purchases', 'two');
    await page.click('#campaign-save');
    await page.waitForSelector('#camp-error-target-minPurchases:not(:empty)');
    expect(await page.textContent('#camp-error-target-minPurchases')).toBe('"two" is not a number');
    await page.fill('#camp-min-purchases', '2');
    await page.click('#campaign-save');
    await page.waitForSelector('#camp-error-name:not(:empty)');
    expect(await page.textContent('#camp-error-name')).toBe('Name: "": give a name of 1 to 100 characters');
    expect(await page.textContent('#camp-error-action')).toBe('Action: "": say what the manager does, in 1 to 500 characters');
    expect(await page.textContent('#camp-error-controlShare')).toBe('Control group: "0.7": a share from 0 to 50%');
    expect((rt().callJson('campaignsLoad') as CampaignsState).campaigns).toHaveLength(4);
  });

  it('fixed, it is saved with a new id; the other campaigns are turned off for this test', async () => {
    await page.fill('#camp-name', NAME);
    await page.fill('#camp-action', 'Call them about the <new> price list');
    await page.selectOption('#camp-weekday', '3');
    await page.fill('#camp-control', '20');
    await page.click('#campaign-save');
    await page.waitForSelector('#campaign-message .result');
    const { campaigns } = rt().callJson('campaignsLoad') as CampaignsState;
    expect(campaigns.map((c) => c.id)).toEqual(['onboard', 'wake_up', 'reactivate', 'win_back', 'c1']);
    expect(campaigns[4]).toMatchObject({
      name: NAME,
      channel: 'call',
      cadence: { kind: 'weekly', weekday: 3 },
      controlShare: 0.2,
      target: { minPurchases: 2 },
    });
    for (const id of ['onboard', 'wake_up', 'reactivate', 'win_back']) await page.locator(`[data-campaign="${id}"] .campaign-on`).uncheck();
    await page.waitForFunction(() => document.querySelectorAll('#campaign-list .campaign-on:checked').length === 1);
    expect((rt().callJson('campaignsLoad') as CampaignsState).campaigns.filter((c) => c.enabled).map((c) => c.id)).toEqual(['c1']);
    await shot(page, 'e2e-campaigns-1-saved');
  });

  it('the daily trigger sends its section: action, channel, its customers, and the link to its worklist', async () => {
    await page.fill('#schedule-fallback', OFFICE);
    await page.click('#schedule-on');
    await page.waitForSelector('#schedule-status.status-on');
    // The worklist sheet, as the rebuild owns it (key `worklist:<campaign id>`), under a name of the user's.
    const sheet = rt().spreadsheet.insertSheet('Our calls');
    sheet.addDeveloperMetadata('repeatSales.report', 'worklist:c1');
    const run = rt().fireTrigger() as ScheduleRun;
    expect(run).toMatchObject({ sent: 1, error: null, period: '2026-11-25' });
    const mail = rt().sentMail.find((m) => m.to.includes(OFFICE))!;
    expect(mail.body).toMatch(new RegExp(`^Call <big> Wednesday: ${run.customers} customers?$`, 'm'));
    expect(mail.body).toContain('Action (call): Call them about the <new> price list');
    expect(mail.htmlBody).toContain('Call &lt;big&gt; Wednesday');
    const url = `${rt().spreadsheet.getUrl()}#gid=${sheet.getSheetId()}`;
    expect(mail.body).toContain(`Open the worklist: ${NAME}: ${url}`);
    expect(mail.htmlBody).toContain(`<a href="${url}"`);
    // Its customers: two purchases or more, less the control group; the CSV has them all.
    const csv = mail.attachments[0].bytes
      .toString('utf8')
      .replace(/^\ufeff/, '')
      .trim()
      .split('\r\n');
    expect(csv.slice(1).every((line) => line.startsWith('Call <big> Wednesday,'))).toBe(true);
    expect(csv.slice(1)).toHaveLength(run.customers);
    expect(run.customers).toBeGreaterThan(0);
    // Once: the same day again sends nothing.
    expect(rt().fireTrigger()).toBeNull();
    expect(pageErrors).toEqual([]);
  });

  it('a status typed on the worklist survives a rebuild, and the results sheet counts the contact', async () => {
    rt().call('rebuildAllReports');
    const name = rt()
      .sheetNames()
      .find((n) => n === 'Our calls' || n.startsWith('List · Call'))!;
    expect(name).toBeDefined();
    const rows = rt().readSheet(name);
    const header = rows.findIndex((r) => r.includes('Status'));
    expect(header).toBeGreaterThan(0);
    const statusCol = rows[header].indexOf('Status') + 1;
    const noteCol = rows[header].indexOf('Note') + 1;
    const customer = rows[header + 1][0];
    const cell = (row: number, col: number) => rt().spreadsheet.getSheetByName(name)!.getRange(row, col) as unknown as FakeRange;
    // Typed as a manager types in Sheets: the drop-down's value, and a note.
    cell(header + 2, statusCol)._typeAsUser('reached');
    cell(header + 2, noteCol)._typeAsUser('call back on Friday');
    rt().call('rebuildAllReports');
    const after = rt().readSheet(name);
    const row = after.findIndex((r, i) => i > header && r[0] === customer);
    expect(row).toBeGreaterThan(header);
    expect([after[row][statusCol - 1], after[row][noteCol - 1]]).toEqual(['reached', 'call back on Friday']);
    // The results: the campaign's section, its first period, one customer contacted.
    const results = rt().readSheet('Campaign results');
    const section = results.findIndex((r) => typeof r[0] === 'string' && r[0].startsWith(`${NAME}: results window`));
    expect(section).toBeGreaterThan(0);
    const head = results.findIndex((r, i) => i > section && r.includes('Contacted'));
    expect(results[head + 1][results[head].indexOf('Contacted')]).toBe(1);

    // Wide enough for the manager's columns (status, reason, next step, note) beside the add-on's.
    const viewer = await browser.newPage({ viewport: { width: 2300, height: 760 } });
    await viewer.goto(served.server.url);
    await viewer.click('#close'); // the sheet, not the sidebar
    await viewer.addStyleTag({ content: 'table.grid { width: 1px; }' });
    for (const [tab, image] of [
      [name, 'worklist'],
      ['Campaign results', 'campaign-results'],
    ] as const) {
      await viewer.locator('#tabs button', { hasText: tab }).click();
      await viewer.waitForFunction(
        (t) => document.querySelector('#grid td')?.textContent?.includes(t),
        tab === name ? NAME : 'Campaign results',
      );
      await shot(viewer, image, { fullPage: false });
      await docImage(viewer, image, { fullPage: false, runtime: served.runtime });
    }
    await viewer.close();
  });
});
