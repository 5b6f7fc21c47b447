// End to end, issues 4 and 14: the campaign e-mails turned on from the real sidebar in
// Chromium, over a copy of the sample on the local runtime; the trigger fired
// through the runtime; the outbox's .eml files read back and checked (recipients,
// subject with the week and the counts, segments, CSV attachment, escaping); a
// re-run in the same week sends nothing; a quota of 2 sends 2 and logs the rest;
// corrupt stored settings fall back to defaults with a warning; a test goes to the
// current user only; an address Google refuses fails alone and goes the next day.
//
// UPDATE_SCREENSHOTS=1 also rewrites docs/images/email.png (a rendered e-mail).
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ScheduleRun } from '../src/addon/api';
import { docImage, launchChromium, openSidebar, serveSample, shot, type ServedSample } from './support/browser';

const NOW = '2026-11-23T09:00:00Z'; // a Monday, ISO week 2026-W48
const DAY = 86_400_000;
const USER = 'owner@example.com';
const FALLBACK = 'office@example.com';
const ADDRESSES: Record<string, string> = {
  'Kate Wilson': 'kate.wilson@example.com',
  'Алексей Смирнов': 'alexey@example.com',
  'Богдан Ткаченко': 'bogdan@example.com',
  'Марина Козлова': 'marina@example.com',
  // Олег Морозов has no address: his customers go to the fallback.
};
const NO_ADDRESS = 'Олег Морозов';
const DEFAULT_SEGMENTS = ['New Active', 'Prospective Sleeping', 'Regular Sleeping', 'Regular Lapsed'];
const DEFAULT_KEYS = ['new_active', 'prospective_sleeping', 'regular_sleeping', 'regular_lapsed'];
/** The default campaigns that send the four segments of the weekly e-mail of 0.2 (the win-back is turned off below). */
const CAMPAIGNS = ['Onboard New Active', 'Wake Prospective', 'Reactivate Regular'];

// Customers added to the orders: Regular Sleeping (4 purchases, the last 90 days ago).
const HTML_NAME = '<script>alert("x")</script> & Co';
const FORMULA_NAME = "=cmd|' /C calc'!A0";
const AT_NAME = '@SUM(1+1)';

// ------------------------------------------------------------------ .eml reading

interface MimePart {
  headers: Record<string, string>;
  body: Buffer;
  parts: MimePart[];
}

/** RFC 2047 encoded words (UTF-8, B or Q) back to text. */
function decodeWords(value: string): string {
  return value.replace(/\?=\s+=\?/g, '?==?').replace(/=\?utf-8\?([bq])\?([^?]*)\?=/gi, (_, enc: string, text: string) =>
    enc.toLowerCase() === 'b'
      ? Buffer.from(text, 'base64').toString('utf8')
      : Buffer.from(
          text.replace(/_/g, ' ').replace(/=([0-9a-f]{2})/gi, (_m, h: string) => String.fromCharCode(parseInt(h, 16))),
          'latin1',
        ).toString('utf8'),
  );
}

function parseMime(raw: string): MimePart {
  const split = raw.indexOf('\r\n\r\n');
  expect(split, 'a header block').toBeGreaterThan(0);
  const headers: Record<string, string> = {};
  for (const line of raw
    .slice(0, split)
    .replace(/\r\n[ \t]+/g, ' ')
    .split('\r\n')) {
    const colon = line.indexOf(':');
    headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  const body = raw.slice(split + 4);
  const type = headers['content-type'] ?? 'text/plain';
  const boundary = /boundary="?([^";]+)"?/i.exec(type)?.[1];
  if (/^multipart\//i.test(type) && boundary) {
    const chunks = body.split(`--${boundary}`);
    const parts = chunks
      .slice(
        1,
        chunks.findIndex((c) => c.startsWith('--')),
      )
      .map((c) => parseMime(c.replace(/^\r\n/, '').replace(/\r\n$/, '')));
    return { headers, body: Buffer.alloc(0), parts };
  }
  const encoding = (headers['content-transfer-encoding'] ?? '').toLowerCase();
  return { headers, body: encoding === 'base64' ? Buffer.from(body.replace(/\s+/g, ''), 'base64') : Buffer.from(body, 'utf8'), parts: [] };
}

