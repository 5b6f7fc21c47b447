// The add-on's own rules, in Node: settings (saved strictly, read leniently), the
// orders tab as the add-on reads it, and how the writer turns a spec into cells.
import { describe, expect, it } from 'vitest';
import { calendarFor } from '../src/core/calendar';
import { dayOfIso, isoOfDay, yearsBefore } from '../src/core/isoDates';
import { localeRules } from '../src/core/values';
import {
  checkSettings,
  defaultSettings,
  parseStoredSettings,
  reportParams,
  serializeSettings,
  SETTINGS_VERSION,
} from '../src/addon/settings';
import { dataInfoOf, looksLikeOrders, readOrdersTable } from '../src/addon/ordersTable';
import { defaultSchedule, normaliseSchedule, scheduleErrors } from '../src/addon/scheduleSettings';
import { defaultCampaigns } from '../src/addon/campaignSettings';
import { applyStyles, boundingBox, cellForSheet, gridForSheet, splitCellBackgrounds } from '../src/gas/writeSheet';

const today = dayOfIso('2026-11-23');
const env = { calendar: calendarFor('Europe/London'), rules: localeRules('ru_RU'), lang: 'en' as const };

describe('ISO dates', () => {
  it('round-trips days and rejects impossible dates', () => {
    expect(isoOfDay(dayOfIso('2024-02-29'))).toBe('2024-02-29');
    expect(dayOfIso('2023-02-29')).toBeNaN();
    expect(dayOfIso('2024-13-01')).toBeNaN();
    expect(dayOfIso('05.03.2024')).toBeNaN();
    expect(isoOfDay(yearsBefore(dayOfIso('2024-02-29'), 1))).toBe('2023-02-28');
  });
});

describe('settings are saved strictly', () => {
  it('accepts the defaults', () => {
    expect(checkSettings(defaultSettings(), 'en', today).errors).toEqual({});
  });

  it('names each invalid field and keeps nothing of them', () => {
    const bad = {
      ...defaultSettings(),
      countBands: [4, 2],
      recencyBands: [60, 'x'],
      abcBounds: [0.95, 0.8],
      xyzBounds: [0.5, 0.1],
      xyzPeriod: 'fortnight',
      asOf: '2024-02-30',
      lostFactor: 0,
      comparison: { period1: { from: '2024-01-01', to: '2023-01-01' }, period2: { from: '2024-01-01', to: '2025-01-01' } },
      mapping: { date: 0, customer: 0 },
      actions: { nobody_knows: 'call' },
    };
    const { errors } = checkSettings(bad, 'en', today);
    expect(Object.keys(errors).sort()).toEqual(
      [
        'abcBounds',
        'actions',
        'asOf',
        'comparison',
        'countBands',
        'lostFactor',
        'mapping',
        'recencyBands',
        'xyzBounds',
        'xyzPeriod',
      ].sort(),
    );
    expect(errors.countBands).toBe('Count bands: needs two whole numbers, the first smaller than the second');
    expect(errors.mapping).toContain('Customer: uses the same column as Date');
    expect(errors.actions).toContain('nobody_knows');
  });

  it('refuses what is not a settings object, an array included, and reads only its own fields', () => {
    for (const input of [null, 5, 'x', [], [defaultSettings()]])
      expect(checkSettings(input, 'en', today).errors).toEqual({ settings: `Invalid settings: ${JSON.stringify(input).slice(0, 100)}.` });
    const polluted = JSON.parse('{"__proto__":{"countBands":[9,10]}}') as object;
    expect(checkSettings(Object.create(polluted), 'en', today).settings.countBands).toEqual([2, 4]);
  });

  it('refuses an as-of date in the future, in a sentence that reads right in each language', () => {
    const future = { ...defaultSettings(), asOf: '2027-01-01' };
    expect(checkSettings(future, 'en', today).errors.asOf).toBe('As-of date: must be today or earlier');
    expect(checkSettings(future, 'ru', today).errors.asOf).toBe('Дата расчёта: должна быть не позже сегодняшнего дня');
    expect(checkSettings(future, 'uk', today).errors.asOf).toBe('Дата розрахунку: має бути не пізніше за сьогоднішній день');
  });

  it('speaks the user language', () => {
    expect(checkSettings({ ...defaultSettings(), lostFactor: -1 }, 'ru', today).errors.lostFactor).toBe(
      'Коэффициент потери: нужно число больше 0',
    );
  });

  it('trims action texts and drops empty ones', () => {
    const { settings } = checkSettings({ ...defaultSettings(), actions: { new_active: '  Call  ', regular_lapsed: '  ' } }, 'en', today);
    expect(settings.actions).toEqual({ new_active: 'Call' });
  });
});

