//  (docs/definitions.md: weekly e-mails): who gets which customers, and what the e-mail says.
import { describe, expect, it } from 'vitest';
import { calendarFor } from '../src/core/calendar';
import { dayOfIso } from '../src/core/isoDates';
import { lifecycleSegments, DEFAULT_BANDS } from '../src/core/lifecycle';
import { readOrders } from '../src/core/orders';
import { buildSummary } from '../src/core/summary';
import { localeRules } from '../src/core/values';
import { buildDigests, type CampaignList, combineDigests, type Digest, type DigestCustomer } from '../src/mail/digest';
import { segmentKey } from '../src/core/lifecycle';
import type { CustomerSummary } from '../src/core/summary';
import {
  attachmentDialect,
  csvDate,
  csvField,
  csvPhone,
  dateText,
  escapeHtml,
  isoWeek,
  moneyText,
  neutralise,
  renderDigest,
  telHref,
  type RenderContext,
  HTML_ROWS,
} from '../src/mail/render';
import { currencyOfFormat, currencyOfFormats } from '../src/mail/currency';
import { defaultSchedule, isEmail, scheduleErrors, normaliseSchedule } from '../src/addon/scheduleSettings';
import type { ScheduleSettings } from '../src/addon/api';
import { readScheduleForm, scheduleToForm } from '../sidebar/scheduleForm';

const calendar = calendarFor('Europe/London');
const asOf = dayOfIso('2026-11-23');

/** Orders as [customer, ISO date, amount, manager, email]. */
function summaryOf(rows: [string, string, number, string, string?][]) {
  const col = (i: number) => rows.map((r) => [r[i] ?? '']);
  const { orders } = readOrders(
    {
      customer: { values: col(0), column: 0, label: 'customer' },
      date: { values: col(1), column: 0, label: 'date' },
      amount: { values: col(2), column: 0, label: 'amount' },
      manager: { values: col(3), column: 0, label: 'manager' },
      email: { values: col(4), column: 0, label: 'email' },
    },
    { calendar, rules: localeRules('en_US'), firstRow: 2, asOf },
  );
  const summary = buildSummary(orders, { asOf });
  return { summary, segments: lifecycleSegments(summary, DEFAULT_BANDS) };
}

const LABELS: Record<string, string> = { new_active: 'New Active', prospective_sleeping: 'Prospective Sleeping', new_lapsed: 'New Lapsed' };
const ACTIONS: Record<string, string> = { new_active: 'Help them <start>' };
const DEFAULT_SEGMENTS = ['new_active', 'prospective_sleeping', 'regular_sleeping', 'regular_lapsed'];

/**
 * A campaign per segment (as the weekly e-mail of version 0.2 sent them), its list
 * by revenue: the lists the run hands the digest (the run's own selection is tested
 * in mailRun.test.ts and campaignMail.test.ts).
 */
function listsOf(summary: CustomerSummary, segments: Uint8Array, keys: readonly string[] = DEFAULT_SEGMENTS): CampaignList[] {
  return keys.map((key) => {
    const customers: DigestCustomer[] = [];
    for (let i = 0; i < summary.size; i++) {
      if (segmentKey(segments[i]) !== key) continue;
      customers.push({
        name: summary.name[i],
        manager: summary.manager[i],
        purchases: summary.purchases[i],
        lastPurchase: summary.lastPurchase[i],
        revenue: summary.revenue[i],
        email: summary.email[i],
        phone: summary.phone[i],
      });
    }
    customers.sort((a, b) => b.revenue - a.revenue);
    return {
      campaign: key,
      name: LABELS[key] ?? key,
      action: ACTIONS[key] ?? 'Write to them',
      channel: 'email',
      period: '2026-W48',
      customers,
    };
  });
}

// New Active: one purchase 10 days ago. Prospective Sleeping: two purchases, last 100 days ago.
const rows: [string, string, number, string, string?][] = [
  ['Anna', '2026-11-13', 500, 'Olga', 'anna@example.com'],
  ['<b>Boris</b> & Co', '2026-05-01', 100, 'Olga'],
  ['<b>Boris</b> & Co', '2026-08-15', 900, 'Olga'],
  ['=HYPERLINK("http://evil")', '2026-11-01', 50, 'Ivan'],
  ['Vera', '2026-11-20', 70, ''],
  ['Gleb', '2020-01-01', 10, 'Olga'], // New Lapsed: not in the default segments
];

