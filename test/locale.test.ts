/**
 * The locale rule (docs/definitions.md): numbers and dates on the report sheets,
 * in the sidebar and in the e-mails follow the SPREADSHEET's locale; the words
 * follow the user's language. A text date that reads only in the other day/month
 * order than the locale's is an error naming its row, column and value. Money
 * cells carry the currency the orders' amount column shows.
 *
 * Sheets renders a number-format pattern in the spreadsheet's locale: `,` and `.`
 * are placeholders for its group and decimal marks
 * (https://developers.google.com/sheets/api/guides/formats: "the actual rendering
 * of the format depends on the spreadsheet's locale"); the stand-in
 * (local/numberFormat.ts) renders them so.
 *
 * The e2e parts run the built bundle (dist/Code.js).
 */
import path from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { main } from '../local/start';
import { displayText } from '../local/numberFormat';
import { WallTime } from '../local/values';
import type { DataInfo, ScheduleSettings, SidebarState } from '../src/addon/api';
import { dayOfIso } from '../src/core/isoDates';
import { dateFormatOf, dayText, localeFormats, moneyFormatOf, moneyText, monthFormatOf, numberText } from '../src/core/localeFormats';
import { readOrders, type OrderSources } from '../src/core/orders';
import { calendarFor } from '../src/core/calendar';
import { localeRules, otherOrderDate, parseDay } from '../src/core/values';
import { t } from '../src/i18n/catalogue';
import { formatDate, formatNumber } from '../sidebar/i18n';
import { loadBundle } from './support/loadBundle';
import { startRuntime, tempDir } from './support/runtime';
import { TEAM_ASOF, TEAM_ORDERS, teamContext } from './support/trendOrders';
import { specsFor } from '../src/addon/reportRun';
import { REBUILT_BY_ALL } from '../src/addon/api';
import { writeFileSync } from 'node:fs';

const UTC = calendarFor('UTC');

/** Per locale: the date pattern, and how the stand-in shows 1 December 2026, 5241.5 as `#,##0.0`, 0.016 as `0.0%`. */
const LOCALES = [
  { locale: 'en_US', date: 'm/d/yyyy', shown: '12/1/2026', decimal: '5,241.5', percent: '1.6%', rub: '"₽"#,##0', usd: '"$"#,##0' },
  { locale: 'en_GB', date: 'dd/mm/yyyy', shown: '01/12/2026', decimal: '5,241.5', percent: '1.6%', rub: '"₽"#,##0', usd: '"$"#,##0' },
  {
    locale: 'ru_RU',
    date: 'dd.mm.yyyy',
    shown: '01.12.2026',
    decimal: '5\u00a0241,5',
    percent: '1,6%',
    rub: '#,##0" ₽"',
    usd: '#,##0" $"',
  },
  {
    locale: 'uk_UA',
    date: 'dd.mm.yyyy',
    shown: '01.12.2026',
    decimal: '5\u00a0241,5',
    percent: '1,6%',
    rub: '#,##0" ₽"',
    usd: '#,##0" $"',
  },
  { locale: 'de_DE', date: 'dd.mm.yyyy', shown: '01.12.2026', decimal: '5.241,5', percent: '1,6%', rub: '#,##0" ₽"', usd: '#,##0" $"' },
] as const;

describe('the locale table: one date pattern per spreadsheet locale, number patterns the same everywhere', () => {
  it.each(LOCALES)('$locale: dates $date, shown by the stand-in as $shown; numbers and percents in its marks', (l) => {
    expect(dateFormatOf(l.locale)).toBe(l.date);
    const december = WallTime.civil(2026, 12, 1);
    expect(displayText(december, l.date, l.locale)).toBe(l.shown);
    expect(dayText(l.locale, dayOfIso('2026-12-01'))).toBe(l.shown);
    expect(displayText(5241.5, '#,##0.0', l.locale)).toBe(l.decimal);
    expect(numberText(l.locale, 5241.5, 1)).toBe(l.decimal);
    expect(displayText(0.016, '0.0%', l.locale)).toBe(l.percent);
  });

  it('other locales: year first in ja_JP, day/month/year with slashes in fr_FR, dots in pl_PL', () => {
    expect(dateFormatOf('ja_JP')).toBe('yyyy-mm-dd');
    expect(dateFormatOf('fr_FR')).toBe('dd/mm/yyyy');
    expect(dateFormatOf('pl_PL')).toBe('dd.mm.yyyy');
    expect(dateFormatOf('')).toBe('m/d/yyyy'); // no locale: Sheets' default, en_US
    expect(localeFormats('fr_FR')).toEqual({ date: 'dd/mm/yyyy', decimal: ',', group: '\u00a0', signFirst: false });
  });

  it('a month (a cohort) is the date pattern without its day', () => {
    expect(monthFormatOf('en_US')).toBe('mm/yyyy');
    expect(monthFormatOf('ru_RU')).toBe('mm.yyyy');
    expect(monthFormatOf('ja_JP')).toBe('yyyy-mm');
    expect(displayText(WallTime.civil(2026, 5, 1), monthFormatOf('uk_UA'), 'uk_UA')).toBe('05.2026');
  });
});

