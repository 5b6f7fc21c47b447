// Export for a mailing tool in Chromium (issue 14, item 7): each campaign of the sidebar's Campaigns section has
// its own "Export CSV" button, which asks the server for that campaign's CSV and saves it as a file through a
// Blob link (no Drive scope). The file's bytes are checked
// as downloaded: the UTF-8 byte-order mark and semicolons in Russian, none and commas in English, quoting,
// formula-like cells neutralised and the phone +7 … as typed. First over the mock server (the sidebar alone),
// then end to end over the built add-on in the local runtime.
import { readFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer } from '../local/server';
import { launchChromium, watchErrors } from './support/browser';
import { projectRoot } from './support/loadBundle';
import { startRuntime } from './support/runtime';

let browser: Browser;
let mockScript = '';

beforeAll(async () => {
  expect(existsSync(path.join(projectRoot, 'dist', 'Sidebar.html')), 'run npm run build first').toBe(true);
  const esbuild = await import('esbuild');
  const out = await esbuild.build({
    entryPoints: [path.join(projectRoot, 'sidebar', 'dev', 'mockEntry.ts')],
    bundle: true,
    write: false,
    format: 'iife',
    target: 'es2019',
    logLevel: 'silent',
  });
  mockScript = out.outputFiles[0].text;
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
});

async function openMock(lang: 'en' | 'ru' | 'uk'): Promise<{ page: Page; errors: string[] }> {
  const page = await browser.newPage({ viewport: { width: 300, height: 900 }, acceptDownloads: true, locale: 'en-US' });
  const errors = watchErrors(page);
  await page.addInitScript(`window.__mockOptions = ${JSON.stringify({ timing: 0, lang })};\n${mockScript}`);
  const html = readFileSync(path.join(projectRoot, 'dist', 'Sidebar.html'), 'utf8');
  await page.route('http://sidebar.test/', (r) => r.fulfill({ contentType: 'text/html; charset=utf-8', body: html }));
  await page.goto('http://sidebar.test/');
  await page.waitForSelector('#campaign-list .campaign-export');
  return { page, errors };
}

/** Clicks a campaign's "Export CSV" button and returns the saved file's name and bytes. */
async function download(page: Page, campaign: string): Promise<{ name: string; bytes: Buffer }> {
  const [file] = await Promise.all([page.waitForEvent('download'), page.click(`[data-testid="export-${campaign}"]`)]);
  const saved = await file.path();
  return { name: file.suggestedFilename(), bytes: readFileSync(saved) };
}