const schedule = (over: Partial<ScheduleSettings> = {}): ScheduleSettings => ({
  ...defaultSchedule(),
  recipients: { Olga: 'olga@example.com', Ivan: 'ivan@example.com', Petr: 'petr@example.com' },
  fallbackEmail: 'boss@example.com',
  ...over,
});

describe('the weekly lists: each manager gets their own customers in the chosen segments', () => {
  it('groups customers by their manager address, customers without a manager to the fallback', () => {
    const { summary, segments } = summaryOf(rows);
    const digests = buildDigests(listsOf(summary, segments), schedule());
    const by: Record<string, Digest> = Object.fromEntries(digests.map((d) => [String(d.to), d]));
    expect(digests.map((d) => d.to)).toEqual(['boss@example.com', 'ivan@example.com', 'olga@example.com', 'petr@example.com']);
    expect(by['olga@example.com'].sections.map((s) => [s.campaign, s.customers.map((c) => c.name)])).toEqual([
      ['new_active', ['Anna']],
      ['prospective_sleeping', ['<b>Boris</b> & Co']],
    ]);
    expect(by['olga@example.com'].customers).toBe(2);
    expect(by['boss@example.com'].sections[0].customers[0].name).toBe('Vera');
    expect(by['petr@example.com'].customers).toBe(0); // nothing to do: an all-clear candidate
  });

  it('matches manager names ignoring case and spacing; without any address the list has no recipient', () => {
    const { summary, segments } = summaryOf(rows);
    const digests = buildDigests(listsOf(summary, segments), schedule({ recipients: { ' olga ': 'o@example.com' }, fallbackEmail: '' }));
    expect(digests.find((d) => d.to === 'o@example.com')!.customers).toBe(2);
    const orphan = digests.find((d) => d.to === null)!;
    expect(orphan.managers).toEqual(['', 'Ivan']);
    expect(orphan.customers).toBe(2);
  });

  it('only the campaigns due', () => {
    const { summary, segments } = summaryOf(rows);
    const digests = buildDigests(listsOf(summary, segments, ['new_lapsed']), schedule());
    expect(digests.find((d) => d.to === 'olga@example.com')!.sections[0].customers.map((c) => c.name)).toEqual(['Gleb']);
  });

  it('a test combines every list for the current user', () => {
    const { summary, segments } = summaryOf(rows);
    const lists = listsOf(summary, segments);
    const all = combineDigests(buildDigests(lists, schedule()), 'me@example.com', lists);
    expect(all.to).toBe('me@example.com');
    expect(all.customers).toBe(4);
  });
});

describe('manager names are data, never keys of a plain object', () => {
  const names = ['constructor', 'toString', '__proto__', 'hasOwnProperty', 'valueOf'];
  // New Active: one purchase 10 days ago, one customer per manager.
  const own = names.map((m, i): [string, string, number, string] => [`Customer ${i}`, '2026-11-13', 100 + i, m]);

  it('managers named like Object.prototype members without an address go to the fallback', () => {
    const { summary, segments } = summaryOf(own);
    const digests = buildDigests(listsOf(summary, segments), schedule({ recipients: { Olga: 'olga@example.com' } }));
    expect(digests.map((d) => [d.to, d.customers])).toEqual([
      ['boss@example.com', names.length],
      ['olga@example.com', 0],
    ]);
    expect(digests[0].managers).toEqual([...names].sort());
  });

  it('with an address each gets their own customers', () => {
    const { summary, segments } = summaryOf(own);
    const recipients = Object.create(null) as Record<string, string>;
    for (const m of names) recipients[m] = `${m.replace(/_/g, '')}@example.com`;
    const digests = buildDigests(listsOf(summary, segments), schedule({ recipients, fallbackEmail: '' }));
    expect(digests.map((d) => [d.to, d.managers, d.customers])).toEqual(
      [...names].sort((a, b) => (recipients[a] < recipients[b] ? -1 : 1)).map((m) => [recipients[m], [m], 1]),
    );
  });
});

