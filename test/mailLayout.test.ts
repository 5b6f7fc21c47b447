// The weekly e-mail on a phone (docs/definitions.md: weekly e-mails): rendered in
// Chromium at 375 px, the width of a small phone, in each language. Nothing may stick
// out sideways (no horizontal scrolling, no column off-screen) and no amount, count,
// date or phone may break over two lines.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { dayOfIso } from '../src/core/isoDates';
import type { Digest, DigestCustomer } from '../src/mail/digest';
import { isoWeek, renderDigest } from '../src/mail/render';
import { LANGS } from '../src/i18n/catalogue';
import { launchChromium, shot } from './support/browser';

const WIDTH = 375;

/** The hard cases: long names, long addresses, big amounts, phones of every shape, several managers. */
function hardDigest(): Digest {
  const day = dayOfIso('2026-11-13');
  const customers: DigestCustomer[] = [
    {
      name: 'Общество с ограниченной ответственностью «Ромашка-Трейдинг-Интернешнл-Холдинг»',
      manager: 'Ольга Александровна Константинопольская',
      purchases: 1234,
      lastPurchase: day,
      revenue: 123456789.4,
      email: 'very.long.name.of.the.purchasing.department@romashka-trading-international.example.com',
      phone: '+7 (912) 345-67-89',
    },
    {
      name: 'Supercalifragilisticexpialidocious-Wholesale-Distribution-Company-Limited',
      manager: '',
      purchases: 2,
      lastPurchase: day - 40,
      revenue: -9876543.2,
      email: 'anna@example.com',
      phone: '+380 44 123 4567',
    },
    {
      name: 'Vera',
      manager: 'Ivan',
      purchases: 7,
      lastPurchase: day - 3,
      revenue: 50,
      email: '',
      phone: '8 912 345 67 89 доб. 1234 (после 18:00 — мобильный 8 912 000 00 00)',
    },
  ];
  return {
    to: 'me@example.com',
    managers: ['', 'Ivan', 'Ольга Александровна Константинопольская'],
    sections: [
      { campaign: 'onboard', name: 'Новые активные', action: ACTION, channel: 'email', period: '2026-W48', customers },
      {
        campaign: 'c12',
        name: 'Реактивация постоянных из Санкт-Петербурга',
        action: ACTION,
        channel: 'call',
        period: '2026-11',
        customers: customers.slice(0, 2),
      },
    ],
    customers: 5,
  };
}

const ACTION = 'Позвоните и предложите персональную скидку на следующий заказ';

describe('the campaign e-mail fits a 375 px phone screen', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });

  const KINDS = {
    // A test: every manager's customers, with a manager line each.
    // 5 customers: an amount, a count and a date each, and 4 dialable phones.
    test: { digest: hardDigest(), test: true, unbreakable: 5 * 3 + 4 },
    // One manager's own list: greeted by a long name.
    manager: {
      digest: { ...hardDigest(), managers: ['Ольга Александровна Константинопольская-Щедрина'] },
      test: false,
      unbreakable: 5 * 3 + 4,
    },
    allClear: { digest: { ...hardDigest(), sections: [], customers: 0 }, test: false, unbreakable: 0 },
  } satisfies Record<string, { digest: Digest; test: boolean; unbreakable: number }>;
  const cases = LANGS.flatMap((lang) => (Object.keys(KINDS) as (keyof typeof KINDS)[]).map((kind) => [lang, kind] as const));

  it.each(cases)('%s, %s: no horizontal scrolling, nothing off-screen, no amount or phone broken', async (lang, kind) => {
    const { digest, test, unbreakable } = KINDS[kind];
    const mail = renderDigest(digest, {
      lang,
      locale: lang === 'en' ? 'en_US' : lang === 'ru' ? 'ru_RU' : 'uk_UA',
      week: isoWeek(dayOfIso('2026-11-23')),
      asOf: dayOfIso('2026-11-23'),
      spreadsheetName: 'Продажи 2026 — отдел оптовых продаж, Санкт-Петербург и Ленинградская область',
      spreadsheetUrl: 'https://docs.google.com/spreadsheets/d/1AbCdEfGhIjKlMnOpQrStUvWxYz0123456789abcdefgh/edit',
      currency: lang === 'uk' ? 'UAH' : lang === 'ru' ? 'RUB' : 'USD',
      test,
      // A worklist link under each section: a long address, as Sheets gives it.
      worklistUrl: (id) =>
        `https://docs.google.com/spreadsheets/d/1AbCdEfGhIjKlMnOpQrStUvWxYz0123456789abcdefgh/edit#gid=${id.length * 123456789}`,
    });
    const page = await browser.newPage({ viewport: { width: WIDTH, height: 800 } });
    try {
      await page.setContent(mail.html);
      const layout = await page.evaluate(() => {
        const doc = document.documentElement;
        const outside = Array.from(document.body.querySelectorAll('*'))
          .filter((e) => e.getBoundingClientRect().right > window.innerWidth + 0.5)
          .map((e) => `${e.tagName}.${e.className}: ${(e.textContent ?? '').slice(0, 40)}`);
        // A wrapped inline element has one box per line.
        const broken = Array.from(document.querySelectorAll('.money, .num, .date, a.phone'))
          .filter((e) => e.getClientRects().length !== 1)
          .map((e) => e.textContent);
        return {
          scrollWidth: doc.scrollWidth,
          outside,
          broken,
          unbreakable: document.querySelectorAll('.money, .num, .date, a.phone').length,
        };
      });
      await shot(page, `mail-375-${lang}-${kind}`);
      expect(layout.scrollWidth).toBeLessThanOrEqual(WIDTH);
      expect(layout.outside).toEqual([]);
      expect(layout.broken).toEqual([]);
      // Every amount, count, date and dialable phone was found (none for an all clear).
      expect(layout.unbreakable).toBe(unbreakable);
    } finally {
      await page.close();
    }
  });
});
