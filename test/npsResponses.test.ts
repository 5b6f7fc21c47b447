// NPS joined with customers (issue 14, item 6; docs/definitions.md: NPS joined with customers), on the
// hand-made tables of test/data/nps as of 2025-03-15. Customers and their segments (bands 2/4 and 60/180):
// - Anna (Olga): 10 Jan, 1 Mar 2025: Prospective Active. Answers 3 on 1 Feb, then 9 on 14 Mar as "  anna ".
// - Boris (Olga): 20 Feb 2025: New Active. Answers 6 on 13 Mar.
// - Clara (Ivan): 1 Oct 2024 (165 days): New Sleeping. Answers 5 on 12 Mar.
// - Dmitry (Ivan): 4 purchases, the last 1 Jun 2024 (287 days): Regular Lapsed. Answers 8 on 10 Mar.
// - Eva (no manager): 10 Mar 2025: New Active. Answers 10, then 4 on the row below, both 14 Mar; 2 on 15 Mar (the as-of date).
// - Zoe answers 10 but never bought. Five rows cannot be read; one row is blank.
// Latest answers: Anna 9 (promoter), Boris 6, Clara 5, Eva 4 (detractors), Dmitry 8 (passive):
// 5 answers, NPS = 100 x (1 - 3) / 5 = -40. Olga: 9 and 6, NPS 0. Ivan: 5 and 8, NPS -50. No manager: 4, NPS -100.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_ABC_XYZ } from '../src/core/abcXyz';
import { calendarFor, daysFromCivil } from '../src/core/calendar';
import { DEFAULT_LOST } from '../src/core/churn';
import { UserError } from '../src/core/errors';
import { DEFAULT_BANDS, lifecycleSegments, segmentKey } from '../src/core/lifecycle';
import {
  detectNpsColumns,
  latestResponses,
  looksLikeNps,
  npsDetractors,
  npsJoin,
  type NpsField,
  readNpsTable,
  type ReadNpsTable,
} from '../src/core/npsResponses';
import { readOrdersTable, looksLikeOrders } from '../src/core/ordersTable';
import { buildSummary } from '../src/core/summary';
import { localeRules } from '../src/core/values';
import { npsFieldLabel, npsProblemLine } from '../src/addon/npsTable';
import { type Lang, t } from '../src/i18n/catalogue';
import { type ReportContext } from '../src/reports/context';
import { buildManagers } from '../src/reports/managers';
import { buildSegmentMatrix } from '../src/reports/segmentMatrix';
import { type SheetSpec } from '../src/reports/sheetSpec';
import { startRuntime } from './support/runtime';

const UTC = calendarFor('Etc/UTC');
const ASOF = daysFromCivil(2025, 3, 15);
const DATA = path.join(__dirname, 'data', 'nps');

/** A comma-separated file of test/data/nps as rows of text (no cell there holds a comma or a quote around one). */
function csvRows(file: string): string[][] {
  return readFileSync(path.join(DATA, file), 'utf8')
    .replace(/\r?\n$/, '')
    .split(/\r?\n/)
    .map((line) => line.split(','));
}

const ORDERS = csvRows('orders.csv');
const ANSWERS = csvRows('answers.csv');
const env = (lang: Lang = 'en') => ({ calendar: UTC, rules: localeRules('en_US'), fieldLabel: (f: NpsField) => npsFieldLabel(lang, f) });
const readAnswers = (values: unknown[][] = ANSWERS, lang: Lang = 'en'): ReadNpsTable =>
  readNpsTable({ sheetName: 'NPS', values }, null, env(lang));

function context(withNps: boolean | 'error', lang: Lang = 'en'): ReportContext {
  const table = readOrdersTable({ sheetName: 'Orders', values: ORDERS }, null, { calendar: UTC, rules: localeRules('en_US'), lang }, ASOF);
  const answers = readAnswers(ANSWERS, lang);
  return {
    lang,
    locale: 'en_US',
    currency: null,
    orders: table.read.orders,
    summary: buildSummary(table.read.orders, { asOf: ASOF }),
    asOf: ASOF,
    dateOf: (d) => UTC.dateOf(d),
    params: {
      bands: DEFAULT_BANDS,
      abcXyz: DEFAULT_ABC_XYZ,
      comparison: { period1: { from: ASOF - 730, to: ASOF - 365 }, period2: { from: ASOF - 365, to: ASOF } },
      lost: DEFAULT_LOST,
      lostPeriod: { from: ASOF - 365, to: ASOF },
      actions: {},
    },
    source: { sheetName: 'Orders', rows: table.read.report.readRows, unreadableRows: table.read.report.unreadableRows },
    ...(withNps === 'error'
      ? { nps: { sheetName: 'NPS', error: 'The NPS tab "NPS" has no score column. Map it in the sidebar.' } }
      : withNps
        ? {
            nps: {
              sheetName: 'NPS',
              responses: answers.responses,
              unreadableRows: answers.report.unreadableRows,
              problems: answers.report.issues.map((i) => npsProblemLine(lang, i)),
            },
          }
        : {}),
  };
}