describe('settings are read leniently', () => {
  it('round-trips through the stored JSON with its version', () => {
    const s = { ...defaultSettings(), asOf: '2026-01-31', countBands: [3, 6] as [number, number], ordersSheet: 'Заказы' };
    const schedule = { ...defaultSchedule(), recipients: { Ольга: 'olga@example.com' }, hour: 9 };
    const campaigns = defaultCampaigns('ru');
    campaigns.campaigns[0] = { ...campaigns.campaigns[0], name: 'Новые', cadence: { kind: 'monthly', day: 31 } };
    const text = serializeSettings({ reports: s, schedule, campaigns });
    expect(JSON.parse(text).version).toBe(SETTINGS_VERSION);
    // Saved campaigns are read as saved, whoever reads them.
    expect(parseStoredSettings(text, 'en', today)).toEqual({ reports: s, schedule, campaigns, warning: null });
  });

  it('falls back to defaults with a warning on corrupt JSON or an unknown version', () => {
    const corrupt = parseStoredSettings('{"version":1,', 'en', today);
    expect(corrupt.reports).toEqual(defaultSettings());
    expect(corrupt.schedule).toEqual(defaultSchedule());
    expect(corrupt.warning).toMatch(/^Saved settings could not be read/);
    const future = parseStoredSettings(JSON.stringify({ version: 99, reports: {} }), 'uk', today);
    expect(future.reports).toEqual(defaultSettings());
    expect(future.warning).toContain('version 99');
  });

  it('keeps the valid fields and resets only the invalid ones', () => {
    const text = JSON.stringify({ version: 1, reports: { countBands: [3, 5], recencyBands: 'oops', xyzPeriod: 'quarter' } });
    const { reports: settings, warning } = parseStoredSettings(text, 'en', today);
    expect(settings.countBands).toEqual([3, 5]);
    expect(settings.xyzPeriod).toBe('quarter');
    expect(settings.recencyBands).toEqual([60, 180]);
    expect(warning).toBe('Saved settings had invalid values for Recency bands; defaults are used for them.');
  });

  it('reads nothing stored as the defaults, silently', () => {
    expect(parseStoredSettings(null, 'en', today)).toEqual({
      reports: defaultSettings(),
      schedule: defaultSchedule(),
      campaigns: defaultCampaigns('en'),
      warning: null,
    });
  });
});

