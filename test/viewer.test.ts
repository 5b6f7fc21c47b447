/**
 * The local viewer (local/server.ts) as a user meets it in Chromium: it shows
 * the sheet the add-on brings to the front after a build, shows Help's dialog,
 * names the sidebar by the add-on's title, and says how a CSV was read.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CUSTOM_FUNCTIONS } from '../src/addon/customFunctions';
import { main } from '../local/start';
import { projectRoot } from './support/loadBundle';
import { launchChromium, serveSample, watchErrors } from './support/browser';
import { encodeSingleByte } from './support/encode';
import { tempDir } from './support/runtime';

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

describe('Help lists every custom function, from one list', () => {
  it('CUSTOM_FUNCTIONS are the global UPPER_CASE functions of src/main.js, in its order', () => {
    const main = readFileSync(path.join(projectRoot, 'src', 'main.js'), 'utf8');
    const defined = [...main.matchAll(/^global\.([A-Z][A-Z0-9_]*) = /gm)].map((m) => m[1]);
    expect([...CUSTOM_FUNCTIONS]).toEqual(defined);
  });
});

describe('the viewer', () => {
  it('follows the sheet a build brings to the front, and shows Help as a dialog', async () => {
    const served = await serveSample({ now: '2026-11-23T09:00:00Z' });
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    const errors = watchErrors(page);
    try {
      await page.goto(served.server.url);
      await page.waitForSelector('#tabs button.active');
      expect(await page.textContent('#sidebar-title')).toBe('Repeat sales');
      const before = await page.textContent('#tabs button.active');
      // A build from the sidebar, as its button calls it.
      const res = await page.evaluate(async () => {
        const r = await fetch('/rpc/sidebarBuild', { method: 'POST', body: JSON.stringify([{ kind: 'lost' }]) });
        return r.json();
      });
      expect(res.ok).toBe(true);
      expect(res.result.sheetName).toBe('Lost customers');
      // The sidebar tells the page after each call; here the page's own poll picks it up.
      await page.waitForFunction(() => document.querySelector('#tabs button.active')?.textContent === 'Lost customers', null, {
        timeout: 10_000,
      });
      expect(before).not.toBe('Lost customers');
      await page.waitForFunction(() => document.querySelector('#grid')?.textContent?.includes('Lost customers'), null, { timeout: 10_000 });
      // The user can still pick another tab; the viewer does not pull them back.
      await page.click('#tabs button:has-text("Orders")');
      await page.waitForTimeout(1500);
      expect(await page.textContent('#tabs button.active')).toBe('Orders');
      // Help from the add-on menu.
      await page.evaluate(async () => {
        await fetch('/rpc/showHelp', { method: 'POST', body: '[]' });
      });
      await page.waitForSelector('#dialog', { state: 'visible', timeout: 10_000 });
      expect(await page.textContent('#dialog-title')).toBe('Repeat sales: help');
      const help = (await page.textContent('#dialog-text'))!;
      for (const name of CUSTOM_FUNCTIONS) expect(help).toContain(name);
      await page.click('#dialog-ok');
      await page.waitForSelector('#dialog', { state: 'hidden' });
      expect(errors).toEqual([]);
    } finally {
      await page.close();
      await served.close();
    }
  });

  it('npm start opens the add-on’s sidebar with its title, and the bar says how the CSV was read', async () => {
    const dir = tempDir('viewer-');
    const csv = path.join(dir, 'заказы.csv');
    const lines = ['Дата;Клиент;Сумма'];
    for (let i = 0; i < 40; i++) lines.push(`${String(1 + (i % 28)).padStart(2, '0')}.0${1 + (i % 6)}.2025;Клиент ${i % 9};${100 + i},50`);
    writeFileSync(csv, encodeSingleByte(lines.join('\r\n'), 'windows-1251'));
    const result = await main(['--orders', csv, '--out', path.join(dir, 'out', 'report.xlsx'), '--port', '0', '--locale', 'ru_RU'], {
      log: () => {},
      error: () => {},
    });
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    try {
      await page.goto(result.server!.url);
      await page.waitForSelector('#tabs button.active');
      expect(await page.textContent('#sidebar-title')).toBe('Повторные продажи');
      expect(await page.textContent('#source')).toBe(
        'заказы.csv: encoding windows-1251 (guessed from the letters), separator ; (semicolon)',
      );
    } finally {
      await page.close();
      await result.server!.close();
      await result.server!.flushed();
    }
  });
});