describe('the sidebar’s schedule form treats manager names as data', () => {
  it('a manager called constructor or toString without an address shows an empty field, not a function', () => {
    const form = scheduleToForm({ ...defaultSchedule(), recipients: { Olga: 'olga@example.com' } }, ['constructor', 'toString', 'Olga']);
    expect(form.recipients).toEqual([
      { manager: 'constructor', email: '' },
      { manager: 'toString', email: '' },
      { manager: 'Olga', email: 'olga@example.com' },
    ]);
    expect(readScheduleForm(form).problems).toEqual({});
  });

  it('a manager called __proto__ keeps the address typed for them through JSON', () => {
    const form = scheduleToForm(defaultSchedule(), ['__proto__', 'Ivan']);
    form.recipients[0].email = 'p@example.com';
    const { schedule: sent, problems } = readScheduleForm(form);
    expect(problems).toEqual({});
    const wire = JSON.parse(JSON.stringify(sent)) as ScheduleSettings;
    expect(Object.entries(wire.recipients)).toEqual([['__proto__', 'p@example.com']]);
    expect(scheduleToForm(wire, ['__proto__']).recipients).toEqual([{ manager: '__proto__', email: 'p@example.com' }]);
  });
});

describe('the e-mail', () => {
  const ctx = (over: Partial<RenderContext> = {}): RenderContext => ({
    lang: 'en',
    locale: 'en_US',
    week: isoWeek(asOf),
    asOf,
    spreadsheetName: 'Sales <2026>',
    spreadsheetUrl: 'https://docs.google.com/spreadsheets/d/abc/edit',
    currency: null,
    test: false,
    worklistUrl: () => null,
    ...over,
  });
  const olga = () => {
    const { summary, segments } = summaryOf(rows);
    return buildDigests(listsOf(summary, segments), schedule()).find((d) => d.to === 'olga@example.com')!;
  };

  it('says the week and the count in the subject, in the user language with plural forms', () => {
    expect(renderDigest(olga(), ctx()).subject).toBe('Week 48: 2 customers to contact');
    expect(renderDigest(olga(), ctx({ lang: 'ru' })).subject).toBe('Неделя 48: 2 клиента для связи');
    expect(renderDigest(olga(), ctx({ lang: 'uk', test: true })).subject).toBe('Тест: Тиждень 48: 2 клієнти для зв’язку');
  });

  it('escapes every name and text from the data in the HTML', () => {
    const mail = renderDigest(olga(), ctx());
    expect(mail.html).toContain('&lt;b&gt;Boris&lt;/b&gt; &amp; Co');
    expect(mail.html).not.toContain('<b>Boris');
    expect(mail.html).toContain('Help them &lt;start&gt;');
    expect(mail.html).toContain('Sales &lt;2026&gt;');
    expect(mail.html).toContain('name="viewport"');
    expect(mail.html).toContain('Hello Olga,');
  });

  it('has the action and channel per campaign and each customer in the plain text', () => {
    const { text } = renderDigest(olga(), ctx());
    expect(text).toContain('New Active: 1 customer\nAction (e-mail): Help them <start>\n- Anna · 1 · 11/13/2026 · 500 · anna@example.com');
    expect(text).toContain('Prospective Sleeping: 1 customer');
  });

  it('attaches the lists as CSV with formula-like names kept as text', () => {
    const { summary, segments } = summaryOf(rows);
    const ivan = buildDigests(listsOf(summary, segments), schedule()).find((d) => d.to === 'ivan@example.com')!;
    const mail = renderDigest(ivan, ctx());
    const lines = mail.csv
      .replace(/^\ufeff/, '')
      .trim()
      .split('\r\n');
    expect(lines[0]).toBe('Campaign,Customer,Manager,Purchases,Last purchase,Revenue,E-mail,Phone');
    expect(lines[1]).toBe(`New Active,"'=HYPERLINK(""http://evil"")",Ivan,1,11/1/2026,50,,`); // an en_US spreadsheet: m/d/yyyy
    expect(mail.attachmentName).toBe('customers-2026-W48.csv');
    expect(csvField('-1=1')).toBe("'-1=1");
    expect(csvField(-1)).toBe('-1');
  });

  it('shows at most a phone screen of rows per segment and points to the attachment for the rest', () => {
    const many = Array.from({ length: HTML_ROWS + 3 }, (_, i): [string, string, number, string] => [`C${i}`, '2026-11-10', i + 1, 'Olga']);
    const { summary, segments } = summaryOf(many);
    const mail = renderDigest(
      buildDigests(listsOf(summary, segments), schedule()).find((d) => d.to === 'olga@example.com')!,
      ctx(),
    );
    expect(mail.html).toContain('…and 3 more in the attached file.');
    expect(mail.csv.trim().split('\r\n')).toHaveLength(HTML_ROWS + 4);
  });

  it('says all clear when there is nothing to do', () => {
    const { summary, segments } = summaryOf(rows);
    const petr = buildDigests(listsOf(summary, segments), schedule()).find((d) => d.to === 'petr@example.com')!;
    const mail = renderDigest(petr, ctx());
    expect(mail.subject).toBe('Week 48: all clear');
    expect(mail.text).toContain('All clear.');
  });

  it('escapes HTML special characters', () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
  });
});