describe('money cells: the currency the amount column shows, its sign where the locale puts it; none when unknown', () => {
  it.each(LOCALES)('$locale: RUB $rub, USD $usd, unknown #,##0', (l) => {
    expect(moneyFormatOf(l.locale, 'RUB')).toBe(l.rub);
    expect(moneyFormatOf(l.locale, 'USD')).toBe(l.usd);
    expect(moneyFormatOf(l.locale, null)).toBe('#,##0');
  });

  it('the stand-in shows them as Sheets does, and the e-mails and sidebar write the same text', () => {
    expect(displayText(5241.4, moneyFormatOf('en_US', 'USD'), 'en_US')).toBe('$5,241');
    expect(displayText(-5241.4, moneyFormatOf('en_US', 'USD'), 'en_US')).toBe('-$5,241');
    expect(displayText(5241.4, moneyFormatOf('ru_RU', 'RUB'), 'ru_RU')).toBe('5\u00a0241 ₽');
    expect(displayText(5241.4, moneyFormatOf('de_DE', 'EUR'), 'de_DE')).toBe('5.241 €');
    expect(displayText(5241.4, moneyFormatOf('en_GB', null), 'en_GB')).toBe('5,241');
    expect(moneyText('en_US', 5241.4, 'USD')).toBe('$5,241');
    expect(moneyText('en_US', -5241.4, 'USD')).toBe('-$5,241');
    expect(moneyText('ru_RU', 5241.4, 'RUB')).toBe('5\u00a0241\u00a0₽');
    expect(moneyText('uk_UA', 5241.4, 'CHF')).toBe('5\u00a0241\u00a0CHF'); // a code without a sign here shows itself
  });

  it('a sign with a quote in it cannot break the pattern', () => {
    expect(moneyFormatOf('en_US', 'X"Y')).toBe('"XY"#,##0');
  });
});

describe('every report sheet takes its date and money formats from the locale and the currency, none from the language', () => {
  const kinds = [...REBUILT_BY_ALL, 'keyCustomers', 'funnel'] as const;
  it.each(LOCALES)('$locale, amounts in roubles, Russian words: each report’s formats', (l) => {
    const ctx = teamContext(TEAM_ORDERS, TEAM_ASOF, { lang: 'ru', locale: l.locale, currency: 'RUB', withProfit: true });
    const expected = new Set<string>([l.date, monthFormatOf(l.locale), l.rub]);
    for (const kind of new Set(kinds)) {
      const formats = specsFor(ctx, { kind }).flatMap((spec) => spec.styles.flatMap((st) => (st.numberFormat ? [st.numberFormat] : [])));
      // A date or money pattern on a sheet is the locale's and the currency's; no other locale's pattern and no bare money.
      const dated = formats.filter((f) => /y/.test(f));
      expect(
        dated.every((f) => expected.has(f)),
        `${kind}: ${dated.join(' ')}`,
      ).toBe(true);
      expect(
        formats.filter((f) => /₽|\$|€/.test(f) && f !== l.rub),
        kind,
      ).toEqual([]);
    }
    const lost = specsFor(ctx, { kind: 'lost' }).flatMap((spec) => spec.styles.map((st) => st.numberFormat));
    expect(lost).toContain(l.rub);
    expect(lost).toContain(l.date);
    expect(lost).not.toContain('yyyy-mm-dd');
  });
});

describe('the sidebar writes numbers and dates in the spreadsheet’s locale, whatever the language', () => {
  it.each(LOCALES)('$locale: $shown', (l) => {
    expect(formatDate(l.locale, '2026-12-01')).toBe(l.shown);
    expect(formatNumber(l.locale, 5241.5)).toBe(l.decimal);
  });

  it('up to the decimals asked for, none shown when the number has none', () => {
    expect(formatNumber('en_US', 1.3333)).toBe('1.33');
    expect(formatNumber('ru_RU', 1.3333)).toBe('1,33');
    expect(formatNumber('en_US', 5241)).toBe('5,241');
    expect(formatNumber('en_US', 1.5, 0)).toBe('2');
  });
});

