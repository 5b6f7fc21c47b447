// The sidebar's own logic: labels and plural forms, the parameters form <-> settings
// conversion and its checks, the rebuild plan, the promise wrapper over
// google.script.run, and (in Chromium, over a mock server) that nothing from the
// user's data becomes HTML. `npm test` builds dist/Sidebar.html first.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { afterEach, beforeAll, afterAll, describe, expect, it } from 'vitest';
import { fullRebuildPlan, type ReportSettings } from '../src/addon/api';
import { LANGS, messagesOf, t as catalogueT, type MessageKey } from '../src/i18n/catalogue';
import { sidebarMessages } from '../src/i18n/messages/sidebar';
import { isEmail as serverIsEmail, defaultSchedule } from '../src/addon/scheduleSettings';
import type { ScheduleSettings, ScheduleState } from '../src/addon/api';
import {
  createMockServer,
  installMockRun,
  MOCK_DEFAULTS,
  MOCK_MANAGERS,
  MOCK_SUGGESTION,
  MOCK_USER,
  XSS_HEADER,
  XSS_MANAGER,
  XSS_SHEET,
  XSS_VALUE,
} from '../sidebar/dev/mockServer';
import {
  hourText,
  isEmail,
  mergeForm,
  noRecipients,
  readScheduleForm,
  sameSchedule,
  scheduleErrorField,
  scheduleToForm,
} from '../sidebar/scheduleForm';
import { format, pluralIndex } from '../sidebar/i18n';
import { rebuildPlan } from '../sidebar/rebuild';
import { call, errorText } from '../sidebar/server';
import {
  addDays,
  columnLetter,
  defaultActions,
  fieldOfError,
  isIsoDate,
  mappingToSave,
  parseNumber,
  readSettingsForm,
  sameForm,
  settingsToForm,
  type SettingsForm,
} from '../sidebar/settingsForm';
import { launchChromium } from './support/browser';
import { projectRoot } from './support/loadBundle';

const SEGMENTS = [
  'new_active',
  'new_sleeping',
  'new_lapsed',
  'prospective_active',
  'prospective_sleeping',
  'prospective_lapsed',
  'regular_active',
  'regular_sleeping',
  'regular_lapsed',
];
const defaults: ReportSettings = MOCK_DEFAULTS;
const texts = defaultActions(defaults, messagesOf('en'), SEGMENTS);
const formOf = (s: ReportSettings): SettingsForm => settingsToForm(s, texts);
const read = (patch: Partial<SettingsForm>, base: ReportSettings = defaults) =>
  readSettingsForm({ ...formOf(base), ...patch }, base, texts);

describe('sidebar messages', () => {
  const placeholders = (text: string): string[] => [...text.matchAll(/\{(\w+)(?::[^}]*)?\}/g)].map((m) => m[1]).sort();

  it('every sidebar label exists in English, Russian and Ukrainian, none empty', () => {
    for (const lang of LANGS) {
      for (const [key, text] of Object.entries(sidebarMessages[lang])) {
        expect(text.trim(), `${lang} ${key}`).not.toBe('');
        expect(key).toMatch(/^sb\./);
      }
      expect(Object.keys(sidebarMessages[lang]).sort()).toEqual(Object.keys(sidebarMessages.en).sort());
    }
  });

  it('Russian and Ukrainian use the same placeholders as English, with three plural forms', () => {
    for (const [key, en] of Object.entries(sidebarMessages.en) as [keyof typeof sidebarMessages.en, string][]) {
      for (const lang of ['ru', 'uk'] as const) {
        const text = sidebarMessages[lang][key];
        expect(placeholders(text), `${lang} ${key}`).toEqual(placeholders(en));
        for (const m of text.matchAll(/\{\w+:([^}]*)\}/g)) expect(m[1].split('|'), `${lang} ${key}`).toHaveLength(3);
      }
      for (const m of en.matchAll(/\{\w+:([^}]*)\}/g)) expect(m[1].split('|'), `en ${key}`).toHaveLength(2);
    }
  });

  it('the catalogue hands every sidebar label to the sidebar', () => {
    for (const lang of LANGS) {
      const all = messagesOf(lang);
      for (const key of Object.keys(sidebarMessages[lang]))
        expect(all[key as MessageKey]).toBe(sidebarMessages[lang][key as keyof typeof sidebarMessages.en]);
    }
  });

  it('every sb.* key the sidebar code names is in the catalogue', () => {
    const dir = path.join(projectRoot, 'sidebar');
    const keys = new Set<string>();
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.ts'))) {
      for (const m of readFileSync(path.join(dir, file), 'utf8').matchAll(/'(sb\.[\w.]+)'/g)) keys.add(m[1]);
    }
    expect(keys.size).toBeGreaterThan(50);
    for (const key of keys) expect(sidebarMessages.en, key).toHaveProperty([key]);
  });

  it('every other catalogue key the sidebar code names (sched.*, report.*) is in every language', () => {
    const dir = path.join(projectRoot, 'sidebar');
    const keys = new Set<string>();
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.ts'))) {
      for (const m of readFileSync(path.join(dir, file), 'utf8').matchAll(/'((?:sched|mail|log)\.[\w.]+)'/g)) keys.add(m[1]);
    }
    expect([...keys]).toEqual(
      expect.arrayContaining([
        'sched.title',
        'sched.field.fallback',
        'sched.field.keepCurrent',
        'sched.err.email',
        'sched.err.noRecipients',
      ]),
    );
    for (const lang of LANGS) for (const key of keys) expect(messagesOf(lang)[key as MessageKey], `${lang} ${key}`).toBeTruthy();
  });
});

describe('one term for unreadable rows in each language', () => {
  // The report header, the sidebar's count and its list of problems name the same rows.
  const keys: MessageKey[] = ['report.unreadableRows', 'sb.data.unreadable', 'sb.data.problemsTitle'];
  const terms = { en: /unreadable/i, ru: /нечитаем/i, uk: /нечитабельн/i } as const;
  // Other words for them that were in use: "unread", "not read".
  const others = { en: /\bunread\b/i, ru: /непрочитан|не прочитан/i, uk: /непрочитан|не прочитан/i } as const;

  it('every message about them uses the term, and no message uses another word for them', () => {
    for (const lang of LANGS) {
      for (const key of keys) expect(catalogueT(lang, key), `${lang} ${key}`).toMatch(terms[lang]);
      const all = messagesOf(lang) as Record<string, string>;
      expect(Object.entries(all).filter(([, text]) => others[lang].test(text))).toEqual([]);
    }
  });
});

describe('format: the catalogue formatter in the browser', () => {
  it('picks Russian and Ukrainian plural forms one / few / many', () => {
    const ru = messagesOf('ru');
    const rows = (n: number): string => format('ru', ru, 'sb.data.rowsTotal', { n });
    expect(rows(1)).toBe('1 строка под заголовком');
    expect(rows(3)).toBe('3 строки под заголовком');
    expect(rows(5)).toBe('5 строк под заголовком');
    expect(rows(11)).toBe('11 строк под заголовком');
    expect(rows(21)).toBe('21 строка под заголовком');
    expect(rows(112)).toBe('112 строк под заголовком');
    const uk = messagesOf('uk');
    expect(format('uk', uk, 'sb.actions.allDone', { n: 2, seconds: '3,5' })).toBe('Готово: 2 звіти за 3,5 с.');
    expect(format('uk', uk, 'sb.actions.allDone', { n: 14, seconds: '1' })).toBe('Готово: 14 звітів за 1 с.');
    expect(format('en', messagesOf('en'), 'sb.actions.allDone', { n: 1, seconds: '2' })).toBe('Done: 1 report in 2 s.');
  });

  it('agrees with the catalogue t() on every sidebar message, language and count', () => {
    for (const lang of LANGS) {
      const messages = messagesOf(lang);
      for (const key of Object.keys(sidebarMessages.en) as MessageKey[]) {
        for (const n of [0, 1, 2, 4, 5, 11, 12, 21, 22, 25, 101, 111, 999]) {
          const params = {
            n,
            i: 2,
            fields: 'Date',
            sheet: 'S',
            seconds: '1',
            summary: 'x',
            label: 'L',
            step: 'M',
            today: 'T',
            from: 'a',
            to: 'b',
            row: '17',
            column: 'Дата',
            value: 'v',
            reason: 'r',
            day: 'D',
            hour: '08:00',
            time: 'now',
            period: '2026-W48',
            sent: 3,
            skipped: 1,
            notSent: 2,
            customers: 123,
            error: 'E',
            user: 'u@example.com',
            date: 'D',
          };
          expect(format(lang, messages, key, params), `${lang} ${key} ${n}`).toBe(catalogueT(lang, key, params));
        }
      }
    }
  });

  it('pluralIndex matches the catalogue for 0..1000', () => {
    for (const lang of LANGS) {
      for (let n = 0; n <= 1000; n++) {
        const forms = lang === 'en' ? 'a|b' : 'a|b|c';
        const messages = { 'sb.data.rowsTotal': `{n:${forms}}` } as Record<MessageKey, string>;
        expect('abc'[pluralIndex(lang, n)]).toBe(format(lang, messages, 'sb.data.rowsTotal', { n }));
      }
    }
  });

  it('writes numbers with the language grouping and shows a missing label as its key', () => {
    expect(format('en', { 'sb.data.moreProblems': 'and {n} more' }, 'sb.data.moreProblems', { n: 12345 })).toBe('and 12,345 more');
    expect(format('ru', { 'sb.data.moreProblems': '{n}' }, 'sb.data.moreProblems', { n: 12345 })).toMatch(/^12\s345$/);
    expect(format('en', {}, 'sb.title')).toBe('sb.title');
  });

  it('inserts user data as given: the text is never parsed, so markup stays text', () => {
    const text = format('en', messagesOf('en'), 'sb.data.problem', { row: '17', column: 'Дата', value: `"${XSS_VALUE}"`, reason: '{n}' });
    expect(text).toBe(`row 17, Дата: "${XSS_VALUE}" — {n}`);
  });
});