/** A digest of the given customers in one segment, for what the e-mail shows. */
function digestOf(customers: Partial<DigestCustomer>[], managers = ['Olga']): Digest {
  const list = customers.map((c, i) => ({
    name: `Customer ${i}`,
    manager: 'Olga',
    purchases: 3,
    lastPurchase: dayOfIso('2026-11-13'),
    revenue: 12345.6,
    email: '',
    phone: '',
    ...c,
  }));
  const section = {
    campaign: 'onboard',
    name: 'New Active',
    action: 'Call them',
    channel: 'call' as const,
    period: '2026-W48',
    customers: list,
  };
  return { to: 'olga@example.com', managers, sections: [section], customers: list.length };
}

const mailCtx = (over: Partial<RenderContext> = {}): RenderContext => ({
  lang: 'en',
  locale: 'en_US',
  week: isoWeek(asOf),
  asOf,
  spreadsheetName: 'Sales',
  spreadsheetUrl: 'https://docs.google.com/spreadsheets/d/abc/edit',
  currency: 'RUB',
  test: false,
  worklistUrl: () => null,
  ...over,
});

/** The CSV's lines without the byte-order mark. */
const csvLines = (csv: string): string[] =>
  csv
    .replace(/^\ufeff/, '')
    .replace(/\r\n$/, '')
    .split('\r\n');