describe('stored settings are checked field by field, by type: one bad value never stops the add-on', () => {
  const stored = (schedule: unknown, reports: Record<string, unknown> = {}): string => JSON.stringify({ version: 2, reports, schedule });
  const read = (schedule: unknown, reports: Record<string, unknown> = {}) => parseStoredSettings(stored(schedule, reports), 'en', today);

  it.each([5, null, {}, true, ['a@example.com']])('an address stored as %j is dropped alone, named in the warning', (value) => {
    const result = read({ ...defaultSchedule(), recipients: { Olga: value, Ivan: 'ivan@example.com' }, hour: 9 });
    expect({ ...result.schedule.recipients }).toEqual({ Ivan: 'ivan@example.com' });
    expect(result.schedule.hour).toBe(9);
    expect(result.warning).toBe('Saved settings had invalid values for Campaign e-mails: address of Olga; defaults are used for them.');
  });

  it('an invalid stored address is dropped alone, and the warning names the manager and the value', () => {
    const result = read({ ...defaultSchedule(), recipients: { Olga: 'olga(at)example.com', Ivan: ' ivan@example.com ' } });
    expect({ ...result.schedule.recipients }).toEqual({ Ivan: 'ivan@example.com' });
    expect(result.warning).toContain('address of Olga');
  });

  it('managers named like Object.prototype members are ordinary names', () => {
    const text = `{"version":2,"reports":{},"schedule":{"recipients":{"__proto__":"p@example.com","constructor":"c@example.com","toString":5}}}`;
    const result = parseStoredSettings(text, 'en', today);
    expect(Object.entries(result.schedule.recipients)).toEqual([
      ['__proto__', 'p@example.com'],
      ['constructor', 'c@example.com'],
    ]);
    expect(result.warning).toContain('address of toString');
  });

  it.each([
    ['hour', '8', 'Hour'],
    ['hour', 1e308, 'Hour'],
    ['recipients', ['a@example.com'], 'Recipients'],
    ['recipients', null, 'Recipients'],
    ['fallbackEmail', 7, 'Fallback address'],
    ['fallbackEmail', 'boss@', 'Fallback address'],
    ['language', 'xx', 'Language'],
    ['allClear', 'yes', 'Send a short “all clear” to a manager with nothing to do'],
    ['keepReportsCurrent', 1, 'Keep reports current'],
  ])('a stored %s of %j falls back to its default alone', (field, value, label) => {
    const good = {
      ...defaultSchedule(),
      hour: 9,
      recipients: { Olga: 'olga@example.com' },
      language: 'ru',
      allClear: true,
    };
    const result = read({ ...good, [field]: value });
    expect(result.schedule).toEqual({ ...good, [field]: defaultSchedule()[field as keyof ReturnType<typeof defaultSchedule>] });
    expect(result.warning).toBe(`Saved settings had invalid values for Campaign e-mails: ${label}; defaults are used for them.`);
  });

  it('the segments of a version-2 schedule become campaigns: unknown ones are dropped, the known ones kept', () => {
    const result = read({ ...defaultSchedule(), segments: ['regular_lapsed', 'nobody', 7, 'new_active'], weekday: 'FRIDAY' });
    const on = result.campaigns.campaigns.filter((c) => c.enabled).map((c) => [c.id, c.target.segments, c.cadence]);
    expect(on).toEqual([
      ['onboard', ['new_active'], { kind: 'weekly', weekday: 5 }],
      ['reactivate', ['regular_lapsed'], { kind: 'weekly', weekday: 5 }],
    ]);
  });

  it.each([['a string'], [[1, 2]], [7]])('a schedule stored as %j gives the default schedule with a warning', (schedule) => {
    const result = read(schedule);
    expect(result.schedule).toEqual(defaultSchedule());
    expect(result.warning).toContain('Campaign e-mails');
  });

  it('report settings stored as an array give the defaults with a warning', () => {
    const result = parseStoredSettings(JSON.stringify({ version: 2, reports: [1, 2] }), 'en', today);
    expect(result.reports).toEqual(defaultSettings());
    expect(result.warning).toMatch(/^Saved settings could not be read/);
  });

  it('a stored as-of date after today falls back to today, as the sidebar refuses it', () => {
    const result = read(defaultSchedule(), { asOf: '2099-01-01', countBands: [3, 5] });
    expect(result.reports.asOf).toBeNull();
    expect(result.reports.countBands).toEqual([3, 5]);
    expect(result.warning).toBe('Saved settings had invalid values for As-of date; defaults are used for them.');
    expect(read(defaultSchedule(), { asOf: isoOfDay(today) }).reports.asOf).toBe(isoOfDay(today));
  });
});

describe('a schedule sent by the sidebar is checked by type before anything is read from it', () => {
  it.each([5, null, {}, true])('an address sent as %j is an error for that manager, not a crash', (value) => {
    const errors = scheduleErrors({ ...defaultSchedule(), recipients: { Olga: value, Ivan: 'ivan@example.com' } }, 'en');
    expect(Object.keys(errors)).toEqual(['recipients.Olga']);
    expect(errors['recipients.Olga']).toBe(`Address of Olga: "${JSON.stringify(value)}" is not an e-mail address`);
  });

  it('a manager called __proto__ keeps its address through the check and normalising', () => {
    const input = JSON.parse('{"recipients":{"__proto__":" p@example.com ","Ivan":""}}') as { recipients: Record<string, string> };
    const schedule = { ...defaultSchedule(), recipients: input.recipients };
    expect(scheduleErrors(schedule, 'en')).toEqual({});
    expect(Object.entries(normaliseSchedule(schedule).recipients)).toEqual([['__proto__', 'p@example.com']]);
  });
});