/** The rows of a block below its title: the header row, then rows until the first empty first cell. */
function block(spec: SheetSpec, title: string): { head: unknown[]; rows: unknown[][] } {
  for (let r = 0; r < spec.cells.length; r++) {
    const col = (spec.cells[r] ?? []).indexOf(title);
    if (col < 0) continue;
    const head = spec.cells[r + 1].slice(col, col + 6);
    const rows: unknown[][] = [];
    let k = r + 2;
    for (; spec.cells[k]?.[col] !== undefined && spec.cells[k][col] !== '' && spec.cells[k][col] !== null; k++)
      rows.push(spec.cells[k].slice(col, col + 6));
    return { head, rows };
  }
  throw new Error(`no block "${title}"`);
}

describe('the NPS tab is found by its headers in English, Russian and Ukrainian', () => {
  it('finds the respondent, the date, the score and the comment ("Why this score?" is the comment, not the score)', () => {
    expect(detectNpsColumns(ANSWERS[0])).toEqual({ customer: 0, date: 1, score: 2, comment: 3 });
    expect(detectNpsColumns(['Комментарий', 'Оценка', 'Дата', 'Клиент'])).toEqual({ comment: 0, score: 1, date: 2, customer: 3 });
    expect(
      detectNpsColumns(['Отметка времени', 'Клієнт', 'Наскільки ймовірно, що ви порекомендували б нас?', 'Чому така оцінка?']),
    ).toEqual({ date: 0, customer: 1, score: 2, comment: 3 });
    expect(detectNpsColumns(['Timestamp', 'Client', 'NPS'])).toEqual({ date: 0, customer: 1, score: 2 });
  });

  it('an NPS tab is not an orders tab, and an orders tab with a rating column is not an NPS tab', () => {
    expect(looksLikeNps(ANSWERS[0])).toBe(true);
    expect(looksLikeOrders(ANSWERS[0])).toBe(false);
    expect(looksLikeOrders(['Дата', 'Клиент', 'Оценка'])).toBe(false);
    expect(looksLikeOrders(ORDERS[0])).toBe(true);
    expect(looksLikeNps([...ORDERS[0], 'Rating'])).toBe(false);
    expect(looksLikeOrders([...ORDERS[0], 'Rating'])).toBe(true);
    expect(looksLikeNps(['Date', 'Customer', 'Comment'])).toBe(false);
  });
});