describe('money in the e-mail is right-aligned, with the currency the amount column shows', () => {
  it.each([
    ['[$₽-419]#,##0.00', 'RUB'],
    ['#,##0.00\\ [$₽-419]', 'RUB'],
    ['"$"#,##0.00', 'USD'],
    ['[$$-409]#,##0.00', 'USD'],
    ['#,##0.00 [$€-407]', 'EUR'],
    ['#,##0.00 "USD"', 'USD'],
    ['[$UAH] #,##0', 'UAH'],
    ['#,##0.00"грн."', 'UAH'],
    ['#,##0.00"р."', 'RUB'],
    ['£#,##0.00;[Red]-£#,##0.00', 'GBP'],
  ])('the format %s shows %s', (format, code) => {
    expect(currencyOfFormat(format)).toBe(code);
  });

  it.each(['General', '', '#,##0.00', '0.00%', 'dd MMM yyyy', '[$-419]dd.mm.yyyy', '[Red]#,##0;[Blue]-#,##0'])(
    'the format "%s" shows no currency',
    (format) => {
      expect(currencyOfFormat(format)).toBeNull();
    },
  );

  it('a column has the currency its formats agree on; none when they disagree', () => {
    expect(currencyOfFormats(['General', '[$₽-419]#,##0.00', '#,##0', '[$₽-419]#,##0.00'])).toBe('RUB');
    expect(currencyOfFormats(['[$₽-419]#,##0.00', '"$"#,##0.00'])).toBeNull();
    expect(currencyOfFormats(['General', '#,##0.00'])).toBeNull();
    expect(currencyOfFormats([])).toBeNull();
  });

  it('writes whole money in the spreadsheet locale’s format with the currency sign, spaces that never break', () => {
    const money = (amount: number, locale: string, currency: string | null): string => moneyText(amount, { locale, currency });
    expect(money(12345.6, 'en_US', 'USD')).toBe('$12,346');
    expect(money(-12345.6, 'en_US', 'RUB')).toBe('-₽12,346');
    expect(money(12345.6, 'ru_RU', 'RUB')).toBe('12\u00a0346\u00a0₽');
    expect(money(12345.6, 'uk_UA', 'UAH')).toBe('12\u00a0346\u00a0₴');
    expect(money(12345.6, 'de_DE', 'EUR')).toBe('12.346\u00a0€');
    expect(money(12345.6, 'ru_RU', null)).toBe('12\u00a0346');
    expect(money(12345.6, 'en_US', 'rub')).toBe('12,346'); // not an ISO code: no sign rather than an error
    expect(money(-0.4, 'en_US', 'USD')).toBe('$0'); // not "-$0"
  });

  it('shows each customer’s money in a right-aligned cell with its currency', () => {
    const { html, text } = renderDigest(digestOf([{ revenue: 500 }]), mailCtx({ lang: 'ru', locale: 'ru_RU' }));
    expect(html).toMatch(/<td style="[^"]*text-align:right[^"]*"><span class="money" style="white-space:nowrap">500\u00a0₽<\/span><\/td>/);
    expect(text).toContain('500\u00a0₽');
  });

  it('Russian words on an en_US spreadsheet: the money as that spreadsheet writes it', () => {
    const { text } = renderDigest(digestOf([{ revenue: 12345.6 }]), mailCtx({ lang: 'ru', locale: 'en_US' }));
    expect(text).toContain('- Customer 0 · 3 · 11/13/2026 · ₽12,346');
    expect(text).toContain('Действие (звонок): Call them');
  });
});

describe('numbers, dates and phones in the e-mail never wrap', () => {
  const { html } = renderDigest(
    digestOf([{ phone: '+7 912 345-67-89', email: 'anna@example.com', purchases: 12 }], ['Olga', 'Ivan']),
    mailCtx({ lang: 'ru', locale: 'ru_RU' }),
  );

  it('each count, date and amount is a span that does not wrap', () => {
    expect(html).toContain('<span class="num" style="white-space:nowrap">12</span>');
    expect(html).toContain('<span class="date" style="white-space:nowrap">13.11.2026</span>');
    expect(html).toContain('<span class="money" style="white-space:nowrap">12\u00a0346\u00a0₽</span>');
  });

  it('a phone is one unbroken link to call it', () => {
    expect(html).toContain('<a class="phone" href="tel:+79123456789" style="white-space:nowrap;color:#1a73e8">+7 912 345-67-89</a>');
    expect(telHref('8 (912) 345-67-89')).toBe('tel:89123456789');
    expect(telHref('call me')).toBeNull();
    expect(telHref('javascript:alert(1)')).toBeNull();
  });

  it('an e-mail address may break anywhere (a long one must not push the screen wider)', () => {
    expect(html).toMatch(/<a class="email" href="mailto:anna@example.com" style="[^"]*word-break:break-all/);
  });

  it('lays out no wide table: each customer is a block of its own', () => {
    expect(html).not.toContain('overflow-x:auto');
    expect(html).not.toContain('<th');
  });
});

describe('dates in the e-mail are written the spreadsheet locale’s way, whatever the language (docs/definitions.md: the locale rule)', () => {
  it.each([
    ['en', 'en_US', '11/13/2026'],
    ['en', 'en_GB', '13/11/2026'],
    ['ru', 'ru_RU', '13.11.2026'],
    ['uk', 'uk_UA', '13.11.2026'],
    ['ru', 'en_US', '11/13/2026'],
    ['en', 'de_DE', '13.11.2026'],
  ] as const)('%s words, %s spreadsheet: %s', (lang, locale, date) => {
    expect(dateText(dayOfIso('2026-11-13'), { locale })).toBe(date);
    const { html, text } = renderDigest(digestOf([{}]), mailCtx({ lang, locale }));
    expect(html).toContain(`<span class="date" style="white-space:nowrap">${date}</span>`);
    expect(text).toContain(date);
    expect(html + text).not.toContain('2026-11-13');
  });

  it('the intro’s “as of” date too', () => {
    expect(renderDigest(digestOf([{}]), mailCtx()).text).toContain('(as of 11/23/2026)');
  });
});