function leaves(part: MimePart): MimePart[] {
  return part.parts.length ? part.parts.flatMap(leaves) : [part];
}

interface Mail {
  file: string;
  to: string;
  subject: string;
  text: string;
  html: string;
  attachments: { name: string; type: string; text: string }[];
}

function readEml(file: string): Mail {
  const root = parseMime(readFileSync(file, 'utf8'));
  const all = leaves(root);
  const textOf = (type: string) =>
    all
      .find((p) => (p.headers['content-type'] ?? '').startsWith(type) && !/attachment/i.test(p.headers['content-disposition'] ?? ''))
      ?.body.toString('utf8') ?? '';
  return {
    file,
    to: root.headers.to,
    subject: decodeWords(root.headers.subject),
    text: textOf('text/plain'),
    html: textOf('text/html'),
    attachments: all
      .filter((p) => /attachment/i.test(p.headers['content-disposition'] ?? ''))
      .map((p) => {
        const disposition = p.headers['content-disposition'];
        const name = /filename\*=UTF-8''([^;]+)/i.exec(disposition)?.[1] ?? /filename="([^"]+)"/i.exec(disposition)?.[1] ?? '';
        return { name: decodeURIComponent(name), type: p.headers['content-type'].split(';')[0], text: p.body.toString('utf8') };
      }),
  };
}