describe('parameters form <-> settings', () => {
  it('the defaults come back unchanged, exact 4/3 included', () => {
    const { settings, problems } = readSettingsForm(formOf(defaults), defaults, texts);
    expect(problems).toEqual({});
    expect(settings).toEqual({ ...defaults, actions: {} });
    expect(settings.lostFactor).toBe(4 / 3);
    expect(read({ lostFactor: '1.34' }).settings.lostFactor).toBe(1.34);
  });

  it('lost factor: shown with two decimals, as the Lost customers sheet and the hint show it; 1.33 left as shown stays exactly 4/3', () => {
    expect(formOf(defaults).lostFactor).toBe('1.33');
    expect(formOf({ ...defaults, lostFactor: 1.5 }).lostFactor).toBe('1.5');
    expect(read({ lostFactor: '1.33' }).settings.lostFactor).toBe(4 / 3);
    expect(read({ lostFactor: '1.3334' }).settings.lostFactor).toBe(1.3334);
  });

  it('shows ABC bounds as percentages and reads them back as shares', () => {
    expect(formOf(defaults).abcA).toBe('80');
    expect(formOf(defaults).abcB).toBe('95');
    const { settings, problems } = read({ abcA: '70', abcB: '90,5' });
    expect(problems).toEqual({});
    expect(settings.abcBounds).toEqual([0.7, 0.905]);
  });

  it('an empty as-of date is today (null); a date is kept', () => {
    expect(read({ asOf: '' }).settings.asOf).toBeNull();
    expect(read({ asOf: '2024-03-31' }).settings.asOf).toBe('2024-03-31');
    expect(read({ asOf: '2024-02-30' }).problems.asOf?.key).toBe('sb.err.date');
  });

  it('count bands: whole numbers, 2 <= Prospective < Regular (docs/definitions.md: the as-of date)', () => {
    expect(read({ prospectiveFrom: '3', regularFrom: '6' }).settings.countBands).toEqual([3, 6]);
    expect(read({ prospectiveFrom: '1' }).problems.countBands?.key).toBe('sb.err.countBands');
    expect(read({ regularFrom: '2' }).problems.countBands?.key).toBe('sb.err.countBands');
    expect(read({ regularFrom: '4.5' }).problems.countBands?.key).toBe('sb.err.countBands');
    expect(read({ regularFrom: '' }).problems.countBands?.key).toBe('sb.err.countBands');
  });

  it('recency bands: whole days, 0 <= Active < Sleeping', () => {
    expect(read({ activeTo: '30', sleepingTo: '90' }).settings.recencyBands).toEqual([30, 90]);
    expect(read({ activeTo: '0', sleepingTo: '1' }).problems).toEqual({});
    expect(read({ activeTo: '-1' }).problems.recencyBands?.key).toBe('sb.err.recencyBands');
    expect(read({ activeTo: '180' }).problems.recencyBands?.key).toBe('sb.err.recencyBands');
  });

  it('ABC bounds: 0 < A < B <= 100%', () => {
    expect(read({ abcA: '95', abcB: '80' }).problems.abcBounds?.key).toBe('sb.err.abcBounds');
    expect(read({ abcB: '101' }).problems.abcBounds?.key).toBe('sb.err.abcBounds');
    expect(read({ abcA: '0' }).problems.abcBounds?.key).toBe('sb.err.abcBounds');
    expect(read({ abcB: '100' }).problems).toEqual({});
  });

  it('XYZ: purchase regularity by default with one bound; revenue per period with one or two rising bounds', () => {
    expect(read({}).settings).toMatchObject({ xyzBasis: 'intervals', xyzBounds: [0.5] });
    expect(read({ xyzBound1: '0,3' }).settings.xyzBounds).toEqual([0.3]);
    // The second bound belongs to the revenue method: with intervals it is not read.
    expect(read({ xyzBound1: '0.1', xyzBound2: '0.25' }).settings.xyzBounds).toEqual([0.1]);
    expect(read({ xyzBasis: 'revenue', xyzBound1: '0.1', xyzBound2: '0.25' }).settings).toMatchObject({
      xyzBasis: 'revenue',
      xyzBounds: [0.1, 0.25],
    });
    expect(read({ xyzBasis: 'revenue', xyzBound1: '0.25', xyzBound2: '0.1' }).problems.xyzBounds?.key).toBe('sb.err.xyzBounds');
    expect(read({ xyzBound1: '' }).problems.xyzBounds?.key).toBe('sb.err.xyzBounds');
    expect(read({ xyzBound1: '0' }).problems.xyzBounds?.key).toBe('sb.err.xyzBounds');
    expect(read({ xyzPeriod: 'quarter' }).settings.xyzPeriod).toBe('quarter');
    expect(formOf({ ...defaults, xyzBasis: 'revenue', xyzBounds: [0.1, 0.25] })).toMatchObject({
      xyzBasis: 'revenue',
      xyzBound1: '0.1',
      xyzBound2: '0.25',
    });
  });

  it('the lost ratio period: whole days from 7 to 3660, 365 by default', () => {
    expect(read({}).settings.lostPeriodDays).toBe(365);
    expect(read({ lostPeriodDays: '180' }).settings.lostPeriodDays).toBe(180);
    for (const bad of ['', '6', '3661', '90.5', 'year'])
      expect(read({ lostPeriodDays: bad }).problems.lostPeriodDays?.key).toBe('sb.err.lostPeriodDays');
  });

  it('comparison periods: the end date shown is inclusive, settings hold [from, to)', () => {
    const { settings, problems } = read({
      period1From: '2023-01-01',
      period1To: '2023-12-31',
      period2From: '2024-01-01',
      period2To: '2024-02-29',
    });
    expect(problems).toEqual({});
    expect(settings.comparison).toEqual({
      period1: { from: '2023-01-01', to: '2024-01-01' },
      period2: { from: '2024-01-01', to: '2024-03-01' },
    });
    expect(formOf(settings)).toMatchObject({ period1To: '2023-12-31', period2To: '2024-02-29' });
    expect(read({}).settings.comparison).toBeNull();
    expect(read({ period1From: '2023-01-01' }).problems.comparison?.key).toBe('sb.err.comparisonIncomplete');
    expect(
      read({ period1From: '2023-02-01', period1To: '2023-01-31', period2From: '2024-01-01', period2To: '2024-01-01' }).problems.comparison
        ?.key,
    ).toBe('sb.err.periodOrder');
  });

  it('lost factor: a positive number', () => {
    expect(read({ lostFactor: '1,5' }).settings.lostFactor).toBe(1.5);
    expect(read({ lostFactor: '0' }).problems.lostFactor?.key).toBe('sb.err.lostFactor');
    expect(read({ lostFactor: 'abc' }).problems.lostFactor?.key).toBe('sb.err.lostFactor');
  });

  it('suggested actions: the default text is the report label, unless the server gives one', () => {
    expect(texts.new_active).toBe(messagesOf('en')['report.action.new_active' as MessageKey]);
    expect(texts.regular_lapsed.length).toBeGreaterThan(0);
    expect(defaultActions({ ...defaults, actions: { new_active: 'Welcome call' } }, messagesOf('ru'), SEGMENTS).new_active).toBe(
      'Welcome call',
    );
    expect(defaultActions(defaults, {}, ['new_active'])).toEqual({ new_active: '' });
  });

  it('suggested actions: only texts that differ from the default are saved', () => {
    const form = formOf(defaults);
    expect(form.actions.new_active).toBe(texts.new_active);
    form.actions.regular_lapsed = '  Call them today  ';
    form.actions.new_lapsed = '';
    expect(readSettingsForm(form, defaults, texts).settings.actions).toEqual({ regular_lapsed: 'Call them today' });
    const saved = { ...defaults, actions: { regular_lapsed: 'Call them today' } };
    expect(formOf(saved).actions.regular_lapsed).toBe('Call them today');
  });

  it('keeps the orders sheet and mapping of the base settings', () => {
    const base = { ...defaults, ordersSheet: 'Заказы', mapping: { date: 2, customer: 0, amount: 1 } };
    expect(readSettingsForm(formOf(base), base, texts).settings).toMatchObject({
      ordersSheet: 'Заказы',
      mapping: { date: 2, customer: 0, amount: 1 },
    });
  });

  it('several problems are reported at once, one per field', () => {
    const { problems } = read({ prospectiveFrom: 'x', abcA: '99', lostFactor: '-1' });
    expect(Object.keys(problems).sort()).toEqual(['abcBounds', 'countBands', 'lostFactor']);
  });

  it('property: any valid settings survive settings -> form -> settings', () => {
    const iso = fc
      .date({ min: new Date('2000-01-01'), max: new Date('2030-12-31'), noInvalidDate: true })
      .map((d) => d.toISOString().slice(0, 10));
    const range = fc.tuple(iso, fc.integer({ min: 1, max: 800 })).map(([from, days]) => ({ from, to: addDays(from, days) }));
    const settings = fc.record({
      asOf: fc.option(iso, { nil: null }),
      p: fc.integer({ min: 2, max: 50 }),
      dr: fc.integer({ min: 1, max: 50 }),
      a: fc.integer({ min: 0, max: 400 }),
      ds: fc.integer({ min: 1, max: 400 }),
      abcA: fc.integer({ min: 1, max: 98 }),
      abcGap: fc.integer({ min: 1, max: 99 }),
      x1: fc.integer({ min: 1, max: 200 }),
      x2: fc.option(fc.integer({ min: 1, max: 200 }), { nil: null }),
      period: fc.constantFrom('week', 'month', 'quarter', 'year' as const),
      comparison: fc.option(fc.record({ period1: range, period2: range }), { nil: null }),
      factor: fc.double({ min: 0.1, max: 5, noNaN: true }),
      lostDays: fc.integer({ min: 7, max: 3660 }),
    });
    fc.assert(
      fc.property(settings, (r) => {
        const s: ReportSettings = {
          ...defaults,
          asOf: r.asOf,
          countBands: [r.p, r.p + r.dr],
          recencyBands: [r.a, r.a + r.ds],
          abcBounds: [r.abcA / 100, Math.min(100, r.abcA + r.abcGap) / 100],
          // Two bounds are the revenue method's.
          xyzBasis: r.x2 === null ? 'intervals' : 'revenue',
          xyzBounds: r.x2 === null ? [r.x1 / 100] : [r.x1 / 100, (r.x1 + r.x2) / 100],
          xyzPeriod: r.period,
          comparison: r.comparison,
          lostFactor: r.factor,
          lostPeriodDays: r.lostDays,
          actions: {},
        };
        const back = readSettingsForm(formOf(s), s, texts);
        expect(back.problems).toEqual({});
        expect(back.settings).toEqual(s);
      }),
      { numRuns: 300 },
    );
  });

  it('sameForm tells unsaved changes apart, whatever the key order', () => {
    const a = formOf(defaults);
    const b = Object.fromEntries(Object.entries(a).reverse()) as unknown as SettingsForm;
    expect(sameForm(a, b)).toBe(true);
    expect(sameForm(a, { ...a, abcA: '70' })).toBe(false);
    expect(sameForm(a, { ...a, actions: { ...a.actions, new_active: 'x' } })).toBe(false);
    expect(sameForm(a, { ...a, actions: { ...a.actions, new_active: ` ${a.actions.new_active} ` } })).toBe(true);
  });

  it('server field errors find their field', () => {
    expect(fieldOfError('lostFactor')).toBe('lostFactor');
    expect(fieldOfError('comparison.period1.from')).toBe('comparison');
    expect(fieldOfError('abcBounds[1]')).toBe('abcBounds');
    expect(fieldOfError('ordersSheet')).toBeNull();
  });

  it('numbers and dates as typed', () => {
    expect(parseNumber('1 000,5')).toBe(1000.5);
    expect(parseNumber('0.25')).toBe(0.25);
    expect(parseNumber('')).toBeNull();
    expect(parseNumber('1e3')).toBeNull();
    expect(parseNumber('1,2,3')).toBeNull();
    expect(isIsoDate('2024-02-29')).toBe(true);
    expect(isIsoDate('2023-02-29')).toBe(false);
    expect(isIsoDate('05.03.2024')).toBe(false);
    expect(addDays('2023-12-31', 1)).toBe('2024-01-01');
    expect(addDays('2024-03-01', -1)).toBe('2024-02-29');
  });
});