describe('settings of version 1 are migrated: who changed the XYZ method keeps it', () => {
  const v1 = (reports: Record<string, unknown>): string =>
    JSON.stringify({ version: 1, reports, schedule: { ...defaultSchedule(), hour: 7 } });

  it('untouched XYZ settings move to purchase regularity, silently, keeping everything else and the schedule', () => {
    const read = parseStoredSettings(v1({ countBands: [3, 5], xyzBounds: [0.5], xyzPeriod: 'month', lostFactor: 1.5 }), 'en', today);
    expect(read.warning).toBeNull();
    expect(read.reports).toMatchObject({
      countBands: [3, 5],
      xyzBasis: 'intervals',
      xyzBounds: [0.5],
      lostFactor: 1.5,
      lostPeriodDays: 365,
    });
    expect(read.schedule.hour).toBe(7);
    expect(parseStoredSettings(v1({}), 'en', today).reports.xyzBasis).toBe('intervals');
  });

  it('changed bounds or period keep the revenue method they were set for', () => {
    expect(parseStoredSettings(v1({ xyzBounds: [0.1, 0.25] }), 'en', today).reports).toMatchObject({
      xyzBasis: 'revenue',
      xyzBounds: [0.1, 0.25],
    });
    expect(parseStoredSettings(v1({ xyzBounds: [0.3] }), 'en', today).reports).toMatchObject({ xyzBasis: 'revenue', xyzBounds: [0.3] });
    expect(parseStoredSettings(v1({ xyzBounds: [0.5], xyzPeriod: 'quarter' }), 'en', today).reports).toMatchObject({
      xyzBasis: 'revenue',
      xyzPeriod: 'quarter',
    });
  });

  it("saved again, they are the current version (4: with the team layer's fields and the campaigns)", () => {
    const read = parseStoredSettings(v1({ xyzBounds: [0.3] }), 'en', today);
    expect(JSON.parse(serializeSettings(read)).version).toBe(4);
    const again = parseStoredSettings(serializeSettings(read), 'ru', today);
    expect(again.reports).toEqual(read.reports);
    expect(again.campaigns).toEqual(read.campaigns);
  });

  it('stored intervals with two bounds (not a state version 2 writes) fall back to one bound, with a warning', () => {
    const text = JSON.stringify({ version: 2, reports: { xyzBasis: 'intervals', xyzBounds: [0.1, 0.25] } });
    const read = parseStoredSettings(text, 'en', today);
    expect(read.reports.xyzBounds).toEqual([0.5]);
    expect(read.warning).toContain('XYZ bounds');
  });

  it('saving checks the basis against its bounds and the lost period', () => {
    const { errors } = checkSettings({ ...defaultSettings(), xyzBounds: [0.1, 0.25], lostPeriodDays: 3 }, 'en', today);
    expect(errors.xyzBounds).toMatch(/one bound/);
    expect(errors.lostPeriodDays).toMatch(/7 to 3660/);
    expect(checkSettings({ ...defaultSettings(), xyzBasis: 'revenue', xyzBounds: [0.1, 0.25] }, 'en', today).errors).toEqual({});
  });
});

describe('report parameters from settings', () => {
  it('compares the year before the as-of date with the year before that by default', () => {
    const params = reportParams(defaultSettings(), dayOfIso('2026-11-23'));
    const iso = (r: { from: number; to: number }) => [isoOfDay(r.from), isoOfDay(r.to)];
    expect(iso(params.comparison.period1)).toEqual(['2024-11-23', '2025-11-23']);
    expect(iso(params.comparison.period2)).toEqual(['2025-11-23', '2026-11-23']);
    expect(params.bands).toEqual({ prospectiveFrom: 2, regularFrom: 4, activeTo: 60, sleepingTo: 180 });
    expect(params.lost.factor).toBeCloseTo(4 / 3);
    expect(params.abcXyz.basis).toBe('intervals');
    expect([isoOfDay(params.lostPeriod.from), isoOfDay(params.lostPeriod.to)]).toEqual(['2025-11-23', '2026-11-23']);
  });

  it('uses the saved periods and bands', () => {
    const s = {
      ...defaultSettings(),
      countBands: [3, 6] as [number, number],
      comparison: { period1: { from: '2025-01-01', to: '2025-04-01' }, period2: { from: '2025-04-01', to: '2025-07-01' } },
    };
    const params = reportParams(s, today);
    expect(params.bands.prospectiveFrom).toBe(3);
    expect(isoOfDay(params.comparison.period2.to)).toBe('2025-07-01');
  });
});