describe('every e-mail links back to the spreadsheet', () => {
  it('a link to the spreadsheet, in the HTML and the text, its address and name escaped', () => {
    const url = 'https://docs.google.com/spreadsheets/d/abc/edit?usp=sharing&x=1';
    const { html, text } = renderDigest(digestOf([{}]), mailCtx({ spreadsheetUrl: url, spreadsheetName: 'Sales <2026> & "Co"' }));
    expect(html).toContain(
      '<a href="https://docs.google.com/spreadsheets/d/abc/edit?usp=sharing&amp;x=1" style="color:#1a73e8;font-weight:bold;overflow-wrap:anywhere;word-break:break-word">Open the spreadsheet “Sales &lt;2026&gt; &amp; &quot;Co&quot;”</a>',
    );
    expect(text).toContain(`Open the spreadsheet “Sales <2026> & "Co"”: ${url}`);
  });

  it('the all-clear e-mail has it too, in every language', () => {
    const empty: Digest = { to: 'a@example.com', managers: ['Olga'], sections: [], customers: 0 };
    expect(renderDigest(empty, mailCtx()).html).toContain('>Open the spreadsheet “Sales”</a>');
    expect(renderDigest(empty, mailCtx({ lang: 'ru' })).html).toContain('>Открыть таблицу «Sales»</a>');
    expect(renderDigest(empty, mailCtx({ lang: 'uk' })).html).toContain('>Відкрити таблицю «Sales»</a>');
  });

  it('links only to a web address', () => {
    for (const bad of ['javascript:alert(1)', 'http://docs.google.com/x', 'https://x/"onmouseover="alert(1)', ''])
      expect(renderDigest(digestOf([{}]), mailCtx({ spreadsheetUrl: bad })).html).not.toContain('Open the spreadsheet');
  });

  it('each campaign’s worklist, once there is one, is linked under its section', () => {
    const url = 'https://docs.google.com/spreadsheets/d/abc/edit#gid=7';
    const asked: string[] = [];
    const worklistUrl = (id: string): string | null => (asked.push(id), id === 'onboard' ? url : null);
    const { html, text } = renderDigest(digestOf([{}]), mailCtx({ worklistUrl }));
    expect(asked).toEqual(['onboard']);
    expect(html).toContain(`<p class="worklist" style="margin:8px 0 0"><a href="${url}"`);
    expect(html).toContain('>Open the worklist: New Active</a>');
    expect(text).toContain(`Action (call): Call them\n- Customer 0 · 3 · 11/13/2026 · ₽12,346\nOpen the worklist: New Active: ${url}`);
    expect(renderDigest(digestOf([{}]), mailCtx({ worklistUrl: () => null })).text).not.toContain('worklist');
    // Only a web address is a link.
    expect(renderDigest(digestOf([{}]), mailCtx({ worklistUrl: () => 'javascript:alert(1)' })).html).not.toContain('worklist');
  });
});