describe('weekly e-mail form <-> schedule', () => {
  const saved = (patch: Partial<ScheduleSettings> = {}): ScheduleSettings => ({ ...defaultSchedule(), ...patch });
  const stateOf = (schedule: ScheduleSettings, managers: string[]): ScheduleState => ({
    schedule,
    defaults: defaultSchedule(),
    on: false,
    managers,
    lastRun: null,
    quota: 100,
    user: 'me@example.com',
    authorization: null,
  });

  it('shows one row per manager of the orders, pre-filled from the saved addresses, then saved ones no longer in the orders', () => {
    const form = scheduleToForm(saved({ recipients: { Anna: 'anna@example.com', Gone: 'gone@example.com' } }), ['Anna', 'Boris']);
    expect(form.recipients).toEqual([
      { manager: 'Anna', email: 'anna@example.com' },
      { manager: 'Boris', email: '' },
      { manager: 'Gone', email: 'gone@example.com' },
    ]);
    expect(form).toMatchObject({ hour: '8', fallbackEmail: '', language: '', allClear: false, keepReportsCurrent: false });
  });

  it('the defaults come back unchanged', () => {
    const { schedule, problems } = readScheduleForm(scheduleToForm(saved(), ['Anna']));
    expect(problems).toEqual({});
    expect(schedule).toEqual(saved());
    expect(sameSchedule(scheduleToForm(saved(), ['Anna']), saved())).toBe(true);
  });

  it('trims addresses and drops empty ones', () => {
    const form = {
      ...scheduleToForm(saved(), ['Anna', 'Boris', 'Вера']),
      fallbackEmail: '  boss@example.com ',
      language: 'uk' as const,
      allClear: true,
      keepReportsCurrent: true,
      hour: '23',
    };
    form.recipients[0].email = ' anna@example.com ';
    form.recipients[2].email = 'vera@пример.example'.replace('пример', 'primer');
    const { schedule, problems } = readScheduleForm(form);
    expect(problems).toEqual({});
    expect(schedule).toEqual({
      hour: 23,
      recipients: { Anna: 'anna@example.com', Вера: 'vera@primer.example' },
      fallbackEmail: 'boss@example.com',
      language: 'uk',
      allClear: true,
      keepReportsCurrent: true,
    });
  });

  it('flags every invalid address under its manager and the fallback, all at once', () => {
    const form = scheduleToForm(saved(), ['Anna', 'J. Smith', XSS_MANAGER]);
    form.recipients[0].email = 'anna@example';
    form.recipients[1].email = 'j smith@example.com';
    form.recipients[2].email = 'bob@example.com';
    form.fallbackEmail = 'boss@@example.com';
    const { problems } = readScheduleForm(form);
    expect(Object.keys(problems).sort()).toEqual(['fallbackEmail', 'recipients.Anna', 'recipients.J. Smith']);
    expect(problems['recipients.Anna']).toEqual({ key: 'sched.err.email', params: { manager: 'Anna', value: 'anna@example' } });
    expect(catalogueT('en', problems['recipients.J. Smith'].key, problems['recipients.J. Smith'].params)).toBe(
      'Address of J. Smith: "j smith@example.com" is not an e-mail address',
    );
    expect(problems.fallbackEmail).toEqual({ key: 'sched.err.address', params: { value: 'boss@@example.com' } });
  });

  it('an hour outside 0..23 is a problem', () => {
    const form = scheduleToForm(saved(), []);
    expect(readScheduleForm({ ...form, hour: '24' }).problems.hour?.key).toBe('sched.err.hour');
    expect(readScheduleForm({ ...form, hour: '' }).problems.hour?.key).toBe('sched.err.hour');
  });

  it('the address check agrees with the server, on examples and on generated addresses', () => {
    const examples = [
      'a@b.co',
      'first.last+tag@sub.example.org',
      "o'neil@example.ie",
      'a@b',
      'a@@b.com',
      'a b@c.com',
      'a..b@c.com',
      'a@-b.com',
      'a@b-.com',
      '@b.com',
      'a@',
      'ä@b.com',
      'a@b.c-m',
      `${'x'.repeat(250)}@b.co`,
      '<b>@x.com',
      'a@b.com\n',
    ];
    for (const e of examples) expect(isEmail(e), e).toBe(serverIsEmail(e));
    fc.assert(fc.property(fc.emailAddress(), (e) => isEmail(e) === serverIsEmail(e)));
    fc.assert(fc.property(fc.string(), (e) => isEmail(e) === serverIsEmail(e)));
  });

  it('a new state keeps what was typed for managers still there and pre-fills new ones', () => {
    const draft = scheduleToForm(saved({ recipients: { Anna: 'anna@example.com' } }), ['Anna', 'Boris']);
    draft.recipients[1].email = 'typed@example';
    draft.fallbackEmail = 'f@example.com';
    const next = mergeForm(
      draft,
      stateOf(saved({ recipients: { Anna: 'anna@example.com', Dina: 'dina@example.com' } }), ['Boris', 'Dina']),
    );
    expect(next.recipients).toEqual([
      { manager: 'Boris', email: 'typed@example' },
      { manager: 'Dina', email: 'dina@example.com' },
      { manager: 'Anna', email: 'anna@example.com' },
    ]);
    expect(next.fallbackEmail).toBe('f@example.com');
  });

  it('tells unsaved changes apart, ignoring blank rows and spacing', () => {
    const base = saved({ recipients: { Anna: 'anna@example.com' } });
    const form = scheduleToForm(base, ['Anna', 'Boris']);
    expect(sameSchedule(form, base)).toBe(true);
    expect(
      sameSchedule(
        {
          ...form,
          recipients: [
            { manager: 'Anna', email: ' anna@example.com ' },
            { manager: 'Boris', email: '' },
          ],
        },
        base,
      ),
    ).toBe(true);
    expect(
      sameSchedule(
        {
          ...form,
          recipients: [
            { manager: 'Anna', email: 'anna@example.com' },
            { manager: 'Boris', email: 'b@example.com' },
          ],
        },
        base,
      ),
    ).toBe(false);
    expect(sameSchedule({ ...form, allClear: true }, base)).toBe(false);
    expect(sameSchedule({ ...form, keepReportsCurrent: true }, base)).toBe(false);
    expect(sameSchedule({ ...form, hour: '9' }, base)).toBe(false);
    expect(sameSchedule({ ...form, language: 'ru' }, base)).toBe(false);
  });

  it('server errors find their field', () => {
    expect(scheduleErrorField('recipients.J. Smith')).toEqual({ manager: 'J. Smith' });
    expect(scheduleErrorField('fallbackEmail')).toBe('fallbackEmail');
    expect(scheduleErrorField('hour')).toBe('when');
    expect(scheduleErrorField('keepReportsCurrent')).toBe('keepReportsCurrent');
    expect(scheduleErrorField('recipients')).toBe('recipients');
    expect(scheduleErrorField('schedule')).toBeNull();
  });

  it('nobody to send to: no address and no fallback', () => {
    expect(noRecipients(saved())).toBe(true);
    expect(noRecipients(saved({ fallbackEmail: 'f@example.com' }))).toBe(false);
    expect(noRecipients(saved({ recipients: { A: 'a@example.com' } }))).toBe(false);
    expect(hourText(8)).toBe('08:00');
    expect(hourText(23)).toBe('23:00');
  });
});

describe('column mapping', () => {
  it('is saved as null while it equals the detected one, so it follows the headers', () => {
    expect(mappingToSave({ date: 0, customer: 1, amount: 2 }, { amount: 2, customer: 1, date: 0 })).toBeNull();
    expect(mappingToSave({ date: 0, customer: 1, amount: 3 }, { date: 0, customer: 1, amount: 2 })).toEqual({
      date: 0,
      customer: 1,
      amount: 3,
    });
    expect(mappingToSave({ date: 0, customer: 1 }, { date: 0, customer: 1, amount: 2 })).toEqual({ date: 0, customer: 1 });
  });

  it('names columns by letter', () => {
    expect([0, 1, 25, 26, 27, 51, 52, 701, 702].map(columnLetter)).toEqual(['A', 'B', 'Z', 'AA', 'AB', 'AZ', 'BA', 'ZZ', 'AAA']);
  });
});