describe("each campaign's Export CSV button, over the mock server", () => {
  const nameOf = (page: Page, id: string) => page.textContent(`.campaign[data-campaign="${id}"] .campaign-name`);

  it('ru: a button per campaign, no separate export control; the file has the byte-order mark, semicolons, quoted separators and neutralised formulas', async () => {
    const { page, errors } = await openMock('ru');
    const campaigns = await page.locator('#campaign-list .campaign').count();
    expect(campaigns).toBeGreaterThan(1);
    expect(await page.locator('#campaign-list .campaign-export').allTextContents()).toEqual(new Array(campaigns).fill('Выгрузить CSV'));
    expect(await page.locator('#section-export, #export-campaign, #export-download').count()).toBe(0);
    const { name, bytes } = await download(page, 'win_back');
    expect(name).toBe(`${await nameOf(page, 'win_back')} 2024-06-30.csv`);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.subarray(3).toString('utf8').split('\r\n');
    expect(lines).toEqual([
      'Имя;E-mail;Телефон;Сегмент;Менеджер',
      '"ООО ""Ромашка""; Москва";info@romashka.example;+7 998 123-45-67;Regular Lapsed;Олег Морозов',
      `"'=HYPERLINK(""http://evil.example"")";'@SUM(A1);'+1+2;New Active;`,
      '',
    ]);
    await page.waitForSelector('#campaign-message .result');
    expect(await page.textContent('#campaign-message .result')).toBe(`${name}: 2 клиента`);
    const asked = (
      await page.evaluate(() => (window as unknown as { __mock: { calls: { name: string; args: unknown[] }[] } }).__mock.calls)
    )
      .filter((c) => c.name === 'exportCampaignCsv')
      .map((c) => c.args);
    expect(asked).toEqual([['win_back']]);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('en: no byte-order mark, commas; a campaign that lists nobody gives the header alone', async () => {
    const { page, errors } = await openMock('en');
    expect(await page.textContent('[data-testid="export-win_back"]')).toBe('Export CSV');
    const { bytes } = await download(page, 'win_back');
    expect(bytes[0]).toBe('N'.charCodeAt(0));
    expect(bytes.toString('utf8').split('\r\n')[0]).toBe('Name,E-mail,Phone,Segment,Manager');
    const empty = await download(page, 'onboard');
    expect(empty.bytes.toString('utf8')).toBe('Name,E-mail,Phone,Segment,Manager\r\n');
    await page.waitForFunction(() => document.querySelector('#campaign-message .result')?.textContent?.endsWith(': 0 customers'));
    expect(await page.textContent('#campaign-message .result')).toBe(`${empty.name}: 0 customers`);
    expect(empty.name).toBe(`${await nameOf(page, 'onboard')} 2024-06-30.csv`);
    expect(errors).toEqual([]);
    await page.close();
  });
});

describe('the NPS section over the built add-on in the local runtime', () => {
  it('shows the tab found, its columns and the unreadable rows; choosing a tab saves it', async () => {
    const rows = (file: string): string[][] =>
      readFileSync(path.join(projectRoot, 'test', 'data', 'nps', file), 'utf8')
        .replace(/\r?\n$/, '')
        .split(/\r?\n/)
        .map((line) => line.split(','));
    const runtime = await startRuntime(
      { Orders: rows('orders.csv'), Survey: rows('answers.csv'), Notes: [['x']] },
      { locale: 'en_US', timeZone: 'Etc/UTC' },
    );
    runtime.call('onOpen', { authMode: 'FULL' });
    runtime.call('showSidebar');
    const server = await startServer(runtime, { port: 0 });
    try {
      const page = await browser.newPage({ viewport: { width: 300, height: 900 }, locale: 'en-US' });
      const errors = watchErrors(page);
      await page.goto(`${server.url}sidebar`);
      await page.waitForSelector('#nps-summary');
      expect(await page.textContent('#nps-summary')).toBe('Survey: 9 answers read, 5 unreadable rows');
      expect(await page.textContent('#nps-columns')).toBe(
        'Respondent: Respondent (A) · Date: Date (B) · Score: How likely are you to recommend us? (C) · Comment: Why this score? (D)',
      );
      expect(await page.locator('#nps-problems li').first().textContent()).toBe('row 11, Respondent (A): customer is empty');
      await page.selectOption('#nps-sheet', 'Notes');
      await page.waitForSelector('#nps-read-error');
      expect(await page.textContent('#nps-read-error')).toBe(
        'The NPS tab "Notes" has no Respondent and Date and Score column. Map it in the sidebar.',
      );
      expect((runtime.callJson('sidebarLoad') as { settings: { npsSheet: string | null } }).settings.npsSheet).toBe('Notes');
      expect(errors).toEqual([]);
      await page.close();
    } finally {
      await server.close();
    }
  });
});

describe('the NPS columns mapped in the sidebar, over the built add-on in the local runtime', () => {
  it('a tab whose headers name no field: the columns chosen, a wrong choice refused with its reason, a right one saved and read', async () => {
    const runtime = await startRuntime(
      {
        Orders: [
          ['Date', 'Customer', 'Amount'],
          ['2025-01-10', 'Anna', 100],
          ['2025-02-20', 'Boris', 80],
        ],
        Survey: [
          ['Person', 'Day', 'Mark', 'Text'],
          ['Anna', '2025-03-01', 9, 'great'],
          ['Boris', '2025-03-02', 3, 'slow'],
        ],
      },
      { locale: 'en_US', timeZone: 'Etc/UTC', now: '2025-03-15T09:00:00Z' },
    );
    runtime.call('onOpen', { authMode: 'FULL' });
    runtime.call('showSidebar');
    const server = await startServer(runtime, { port: 0 });
    try {
      const page = await browser.newPage({ viewport: { width: 300, height: 900 }, locale: 'en-US' });
      const errors = watchErrors(page);
      await page.goto(`${server.url}sidebar`);
      await page.waitForSelector('#nps-sheet');
      await page.selectOption('#nps-sheet', 'Survey');
      await page.waitForSelector('#nps-read-error');
      expect(await page.textContent('#nps-read-error')).toMatch(/^The NPS tab "Survey" has no .* column\. Map it in the sidebar\.$/);
      expect(await page.locator('#nps-map-score option').allTextContents()).toEqual([
        '— not used —',
        'A: Person',
        'B: Day',
        'C: Mark',
        'D: Text',
      ]);
      // The score taken from the comments: nothing reads, and the message names the row, the column and the value.
      await page.selectOption('#nps-map-customer', '0');
      await page.selectOption('#nps-map-date', '1');
      await page.selectOption('#nps-map-score', '3');
      await page.click('#nps-save-mapping');
      await page.waitForSelector('#nps-save-error');
      expect(await page.textContent('#nps-save-error')).toBe(
        'NPS columns: no answer reads with these columns: row 2, Text (D): "great" is not a whole score from 0 to 10',
      );
      expect((runtime.callJson('sidebarLoad') as { settings: { npsMapping: unknown } }).settings.npsMapping).toBeNull();
      // The choices are still there; the right score column saves, and the answers read.
      expect(await page.inputValue('#nps-map-customer')).toBe('0');
      await page.selectOption('#nps-map-score', '2');
      await page.click('#nps-save-mapping');
      await page.waitForSelector('#nps-summary');
      expect(await page.textContent('#nps-summary')).toBe('Survey: 2 answers read, 0 unreadable rows');
      expect(await page.textContent('#nps-columns')).toBe('Respondent: Person (A) · Date: Day (B) · Score: Mark (C)');
      expect((runtime.callJson('sidebarLoad') as { settings: { npsMapping: unknown } }).settings.npsMapping).toEqual({
        customer: 0,
        date: 1,
        score: 2,
      });
      expect(errors).toEqual([]);
      await page.close();
    } finally {
      await server.close();
    }
  });
});

describe("a campaign's Export CSV button over the built add-on in the local runtime", () => {
  it('a button per campaign of the document; the file is the campaign worklist (test/data/nps as of 2025-03-15)', async () => {
    const rows = (file: string): string[][] =>
      readFileSync(path.join(projectRoot, 'test', 'data', 'nps', file), 'utf8')
        .replace(/\r?\n$/, '')
        .split(/\r?\n/)
        .map((line) => line.split(','));
    const runtime = await startRuntime({ Orders: rows('orders.csv') }, { locale: 'ru_RU', timeZone: 'Etc/UTC' });
    runtime.call('onOpen', { authMode: 'FULL' });
    runtime.call('showSidebar');
    const settings = (runtime.callJson('sidebarLoad') as { settings: object }).settings;
    expect((runtime.callJson('sidebarSaveSettings', { ...settings, asOf: '2025-03-15' }) as { errors: object }).errors).toEqual({});
    const choices = (runtime.callJson('campaignsLoad') as { campaigns: { id: string }[] }).campaigns;
    expect(choices.map((c) => c.id)).toContain('onboard');
    expect(() => runtime.callJson('exportCampaignCsv', 'nobody')).toThrow(/nobody/);
    const server = await startServer(runtime, { port: 0 });
    try {
      const page = await browser.newPage({ viewport: { width: 300, height: 900 }, acceptDownloads: true, locale: 'en-US' });
      const errors = watchErrors(page);
      await page.goto(`${server.url}sidebar`);
      await page.waitForSelector('#campaign-list .campaign-export');
      expect(await page.locator('#campaign-list .campaign-export').count()).toBe(choices.length);
      const { bytes } = await download(page, 'onboard');
      // New Active as of 15 March: Boris (20 Feb) and Eva (10 Mar); ru_RU: the mark, semicolons.
      expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const lines = bytes.subarray(3).toString('utf8').split('\r\n');
      expect(lines[0]).toBe('Имя;E-mail;Телефон;Сегмент;Менеджер');
      expect(lines.slice(1, -1).sort()).toEqual([
        'Boris;boris@example.com;89123456789;Новые Активные;Olga',
        "Eva;'@SUM(A1);'+1+2;Новые Активные;",
      ]);
      expect(errors).toEqual([]);
      await page.close();
    } finally {
      await server.close();
    }
  });
});
