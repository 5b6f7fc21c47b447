//  (docs/definitions.md: weekly e-mails): who gets which customers, and what the e-mail says.
import { describe, expect, it } from 'vitest';
import { calendarFor } from '../src/core/calendar';
import { dayOfIso } from '../src/core/isoDates';
import { lifecycleSegments, DEFAULT_BANDS } from '../src/core/lifecycle';
import { readOrders } from '../src/core/orders';
import { buildSummary } from '../src/core/summary';
import { localeRules } from '../src/core/values';
import { buildDigests, combineDigests, type Digest } from '../src/mail/digest';
import { csvField, escapeHtml, isoWeek, renderDigest, type RenderContext, HTML_ROWS } from '../src/mail/render';
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
    const digests = buildDigests(summary, segments, schedule());
    const by: Record<string, Digest> = Object.fromEntries(digests.map((d) => [String(d.to), d]));
    expect(digests.map((d) => d.to)).toEqual(['boss@example.com', 'ivan@example.com', 'olga@example.com', 'petr@example.com']);
    expect(by['olga@example.com'].sections.map((s) => [s.segment, s.customers.map((c) => c.name)])).toEqual([
      ['new_active', ['Anna']],
      ['prospective_sleeping', ['<b>Boris</b> & Co']],
    ]);
    expect(by['olga@example.com'].customers).toBe(2);
    expect(by['boss@example.com'].sections[0].customers[0].name).toBe('Vera');
    expect(by['petr@example.com'].customers).toBe(0); // nothing to do: an all-clear candidate
  });

  it('matches manager names ignoring case and spacing; without any address the list has no recipient', () => {
    const { summary, segments } = summaryOf(rows);
    const digests = buildDigests(summary, segments, schedule({ recipients: { ' olga ': 'o@example.com' }, fallbackEmail: '' }));
    expect(digests.find((d) => d.to === 'o@example.com')!.customers).toBe(2);
    const orphan = digests.find((d) => d.to === null)!;
    expect(orphan.managers).toEqual(['', 'Ivan']);
    expect(orphan.customers).toBe(2);
  });

  it('only the chosen segments', () => {
    const { summary, segments } = summaryOf(rows);
    const digests = buildDigests(summary, segments, schedule({ segments: ['new_lapsed'] }));
    expect(digests.find((d) => d.to === 'olga@example.com')!.sections[0].customers.map((c) => c.name)).toEqual(['Gleb']);
  });

  it('a test combines every list for the current user', () => {
    const { summary, segments } = summaryOf(rows);
    const all = combineDigests(buildDigests(summary, segments, schedule()), 'me@example.com', defaultSchedule().segments);
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
    const digests = buildDigests(summary, segments, schedule({ recipients: { Olga: 'olga@example.com' } }));
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
    const digests = buildDigests(summary, segments, schedule({ recipients, fallbackEmail: '' }));
    expect(digests.map((d) => [d.to, d.managers, d.customers])).toEqual(
      [...names].sort((a, b) => (recipients[a] < recipients[b] ? -1 : 1)).map((m) => [recipients[m], [m], 1]),
    );
  });
});

describe('the sidebar’s schedule form treats manager names as data', () => {
  const ORDER = defaultSchedule().segments;
  it('a manager called constructor or toString without an address shows an empty field, not a function', () => {
    const form = scheduleToForm({ ...defaultSchedule(), recipients: { Olga: 'olga@example.com' } }, ['constructor', 'toString', 'Olga']);
    expect(form.recipients).toEqual([
      { manager: 'constructor', email: '' },
      { manager: 'toString', email: '' },
      { manager: 'Olga', email: 'olga@example.com' },
    ]);
    expect(readScheduleForm(form, ORDER).problems).toEqual({});
  });

  it('a manager called __proto__ keeps the address typed for them through JSON', () => {
    const form = scheduleToForm(defaultSchedule(), ['__proto__', 'Ivan']);
    form.recipients[0].email = 'p@example.com';
    const { schedule: sent, problems } = readScheduleForm(form, ORDER);
    expect(problems).toEqual({});
    const wire = JSON.parse(JSON.stringify(sent)) as ScheduleSettings;
    expect(Object.entries(wire.recipients)).toEqual([['__proto__', 'p@example.com']]);
    expect(scheduleToForm(wire, ['__proto__']).recipients).toEqual([{ manager: '__proto__', email: 'p@example.com' }]);
  });
});