/** CSV rows (RFC 4180 quoting). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else field += c;
  }
  if (field !== '' || row.length) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

// ------------------------------------------------------------------ the test

describe('e2e: weekly e-mails from the sidebar in Chromium, over the sample on the local runtime', () => {
  let browser: Browser;
  let served: ServedSample;
  let page: Page;
  let pageErrors: string[];
  /** Address -> customers it must get, from the segment list sheets (not from the e-mail code). */
  let expected: Map<string, number>;
  let firstRun: Mail[];

  const rt = () => served.runtime;
  const emls = () =>
    readdirSync(served.outbox)
      .filter((f) => f.endsWith('.eml'))
      .sort();
  const clockTriggers = () => rt().triggers.filter((t) => t.eventType === 'CLOCK');
  const sendLog = () => rt().readSheet('Send log');
  const fire = () => rt().fireTrigger() as ScheduleRun;

  beforeAll(async () => {
    [browser, served] = await Promise.all([launchChromium(), serveSample({ now: NOW, user: USER })]);
    // Hostile names, as a user's orders may hold them; written as Sheets keeps typed text.
    const orders = rt().spreadsheet.getSheetByName('Orders')!;
    const last = rt().readSheet('Orders').length;
    const rows: unknown[][] = [];
    // Large, regular orders: A and X, first to return, so each is among the first 50 its e-mail section shows.
    const add = (name: string, manager: string, n: number) => {
      for (const ago of [150, 130, 110, 90])
        rows.push([
          new Date(Date.parse(NOW) - ago * DAY),
          `'${name}`,
          100_000 + ago,
          `E2E-${n}-${ago}`,
          manager,
          `e2e${n}@example.com`,
          '+1 555 0100',
        ]);
    };
    add(HTML_NAME, 'Богдан Ткаченко', 1);
    add(FORMULA_NAME, 'Богдан Ткаченко', 2);
    add(AT_NAME, '', 3);
    if (orders.getMaxRows() < last + rows.length) orders.insertRowsAfter(orders.getMaxRows(), last + rows.length - orders.getMaxRows());
    orders.getRange(last + 1, 1, rows.length, 7).setValues(rows);
    const stored = rt()
      .readSheet('Orders')
      .slice(last)
      .map((r) => r[1]);
    expect(new Set(stored)).toEqual(new Set([HTML_NAME, FORMULA_NAME, AT_NAME]));
    // The four segments of 0.2's weekly e-mail, as the default campaigns send them: the win-back (lost A and B
    // customers, some of them in those segments too) is off here; test/e2e.campaigns.test.ts defines campaigns.
    rt().callJson('campaignSetEnabled', 'win_back', false);
    ({ page, errors: pageErrors } = await openSidebar(browser, served, 1200));
  });

  afterAll(async () => {
    await page?.close();
    await browser?.close();
    await served?.close();
  });

  it('the sidebar shows the schedule off, a row per manager of the orders', async () => {
    expect(await page.textContent('#schedule-status')).toBe('Off: no e-mails are sent');
    expect(await page.textContent('#schedule-last')).toBe('Not run yet.');
    expect(await page.textContent('#schedule-quota')).toBe('E-mails left today: 100');
    expect(await page.textContent('#schedule-account')).toBe(`Sent from ${USER}`);
    const managers = await page.locator('#schedule-recipients th label').allTextContents();
    expect(managers).toEqual([...Object.keys(ADDRESSES), NO_ADDRESS].sort((a, b) => a.localeCompare(b)));
    expect(clockTriggers()).toEqual([]);
  });

  it('an invalid address is flagged before saving and nothing is saved or turned on', async () => {
    const input = page.locator('#schedule-recipients input[data-manager="Kate Wilson"]');
    await input.fill('kate.wilson@example');
    await input.press('Tab');
    expect(await page.textContent('#schedule-recipients .field-error[data-field="recipients.Kate Wilson"]')).toBe(
      'Address of Kate Wilson: "kate.wilson@example" is not an e-mail address',
    );
    const before = rt().properties.document['repeatSales.settings'];
    await page.click('#schedule-on');
    expect(await page.textContent('#schedule-message')).toBe('Please fix the marked fields.');
    expect(rt().properties.document['repeatSales.settings']).toBe(before);
    expect(clockTriggers()).toEqual([]);
  });

  it('turns the schedule on with an address per manager and a fallback: one trigger, even when turned on twice', async () => {
    for (const [manager, address] of Object.entries(ADDRESSES))
      await page.locator(`#schedule-recipients input[data-manager="${manager}"]`).fill(address);
    await page.fill('#schedule-fallback', FALLBACK);
    await page.click('#schedule-on');
    await page.waitForSelector('#schedule-status.status-on');
    expect(await page.textContent('#schedule-status')).toBe('On: every day at 08:00, each campaign on its day');
    expect(await page.textContent('#schedule-message')).toBe('The campaign e-mails are on.');
    expect(clockTriggers()).toHaveLength(1);
    expect(clockTriggers()[0]).toMatchObject({
      handler: 'runScheduledDigest',
      // Daily at the hour: Mondays send the week, the other days only finish a week left unfinished.
      schedule: { everyDays: 1, hour: 8, timeZone: 'Europe/London' },
    });
    const stored = JSON.parse(rt().properties.document['repeatSales.settings']);
    expect(JSON.stringify(stored)).toContain(JSON.stringify(ADDRESSES).slice(1, -1));

    await page.click('#schedule-on');
    await page.waitForFunction(
      () => document.querySelector('#schedule-message .result') && !document.querySelector('#schedule-message .spinner'),
    );
    expect(clockTriggers()).toHaveLength(1);
    expect(await page.textContent('#schedule-status')).toBe('On: every day at 08:00, each campaign on its day');
    await shot(page, 'e2e-schedule-1-on');
  });

  it('firing the trigger sends one e-mail per address: recipients, subject with week and count, campaigns, CSV, escaping', async () => {
    // What each address must get, from the report side: the four segment lists, per manager.
    expected = new Map();
    for (const key of DEFAULT_KEYS) rt().callJson('sidebarBuild', { kind: 'segmentList', segment: key });
    for (const label of DEFAULT_SEGMENTS) {
      const rows = rt().readSheet(label);
      const head = rows.findIndex((r) => r[0] === 'Customer' && r[1] === 'Purchases');
      for (const r of rows.slice(head + 1).filter((x) => x[0] !== '')) {
        const to = ADDRESSES[String(r[6])] ?? FALLBACK;
        expected.set(to, (expected.get(to) ?? 0) + 1);
      }
    }
    expect(expected.size).toBe(5);

    const run = fire();
    expect(run).toMatchObject({ period: '2026-11-23', sent: 5, skipped: 0, notSent: 0, test: false, error: null });
    expect(run.customers).toBe([...expected.values()].reduce((a, b) => a + b, 0));
    const files = emls();
    expect(files).toHaveLength(5);
    firstRun = files.map((f) => readEml(path.join(served.outbox, f)));
    expect(firstRun.map((m) => m.to).sort()).toEqual([...expected.keys()].sort());

    for (const mail of firstRun) {
      const n = expected.get(mail.to)!;
      expect(mail.subject, mail.to).toBe(`Week 48: ${n} customers to contact`);
      expect(mail.html).toMatch(/^<!DOCTYPE html>|^<html/i);
      const sections = CAMPAIGNS.filter((s) => mail.html.includes(`${s}: `));
      expect(sections.length, `${mail.to}: campaigns in the body`).toBeGreaterThan(0);
      for (const s of sections) expect(mail.text).toContain(`${s}: `);
      expect(mail.attachments).toHaveLength(1);
      const csv = mail.attachments[0];
      expect(csv.name).toBe('customers-2026-W48.csv');
      expect(csv.type).toBe('text/csv');
      const rows = parseCsv(csv.text.replace(/^\ufeff/, ''));
      expect(rows[0]).toEqual(['Campaign', 'Customer', 'Manager', 'Purchases', 'Last purchase', 'Revenue', 'E-mail', 'Phone']);
      expect(rows.slice(1)).toHaveLength(n);
      expect(new Set(rows.slice(1).map((r) => r[0]))).toEqual(new Set(sections));
      const managers = new Set(rows.slice(1).map((r) => r[2]));
      if (mail.to === FALLBACK) expect([...managers].sort()).toEqual(['', NO_ADDRESS]);
      else expect([...managers]).toEqual([Object.entries(ADDRESSES).find(([, a]) => a === mail.to)![0]]);
    }

    // Hostile names: escaped in the HTML, kept as text (not a formula) in the CSV.
    const bogdan = firstRun.find((m) => m.to === ADDRESSES['Богдан Ткаченко'])!;
    expect(bogdan.html).not.toContain('<script>');
    expect(bogdan.html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; Co');
    expect(bogdan.html).toContain('=cmd|&#39; /C calc&#39;!A0');
    expect(bogdan.text).toContain(HTML_NAME);
    const bogdanCsv = parseCsv(bogdan.attachments[0].text.replace(/^\ufeff/, ''));
    expect(bogdanCsv.map((r) => r[1])).toEqual(expect.arrayContaining([HTML_NAME, `'${FORMULA_NAME}`]));
    expect(bogdanCsv.some((r) => r[1] === FORMULA_NAME)).toBe(false);
    const office = parseCsv(firstRun.find((m) => m.to === FALLBACK)!.attachments[0].text.replace(/^\ufeff/, ''));
    expect(office.map((r) => r[1])).toContain(`'${AT_NAME}`);

    // The Send log: one row per recipient.
    const log = sendLog();
    expect(log[0]).toEqual(['Time', 'Period', 'Recipient', 'Campaigns', 'Customers', 'Result']);
    const logged = log.slice(1).map((r) => [r[2], [r[4], r[5]]] as const);
    expect(logged).toHaveLength(5);
    expect(new Map(logged)).toEqual(new Map([...expected].map(([to, n]) => [to, [n, 'sent']])));
    expect(log.slice(1).every((r) => r[1] === '2026-W48' && r[0] instanceof Date)).toBe(true);

    // The sidebar tells what happened.
    await page.reload();
    await page.waitForSelector('#schedule-on');
    expect(await page.textContent('#schedule-last .last-counts')).toBe(
      `Sent: 5 · already sent: 0 · not sent: 0 · customers: ${run.customers}`,
    );
    expect(await page.textContent('#schedule-last .last-when')).toMatch(/^Last run: /);
    expect(await page.textContent('#schedule-quota')).toBe('E-mails left today: 95');
  });

  it('screenshot: a rendered e-mail', async () => {
    const kate = firstRun.find((m) => m.to === ADDRESSES['Kate Wilson'])!;
    const mail = await browser.newPage({ viewport: { width: 375, height: 1100 } });
    // The e-mail as a mail client shows it: its own HTML, nothing else, no network.
    await mail.route('**/*', (r) => r.abort());
    await mail.setContent(kate.html, { waitUntil: 'load' });
    expect(await mail.locator('.money').count()).toBeGreaterThan(0);
    // Readable on a phone: nothing wider than a 375 px screen (test/mailLayout.test.ts has the hard cases).
    expect(await mail.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    await shot(mail, 'email-phone');
    await docImage(mail, 'email', { runtime: served.runtime });
    await mail.setViewportSize({ width: 760, height: 1000 });
    await shot(mail, 'email', { fullPage: false });
    await mail.close();
  });

  it('firing again in the same week sends nothing new: the week is finished, the run has nothing to do', async () => {
    const files = emls().length;
    const logRows = sendLog().length;
    expect(fire()).toBeNull();
    expect(emls()).toHaveLength(files);
    expect(sendLog()).toHaveLength(logRows);
  });

  it('send a test now: exactly one e-mail, to the current user, marked as a test', async () => {
    const before = rt().sentMail.length;
    const files = emls().length;
    await page.click('#schedule-test');
    await page.waitForFunction(
      () =>
        !!document.querySelector('#schedule-message .result, #schedule-message .error') &&
        !document.querySelector('#schedule-message .spinner'),
    );
    const total = [...expected.values()].reduce((a, b) => a + b, 0);
    expect(await page.textContent('#schedule-message')).toBe(`Test sent to ${USER}: ${total} customers.`);
    expect(rt().sentMail.length - before).toBe(1);
    expect(emls()).toHaveLength(files + 1);
    const test = readEml(path.join(served.outbox, emls().at(-1)!));
    expect(test.to).toBe(USER);
    expect(test.subject).toBe(`Test: Week 48: ${total} customers to contact`);
    expect(test.html).toContain('This is a test and went to you only.');
    expect(parseCsv(test.attachments[0].text.replace(/^\ufeff/, '')).slice(1)).toHaveLength(total);
    expect(await page.textContent('#schedule-last .last-when')).toMatch(/^Last test: /);
    // A test records nothing as sent, and finishes nothing: the week stays served, once.
    expect(fire()).toBeNull();
  });

  it('next week with a daily quota of 2: two sent in a stable order, the rest logged as not sent', async () => {
    rt().clock.advance(7 * DAY);
    rt().quota.remaining = 2;
    const files = emls().length;
    const logRows = sendLog().length;
    const run = fire();
    expect(run).toMatchObject({ period: '2026-11-30', sent: 2, skipped: 0, notSent: 3, error: null });
    expect(emls()).toHaveLength(files + 2);
    expect(rt().quota.remaining).toBe(0);
    const added = sendLog().slice(logRows);
    expect(added.map((r) => r[5])).toEqual([
      'sent',
      'sent',
      'not sent: daily e-mail quota used up',
      'not sent: daily e-mail quota used up',
      'not sent: daily e-mail quota used up',
    ]);
    const order = [...expected.keys()].sort();
    expect(added.map((r) => r[2])).toEqual(order);
    const sentNow = emls()
      .slice(files)
      .map((f) => readEml(path.join(served.outbox, f)));
    expect(sentNow.map((m) => m.to)).toEqual(order.slice(0, 2));
    expect(sentNow.every((m) => m.subject.startsWith('Week 49: '))).toBe(true);

    await page.reload();
    await page.waitForSelector('#schedule-on');
    expect(await page.textContent('#schedule-last .last-counts')).toMatch(/^Sent: 2 · already sent: 0 · not sent: 3 · customers: \d+$/);
    expect(await page.textContent('#schedule-quota')).toBe('E-mails left today: 0');
    await shot(page, 'e2e-schedule-2-quota');

    // The next day the quota is back: the three left get theirs, the two served do not.
    rt().quota.remaining = 100;
    expect(fire()).toMatchObject({ period: '2026-11-30', sent: 3, skipped: 2, notSent: 0 });
  });

  it('corrupt stored settings: the sidebar warns and shows the defaults, the trigger runs without crashing', async () => {
    rt().properties.document['repeatSales.settings'] = '{not json';
    await page.reload();
    await page.waitForSelector('#schedule-on');
    const warning = await page.textContent('#settings-warning');
    expect(warning).toBeTruthy();
    expect(await page.inputValue('#recency-active')).toBe('60');
    expect(await page.inputValue('#schedule-fallback')).toBe('');
    expect(
      await page.locator('#schedule-recipients input.recipient').evaluateAll((els) => els.map((e) => (e as HTMLInputElement).value)),
    ).toEqual(Array(5).fill(''));
    expect(await page.textContent('#schedule-status')).toBe('On: every day at 08:00, each campaign on its day');
    await shot(page, 'e2e-schedule-3-corrupt');

    rt().clock.advance(7 * DAY);
    const files = emls().length;
    const logRows = sendLog().length;
    const run = fire();
    expect(run).toMatchObject({ period: '2026-12-07', sent: 0, error: null });
    expect(run.notSent).toBeGreaterThan(0);
    // No manager's e-mail; the owner is told once that the settings were reset.
    expect(emls()).toHaveLength(files + 1);
    const notice = readEml(path.join(served.outbox, emls().at(-1)!));
    expect(notice.to).toBe(USER);
    expect(notice.subject).toMatch(/^Repeat sales: problems with the weekly e-mails of ".+"$/);
    expect(notice.text).toContain(warning!);
    const added = sendLog().slice(logRows);
    expect(added[0][5]).toBe(`warning: ${warning}`);
    expect(added.at(-1)![5]).toBe('not sent: no address');
    fire();
    expect(emls()).toHaveLength(files + 1);

    // Saving again from the sidebar repairs the stored settings.
    await page.fill('#schedule-fallback', FALLBACK);
    await page.click('#schedule-save');
    await page.waitForSelector('#schedule-message .result');
    expect(JSON.parse(rt().properties.document['repeatSales.settings'])).toBeTruthy();
    await page.reload();
    await page.waitForSelector('#schedule-on');
    expect(await page.locator('#settings-warning').count()).toBe(0);
    expect(await page.inputValue('#schedule-fallback')).toBe(FALLBACK);
  });

  it('an address Google refuses fails alone: the sidebar says so, and the next day sends it', async () => {
    rt().clock.advance(7 * DAY); // Monday of 2026-W51
    rt().rejectedAddresses.add(FALLBACK);
    const files = emls().length;
    expect(fire()).toMatchObject({ period: '2026-12-14', sent: 0, failed: 1 });
    expect(sendLog().at(-1)![5]).toBe(`failed: Invalid email: ${FALLBACK}`);
    await page.reload();
    await page.waitForSelector('#schedule-on');
    expect(await page.textContent('#schedule-last .last-failed')).toBe('Failed: 1 (tried again with the next daily run; see the Send log)');
    rt().rejectedAddresses.clear();
    rt().clock.advance(DAY);
    expect(fire()).toMatchObject({ period: '2026-12-15', sent: 1, failed: 0 });
    expect(readEml(path.join(served.outbox, emls().at(-1)!)).to).toBe(FALLBACK);
    expect(emls().length - files).toBe(2); // the owner's notice, then the e-mail
    expect(fire()).toBeNull(); // Tuesday again, nothing left
  });

  it('turn off removes the trigger', async () => {
    await page.click('#schedule-off');
    await page.waitForSelector('#schedule-status.status-off');
    expect(clockTriggers()).toEqual([]);
    expect(pageErrors).toEqual([]);
  });
});