describe('the orders tab as the add-on reads it', () => {
  const values = [
    ['Дата', 'Клиент', 'Сумма', 'Менеджер'],
    [new Date(Date.UTC(2026, 0, 5)), 'Анна', '1 234,50', 'Ольга'],
    ['06.01.2026', 'Борис', 500, 'Ольга'],
    ['', '', '', ''],
    ['32.13.2026', 'Вера', 100, 'Ольга'],
    [new Date(Date.UTC(2026, 0, 7)), 'Анна', 'много', 'Ольга'],
  ];

  it('finds the columns from Russian headers and reads the rows', () => {
    expect(looksLikeOrders(values[0])).toBe(true);
    expect(looksLikeOrders(['Name', 'City'])).toBe(false);
    const table = readOrdersTable({ sheetName: 'Заказы', values }, null, env, today);
    expect(table.mapping).toEqual({ date: 0, customer: 1, amount: 2, manager: 3 });
    expect(table.missing).toEqual([]);
    expect(table.read.report).toMatchObject({ rows: 4, readRows: 2, unreadableRows: 2, blankRows: 1 });
  });

  it('reports unreadable rows with their sheet row, column and reason', () => {
    const table = readOrdersTable({ sheetName: 'Заказы', values }, null, env, today);
    const info = dataInfoOf(['Заказы'], table, 2, 'en');
    expect(info.problems).toEqual([
      { row: 5, column: 'Дата (A)', value: '"32.13.2026"', reason: 'not a date' },
      { row: 6, column: 'Сумма (C)', value: '"много"', reason: 'not a number' },
    ]);
    expect([info.firstDate, info.lastDate]).toEqual(['2026-01-05', '2026-01-06']);
  });

  it('uses a saved mapping over the headers, and says which field points outside the tab', () => {
    const table = readOrdersTable({ sheetName: 'Заказы', values }, { date: 0, customer: 3, amount: 2 }, env, today);
    expect(table.read.orders.customers.name).toEqual(['Ольга']);
    expect(() => readOrdersTable({ sheetName: 'Заказы', values }, { date: 0, customer: 1, amount: 7 }, env, today)).toThrow(
      'Column H for Amount is outside the orders tab "Заказы", which has 4 columns.',
    );
  });

  it('names the tab and the missing columns', () => {
    expect(() =>
      readOrdersTable(
        {
          sheetName: 'Лист1',
          values: [
            ['Дата', 'Сумма'],
            ['2026-01-01', 5],
          ],
        },
        null,
        env,
        today,
      ),
    ).toThrow('The orders tab "Лист1" has no Customer column. Map it in the sidebar.');
    expect(() => readOrdersTable({ sheetName: 'Лист1', values: [] }, null, env, today)).toThrow('The orders tab "Лист1" is empty.');
  });

  it('reports a missing amount column without failing the read', () => {
    const table = readOrdersTable(
      {
        sheetName: 'A',
        values: [
          ['Date', 'Customer'],
          ['2026-01-01', 'x'],
        ],
      },
      null,
      env,
      today,
    );
    expect(table.missing).toEqual(['amount']);
  });
});