describe('the e-mail', () => {
  const ctx = (over: Partial<RenderContext> = {}): RenderContext => ({
    lang: 'en',
    week: isoWeek(asOf),
    asOf,
    spreadsheetName: 'Sales <2026>',
    test: false,
    segmentLabel: (k) => ({ new_active: 'New Active', prospective_sleeping: 'Prospective Sleeping' })[k] ?? k,
    action: (k) => (k === 'new_active' ? 'Help them <start>' : 'Write to them'),
    ...over,
  });
  const olga = () => {
    const { summary, segments } = summaryOf(rows);
    return buildDigests(summary, segments, schedule()).find((d) => d.to === 'olga@example.com')!;
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

  it('has the action per segment and each customer in the plain text', () => {
    const { text } = renderDigest(olga(), ctx());
    expect(text).toContain('New Active: 1 customer\nWhat to do: Help them <start>\n- Anna · 1 · 2026-11-13 · 500 · anna@example.com');
    expect(text).toContain('Prospective Sleeping: 1 customer');
  });

  it('attaches the lists as CSV with formula-like names kept as text', () => {
    const { summary, segments } = summaryOf(rows);
    const ivan = buildDigests(summary, segments, schedule()).find((d) => d.to === 'ivan@example.com')!;
    const mail = renderDigest(ivan, ctx());
    const lines = mail.csv
      .replace(/^\ufeff/, '')
      .trim()
      .split('\r\n');
    expect(lines[0]).toBe('Segment,Customer,Manager,Purchases,Last purchase,Revenue,E-mail,Phone');
    expect(lines[1]).toBe(`New Active,"'=HYPERLINK(""http://evil"")",Ivan,1,2026-11-01,50,,`);
    expect(mail.attachmentName).toBe('customers-2026-W48.csv');
    expect(csvField('-1')).toBe("'-1");
    expect(csvField(-1)).toBe('-1');
  });

  it('shows at most a phone screen of rows per segment and points to the attachment for the rest', () => {
    const many = Array.from({ length: HTML_ROWS + 3 }, (_, i): [string, string, number, string] => [`C${i}`, '2026-11-10', i + 1, 'Olga']);
    const { summary, segments } = summaryOf(many);
    const mail = renderDigest(
      buildDigests(summary, segments, schedule()).find((d) => d.to === 'olga@example.com')!,
      ctx(),
    );
    expect(mail.html).toContain('…and 3 more in the attached file.');
    expect(mail.csv.trim().split('\r\n')).toHaveLength(HTML_ROWS + 4);
  });

  it('says all clear when there is nothing to do', () => {
    const { summary, segments } = summaryOf(rows);
    const petr = buildDigests(summary, segments, schedule()).find((d) => d.to === 'petr@example.com')!;
    const mail = renderDigest(petr, ctx());
    expect(mail.subject).toBe('Week 48: all clear');
    expect(mail.text).toContain('All clear.');
  });

  it('escapes HTML special characters', () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
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

  it('rejects no segments, a wrong hour and day', () => {
    const errors = scheduleErrors({ ...defaultSchedule(), segments: [], hour: 24, weekday: 'FUNDAY' }, 'ru');
    expect(Object.keys(errors).sort()).toEqual(['hour', 'segments', 'weekday']);
    expect(errors.hour).toBe('Час: целый час от 0 до 23');
  });

  it('drops blank addresses and keeps segments in matrix order', () => {
    const s = normaliseSchedule(schedule({ recipients: { A: ' a@example.com ', B: ' ' }, segments: ['regular_lapsed', 'new_active'] }));
    expect(s.recipients).toEqual({ A: 'a@example.com' });
    expect(s.segments).toEqual(['new_active', 'regular_lapsed']);
  });
});