describe('reading the NPS tab: each unreadable row named by its row, column and value', () => {
  const read = readAnswers();

  it('reads every good row, counts the blank one and the unreadable ones, keeps the first five problems', () => {
    expect(read.report).toMatchObject({ rows: 14, blankRows: 1, readRows: 9, unreadableRows: 5 });
    expect(read.responses.name).toEqual(['Anna', 'anna', 'Boris', 'Clara', 'Dmitry', 'Eva', 'Eva', 'Eva', 'Zoe']);
    expect(read.responses.key[1]).toBe('anna');
    expect(Array.from(read.responses.score)).toEqual([3, 9, 6, 5, 8, 10, 4, 2, 10]);
    expect(read.responses.comment[3]).toBe('');
    expect(Array.from(read.responses.row)).toEqual([2, 3, 4, 5, 6, 7, 8, 9, 10]);
  });

  it('a missing respondent, a bad date, a bad score and a missing score: row, column and value in the message', () => {
    const lines = read.report.issues.map((i) => npsProblemLine('en', i));
    expect(lines).toEqual([
      'row 11, Respondent (A): customer is empty',
      'row 12, Date (B): "yesterday" is not a date',
      'row 13, How likely are you to recommend us? (C): "11" is not a whole score from 0 to 10',
      'row 15, How likely are you to recommend us? (C): score is empty',
      'row 16, How likely are you to recommend us? (C): "7.5" is not a whole score from 0 to 10',
    ]);
    expect(npsProblemLine('ru', read.report.issues[2])).toBe(
      'строка 13, How likely are you to recommend us? (C): "11" — не целая оценка от 0 до 10',
    );
    expect(npsProblemLine('uk', read.report.issues[1])).toBe('рядок 12, Date (B): "yesterday" — не дата');
  });

  it('a column whose header cell is empty is named by its field in the user language', () => {
    const values = [
      ['', 'Date', 'Score'],
      ['Anna', '2025-03-01', 'ten'],
    ];
    const { report } = readNpsTable({ sheetName: 'NPS', values }, { customer: 0, date: 1, score: 2 }, env('ru'));
    expect(npsProblemLine('ru', report.issues[0])).toBe('строка 2, Score (C): "ten" — не целая оценка от 0 до 10');
    const blank = readNpsTable(
      {
        sheetName: 'NPS',
        values: [
          ['', 'Date', 'Score'],
          ['', '2025-03-01', 5],
        ],
      },
      { customer: 0, date: 1, score: 2 },
      env('ru'),
    );
    expect(blank.report.issues[0].column).toBe('Респондент (A)');
  });

  it('scores typed as text with a decimal comma, numbers and date serials are read as Sheets hands them over', () => {
    const values = [
      ['Respondent', 'Date', 'Score'],
      ['A', 45731, '9,0'],
      ['B', new Date(Date.UTC(2025, 2, 14)), 10],
      ['C', '14.03.2025', ' 0 '],
    ];
    const { responses, report } = readNpsTable({ sheetName: 'NPS', values }, null, env());
    expect(report.unreadableRows).toBe(0);
    expect(Array.from(responses.score)).toEqual([9, 10, 0]);
    expect(Array.from(responses.day)).toEqual([daysFromCivil(2025, 3, 15), daysFromCivil(2025, 3, 14), daysFromCivil(2025, 3, 14)]);
  });

  it('a tab that cannot be read at all says which tab and which field', () => {
    const fail = (values: unknown[][], mapping: Record<string, number> | null = null, lang: Lang = 'en'): string => {
      try {
        readNpsTable({ sheetName: 'Опрос', values }, mapping, env(lang));
      } catch (e) {
        expect(e).toBeInstanceOf(UserError);
        return (e as UserError).messageIn(lang);
      }
      throw new Error('read');
    };
    expect(fail([])).toBe('The NPS tab "Опрос" is empty.');
    expect(fail([['Respondent', 'Date']])).toBe('The NPS tab "Опрос" has no Score column. Map it in the sidebar.');
    expect(fail([['Comment']], null, 'ru')).toBe('На листе NPS «Опрос» нет столбца: Респондент и Дата и Оценка. Укажите его в панели.');
    expect(fail([['Respondent', 'Date', 'Score']], { customer: 0, date: 1, score: 7 })).toBe(
      'Column H for the score is outside the NPS tab "Опрос", which has 3 columns.',
    );
    expect(fail([['Respondent', 'Date', 'Score']], { customer: 0, date: 1, score: 7 }, 'uk')).toBe(
      'Стовпець H (оцінка) поза межами аркуша NPS «Опрос», у якому 3 стовпці.',
    );
  });
});

describe("each customer's latest answer before the as-of date", () => {
  const { responses } = readAnswers();
  it('the latest day wins; on one day the lower row; the as-of date and after are left out', () => {
    const latest = latestResponses(responses, ASOF);
    const score = (key: string): number => responses.score[latest.get(key)!];
    expect([...latest.keys()].sort()).toEqual(['anna', 'boris', 'clara', 'dmitry', 'eva', 'zoe']);
    expect(score('anna')).toBe(9);
    expect(score('eva')).toBe(4);
    // A day later, Eva's answer of the 15th counts.
    expect(responses.score[latestResponses(responses, ASOF + 1).get('eva')!]).toBe(2);
  });
});