describe('the writer keeps data as data', () => {
  it('writes every string as text: the apostrophe, whether it looks like a formula, a number, a date or nothing special', () => {
    expect(cellForSheet('=HYPERLINK("http://x")')).toBe(`'=HYPERLINK("http://x")`);
    expect(cellForSheet('+7 999 123-45-67')).toBe(`'+7 999 123-45-67`);
    expect(cellForSheet('-5')).toBe(`'-5`);
    expect(cellForSheet('@anna')).toBe(`'@anna`);
    expect(cellForSheet("'quoted")).toBe(`''quoted`);
    expect(cellForSheet('0501234567')).toBe(`'0501234567`);
    expect(cellForSheet('2024-01-01')).toBe(`'2024-01-01`);
    expect(cellForSheet('Anna')).toBe(`'Anna`);
    expect(cellForSheet('')).toBe('');
  });

  it('writes formulas of the report as formulas, and blanks for null and non-finite numbers', () => {
    expect(cellForSheet({ formula: '=B2*B3' })).toBe('=B2*B3');
    expect(cellForSheet(null)).toBe('');
    expect(cellForSheet(Number.NaN)).toBe('');
    expect(cellForSheet(5)).toBe(5);
  });

  it('pads a ragged grid to a rectangle for one setValues call', () => {
    expect(gridForSheet([['a'], ['b', 1, 2], []])).toEqual({
      values: [
        ["'a", '', ''],
        ["'b", 1, 2],
        ['', '', ''],
      ],
      rows: 3,
      cols: 3,
    });
    expect(gridForSheet([])).toEqual({ values: [['']], rows: 1, cols: 1 });
  });
});

describe('the writer batches colour-scale cells', () => {
  const cell = (row: number, col: number, background: string) => ({ area: { row, col, rows: 1, cols: 1 }, background });
  it('puts 1x1 backgrounds into one call over their bounding box', () => {
    const styles = [cell(3, 2, '#eeeeee'), cell(5, 4, '#cccccc'), { area: { row: 1, col: 1, rows: 1, cols: 4 }, bold: true }];
    const { cells, rest } = splitCellBackgrounds(styles);
    expect(cells).toHaveLength(2);
    expect(rest).toHaveLength(1);
    expect(boundingBox(cells.map((s) => s.area))).toEqual({ row: 3, col: 2, rows: 3, cols: 3 });
  });
  it('keeps in order a cell that another background style also covers', () => {
    const header = { area: { row: 3, col: 1, rows: 1, cols: 5 }, background: '#000000' };
    const { cells, rest } = splitCellBackgrounds([header, cell(3, 2, '#eeeeee'), cell(4, 2, '#dddddd')]);
    expect(cells.map((s) => s.area.row)).toEqual([4]);
    expect(rest).toEqual([header, cell(3, 2, '#eeeeee')]);
  });
});

describe('the writer formats with one call per property and value', () => {
  // A recording sheet: each RangeList call with its ranges and value.
  function recorder() {
    const calls: string[] = [];
    const list = (a1s: string[]) =>
      new Proxy(
        {},
        {
          get:
            (_t, method: string) =>
            (...args: unknown[]) =>
              calls.push(`${method}(${JSON.stringify(args[0])}) ${a1s.join(',')}`),
        },
      );
    const sheet = { getRange: () => ({ merge: () => calls.push('merge') }), getRangeList: (a1s: string[]) => list(a1s) };
    return { sheet: sheet as never, calls };
  }
  const area = (row: number, col: number, rows = 1, cols = 1) => ({ row, col, rows, cols });

  it('groups areas with the same value, whatever their number', () => {
    const { sheet, calls } = recorder();
    applyStyles(sheet, [
      { area: area(1, 1, 1, 5), bold: true },
      { area: area(2, 1, 1000, 1), numberFormat: '#,##0' },
      { area: area(2, 3, 1000, 1), numberFormat: '#,##0' },
      { area: area(2, 2, 1000, 1), numberFormat: 'yyyy-mm-dd' },
      { area: area(10, 1), bold: true },
    ]);
    expect(calls).toEqual([
      'setNumberFormat("#,##0") A2:A1001,C2:C1001',
      'setNumberFormat("yyyy-mm-dd") B2:B1001',
      'setFontWeight("bold") A1:E1,A10:A10',
    ]);
  });

  it('keeps the spec order where areas with different values overlap: the later style wins', () => {
    const { sheet, calls } = recorder();
    applyStyles(sheet, [
      { area: area(1, 1, 10, 1), numberFormat: '#,##0' },
      { area: area(5, 1), numberFormat: '0.0%' },
      { area: area(1, 2, 10, 1), numberFormat: '#,##0' },
    ]);
    expect(calls).toEqual(['setNumberFormat("#,##0") A1:A10', 'setNumberFormat("0.0%") A5:A5', 'setNumberFormat("#,##0") B1:B10']);
  });
});