describe('rebuild all', () => {
  const segments = SEGMENTS.map((key) => ({ key, label: key, customers: 1 }));

  it('builds the matrix, migration, lost customers and what-if, the Managers, then trends, the repeat funnel and key customers, in that order, then the campaigns', () => {
    expect(rebuildPlan([], segments)).toEqual([
      { kind: 'matrix' },
      { kind: 'migration' },
      { kind: 'lost' },
      { kind: 'whatIf' },
      { kind: 'managers' },
      { kind: 'trends' },
      { kind: 'funnel' },
      { kind: 'keyCustomers' },
      { kind: 'campaigns' },
    ]);
  });

  it("is the server's plan: the menu's rebuild all builds the same steps", () => {
    const reports = [{ key: 'segmentList:new_active', name: 'D' }];
    expect(rebuildPlan(reports, segments)).toEqual(
      fullRebuildPlan(
        ['segmentList:new_active'],
        segments.map((s) => s.key),
      ),
    );
  });

  it('then refreshes every segment list the document already has, once, and the campaigns last', () => {
    const reports = [
      { key: 'matrix', name: 'Segments' },
      { key: 'segmentList:regular_lapsed', name: 'A' },
      { key: 'segmentList:regular_lapsed', name: 'B' },
      { key: 'segmentList:no_such_segment', name: 'C' },
      { key: 'segmentList:new_active', name: 'D' },
    ];
    expect(rebuildPlan(reports, segments).slice(8)).toEqual([
      { kind: 'segmentList', segment: 'regular_lapsed' },
      { kind: 'segmentList', segment: 'new_active' },
      { kind: 'campaigns' },
    ]);
  });
});

describe('call(): the promise wrapper over google.script.run', () => {
  const g = globalThis as { google?: unknown };
  afterEach(() => delete g.google);

  it('resolves with the server result, sent and returned as JSON', async () => {
    const server = createMockServer({ lang: 'uk' });
    installMockRun(globalThis, server, 0);
    const state = await call('sidebarLoad');
    expect(state.lang).toBe('uk');
    expect(state.messages['sb.data.title']).toBe('Дані');
    const info = await call('sidebarInspect', 'Orders', { date: 0, customer: 1 });
    expect(info.missing).toEqual(['amount']);
    expect(server.calls.map((c) => c.name)).toEqual(['sidebarLoad', 'sidebarInspect']);
  });

  it('rejects with the server message, without the "Exception:" prefix', async () => {
    installMockRun(globalThis, createMockServer({ failBuilds: { lost: 'LOCK_BUSY: another rebuild is running' } }), 0);
    await expect(call('sidebarBuild', { kind: 'lost' })).rejects.toThrow(/^LOCK_BUSY: another rebuild is running$/);
  });

  it('rejects when there is no google.script.run', async () => {
    await expect(call('sidebarLoad')).rejects.toThrow(/google\.script\.run/);
  });

  it('errorText strips Apps Script prefixes and reads non-Error failures', () => {
    expect(errorText(new Error('Exception: Error: no date column'))).toBe('no date column');
    expect(errorText({ message: 'UserError: bad' })).toBe('bad');
    expect(errorText('plain')).toBe('plain');
  });
});

describe('dist/Sidebar.html', () => {
  const file = path.join(projectRoot, 'dist', 'Sidebar.html');
  const sources = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
      e.isDirectory() ? sources(path.join(dir, e.name)) : e.name.endsWith('.ts') ? [path.join(dir, e.name)] : [],
    );

  it('is one self-contained, small file: nothing linked, no mock server inside', () => {
    expect(existsSync(file), 'run npm run build first').toBe(true);
    const html = readFileSync(file, 'utf8');
    expect(html).not.toMatch(/<script[^>]*\bsrc=/i);
    expect(html).not.toMatch(/<link[^>]*\bhref=/i);
    expect(html).not.toMatch(/gstatic|googleapis|https?:\/\//i);
    expect(html).not.toContain('__mockOptions');
    expect(html).not.toContain('window.__xss');
    // 52 KB before the Campaigns section (issue 14), 62 KB with it: the limit catches a bundled catalogue or mock (hundreds of KB).
    expect(html.length).toBeLessThan(70_000);
  });

  it('the sidebar code never writes HTML from strings', () => {
    for (const f of sources(path.join(projectRoot, 'sidebar'))) {
      const code = readFileSync(f, 'utf8');
      expect(code, f).not.toMatch(/\.(innerHTML|outerHTML)\s*=|insertAdjacentHTML|document\.write|createContextualFragment/);
    }
  });
});

// ---------------------------------------------------------------- in a real browser