// Numbers in the e-mail's sentences (subject, section titles, "and N more") are written
// as the spreadsheet's cells write them, in the e-mail's words (docs/definitions.md §19).
describe('numbers in the e-mail’s sentences follow the spreadsheet’s locale', () => {
  const many = (): Digest => digestOf(Array.from({ length: 1_250 }, () => ({})));

  it('ru_RU: 1 250 with a no-break space, in the subject, the section title and the rest in the file', () => {
    const mail = renderDigest(many(), mailCtx({ lang: 'ru', locale: 'ru_RU' }));
    expect(mail.subject).toBe('Неделя 48: 1\u00a0250 клиентов для связи');
    expect(mail.text).toContain('New Active: 1\u00a0250');
    expect(mail.html).toContain('…и ещё 1\u00a0200 — в приложенном файле.');
  });

  it('en_US, Russian words: 1,250 as the en_US sheets show it', () => {
    const mail = renderDigest(many(), mailCtx({ lang: 'ru', locale: 'en_US' }));
    expect(mail.subject).toBe('Неделя 48: 1,250 клиентов для связи');
    expect(mail.html).toContain('…и ещё 1,200 — в приложенном файле.');
  });

  it('en_US: 1,250; the week number is a name, never grouped', () => {
    const mail = renderDigest(many(), mailCtx());
    expect(mail.subject).toBe('Week 48: 1,250 customers to contact');
    expect(mail.html).toContain('…and 1,200 more in the attached file.');
  });
});

// The attachment follows the spreadsheet's locale, like the campaign export and the
// sheets (one rule: docs/definitions.md §19 and §21); the words follow the language.
describe('the CSV attachment follows the spreadsheet locale’s conventions', () => {
  it('en_US: commas between fields, a dot in decimals, dates as the en_US sheets show them', () => {
    const lines = csvLines(renderDigest(digestOf([{ name: 'A; B', revenue: 50.5 }]), mailCtx()).csv);
    expect(lines[0]).toBe('Campaign,Customer,Manager,Purchases,Last purchase,Revenue,E-mail,Phone');
    expect(lines[1]).toBe('New Active,"A; B",Olga,3,11/13/2026,50.5,,');
  });

  it.each([
    ['ru', 'Кампания;Клиент;Менеджер;Покупок;Последняя покупка;Выручка;Эл. почта;Телефон'],
    ['uk', null],
  ] as const)('%s words in a ru_RU spreadsheet: semicolons between fields, a comma in decimals, dd.mm.yyyy dates', (lang, header) => {
    const lines = csvLines(
      renderDigest(digestOf([{ name: 'ООО "Ромашка", Москва', revenue: 1234.5 }]), mailCtx({ lang, locale: 'ru_RU' })).csv,
    );
    if (header) expect(lines[0]).toBe(header);
    expect(lines[0].split(';')).toHaveLength(8);
    expect(lines[1]).toBe('New Active;"ООО ""Ромашка"", Москва";Olga;3;13.11.2026;1234,5;;');
  });

  it('Russian words in an en_US spreadsheet: the locale’s commas, dot and m/d/yyyy, not the language’s', () => {
    const lines = csvLines(renderDigest(digestOf([{ name: 'ООО Вектор', revenue: 1234.5 }]), mailCtx({ lang: 'ru' })).csv);
    expect(lines[0]).toBe('Кампания,Клиент,Менеджер,Покупок,Последняя покупка,Выручка,Эл. почта,Телефон');
    expect(lines[1]).toBe('New Active,ООО Вектор,Olga,3,11/13/2026,1234.5,,');
  });

  it('English words in a ru_RU spreadsheet: semicolons, a decimal comma and dd.mm.yyyy', () => {
    const lines = csvLines(renderDigest(digestOf([{ revenue: 1234.5 }]), mailCtx({ locale: 'ru_RU' })).csv);
    expect(lines[0]).toBe('Campaign;Customer;Manager;Purchases;Last purchase;Revenue;E-mail;Phone');
    expect(lines[1]).toBe('New Active;Customer 0;Olga;3;13.11.2026;1234,5;;');
  });

  it('the dialect and the dates per locale; the attachment always starts with the byte-order mark', () => {
    expect(attachmentDialect('en_US')).toEqual({ separator: ',', decimal: '.', bom: true });
    expect(attachmentDialect('ru_RU')).toEqual({ separator: ';', decimal: ',', bom: true });
    expect(attachmentDialect('uk_UA')).toEqual({ separator: ';', decimal: ',', bom: true });
    expect(attachmentDialect('de_DE')).toEqual({ separator: ';', decimal: ',', bom: true });
    expect(csvDate(dayOfIso('2026-01-05'), 'en_US')).toBe('1/5/2026');
    expect(csvDate(dayOfIso('2026-01-05'), 'en_GB')).toBe('05/01/2026');
    expect(csvDate(dayOfIso('2026-01-05'), 'uk_UA')).toBe('05.01.2026');
    expect(csvField(-0.5, attachmentDialect('ru_RU'))).toBe('-0,5');
    expect(renderDigest(digestOf([{}]), mailCtx()).csv.startsWith('\ufeff')).toBe(true);
  });
});