describe('a text date that reads only in the other day/month order is an error, never a silent guess', () => {
  const US = localeRules('en_US');
  const RU = localeRules('ru_RU');

  it('en_US: 13/01/2026 is no date (it reads only day first); 01/13/2026 is 13 January; 05/01/2026 is 1 May', () => {
    expect(parseDay('13/01/2026', UTC, US)).toBeNaN();
    expect(otherOrderDate('13/01/2026', US)).toBe('dayFirst');
    expect(parseDay('01/13/2026', UTC, US)).toBe(dayOfIso('2026-01-13'));
    expect(parseDay('05/01/2026', UTC, US)).toBe(dayOfIso('2026-05-01'));
    expect(otherOrderDate('05/01/2026', US)).toBeNull();
  });

  it('ru_RU: 01/13/2026 is no date (it reads only month first); 13/01/2026 is 13 January; dotted dates are day first', () => {
    expect(parseDay('01/13/2026', UTC, RU)).toBeNaN();
    expect(otherOrderDate('01/13/2026', RU)).toBe('monthFirst');
    expect(parseDay('13/01/2026', UTC, RU)).toBe(dayOfIso('2026-01-13'));
    expect(parseDay('13.01.2026', UTC, RU)).toBe(dayOfIso('2026-01-13'));
  });

  it('text that is no date in either order, and values that are not text, are no order question', () => {
    expect(otherOrderDate('32/13/2026', US)).toBeNull();
    expect(otherOrderDate('13.01.2026', US)).toBeNull(); // dots are day first everywhere: 13 January
    expect(parseDay('13.01.2026', UTC, US)).toBe(dayOfIso('2026-01-13'));
    expect(otherOrderDate(46000, US)).toBeNull();
    expect(otherOrderDate(new Date(), US)).toBeNull();
  });

  it.each([
    ['en_US', '13/01/2026', 'dayFirstDate'],
    ['ru_RU', '01/13/2026', 'monthFirstDate'],
  ] as const)('the orders reader, %s: %s is an unreadable row that names its row, column and value (%s)', (locale, text, reason) => {
    const rows = [
      ['2026-01-05', 'Anna', 10],
      [text, 'Boris', 20],
      ['2026-01-06', 'Anna', 30],
    ];
    const sources: OrderSources = {
      date: { values: rows, column: 0, label: 'Date (A)' },
      customer: { values: rows, column: 1, label: 'Customer (B)' },
      amount: { values: rows, column: 2, label: 'Amount (C)' },
    };
    const { report } = readOrders(sources, { calendar: UTC, rules: localeRules(locale), firstRow: 2 });
    expect(report.readRows).toBe(2);
    expect(report.issues).toEqual([{ row: 3, field: 'date', column: 'Date (A)', value: text, reason }]);
  });
});

describe('the custom functions: a text date in the other order is an error naming its argument, row and value', () => {
  const bundle = (locale: string) =>
    loadBundle({
      globals: {
        SpreadsheetApp: { getActiveSpreadsheet: () => ({ getSpreadsheetLocale: () => locale, getSpreadsheetTimeZone: () => 'UTC' }) },
      },
    });
  const col = (values: unknown[]): unknown[][] => values.map((v) => [v]);

  it.each([
    ['en_US', '13/01/2026', 'a date as month/day/year'],
    ['ru_RU', '01/13/2026', 'a date as day/month/year'],
  ] as const)('%s: %s in row 2 of dates', (locale, text, expected) => {
    const fn = bundle(locale);
    expect(() => fn.LIFECYCLE_SEGMENT(col(['Anna', 'Boris']), col(['2026-01-05', text]), '', '2026-02-01', '', '', 'en')).toThrow(
      `LIFECYCLE_SEGMENT: dates row 2 is "${text}", not ${expected}, the order of this spreadsheet's locale`,
    );
    expect(() => fn.LIFECYCLE_SEGMENT(col(['Anna']), col(['2026-01-05']), '', text, '', '', 'en')).toThrow(
      `LIFECYCLE_SEGMENT: as_of is "${text}", not ${expected}`,
    );
  });
});