describe('NPS per lifecycle segment and per manager, joined by the orders reader customer key', () => {
  const ctx = context(true);
  const segments = lifecycleSegments(ctx.summary, DEFAULT_BANDS);
  const join = npsJoin(readAnswers().responses, { key: ctx.summary.key, segment: segments, manager: ctx.summary.manager }, ASOF, [
    'Olga',
    'Ivan',
    '',
  ]);
  const bySegment = (key: string) => join.segments[Array.from({ length: 9 }, (_, s) => segmentKey(s)).indexOf(key)];

  it('per segment, as worked out by hand', () => {
    expect(bySegment('prospective_active')).toEqual({ answers: 1, promoters: 1, passives: 0, detractors: 0, nps: 100 });
    expect(bySegment('new_active')).toEqual({ answers: 2, promoters: 0, passives: 0, detractors: 2, nps: -100 });
    expect(bySegment('new_sleeping')).toEqual({ answers: 1, promoters: 0, passives: 0, detractors: 1, nps: -100 });
    expect(bySegment('regular_lapsed')).toEqual({ answers: 1, promoters: 0, passives: 1, detractors: 0, nps: 0 });
    expect(bySegment('regular_active')).toEqual({ answers: 0, promoters: 0, passives: 0, detractors: 0, nps: null });
    expect(join.total).toEqual({ answers: 5, promoters: 1, passives: 1, detractors: 3, nps: -40 });
    expect(join.unmatched).toBe(1);
  });

  it('per manager: the customer’s manager as of the as-of date', () => {
    expect(join.managers.get('Olga')).toEqual({ answers: 2, promoters: 1, passives: 0, detractors: 1, nps: 0 });
    expect(join.managers.get('Ivan')).toEqual({ answers: 2, promoters: 0, passives: 1, detractors: 1, nps: -50 });
    expect(join.managers.get('')).toEqual({ answers: 1, promoters: 0, passives: 0, detractors: 1, nps: -100 });
  });

  it('a manager named like an Object property is a manager like any other', () => {
    const keys = ['a', 'b'];
    const { responses } = readAnswers([
      ['Respondent', 'Date', 'Score'],
      ['A', '2025-03-01', 10],
      ['B', '2025-03-01', 0],
    ]);
    const j = npsJoin(responses, { key: keys, segment: [0, 0], manager: ['__proto__', 'constructor'] }, ASOF, ['__proto__', 'constructor']);
    expect(j.managers.get('__proto__')?.nps).toBe(100);
    expect(j.managers.get('constructor')?.nps).toBe(-100);
  });
});

describe('detractors of the last N days: asOf - N <= answer day < asOf, by the latest answer', () => {
  const { responses } = readAnswers();
  it('the window’s edges', () => {
    expect([...npsDetractors(responses, ASOF, 1)].sort()).toEqual(['eva']);
    expect([...npsDetractors(responses, ASOF, 2)].sort()).toEqual(['boris', 'eva']);
    expect([...npsDetractors(responses, ASOF, 3)].sort()).toEqual(['boris', 'clara', 'eva']);
  });
  it('a detractor who answered again as a promoter is not one; an answer on the as-of date waits a day', () => {
    expect(npsDetractors(responses, ASOF, 60).has('anna')).toBe(false);
    expect(npsDetractors(responses, daysFromCivil(2025, 3, 10), 60).has('anna')).toBe(true);
    // Eva's 2 of the 15th counts from the 16th on.
    expect(responses.score[latestResponses(responses, ASOF + 1).get('eva')!]).toBe(2);
    expect(npsDetractors(responses, ASOF + 1, 1)).toEqual(new Set(['eva']));
    expect(npsDetractors(responses, ASOF + 3, 2)).toEqual(new Set());
  });
  it('days must be a whole number from 1 to 36,500', () => {
    expect(npsDetractors(responses, ASOF, 36_500).size).toBe(3);
    for (const bad of [0, -1, 1.5, 36_501, NaN])
      expect(() => npsDetractors(responses, ASOF, bad)).toThrow(/detractor days must be a whole number from 1 to 36500/);
  });
});