describe('CSV: formula-like text is kept as text, ordinary phone numbers show no mark', () => {
  it.each(['=HYPERLINK("http://evil")', "+cmd|' /C calc'!A0", '-2+3', '@SUM(A1:A9)', '\t=1+1', '\r=1+1', '\n=1+1'])(
    '%j gets the visible apostrophe (OWASP)',
    (text) => {
      expect(neutralise(text)).toBe(`'${text}`);
    },
  );

  it.each(['+7 912 345-67-89', '+7 (912) 345-67-89', '+380 44 123 4567', '-5'])(
    '%j gets only an invisible zero width space, so it is text and shows as typed',
    (phone) => {
      const field = csvPhone(phone);
      expect(field).toBe(`\u200b${phone}`);
      expect(field.replace(/\u200b/g, '')).toBe(phone);
      expect(field.startsWith("'")).toBe(false);
    },
  );

  it('digits alone get the invisible mark too (a spreadsheet would make 89123456789 a number); spaced phones need none', () => {
    expect(csvPhone('89123456789')).toBe('\u200b89123456789');
    expect(csvPhone('8 912 345 67 89')).toBe('8 912 345 67 89');
    expect(csvPhone('=1+1')).toBe("'=1+1");
  });

  it('in the attachment a phone +7 … has no apostrophe before it, a formula name has one', () => {
    const { csv } = renderDigest(
      digestOf([{ name: '=1+1', phone: '+7 912 345-67-89', revenue: 10 }]),
      mailCtx({ lang: 'ru', locale: 'ru_RU' }),
    );
    expect(csvLines(csv)[1]).toBe("New Active;'=1+1;Olga;3;13.11.2026;10;;\u200b+7 912 345-67-89");
  });
});

describe('ISO weeks', () => {
  it.each([
    ['2026-11-23', '2026-W48'],
    ['2026-01-01', '2026-W01'],
    ['2027-01-01', '2026-W53'],
    ['2024-12-30', '2025-W01'],
    ['2021-01-03', '2020-W53'],
  ])('%s is in %s', (iso, week) => {
    expect(isoWeek(dayOfIso(iso))).toBe(week);
  });
});

describe('schedule settings are checked before saving', () => {
  it('accepts addresses and rejects what is not one, naming the manager and the value', () => {
    expect(isEmail('olga.p+sales@example.co.uk')).toBe(true);
    for (const bad of ['olga', 'olga@', '@example.com', 'a b@example.com', 'olga@example', 'o..p@example.com'])
      expect(isEmail(bad)).toBe(false);
    const errors = scheduleErrors(schedule({ recipients: { Ольга: 'olga(at)example.com', Ivan: '' }, fallbackEmail: 'boss@' }), 'en');
    expect(errors).toEqual({
      'recipients.Ольга': 'Address of Ольга: "olga(at)example.com" is not an e-mail address',
      fallbackEmail: 'Fallback address: "boss@" is not an e-mail address',
    });
  });

  it('rejects a wrong hour and a "keep reports current" that is not on or off', () => {
    const errors = scheduleErrors({ ...defaultSchedule(), hour: 24, keepReportsCurrent: 'yes' }, 'ru');
    expect(Object.keys(errors).sort()).toEqual(['hour', 'keepReportsCurrent']);
    expect(errors.hour).toBe('Час: целый час от 0 до 23');
    expect(errors.keepReportsCurrent).toBe('Обновлять отчёты: неверное расписание');
  });

  it('drops blank addresses; "keep reports current" is off unless set', () => {
    const s = normaliseSchedule(schedule({ recipients: { A: ' a@example.com ', B: ' ' } }));
    expect(s.recipients).toEqual({ A: 'a@example.com' });
    expect(s.keepReportsCurrent).toBe(false);
  });
});