describe('e2e: Russian words on an en_US spreadsheet, and each locale’s report sheet', () => {
  const NOW = '2026-12-01T09:00:00Z';
  /** 1,200 orders of 300 customers in 2026, ISO text dates as a CSV import leaves them, whole amounts. */
  const orders = (): unknown[][] => {
    const rows: unknown[][] = [['Date', 'Customer', 'Amount']];
    for (let i = 0; i < 1200; i++) {
      const day = new Date(Date.UTC(2026, 0, 1) + ((i * 7919) % 330) * 86_400_000).toISOString().slice(0, 10);
      rows.push([day, `Customer ${i % 300}`, 1000 + (i % 17) * 250]);
    }
    return rows;
  };
  const MATRIX = { en: t('en', 'report.matrix.name'), ru: t('ru', 'report.matrix.name') } as const;

  /** The number formats and display texts of a built sheet, by cell. */
  function cellsOf(rt: Awaited<ReturnType<typeof startRuntime>>, name: string) {
    const sheet = rt.spreadsheet.getSheetByName(name)!;
    const range = sheet.getDataRange();
    return { formats: range.getNumberFormats(), values: range.getValues(), display: rt.readDisplay(name) };
  }

  it.each(LOCALES)('$locale: the as-of date as $date, the row count and money in the locale’s marks', async (l) => {
    const rt = await startRuntime({ Orders: orders() }, { now: NOW, locale: l.locale, user: 'owner@example.com' });
    rt.callJson('sidebarSetLanguage', 'en');
    rt.callJson('sidebarBuild', { kind: 'matrix' });
    const { formats, values, display } = cellsOf(rt, MATRIX.en);
    expect(display[1][0]).toBe(t('en', 'report.asOf'));
    expect(formats[1][1]).toBe(l.date);
    expect(display[1][1]).toBe(l.shown);
    expect(display[3][0]).toBe(t('en', 'report.orderRows'));
    expect(display[3][1]).toBe(`1${localeFormats(l.locale).group}200`);
    // Every money cell: no sign (the amounts show none), the locale's grouping of the whole value.
    const money = formats.flatMap((row, r) => row.map((f, c) => [f, r, c] as const)).filter(([f]) => f === '#,##0');
    expect(money.length).toBeGreaterThan(0);
    for (const [, r, c] of money) {
      const whole = String(Math.round(Number(values[r][c])));
      expect(display[r][c].split(localeFormats(l.locale).group).join('')).toBe(whole);
    }
  });

  it('Russian chosen on an en_US spreadsheet: Russian labels, m/d/yyyy dates and 1,200-style numbers', async () => {
    const rt = await startRuntime({ Orders: orders() }, { now: NOW, locale: 'en_US', user: 'owner@example.com' });
    const state = rt.callJson('sidebarSetLanguage', 'ru') as SidebarState;
    expect(state.locale).toBe('en_US');
    rt.callJson('sidebarBuild', { kind: 'matrix' });
    const { display } = cellsOf(rt, MATRIX.ru);
    expect(display[1].slice(0, 2)).toEqual([t('ru', 'report.asOf'), '12/1/2026']);
    expect(display[3].slice(0, 2)).toEqual([t('ru', 'report.orderRows'), '1,200']);
    expect(display.flat().join('|')).not.toMatch(/\d\u00a0\d{3}|01\.12\.2026/);
  });
});