describe('NPS on the lifecycle matrix and the Managers sheet, only where there is an NPS tab', () => {
  it('the matrix: one row per segment and the total', () => {
    const spec = buildSegmentMatrix(context(true));
    const b = block(spec, t('en', 'report.nps.segmentTitle'));
    expect(b.head).toEqual(['Segment', 'Answers', 'Promoters', 'Passives', 'Detractors', 'NPS']);
    expect(b.rows[0]).toEqual(['New Active', 2, 0, 0, 2, -100]);
    expect(b.rows[3]).toEqual(['Prospective Active', 1, 1, 0, 0, 100]);
    expect(b.rows[4]).toEqual(['Prospective Sleeping', 0, 0, 0, 0, '']);
    expect(b.rows[9]).toEqual(['Total', 5, 1, 1, 3, -40]);
    const text = spec.cells.flat().filter((c) => typeof c === 'string') as string[];
    expect(text).toContain(
      'Each customer’s latest answer before the as-of date on the tab “NPS”: 5 answers of customers; 1 respondent without a purchase left out; 5 unreadable rows.',
    );
    expect(text.find((c) => c.startsWith('Unreadable rows: row 11, Respondent (A): customer is empty; row 12'))).toBeDefined();
  });

  it('the Managers sheet: one row per manager and the total', () => {
    const spec = buildManagers(context(true, 'ru'));
    const b = block(spec, t('ru', 'report.nps.managerTitle'));
    // Managers in the sheet's order: most revenue first (Ivan 400, Olga 300), no manager last.
    expect(b.rows.slice(0, 4).map((r) => [r[0], r[5]])).toEqual([
      ['Ivan', -50],
      ['Olga', 0],
      [t('ru', 'report.noManager'), -100],
      ['Итого', -40],
    ]);
  });

  it('without an NPS tab neither sheet changes; a tab that cannot be read says why instead of the figures', () => {
    const plain = context(false);
    expect(buildSegmentMatrix(plain).cells.flat()).not.toContain(t('en', 'report.nps.segmentTitle'));
    expect(buildManagers(plain).cells.flat()).not.toContain(t('en', 'report.nps.managerTitle'));
    const withNps = buildSegmentMatrix(context(true));
    const without = buildSegmentMatrix(plain);
    // The addition comes after everything else: the rest of the sheet is the same.
    expect(withNps.cells.slice(0, without.cells.length - 1).map((r) => r.slice(0, 6))).toEqual(
      without.cells.slice(0, -1).map((r) => r.slice(0, 6)),
    );
    const broken = buildSegmentMatrix(context('error')).cells.flat();
    expect(broken).toContain('NPS left out: The NPS tab "NPS" has no score column. Map it in the sidebar.');
  });
});

describe('through the local runtime: the NPS tab is found, read, never written to, and shown after a rebuild', () => {
  it('an NPS tab placed before the orders tab, with a header the orders tab would have too ("Customer")', async () => {
    const answers = [['Customer', 'Date', 'Score', 'Why this score?'], ...ANSWERS.slice(1)];
    const rt = await startRuntime({ NPS: answers, Orders: ORDERS }, { locale: 'en_US', timeZone: 'Etc/UTC' });
    const before = JSON.stringify(rt.readSheet('NPS'));
    const saved = rt.callJson('sidebarSaveSettings', {
      ...(rt.callJson('sidebarLoad') as { settings: object }).settings,
      asOf: '2025-03-15',
    }) as {
      errors: object;
    };
    expect(saved.errors).toEqual({});
    rt.call('rebuildAllReports');
    const matrix = rt.readSheet('Lifecycle matrix');
    const row = matrix.findIndex((r) => r.includes('NPS by segment'));
    expect(row).toBeGreaterThan(0);
    const col = matrix[row].indexOf('NPS by segment');
    expect(matrix[row + 11].slice(col, col + 6)).toEqual(['Total', 5, 1, 1, 3, -40]);
    const managers = rt.readSheet('Managers');
    expect(managers.some((r) => r.includes('NPS by manager'))).toBe(true);
    expect(JSON.stringify(rt.readSheet('NPS'))).toBe(before);
  });

  it('a named NPS tab that is gone: the reports are built and say why NPS is missing', async () => {
    const rt = await startRuntime({ Orders: ORDERS }, { locale: 'en_US', timeZone: 'Etc/UTC' });
    const settings = (rt.callJson('sidebarLoad') as { settings: object }).settings;
    expect(
      (rt.callJson('sidebarSaveSettings', { ...settings, asOf: '2025-03-15', npsSheet: 'Survey' }) as { errors: object }).errors,
    ).toEqual({});
    rt.call('rebuildAllReports');
    const cells = rt.readSheet('Lifecycle matrix').flat();
    expect(cells).toContain('NPS left out: There is no tab "Survey" for the NPS answers.');
  });
});