describe('the built sidebar in Chromium, over the mock server', () => {
  let browser: import('playwright-core').Browser;
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

  async function open(options: Record<string, unknown> = {}) {
    const page = await browser.newPage({ viewport: { width: 300, height: 800 }, timezoneId: 'Europe/London', locale: 'en-US' });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('dialog', (d) => {
      errors.push(`dialog: ${d.message()}`);
      void d.dismiss();
    });
    await page.addInitScript(`window.__mockOptions = ${JSON.stringify({ timing: 0, ...options })};\n${mockScript}`);
    const html = readFileSync(path.join(projectRoot, 'dist', 'Sidebar.html'), 'utf8');
    await page.route('http://sidebar.test/', (r) => r.fulfill({ contentType: 'text/html; charset=utf-8', body: html }));
    await page.goto('http://sidebar.test/');
    if (options.timing === 'held') await settle(page);
    await page.waitForSelector('#build-matrix');
    return { page, errors };
  }

  // Under `timing: 'held'` a server call answers only when the test lets it, so a
  // test sees the sidebar mid-call however slow the machine is.
  type Gate = { pending(): number; release(all?: boolean): number };
  const gate = (): Gate => (window as unknown as { __mockGate: Gate }).__mockGate;
  /** Waits until a call is waiting, then answers the oldest one. */
  async function releaseOne(page: import('playwright-core').Page): Promise<void> {
    await page.waitForFunction(`(${gate.toString()})().pending() > 0`);
    await page.evaluate(`(${gate.toString()})().release()`);
  }
  /** Answers calls, including those the answers lead to, until none is waiting. */
  async function settle(page: import('playwright-core').Page): Promise<void> {
    await page.evaluate(`(async () => {
      const g = (${gate.toString()})();
      const turn = () => new Promise((r) => setTimeout(r, 0));
      for (let idle = 0; idle < 3; ) {
        if (g.pending() > 0) { g.release(true); idle = 0; } else idle++;
        await turn();
      }
    })()`);
  }

  it('old orders: the data section says every customer is Lapsed and which as-of date to use', async () => {
    for (const [lang, text] of [
      [
        'en',
        'The last order is 886 days before the as-of date: every customer comes out Lapsed. To see the data as it was then, set the as-of date to',
      ],
      ['ru', 'Последний заказ — за 886 дней до даты расчёта: все клиенты выходят «Уснувшими».'],
      ['uk', 'Останнє замовлення — за 886 днів до дати розрахунку: усі клієнти виходять «Сплячими».'],
    ] as const) {
      const { page, errors } = await open({ lang, stale: true });
      expect(await page.textContent('#data-stale')).toContain(text);
      expect(await page.textContent('#data-stale')).toMatch(/2024|29/);
      expect(errors).toEqual([]);
      await page.close();
    }
    const { page } = await open({ lang: 'en' });
    expect(await page.locator('#data-stale').count()).toBe(0);
    await page.close();
  });

  it('shows the data, with markup from the sheet as plain text, in 300 px', async () => {
    const { page, errors } = await open({ lang: 'ru', settingsWarning: 'Stored <i>settings</i> were old' });
    expect(await page.textContent('#settings-warning')).toBe('Stored <i>settings</i> were old');
    await page.click('#mapping > summary');
    expect(await page.textContent('#section-data h2')).toBe('Данные');
    expect(await page.locator('#orders-sheet option').allTextContents()).toEqual(['Orders', XSS_SHEET, 'Лист 3']);
    expect(await page.locator('#map-date option').allTextContents()).toContain(`E: ${XSS_HEADER}`);
    expect(await page.locator('#data-problems li').first().textContent()).toBe('строка 17, Дата: "32.13.2024" — не дата');
    expect(await page.locator('#data-problems li').nth(1).textContent()).toBe(`строка 40, Сумма: "${XSS_VALUE}" — не число`);
    expect(await page.textContent('#data-more-problems')).toBe('и ещё 3 строки');
    expect(await page.locator('img, b, i, #data script').count()).toBe(0);
    expect(await page.evaluate(() => (window as { __xss?: unknown }).__xss)).toBeUndefined();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(300);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('builds a report: button disabled while it runs, then the summary as text', async () => {
    const { page, errors } = await open({ lang: 'en', timing: 'held' });
    await page.click('#build-matrix');
    expect(await page.isDisabled('#build-matrix')).toBe(true);
    await page.waitForSelector('#result-matrix .progress .spinner');
    await settle(page);
    await page.waitForSelector('#result-matrix .result');
    expect(await page.isDisabled('#build-matrix')).toBe(false);
    expect(await page.textContent('#result-matrix .result .summary')).toBe('Built matrix for <b>191</b> customers');
    expect(await page.textContent('#result-matrix .result .secondary')).toBe('Sheet “Report matrix”, 1.2 s');
    await page.selectOption('#segment-select', 'regular_lapsed');
    await page.click('#build-segment');
    await settle(page);
    await page.waitForSelector('#result-segmentList .result');
    expect(await page.getAttribute('#result-segmentList .result', 'data-sheet')).toBe('List: regular_lapsed');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('a report that writes two sheets says "Sheets" and counts two in rebuild all, as the menu does, in en, ru and uk', async () => {
    for (const [lang, done, all] of [
      ['en', 'Sheets “Lifecycle migration”, “ABC-XYZ migration”, 1.2 s', /^Done: 11 reports in /],
      // The mock spreadsheet is en_US: its numbers (1.2), the language's words (docs/definitions.md: the locale rule).
      ['ru', 'Листы «Lifecycle migration», «ABC-XYZ migration», 1.2 с', /^Готово: 11 отчётов за /],
      ['uk', 'Аркуші «Lifecycle migration», «ABC-XYZ migration», 1.2 с', /^Готово: 11 звітів за /],
    ] as const) {
      const { page, errors } = await open({ lang });
      await page.click('#build-migration');
      await page.waitForSelector('#result-migration .result');
      expect(await page.textContent('#result-migration .result .secondary')).toBe(done);
      await page.click('#build-matrix');
      await page.waitForSelector('#result-matrix .result');
      expect(await page.textContent('#result-matrix .result .secondary')).toMatch(
        /^(Sheet “Report matrix”|Лист «Report matrix»|Аркуш «Report matrix»), /,
      );
      // Nine steps, eleven sheets: the migration writes two, the campaigns a worklist and the results.
      await page.click('#rebuild-all');
      await page.waitForSelector('#result-all .footer');
      expect(await page.locator('#result-all .result').count()).toBe(9);
      expect(await page.textContent('#result-all .footer')).toMatch(all);
      expect(errors).toEqual([]);
      await page.close();
    }
  });

  it('the Team group: trends, repeat funnel and key customers, each with its own button and result, in Russian too', async () => {
    const { page, errors } = await open({ lang: 'en' });
    expect(await page.textContent('#group-team summary')).toBe('Team');
    // The group is folded until opened (or one of its reports exists).
    await page.click('#group-team summary');
    expect(await page.locator('#group-team button').allTextContents()).toEqual([
      'Build managers',
      'Build trends',
      'Build repeat funnel',
      'Build key customers',
    ]);
    for (const [button, slot, kind] of [
      ['#build-trends', '#result-trends', 'trends'],
      ['#build-funnel', '#result-funnel', 'funnel'],
      ['#build-keycustomers', '#result-keyCustomers', 'keyCustomers'],
    ]) {
      await page.click(button);
      await page.waitForSelector(`${slot} .result`);
      expect(await page.getAttribute(`${slot} .result`, 'data-sheet')).toBe(`Report ${kind}`);
    }
    const builds = (await mockState(page)).calls.filter((c) => c.name === 'sidebarBuild').map((c) => c.args[0]);
    expect(builds).toEqual([{ kind: 'trends' }, { kind: 'funnel' }, { kind: 'keyCustomers' }]);
    expect(errors).toEqual([]);
    await page.close();
    const ru = await open({ lang: 'ru' });
    expect(await ru.page.textContent('#group-team summary')).toBe('Команда');
    expect(await ru.page.locator('#group-team button').allTextContents()).toEqual([
      'Построить отчёт по менеджерам',
      'Построить динамику',
      'Построить воронку повторных',
      'Построить ключевых клиентов',
    ]);
    await ru.page.close();
  });

  it('shows a failed build as an error in its own section', async () => {
    const { page } = await open({ lang: 'en', failBuilds: { lost: 'LOCK_BUSY: another rebuild is running, try again in a minute' } });
    await page.click('#build-lost');
    await page.waitForSelector('#result-lost .error');
    expect(await page.textContent('#result-lost .error')).toBe('LOCK_BUSY: another rebuild is running, try again in a minute');
    expect(await page.locator('#result-matrix .error, #params-status .error').count()).toBe(0);
    await page.close();
  });

  it('rebuild all with a report that fails says which were rebuilt and which were not', async () => {
    const { page } = await open({
      lang: 'en',
      failBuilds: { lost: 'Lost customers: Service error. Not rebuilt, their previous contents are kept: Lost customers.' },
    });
    await page.click('#rebuild-all');
    await settle(page);
    await page.waitForSelector('#result-all .footer');
    expect(await page.textContent('#result-all .footer')).toMatch(
      /^Done: 10 reports in \d+(\.\d)? s\. 1 report was not built\. Rebuilt: Report matrix, Lifecycle migration, ABC-XYZ migration, Report whatIf, Report managers, Report trends, Report funnel, Report keyCustomers, Worklist: Call, Campaign results\. Not rebuilt \(each message above says which sheets kept their previous contents\): Lost customers\.$/,
    );
    expect(await page.textContent('#result-all .error')).toContain('Not rebuilt, their previous contents are kept: Lost customers.');
    await page.close();
  });

  it('rebuild all runs each report in turn with "i / n" progress', async () => {
    const { page } = await open({ lang: 'en', timing: 'held', reports: [{ key: 'segmentList:new_active', name: 'L' }] });
    await page.click('#rebuild-all');
    await releaseOne(page); // the matrix is built; the migration is running
    await page.waitForFunction(() => document.querySelector('#result-all .progress')?.textContent?.includes('2 / 10: Migration…'));
    expect(await page.isDisabled('#build-matrix')).toBe(true);
    await settle(page);
    await page.waitForSelector('#result-all .footer');
    expect(await page.locator('#result-all .result').count()).toBe(10);
    // Ten steps, twelve sheets: the migration writes two, the campaigns a worklist and the results.
    expect(await page.textContent('#result-all .footer')).toMatch(/^Done: 12 reports in \d+(\.\d)? s\.$/);
    const mock = await page.evaluate(() =>
      (window as unknown as { __mock: { calls: { name: string; args: [{ kind: string }] }[] } }).__mock.calls
        .filter((c) => c.name === 'sidebarBuild')
        .map((c) => c.args[0].kind),
    );
    expect(mock).toEqual([
      'matrix',
      'migration',
      'lost',
      'whatIf',
      'managers',
      'trends',
      'funnel',
      'keyCustomers',
      'segmentList',
      'campaigns',
    ]);
    await page.close();
  });

  it('outlines only the boxes that are wrong: an empty optional box next to a wrong one stays plain', async () => {
    const { page, errors } = await open({ lang: 'en' });
    const invalid = (id: string) => page.evaluate((sel) => document.querySelector(sel)!.classList.contains('invalid'), id);
    // XYZ by revenue: the second bound may be empty; the first is wrong.
    await page.selectOption('#xyz-basis', 'revenue');
    await page.fill('#xyz-bound1', 'abc');
    await page.click('#save-settings');
    expect(await page.textContent('#error-xyzBounds')).not.toBe('');
    expect([await invalid('#xyz-bound1'), await invalid('#xyz-bound2')]).toEqual([true, false]);
    expect(await page.getAttribute('#xyz-bound2', 'aria-invalid')).toBe('false');
    // A second bound that is given and wrong is outlined too.
    await page.fill('#xyz-bound1', '0.3');
    await page.fill('#xyz-bound2', '0.1');
    await page.click('#save-settings');
    expect([await invalid('#xyz-bound1'), await invalid('#xyz-bound2')]).toEqual([true, true]);
    await page.fill('#xyz-bound2', '');
    // Comparison periods half filled: the dates still to fill are outlined, the one given is not.
    await page.fill('#period1-from', '2024-01-01');
    await page.click('#save-settings');
    expect(await page.textContent('#error-comparison')).not.toBe('');
    const periods = ['#period1-from', '#period1-to', '#period2-from', '#period2-to'];
    const marks: boolean[] = [];
    for (const id of periods) marks.push(await invalid(id));
    expect(marks).toEqual([false, true, true, true]);
    // Nothing else on the form is outlined.
    expect(await page.$$eval('.invalid', (els) => els.map((e) => e.id))).toEqual(['period1-to', 'period2-from', 'period2-to']);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('checks parameters in the browser and shows server field errors next to the field', async () => {
    const { page } = await open({ lang: 'en' });
    await page.fill('#count-regular', '1');
    await page.click('#save-settings');
    expect(await page.textContent('#error-countBands')).toBe('Whole numbers, 2 ≤ Prospective < Regular, e.g. 2 and 4.');
    expect(await page.getAttribute('#count-regular', 'class')).toContain('invalid');
    await page.click('#build-matrix');
    await page.waitForSelector('#result-matrix .error');
    expect(await page.textContent('#result-matrix .error')).toBe('The parameters have errors; fix them first.');

    await page.fill('#count-regular', '5');
    await page.fill('#as-of', '2030-01-01');
    await page.click('#save-settings');
    await page.waitForFunction(() => document.querySelector('#error-asOf')?.textContent !== '');
    expect(await page.textContent('#error-asOf')).toBe('The as-of date 2030-01-01 is after today');
    expect(await page.textContent('#error-countBands')).toBe('');

    await page.fill('#as-of', '2024-05-31');
    await page.fill('#abc-a', '70');
    await page.click('#save-settings');
    await page.waitForSelector('#params-status .result');
    const saved = await page.evaluate(() => (window as unknown as { __mock: { settings: ReportSettings } }).__mock.settings);
    expect(saved).toMatchObject({ asOf: '2024-05-31', countBands: [2, 5], abcBounds: [0.7, 0.95], lostFactor: 4 / 3 });
    expect(await page.inputValue('#abc-a')).toBe('70');
    await page.close();
  });

  it('saves unsaved parameters before a build', async () => {
    const { page } = await open({ lang: 'en' });
    await page.fill('#lost-factor', '1.5');
    await page.click('#build-lost');
    await page.waitForSelector('#result-lost .result');
    const calls = await page.evaluate(
      () => (window as unknown as { __mock: { calls: { name: string }[]; settings: ReportSettings } }).__mock,
    );
    expect(calls.settings.lostFactor).toBe(1.5);
    const names = calls.calls.map((c) => c.name);
    expect(names.indexOf('sidebarSaveSettings')).toBeLessThan(names.indexOf('sidebarBuild'));
    await page.close();
  });

  it('suggested actions show the default text and save only what was changed', async () => {
    const { page } = await open({ lang: 'en' });
    await page.click('#segment-actions > summary');
    expect(await page.inputValue('#action-new_active')).toBe(messagesOf('en')['report.action.new_active' as MessageKey]);
    await page.fill('#action-regular_lapsed', 'Call them <today>');
    await page.click('#save-settings');
    await page.waitForSelector('#params-status .result');
    const saved = await page.evaluate(() => (window as unknown as { __mock: { settings: ReportSettings } }).__mock.settings.actions);
    expect(saved).toEqual({ regular_lapsed: 'Call them <today>' });
    expect(await page.inputValue('#action-regular_lapsed')).toBe('Call them <today>');
    await page.close();
  });

  type Calls = { calls: { name: string; args: unknown[] }[]; settings: ReportSettings };
  const mockState = (page: import('playwright-core').Page) =>
    page.evaluate(() => JSON.parse(JSON.stringify((window as unknown as { __mock: Calls }).__mock)) as Calls);

  it('suggests bands from the data: the four values and their reasons as text, nothing saved', async () => {
    const hostile = `<img src=x onerror="window.__xss=4">`;
    const { page, errors } = await open({ lang: 'en', timing: 'held', suggestExplanations: { regular: `Half of the buyers ${hostile}` } });
    expect(await page.textContent('#suggest-bands')).toBe('Suggest from my data');
    expect(await page.locator('#bands-suggestion li, #apply-bands').count()).toBe(0);
    await page.click('#suggest-bands');
    expect(await page.isDisabled('#suggest-bands')).toBe(true);
    await page.waitForSelector('#bands-suggestion .progress .spinner');
    await settle(page);
    await page.waitForSelector('#bands-suggestion li');
    expect(await page.isDisabled('#suggest-bands')).toBe(false);
    const rows = await page.$$eval('#bands-suggestion li', (els) =>
      els.map((e) => [
        (e as HTMLElement).dataset.bound,
        e.querySelector('.suggest-value')?.textContent,
        e.querySelector('.why')?.textContent,
      ]),
    );
    expect(rows).toEqual([
      ['prospective', 'Prospective from: 2 purchases', catalogueT('en', 'model.bands.why.prospective', { share: 63 })],
      ['regular', 'Regular from: 5 purchases', `Half of the buyers ${hostile}`],
      [
        'active',
        'Active up to: 47 days',
        '80% of repeat purchases came within 47 days of the previous one: customers silent no longer than that are Active',
      ],
      ['sleeping', 'Sleeping up to: 151 days', catalogueT('en', 'model.bands.why.sleeping', { share: 95, days: 151 })],
    ]);
    expect(await page.textContent('#apply-bands')).toBe('Apply and save');
    expect(await page.locator('#section-params img').count()).toBe(0);
    expect(await page.evaluate(() => (window as { __xss?: unknown }).__xss)).toBeUndefined();
    // Only suggested: the form and the saved settings are as they were.
    expect(await page.inputValue('#recency-active')).toBe('60');
    const mock = await mockState(page);
    expect(mock.calls.map((c) => c.name)).not.toContain('sidebarSaveSettings');
    expect(mock.settings.recencyBands).toEqual([60, 180]);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(300);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('apply puts the suggested bands into the form and saves them in one click, keeping other edits', async () => {
    const { page, errors } = await open({ lang: 'ru' });
    await page.fill('#lost-factor', '1,5');
    await page.click('#suggest-bands');
    await page.waitForSelector('#apply-bands');
    expect(await page.textContent('#bands-suggestion [data-bound=active] .suggest-value')).toBe('Активные до: 47 дней');
    expect(await page.textContent('#bands-suggestion [data-bound=regular] .suggest-value')).toBe('Постоянные от: 5 покупок');
    expect(await page.textContent('#bands-suggestion [data-bound=prospective] .suggest-value')).toBe('Перспективные от: 2 покупки');
    await page.click('#apply-bands');
    await page.waitForSelector('#bands-suggestion .result');
    expect(await page.textContent('#bands-suggestion .result')).toBe('Применено и сохранено.');
    const mock = await mockState(page);
    expect(mock.settings).toMatchObject({
      countBands: MOCK_SUGGESTION.countBands,
      recencyBands: MOCK_SUGGESTION.recencyBands,
      lostFactor: 1.5,
      abcBounds: [0.8, 0.95],
    });
    const names = mock.calls.map((c) => c.name);
    expect(names.filter((n) => n === 'sidebarSaveSettings')).toHaveLength(1);
    // Saved, then reloaded like a normal save (segment counts follow the bands).
    expect(names.lastIndexOf('sidebarLoad')).toBeGreaterThan(names.indexOf('sidebarSaveSettings'));
    expect([
      await page.inputValue('#count-prospective'),
      await page.inputValue('#count-regular'),
      await page.inputValue('#recency-active'),
      await page.inputValue('#recency-sleeping'),
    ]).toEqual(['2', '5', '47', '151']);
    expect(await page.textContent('#params-status')).toBe('Сохранено.');
    // The suggestion stays on screen; an edit of the form clears "applied".
    expect(await page.locator('#bands-suggestion li').count()).toBe(4);
    await page.fill('#recency-active', '50');
    expect(await page.locator('#bands-suggestion .result').count()).toBe(0);
    // Its sentences are in the language asked for: after a switch it is asked for again.
    await page.selectOption('#lang-select', 'en');
    await page.waitForFunction(() => document.querySelector('#suggest-bands')?.textContent === 'Suggest from my data');
    expect(await page.locator('#bands-suggestion li').count()).toBe(0);
    expect(await page.inputValue('#recency-active')).toBe('50');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('apply does not save when another field is wrong, and says so in the block', async () => {
    const { page } = await open({ lang: 'en' });
    await page.fill('#abc-a', '120');
    await page.click('#suggest-bands');
    await page.click('#apply-bands');
    await page.waitForSelector('#bands-suggestion .error');
    expect(await page.textContent('#bands-suggestion .error')).toBe('Please fix the marked fields.');
    expect(await page.textContent('#error-abcBounds')).toBe('Percentages, 0 < A < B ≤ 100, e.g. 80 and 95.');
    expect(await page.inputValue('#recency-active')).toBe('47');
    expect((await mockState(page)).settings.recencyBands).toEqual([60, 180]);
    await page.close();
  });

  it('a suggestion the data cannot support shows the server message as an error in the block', async () => {
    const message = 'only 3 repeat purchases in the data; at least 10 are needed to suggest bands';
    const { page } = await open({ lang: 'en', failSuggest: message });
    await page.click('#suggest-bands');
    await page.waitForSelector('#bands-suggestion .error');
    expect(await page.textContent('#bands-suggestion .error')).toBe(message);
    expect(await page.locator('#apply-bands, #bands-suggestion li').count()).toBe(0);
    expect(await page.locator('#params-status .error').count()).toBe(0);
    expect(await page.isDisabled('#suggest-bands')).toBe(false);
    await page.close();
  });

  it('model check: default split named in the hint, a chosen date sent, result or error in its own slot, not in rebuild all', async () => {
    const { page, errors } = await open({ lang: 'en', timing: 'held' });
    // As-of date empty: today (2024-06-30), but the mock's orders end on 2024-06-28: the
    // default holdout is the 182 days up to the day after the last order.
    expect(await page.textContent('#model-split-hint')).toBe(
      'The model learns from the purchases before this date and predicts those from it on. Empty: 12/30/2023, 26 weeks before the end of the data (the as-of date, or the last order if earlier).',
    );
    expect(await page.textContent('#action-modelCheck label')).toBe('Model check: split date');
    expect(await page.inputValue('#model-split')).toBe('');
    await page.click('#group-forecast > summary'); // the Forecast group is folded until opened
    await page.click('#build-modelcheck');
    expect(await page.isDisabled('#build-modelcheck')).toBe(true);
    await page.waitForSelector('#result-modelCheck .progress .spinner');
    await settle(page);
    await page.waitForSelector('#result-modelCheck .result');
    expect(await page.textContent('#result-modelCheck .result .summary')).toBe(
      'Predicted <b>412.5</b>, actual 398 repeat purchases from default',
    );
    expect(await page.textContent('#result-modelCheck .result .secondary')).toBe('Sheet “Report modelCheck”, 2.3 s');
    expect(await page.locator('#section-actions b').count()).toBe(0);

    await page.fill('#model-split', '2024-01-15');
    await page.click('#build-matrix');
    await settle(page);
    await page.waitForSelector('#result-matrix .result');
    expect(await page.inputValue('#model-split')).toBe('2024-01-15');
    await page.click('#build-modelcheck');
    await settle(page);
    await page.waitForFunction(() => document.querySelector('#result-modelCheck .summary')?.textContent?.endsWith('2024-01-15'));
    const builds = async () => (await mockState(page)).calls.filter((c) => c.name === 'sidebarBuild').map((c) => c.args[0]);
    expect(await builds()).toEqual([{ kind: 'modelCheck' }, { kind: 'matrix' }, { kind: 'modelCheck', splitDate: '2024-01-15' }]);

    await page.click('#rebuild-all');
    expect(await page.isDisabled('#build-modelcheck')).toBe(true);
    await settle(page);
    await page.waitForSelector('#result-all .footer');
    expect((await builds()).slice(3).map((b) => (b as { kind: string }).kind)).toEqual([
      'matrix',
      'migration',
      'lost',
      'whatIf',
      'managers',
      'trends',
      'funnel',
      'keyCustomers',
      'campaigns',
    ]);
    expect(await page.locator('#result-all .result').count()).toBe(9);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('model check: a failure is shown as an error in its slot', async () => {
    const message = 'Model check: the model cannot be fitted on the purchases before the split date. Only 1 customer bought more than once';
    const { page } = await open({ lang: 'uk', failBuilds: { modelCheck: message } });
    expect(await page.textContent('#build-modelcheck')).toBe('Побудувати перевірку моделі');
    await page.click('#group-forecast > summary');
    await page.click('#build-modelcheck');
    await page.waitForSelector('#result-modelCheck .error');
    expect(await page.textContent('#result-modelCheck .error')).toBe(message);
    expect(await page.locator('#result-modelCheck .result, #result-matrix .error').count()).toBe(0);
    expect(await page.isDisabled('#build-modelcheck')).toBe(false);
    await page.close();
  });

  it('switches the language and re-labels everything, keeping unsaved edits', async () => {
    const { page, errors } = await open({ lang: 'en' });
    expect(await page.textContent('#build-matrix')).toBe('Build segment matrix');
    await page.fill('#abc-b', '90');
    await page.selectOption('#lang-select', 'uk');
    await page.waitForFunction(() => document.querySelector('#build-matrix')?.textContent === 'Побудувати матрицю сегментів');
    expect(await page.textContent('#section-params h2')).toBe('Параметри');
    expect(await page.inputValue('#abc-b')).toBe('90');
    expect(await page.inputValue('#lang-select')).toBe('uk');
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('uk');
    await page.selectOption('#lang-select', '');
    await page.waitForFunction(() => document.querySelector('#section-data h2')?.textContent === 'Данные');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('picking another sheet previews it, saves it and shows why it cannot be read', async () => {
    const { page } = await open({ lang: 'en' });
    await page.selectOption('#orders-sheet', XSS_SHEET);
    await page.waitForSelector('#data-error');
    await page.waitForFunction(() => !(document.querySelector('#orders-sheet') as HTMLSelectElement).disabled);
    expect(await page.textContent('#data-error')).toBe(`No header row naming a date and a customer in "${XSS_SHEET}"`);
    const names = await page.evaluate(() =>
      (window as unknown as { __mock: { calls: { name: string }[] } }).__mock.calls.map((c) => c.name),
    );
    expect(names.filter((n) => n.startsWith('sidebar')).slice(1)).toEqual(['sidebarInspect', 'sidebarSaveSettings', 'sidebarLoad']);
    // The recipients table follows the orders sheet: the schedule is loaded again after the change.
    await page.waitForFunction(
      () =>
        (window as unknown as { __mock: { calls: { name: string }[] } }).__mock.calls.filter((c) => c.name === 'scheduleLoad').length === 2,
    );
    expect(await page.inputValue('#orders-sheet')).toBe(XSS_SHEET);
    await page.close();
  });

  it('edits the column mapping and resets it to the detected one', async () => {
    const { page } = await open({ lang: 'en' });
    await page.click('#mapping > summary');
    await page.selectOption('#map-amount', '');
    await page.waitForSelector('#data-missing');
    expect(await page.textContent('#data-missing')).toBe('Required columns not found: Amount');
    let saved = await page.evaluate(() => (window as unknown as { __mock: { settings: ReportSettings } }).__mock.settings.mapping);
    expect(saved).toEqual({ date: 0, customer: 1, manager: 3, email: 5 });
    await page.waitForFunction(() => !(document.querySelector('#reset-mapping') as HTMLButtonElement).disabled);
    await page.click('#reset-mapping');
    await page.waitForFunction(() => !document.querySelector('#data-missing'));
    saved = await page.evaluate(() => (window as unknown as { __mock: { settings: ReportSettings } }).__mock.settings.mapping);
    expect(saved).toBeNull();
    expect(await page.inputValue('#map-amount')).toBe('2');
    await page.close();
  });

  type MockWindow = {
    __mock: { calls: { name: string; args: unknown[] }[]; schedule: ScheduleSettings; triggers: number; tests: string[] };
    __xss?: unknown;
  };
  const mockOf = (page: import('playwright-core').Page) =>
    page.evaluate(() => JSON.parse(JSON.stringify((window as unknown as MockWindow).__mock)) as MockWindow['__mock']);
  const scheduleCalls = async (page: import('playwright-core').Page) =>
    (await mockOf(page)).calls.filter((c) => c.name.startsWith('schedule') && c.name !== 'scheduleLoad');

  it('weekly e-mails: shows the saved schedule, one address field per manager (names as text), quota and account', async () => {
    const { page, errors } = await open({
      lang: 'en',
      schedule: { recipients: { 'Kate Wilson': 'kate@example.com' }, hour: 9 },
      scheduleOn: true,
      lastRun: {
        at: '2024-06-24T08:05:00.000Z',
        period: '2024-W26',
        sent: 2,
        skipped: 1,
        notSent: 3,
        customers: 57,
        test: false,
        error: 'Quota <b>low</b>',
      },
      quota: 97,
    });
    await page.waitForSelector('#schedule-on');
    expect(await page.textContent('#section-schedule h2')).toBe('Campaign e-mails');
    // Which segments go out when is each campaign's: no segment boxes or weekday here.
    expect(await page.locator('#schedule-segments, #schedule-weekday').count()).toBe(0);
    expect(await page.isChecked('#schedule-keep-current')).toBe(false);
    expect(await page.locator('#schedule-recipients th label').allTextContents()).toEqual(MOCK_MANAGERS);
    expect(await page.inputValue('#sched-to-0')).toBe('kate@example.com');
    expect(await page.inputValue('#sched-to-1')).toBe('');
    expect(await page.getAttribute('#sched-to-2', 'data-manager')).toBe(XSS_MANAGER);
    expect(await page.inputValue('#schedule-hour')).toBe('9');
    expect(await page.textContent('#schedule-status')).toBe('On: every day at 09:00, each campaign on its day');
    expect(await page.textContent('#schedule-last .last-when')).toMatch(/^Last run: 6\/24\/2024 09:05/);
    expect(await page.textContent('#schedule-last .last-counts')).toBe('Sent: 2 · already sent: 1 · not sent: 3 · customers: 57');
    expect(await page.textContent('#schedule-last .last-error')).toBe('Failed: Quota <b>low</b>');
    expect(await page.textContent('#schedule-quota')).toBe('E-mails left today: 97');
    expect(await page.textContent('#schedule-account')).toBe(`Sent from ${MOCK_USER}`);
    expect(await page.isDisabled('#schedule-off')).toBe(false);
    expect(await page.locator('#section-schedule b').count()).toBe(0);
    const ids = await page.$$eval('[id]', (els) => els.map((e) => e.id));
    expect(
      ids.filter((id, i) => ids.indexOf(id) !== i),
      'duplicate ids',
    ).toEqual([]);
    expect(await page.evaluate(() => (window as unknown as MockWindow).__xss)).toBeUndefined();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(300);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('weekly e-mails: an invalid address is flagged when the field is left and blocks saving; nothing reaches the server', async () => {
    const { page } = await open({ lang: 'en' });
    await page.waitForSelector('#schedule-save');
    await page.fill('#sched-to-0', 'kate@example');
    await page.press('#sched-to-0', 'Tab');
    expect(await page.textContent('#sched-to-0-error')).toBe('Address of Kate Wilson: "kate@example" is not an e-mail address');
    expect(await page.getAttribute('#sched-to-0', 'class')).toContain('invalid');
    await page.fill('#schedule-fallback', 'boss at example.com');
    await page.press('#schedule-fallback', 'Tab');
    await page.click('#schedule-save');
    expect(await page.textContent('#schedule-message')).toBe('Please fix the marked fields.');
    expect(await page.textContent('#sched-error-fallbackEmail')).toBe('"boss at example.com" is not an e-mail address');
    expect(await page.textContent('#sched-to-0-error')).toContain('kate@example');
    await page.click('#schedule-on');
    expect(await scheduleCalls(page)).toEqual([]);

    // Fixed: the error goes when the field is left, and the save goes through.
    await page.fill('#sched-to-0', 'kate@example.com');
    await page.press('#sched-to-0', 'Tab');
    expect(await page.textContent('#sched-to-0-error')).toBe('');
    await page.fill('#schedule-fallback', '');
    await page.check('#schedule-keep-current');
    await page.click('#schedule-save');
    await page.waitForSelector('#schedule-message .result');
    expect(await page.textContent('#schedule-message')).toBe('Saved.');
    expect((await mockOf(page)).schedule).toMatchObject({
      keepReportsCurrent: true,
      recipients: { 'Kate Wilson': 'kate@example.com' },
      fallbackEmail: '',
    });
    await page.close();
  });

  it('weekly e-mails: server errors are shown next to their field, others in the status line', async () => {
    const { page } = await open({
      lang: 'en',
      scheduleErrors: { [`recipients.${XSS_MANAGER}`]: 'Bounced <i>last week</i>', schedule: 'Stored schedule is locked' },
    });
    await page.waitForSelector('#schedule-save');
    await page.fill('#sched-to-2', 'bob@example.com');
    await page.click('#schedule-save');
    await page.waitForSelector('#schedule-message .error');
    const slotText = await page.evaluate(
      (name) =>
        Array.from(document.querySelectorAll<HTMLElement>('.field-error')).find((e) => e.dataset.field === `recipients.${name}`)
          ?.textContent,
      XSS_MANAGER,
    );
    expect(slotText).toBe('Bounced <i>last week</i>');
    expect(await page.getAttribute('#sched-to-2', 'aria-invalid')).toBe('true');
    expect(await page.textContent('#schedule-message')).toBe('Stored schedule is locked');
    expect(await page.inputValue('#sched-to-2')).toBe('bob@example.com');
    expect(await page.locator('#section-schedule i').count()).toBe(0);
    await page.close();
  });

  /** The schedule's buttons drawn as the primary one (class "action"). */
  const primaryButtons = (page: import('playwright-core').Page) =>
    page.$$eval('#section-schedule button.action', (els) => els.map((e) => e.id));

  it('weekly e-mails: turn on saves the form and shows "on"; turn on needs someone to send to; turn off', async () => {
    const { page } = await open({ lang: 'en' });
    await page.waitForSelector('#schedule-on');
    expect(await page.textContent('#schedule-status')).toBe('Off: no e-mails are sent');
    expect(await page.isDisabled('#schedule-off')).toBe(true);
    expect(await primaryButtons(page)).toEqual(['schedule-on']);
    await page.click('#schedule-on');
    expect(await page.textContent('#sched-error-recipients')).toBe(
      'No one to send to: give managers an address or set a fallback address.',
    );
    expect(await scheduleCalls(page)).toEqual([]);

    await page.fill('#sched-to-1', '  alexey@example.com ');
    await page.fill('#schedule-fallback', 'boss@example.com');
    await page.selectOption('#schedule-hour', '7');
    await page.selectOption('#schedule-language', 'ru');
    await page.check('#schedule-allclear');
    expect(await page.textContent('#schedule-unsaved')).toBe('Unsaved changes.');
    await page.click('#schedule-on');
    await page.waitForSelector('#schedule-status.status-on');
    expect(await page.textContent('#schedule-status')).toBe('On: every day at 07:00, each campaign on its day');
    expect(await page.textContent('#schedule-message')).toBe('The campaign e-mails are on.');
    // On, the next thing to do is save changes, not turn it on again.
    expect(await primaryButtons(page)).toEqual(['schedule-save']);
    expect(await page.textContent('#sched-error-recipients')).toBe('');
    expect(await page.textContent('#schedule-unsaved')).toBe('');
    const mock = await mockOf(page);
    expect(mock.triggers).toBe(1);
    expect(mock.schedule).toEqual({
      hour: 7,
      recipients: { 'Алексей Смирнов': 'alexey@example.com' },
      fallbackEmail: 'boss@example.com',
      language: 'ru',
      allClear: true,
      keepReportsCurrent: false,
    });
    await page.click('#schedule-off');
    await page.waitForSelector('#schedule-status.status-off');
    expect(await page.textContent('#schedule-message')).toBe('The campaign e-mails are off.');
    expect(await primaryButtons(page)).toEqual(['schedule-on']);
    expect((await mockOf(page)).triggers).toBe(0);
    expect((await scheduleCalls(page)).map((c) => c.name)).toEqual(['scheduleTurnOn', 'scheduleTurnOff']);
    await page.close();
  });

  it('weekly e-mails: send a test saves unsaved changes first, sends once and shows the run', async () => {
    const { page } = await open({ lang: 'en', timing: 'held' });
    await page.waitForSelector('#schedule-test');
    await page.fill('#schedule-fallback', 'boss@example.com');
    await page.click('#schedule-test');
    await page.waitForSelector('#schedule-message .spinner');
    expect(await page.isDisabled('#schedule-on')).toBe(true);
    await settle(page);
    await page.waitForSelector('#schedule-message .result');
    expect(await page.textContent('#schedule-message')).toBe(`Test sent to ${MOCK_USER}: 42 customers.`);
    expect((await scheduleCalls(page)).map((c) => c.name)).toEqual(['scheduleSave', 'scheduleSendTest']);
    const mock = await mockOf(page);
    expect(mock.tests).toEqual([MOCK_USER]);
    expect(mock.schedule.fallbackEmail).toBe('boss@example.com');
    expect(await page.textContent('#schedule-last .last-when')).toMatch(/^Last test: /);
    expect(await page.textContent('#schedule-quota')).toBe('E-mails left today: 99');
    expect(await page.isDisabled('#schedule-on')).toBe(false);
    await page.close();
  });

  it('weekly e-mails: permissions the user did not grant are asked for with a link, before and after a click', async () => {
    const authorization = {
      message:
        'To send the weekly e-mails, the add-on needs your permission to send e-mail as you. Click “Grant access”, allow it, then try again.',
      url: 'https://script.google.com/macros/d/abc/authorize',
      scopes: ['https://www.googleapis.com/auth/script.send_mail'],
    };
    const { page, errors } = await open({ lang: 'en', authorization, quota: 100 });
    await page.waitForSelector('#schedule-authorization');
    expect(await page.textContent('#schedule-authorization p')).toBe(authorization.message);
    expect(await page.getAttribute('#schedule-authorization a', 'href')).toBe(authorization.url);
    expect(await page.getAttribute('#schedule-authorization a', 'target')).toBe('_blank');
    expect(await page.textContent('#schedule-authorization a')).toBe('Grant access');
    await page.fill('#schedule-fallback', 'boss@example.com');
    await page.click('#schedule-on');
    await page.waitForSelector('#schedule-message .error');
    expect(await page.textContent('#schedule-message .error')).toBe(authorization.message);
    expect(await page.getAttribute('#schedule-grant', 'href')).toBe(authorization.url);
    expect((await mockOf(page)).triggers).toBe(0);
    await page.click('#schedule-test');
    await page.waitForSelector('#schedule-message .error');
    expect(await page.textContent('#schedule-message .error')).toBe(authorization.message);
    expect((await mockOf(page)).tests).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('weekly e-mails: a test with no quota left says so', async () => {
    const { page } = await open({ lang: 'en', quota: 0 });
    await page.waitForSelector('#schedule-test');
    await page.click('#schedule-test');
    await page.waitForSelector('#schedule-message .error');
    expect(await page.textContent('#schedule-message')).toBe('The test was not sent: the daily e-mail quota is used up.');
    await page.close();
  });

  it('weekly e-mails: edits survive a language switch and a parameters save', async () => {
    const { page } = await open({ lang: 'en' });
    await page.waitForSelector('#schedule-on');
    await page.fill('#sched-to-0', 'kate@');
    await page.press('#sched-to-0', 'Tab');
    await page.check('#schedule-keep-current');
    await page.selectOption('#lang-select', 'ru');
    await page.waitForFunction(() => document.querySelector('#schedule-on')?.textContent === 'Включить');
    expect(await page.inputValue('#sched-to-0')).toBe('kate@');
    expect(await page.isChecked('#schedule-keep-current')).toBe(true);
    expect(await page.textContent('#section-schedule h2')).toBe('Письма по кампаниям');
    expect(await page.textContent('#schedule-status')).toBe('Выключено: письма не отправляются');
    expect(await page.locator('#schedule-hour option').first().textContent()).toBe('00:00');
    await page.fill('#lost-factor', '1.5');
    await page.click('#save-settings');
    await page.waitForSelector('#params-status .result');
    expect(await page.inputValue('#sched-to-0')).toBe('kate@');
    await page.click('#schedule-save');
    expect(await page.textContent('#sched-to-0-error')).toBe('Адрес менеджера Kate Wilson: «kate@» — не адрес эл. почты');
    await page.close();
  });

  it('campaigns (uk): the list, a new campaign refused with each message beside its field, then saved; on and off', async () => {
    const { page, errors } = await open({ lang: 'uk' });
    await page.waitForSelector('#campaign-list');
    expect(await page.textContent('#section-campaigns h2')).toBe('Кампанії');
    expect(await page.locator('#campaign-list .campaign-name').allTextContents()).toEqual([
      'Нові активні',
      'Будити перспективних',
      'Реактивація постійних',
      'Втрачені A і B',
    ]);
    await page.click('#campaign-add');
    await page.fill('#camp-window', '0');
    await page.fill('#camp-days-min', 'багато');
    await page.click('#campaign-save');
    expect(await page.textContent('#camp-error-target-daysSince')).toBe('«багато» — не число');
    await page.fill('#camp-days-min', '90');
    await page.fill('#camp-days-max', '30');
    await page.click('#campaign-save');
    await page.waitForSelector('#camp-error-name:not(:empty)');
    expect(await page.textContent('#camp-error-name')).toBe('Назва: «»: назва від 1 до 100 символів');
    expect(await page.textContent('#camp-error-target-daysSince')).toBe(
      'Днів від останньої покупки: «{"min":90,"max":30}»: цілі дні від 0 до 36500, перше не більше другого',
    );
    expect(await page.textContent('#camp-error-resultsWindowDays')).toBe('Вікно результату, днів: «0»: ціле число від 1 до 365');
    // Nothing saved: still the four.
    expect((await mockOf(page)).calls.filter((c) => c.name === 'campaignSave')).toHaveLength(1);
    await page.fill('#camp-name', 'Дзвінок <b>');
    await page.fill('#camp-action', 'Зателефонувати');
    await page.fill('#camp-days-max', '365');
    await page.fill('#camp-window', '45');
    await page.selectOption('#camp-cadence', 'monthly');
    await page.fill('#camp-day', '31');
    await page.click('#campaign-save');
    await page.waitForSelector('#campaign-message .result');
    expect(await page.locator('#campaign-list .campaign-name').last().textContent()).toBe('Дзвінок <b>');
    expect(await page.locator('#campaign-list .campaign-when').last().textContent()).toBe('Щомісяця, 31-го числа · дзвінок');
    expect(await page.locator('#section-campaigns b').count()).toBe(0);
    await page.locator('[data-campaign="c1"] .campaign-on').uncheck();
    await page.waitForFunction(() => !document.querySelector('#campaign-message .spinner'));
    const saved = (await mockOf(page)).calls.filter((c) => c.name === 'campaignSave').at(-1)!.args[0] as {
      target: object;
      resultsWindowDays: number;
    };
    expect(saved).toMatchObject({ target: { daysSince: { min: 90, max: 365 } }, resultsWindowDays: 45 });
    expect((await mockOf(page)).calls.at(-1)).toEqual({ name: 'campaignSetEnabled', args: ['c1', false] });
    expect(errors).toEqual([]);
    await page.close();
  });

  it('weekly e-mails: a failed load is shown in the section, with a retry', async () => {
    const { page } = await open({ lang: 'en', failScheduleLoad: 'No access to triggers' });
    await page.waitForSelector('#schedule-load-error');
    expect(await page.textContent('#schedule-load-error')).toBe('No access to triggers');
    expect(await page.locator('#build-matrix').count()).toBe(1);
    await page.click('#schedule-retry');
    await page.waitForFunction(() => (window as unknown as MockWindow).__mock.calls.filter((c) => c.name === 'scheduleLoad').length === 2);
    await page.close();
  });

  it('a failed load is shown as an error, not a blank sidebar', async () => {
    const page = await browser.newPage({ viewport: { width: 300, height: 400 } });
    await page.addInitScript(
      `window.__mockOptions = ${JSON.stringify({ timing: 0, failLoad: 'No access to this spreadsheet' })};\n${mockScript}`,
    );
    const html = readFileSync(path.join(projectRoot, 'dist', 'Sidebar.html'), 'utf8');
    await page.route('http://sidebar.test/', (r) => r.fulfill({ contentType: 'text/html; charset=utf-8', body: html }));
    await page.goto('http://sidebar.test/');
    await page.waitForSelector('#load-error');
    expect(await page.textContent('#load-error')).toBe('No access to this spreadsheet');
    await page.close();
  });
});