describe('e2e: money cells carry the currency the orders’ amount column shows, in the sheet and the .xlsx', () => {
  const NOW = '2026-12-01T09:00:00Z';
  const ORDERS = [
    ['Date', 'Customer', 'Amount'],
    ['2026-10-05', 'Anna', 1500],
    ['2026-11-05', 'Anna', 2500],
    ['2026-11-20', 'Boris', 12000],
  ];

  it.each([
    ['ru_RU', '[$₽-419]#,##0.00', '#,##0" ₽"', /^\d{1,3}(\u00a0\d{3})* ₽$/],
    ['en_US', '"$"#,##0.00', '"$"#,##0', /^\$\d{1,3}(,\d{3})*$/],
    ['en_US', '#,##0.00 [$€]', '"€"#,##0', /^€\d{1,3}(,\d{3})*$/],
  ] as const)('%s, amounts formatted %s: money cells %s', async (locale, amountFormat, money, shown) => {
    const rt = await startRuntime({ Orders: ORDERS }, { now: NOW, locale, user: 'owner@example.com' });
    rt.spreadsheet.getSheetByName('Orders')!.getRange(2, 3, 3, 1).setNumberFormat(amountFormat);
    rt.callJson('sidebarSetLanguage', 'en');
    rt.callJson('sidebarBuild', { kind: 'lost' });
    const name = t('en', 'report.lost.name');
    const sheet = rt.spreadsheet.getSheetByName(name)!;
    const formats = sheet.getDataRange().getNumberFormats();
    const display = rt.readDisplay(name);
    const cells = formats.flatMap((row, r) => row.map((f, c) => [f, r, c] as const)).filter(([f]) => f === money);
    expect(cells.length).toBeGreaterThan(0);
    expect(
      formats
        .flat()
        .filter((f) => f === '#,##0' || /[₽$€]/.test(f))
        .every((f) => f === '#,##0' || f === money),
    ).toBe(true);
    for (const [, r, c] of cells) if (display[r][c] !== '') expect(display[r][c]).toMatch(shown);

    // The .xlsx keeps the pattern: Excel and LibreOffice show the sign too.
    const file = path.join(tempDir('locale-xlsx-'), 'report.xlsx');
    await rt.writeWorkbook(file);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    const [, r, c] = cells[0];
    expect(wb.getWorksheet(name)!.getCell(r + 1, c + 1).numFmt).toBe(money);
  });

  it('amounts without a currency format: no sign anywhere', async () => {
    const rt = await startRuntime({ Orders: ORDERS }, { now: NOW, locale: 'ru_RU', user: 'owner@example.com' });
    rt.callJson('sidebarBuild', { kind: 'lost' });
    const name = rt.sheetNames().find((n) => n !== 'Orders')!;
    const formats = rt.spreadsheet.getSheetByName(name)!.getDataRange().getNumberFormats().flat();
    expect(formats).toContain('#,##0');
    expect(formats.filter((f) => /[₽$€"]/.test(f))).toEqual([]);
  });
});

describe('e2e: an en_US orders CSV with 13/01/2026 in row N: the sidebar and the CLI name row N', () => {
  const NOW = '2026-12-01T09:00:00Z';
  const lines = ['Date,Customer,Amount', '01/05/2026,Anna,100', '02/10/2026,Boris,200', '13/01/2026,Anna,300', '03/15/2026,Boris,400'];

  it('the sidebar: the unreadable row, its column, value and why', async () => {
    const rows = lines.map((l) => l.split(','));
    const rt = await startRuntime({ Orders: rows }, { now: NOW, locale: 'en_US', user: 'owner@example.com' });
    const state = rt.callJson('sidebarSetLanguage', 'en') as SidebarState;
    const data: DataInfo = state.data;
    expect(data.unreadableRows).toBe(1);
    expect(data.problems).toEqual([
      { row: 4, column: expect.stringContaining('Date') as string, value: '"13/01/2026"', reason: t('en', 'issue.dayFirstDate') },
    ]);
  });

  it('the CLI: "row 4, Date ...: 13/01/2026: reads only as day/month/year ..."', async () => {
    const dir = tempDir('locale-cli-');
    const file = path.join(dir, 'orders.csv');
    writeFileSync(file, lines.join('\n') + '\n');
    const out: string[] = [];
    const result = await main(
      ['--no-serve', '--out', path.join(dir, 'out', 'report.xlsx'), '--orders', file, '--locale', 'en_US', '--now', NOW],
      {
        log: (l) => out.push(l),
        error: (l) => out.push(l),
      },
    );
    expect(result.exitCode).toBe(0);
    const row = out.find((l) => l.trim().startsWith('row 4,'));
    expect(row).toMatch(/^ {4}row 4, .*Date.*: "?13\/01\/2026"?: reads only as day\/month\/year/);
  });
});

describe('e2e: the Send log’s time in the spreadsheet locale’s date pattern', () => {
  const NOW = '2026-11-23T09:00:00Z'; // a Monday
  const SCHEDULE: ScheduleSettings = {
    hour: 8,
    recipients: { Kate: 'kate@example.com' },
    fallbackEmail: 'office@example.com',
    language: null,
    allClear: true,
    keepReportsCurrent: false,
  };

  it.each([
    ['en_US', 'm/d/yyyy hh:mm', '11/23/2026 09:00'],
    ['ru_RU', 'dd.mm.yyyy hh:mm', '23.11.2026 09:00'],
  ] as const)('%s: %s, shown %s', async (locale, format, shown) => {
    const orders = [
      ['Date', 'Customer', 'Amount', 'Manager'],
      ['2026-11-10', 'Anna', 100, 'Kate'],
    ];
    const rt = await startRuntime({ Orders: orders }, { now: NOW, locale, user: 'owner@example.com' });
    expect((rt.callJson('scheduleTurnOn', SCHEDULE) as { errors: object }).errors).toEqual({});
    rt.fireTrigger();
    const log = rt.sheetNames().find((n) => n !== 'Orders')!;
    expect(rt.spreadsheet.getSheetByName(log)!.getRange(2, 1).getNumberFormat()).toBe(format);
    expect(rt.readDisplay(log)[1][0]).toBe(shown);
  });
});
