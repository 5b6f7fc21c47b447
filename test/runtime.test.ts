// The local runtime: Apps Script stand-ins that behave like Apps Script where
// add-on code depends on it, workbook files in and out, `npm start`, the dev
// server, and the bundled sample. Most tests run a small script of their own
// (PROBE) through the runtime, so that each stand-in is reached the way the
// bundle reaches it: from a vm realm, through the counting boundary.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  FORMULA_LIKE_NAME,
  HEADERS,
  LAST_DAY,
  FIRST_DAY,
  MANAGERS,
  PHONE_LIKE_NAME,
  sampleRows,
  writeSample,
} from '../examples/make-sample';
import { injectShim, SHIM, startServer } from '../local/server';
import { main } from '../local/start';
import { detectColumns } from '../src/core/columns';
import { displayText } from '../local/numberFormat';
import { typedValue } from '../local/values';
import { xlsxText } from '../local/workbook';
import {
  isoDay,
  midnight,
  reopen,
  type Runtime,
  SAMPLE_ORDERS,
  sampleRuntime,
  scriptBundle,
  startRuntime,
  tempDir,
  toHost,
} from './support/runtime';

const PROBE = String.raw`
function ss_() { return SpreadsheetApp.getActiveSpreadsheet(); }
function sheet_(name) { return ss_().getSheetByName(name || 'Data'); }
function catch_(fn) {
  try { fn(); return null; } catch (e) { return { isError: e instanceof Error, name: e.name, message: e.message, text: String(e) }; }
}
function newSheet() {
  var s = ss_().insertSheet('New');
  return [s.getMaxRows(), s.getMaxColumns(), s.getLastRow(), s.getLastColumn(), s.getIndex(), ss_().getActiveSheet().getName()];
}
function setValuesErrors() {
  var r = sheet_().getRange(1, 1, 2, 3);
  return [catch_(function () { r.setValues([[1, 2, 3]]); }), catch_(function () { r.setValues([[1, 2, 3], [4, 5]]); }), catch_(function () { r.setBackgrounds([['#fff', '#fff', '#fff']]); })];
}
function bounds() {
  var s = sheet_();
  var errors = [catch_(function () { s.getRange(1001, 1); }), catch_(function () { s.getRange(1, 27); }), catch_(function () { s.getRange(0, 1); }),
    catch_(function () { s.getRange('A1:AA2'); }), catch_(function () { s.getRange('nonsense'); }), catch_(function () { s.getRange(1, 1, 0, 1); })];
  s.insertRowsAfter(1000, 5);
  return { errors: errors, after: s.getRange(1005, 1).getA1Notation(), maxRows: s.getMaxRows(), open: s.getRange('B2:C').getA1Notation() };
}
function names() {
  var ss = ss_();
  var s = ss.insertSheet('Report');
  return [catch_(function () { ss.insertSheet('report'); }), catch_(function () { s.setName('Data'); }), s.setName('Renamed').getName()];
}
function typed() {
  var s = sheet_();
  s.getRange('D1:D7').setValues([["'=HYPERLINK(\"http://x\")"], ["'+7 999 123-45-67"], ['+7 999 123-45-67'], ['1,234.5'], ['2024-03-05'], ['TRUE'], ['Anna']]);
  s.getRange('E1').setNumberFormat('@').setValue('0012');
  s.getRange('E2').setValue('0012');
  return { values: s.getRange('D1:D7').getValues(), text: s.getRange('E1:E2').getValues(), formulas: s.getRange('D1:D7').getFormulas() };
}
function formulas() {
  var s = sheet_();
  s.getRange('A1:B2').setValues([[2, '=A1*10'], [3, '=SUM(A1:A2)']]);
  var before = s.getRange('B1:B2').getValues();
  s.getRange('A1').setValue(5);
  s.getRange('C1').setFormula('=B1/0');
  return { before: before, after: s.getRange('B1:C2').getValues(), f: s.getRange('B1:C2').getFormulas() };
}
function dates() {
  var v = sheet_().getRange('A1:B2').getValues();
  return { isDate: v[0][0] instanceof Date, iso: v[0][0].toISOString(), text: v[0][1], empty: v[1][1], isArray: v instanceof Array };
}
function writeDate(iso) {
  sheet_().getRange('C1').setValue(new Date(iso));
  return sheet_().getRange('C1').getValue().toISOString();
}
function display() {
  var s = sheet_();
  s.getRange('A1:E1').setValues([[1234.5, 0.256, new Date(Date.UTC(2024, 0, 5, 12)), -3, 7]]).setNumberFormats([['#,##0.00', '0.0%', 'yyyy-mm-dd', '#,##0;(#,##0)', '[$₽]#,##0']]);
  return s.getRange('A1:E1').getDisplayValues()[0];
}
function merges() {
  var s = sheet_();
  s.getRange('A1:B2').setValues([['a', 'b'], ['c', 'd']]);
  s.getRange('A1:B2').merge();
  var values = s.getRange('A1:B2').getValues();
  var error = catch_(function () { s.getRange('B2:C2').merge(); });
  s.getRange('A1:B1').setValue('z');
  return [values, error, s.getRange('A1:B1').getValues()[0]];
}
function metadata() {
  var s = sheet_();
  s.addDeveloperMetadata('report', 'matrix', SpreadsheetApp.DeveloperMetadataVisibility.PROJECT);
  s.addDeveloperMetadata('plain');
  return s.getDeveloperMetadata().map(function (m) { return [m.getKey(), m.getValue(), m.getVisibility() === SpreadsheetApp.DeveloperMetadataVisibility.PROJECT]; });
}
function removeMetadata(key) {
  sheet_().getDeveloperMetadata().forEach(function (m) { if (m.getKey() === key) m.remove(); });
  return sheet_().getDeveloperMetadata().length;
}
function styledReport() {
  var s = ss_().insertSheet('Migration: 2025 → 2026 / Q1 [draft] with a long name');
  s.getRange(1, 1, 3, 3).setValues([['Segment', 'Customers', 'Share'], ['New', 10, 0.25], ['Regular', 30, 0.75]]);
  s.getRange(1, 1, 1, 3).setFontWeight('bold').setBackground('#D9EAD3');
  s.getRange(2, 3, 2, 1).setNumberFormat('0.0%');
  s.getRange(4, 1, 1, 3).merge().setValue('Total');
  s.getRange(5, 2).setFormula('=SUM(B2:B3)');
  s.setFrozenRows(1);
  s.setColumnWidth(1, 180);
  s.setTabColor('#ff0000');
  s.addDeveloperMetadata('repeatSales.report', 'migration', SpreadsheetApp.DeveloperMetadataVisibility.PROJECT);
  var chart = s.newChart().setChartType(Charts.ChartType.COLUMN).addRange(s.getRange('A1:B3')).setPosition(2, 5, 0, 0).setOption('title', 'Customers').build();
  s.insertChart(chart);
  return s.getSheetId();
}
function describeSheet(name) {
  var s = sheet_(name);
  var md = s.getDeveloperMetadata()[0];
  var chart = s.getCharts()[0];
  return {
    id: s.getSheetId(), values: s.getRange(1, 1, 5, 3).getValues(), formats: s.getRange(2, 3, 2, 1).getNumberFormats(),
    weights: s.getRange(1, 1, 1, 3).getFontWeights()[0], bg: s.getRange('A1').getBackground(), frozen: s.getFrozenRows(),
    width: s.getColumnWidth(1), tab: s.getTabColor(), formula: s.getRange(5, 2).getFormula(),
    metadata: [md.getKey(), md.getValue(), md.getVisibility() === SpreadsheetApp.DeveloperMetadataVisibility.PROJECT],
    chart: [chart.getRanges()[0].getA1Notation(), chart.getOptions().get('title'), chart.getContainerInfo().getAnchorColumn()],
    merged: s.getRange('A4:C4').getValues()[0]
  };
}
function tryLock(ms) { return LockService.getDocumentLock().tryLock(ms); }
function waitLock(ms) { return catch_(function () { LockService.getDocumentLock().waitLock(ms); }); }
function lockAndKeep() {
  var l = LockService.getScriptLock();
  return [l.tryLock(0), l.hasLock(), LockService.getScriptLock().tryLock(0)];
}
function tryScriptLock() { return LockService.getScriptLock().tryLock(0); }
function setProp(key, value) { PropertiesService.getDocumentProperties().setProperty(key, value); return PropertiesService.getDocumentProperties().getProperty(key); }
function setNumber() { PropertiesService.getUserProperties().setProperty('n', 5); return typeof PropertiesService.getUserProperties().getProperty('n'); }
function props() { return PropertiesService.getDocumentProperties().getProperties(); }
function clearProps() { PropertiesService.getDocumentProperties().deleteAllProperties(); return PropertiesService.getDocumentProperties().getKeys().length; }
function bigProp() { return catch_(function () { PropertiesService.getScriptProperties().setProperty('big', new Array(10 * 1024).join('x')); }); }
function counter() { globalThis.runs = (globalThis.runs || 0) + 1; return globalThis.runs; }
function quota() { return MailApp.getRemainingDailyQuota(); }
function mail(to, cc) {
  MailApp.sendEmail({ to: to, cc: cc, subject: 'Неделя 48: клиенты — «список»', body: 'Привет, Марина!', htmlBody: '<p>Привет, <b>Марина</b>!</p>', name: 'Repeat sales',
    attachments: [Utilities.newBlob('Клиент;Сумма\nАнна;1 234,56\n', 'text/csv', 'клиенты-2026-W48.csv')] });
  return MailApp.getRemainingDailyQuota();
}
function mailShort(to) { MailApp.sendEmail(to, 'Hi', 'Plain body'); }
function mailTry(to) { return catch_(function () { MailApp.sendEmail(to, 'Hi', 'Plain body'); }); }
function schedule() {
  ScriptApp.newTrigger('onTick').timeBased().onWeekDay(ScriptApp.WeekDay.MONDAY).atHour(8).inTimezone('Europe/Kyiv').create();
  return ScriptApp.getProjectTriggers().map(function (t) {
    return [t.getHandlerFunction(), t.getEventType() === ScriptApp.EventType.CLOCK, t.getTriggerSource() === ScriptApp.TriggerSource.CLOCK, t.getUniqueId()];
  });
}
function userTriggers() { return ScriptApp.getUserTriggers(ss_()).length; }
function onTick(e) { PropertiesService.getScriptProperties().setProperty('tick', JSON.stringify(e)); return e.authMode === ScriptApp.AuthMode.FULL; }
function unschedule() { ScriptApp.getProjectTriggers().forEach(function (t) { ScriptApp.deleteTrigger(t); }); return ScriptApp.getProjectTriggers().length; }
function badSchedule() { return catch_(function () { ScriptApp.newTrigger('onTick').timeBased().create(); }); }
function internals() { var s = sheet_(); return [typeof s._model, typeof s.getRange, Object.keys(s).length, typeof SpreadsheetApp._spreadsheet, 'getRange' in s]; }
function onOpen(e) {
  SpreadsheetApp.getUi().createAddonMenu().addItem('Open', 'showSidebar').addSeparator().addItem('Rebuild', 'writeData').addToUi();
  return e && e.authMode;
}
function showSidebar() { SpreadsheetApp.getUi().showSidebar(HtmlService.createHtmlOutputFromFile('Sidebar').setTitle('Repeat sales')); }
function missingHtml() { return catch_(function () { HtmlService.createHtmlOutputFromFile('Nope'); }); }
function alertUser() { var ui = SpreadsheetApp.getUi(); return ui.alert('Title', 'Sure?', ui.ButtonSet.YES_NO) === ui.Button.YES; }
function session() { return [Session.getActiveUser().getEmail(), Session.getEffectiveUser().getEmail(), Session.getActiveUserLocale(), Session.getScriptTimeZone(), ss_().getSpreadsheetLocale(), ss_().getSpreadsheetTimeZone()]; }
function today() { return new Date().toISOString(); }
function blob() {
  var b = Utilities.newBlob('Привет', 'text/plain', 'a.txt');
  return [b.getBytes().slice(0, 2), b.getDataAsString(), b.setName('b.txt').getName(), b.getContentType(),
    Utilities.formatDate(new Date(Date.UTC(2024, 5, 1, 22, 30)), 'Europe/Kyiv', "yyyy-MM-dd'T'HH:mm EEE Z")];
}
function returnsDate() { return { when: new Date(0) }; }
function fails() { throw new Error('boom'); }
function writeData() { sheet_().getRange('A1').setValue('x'); return 'ok'; }
function writeCell(a1, value) { sheet_().getRange(a1).setValue(value); }
function readOrders() { return SpreadsheetApp.getActiveSpreadsheet().getSheets()[0].getDataRange().getValues().length; }
function toast() { ss_().toast('Done', 'Repeat sales'); }
`;

const SIDEBAR =
  '<!DOCTYPE html><html><head><meta charset="utf-8"><title>S</title></head><body><p id="x">sidebar</p><script>window.ready = !!google.script.run;</script></body></html>';
let probeBundle: string;

beforeAll(() => {
  probeBundle = scriptBundle(PROBE, { 'Sidebar.html': SIDEBAR, 'appsscript.json': JSON.stringify({ timeZone: 'Europe/Kyiv' }) });
});

/** A runtime with the probe script over a small "Data" sheet: A1 a date, B1 text. */
function probe(options: Parameters<typeof startRuntime>[1] = {}, rows?: Record<string, unknown[][]>): Promise<Runtime> {
  return startRuntime(rows ?? { Data: [[midnight('2024-03-31', options.timeZone ?? 'Europe/London'), 'Anna']] }, {
    bundle: probeBundle,
    ...options,
  });
}

function sha(file: string): string {
  return createHash('sha256').update(readFileSync(file)).digest('hex');
}

// ------------------------------------------------------------------ Range

describe('Spreadsheet, Sheet and Range behave like Apps Script', () => {
  it('makes new sheets 1000 x 26, active, at the end', async () => {
    const rt = await probe();
    expect(toHost(rt.call('newSheet'))).toEqual([1000, 26, 0, 0, 2, 'New']);
  });

  it('throws Sheets’ messages, as Exceptions of the script’s own realm, when the data does not fit the range', async () => {
    const rt = await probe();
    const [rows, cols, backgrounds] = toHost<{ isError: boolean; name: string; message: string; text: string }[]>(
      rt.call('setValuesErrors'),
    );
    expect(rows).toEqual({
      isError: true,
      name: 'Exception',
      message: 'The number of rows in the data does not match the number of rows in the range. The data has 1 but the range has 2.',
      text: 'Exception: The number of rows in the data does not match the number of rows in the range. The data has 1 but the range has 2.',
    });
    expect(cols.message).toBe(
      'The number of columns in the data does not match the number of columns in the range. The data has 2 but the range has 3.',
    );
    expect(backgrounds.message).toMatch(/number of rows in the data/);
  });

  it('refuses ranges outside the sheet until rows are inserted', async () => {
    const rt = await probe();
    const out = toHost<{ errors: { message: string }[]; after: string; maxRows: number; open: string }>(rt.call('bounds'));
    expect(out.errors.map((e) => e.message)).toEqual([
      'The coordinates of the range are outside the dimensions of the sheet.',
      'The coordinates of the range are outside the dimensions of the sheet.',
      'The starting row of the range is too small.',
      'The coordinates of the range are outside the dimensions of the sheet.',
      'Range not found',
      'The number of rows in the range must be at least 1.',
    ]);
    expect(out.after).toBe('A1005');
    expect(out.maxRows).toBe(1005);
    expect(out.open).toBe('B2:C1005');
  });

  it('refuses a second sheet with the same name, whatever the case', async () => {
    const rt = await probe();
    const [insert, rename, renamed] = toHost<[{ message: string }, { message: string }, string]>(rt.call('names'));
    expect(insert.message).toBe('A sheet with the name "report" already exists. Please enter another name.');
    expect(rename.message).toBe('A sheet with the name "Data" already exists. Please enter another name.');
    expect(renamed).toBe('Renamed');
  });

  it('reads strings as typed input: an apostrophe keeps text, = and a bare +7 make formulas, numbers and dates parse', async () => {
    const rt = await probe();
    const out = toHost<{ values: unknown[][]; text: unknown[][]; formulas: string[][] }>(rt.call('typed'));
    expect(out.values.map((r) => r[0])).toEqual([
      '=HYPERLINK("http://x")',
      '+7 999 123-45-67',
      '#ERROR!', // what Sheets shows for a phone number typed without the apostrophe
      1234.5,
      midnight('2024-03-05', 'Europe/London'),
      true,
      'Anna',
    ]);
    expect(out.formulas.map((r) => r[0])).toEqual(['', '', '=+7 999 123-45-67', '', '', '', '']);
    expect(out.text).toEqual([['0012'], [12]]); // plain-text format keeps leading zeros
  });

  it('reads numbers typed as text with the spreadsheet locale', async () => {
    const rt = await probe({ locale: 'ru_RU', timeZone: 'Europe/Moscow' });
    rt.call('writeCell', 'D1', '1 234,5');
    rt.call('writeCell', 'D2', '05.03.2025');
    rt.call('writeCell', 'D3', '1,234.5');
    const values = rt.readSheet('Data').map((r) => r[3]);
    expect(values[0]).toBe(1234.5);
    expect(isoDay(values[1] as Date, 'Europe/Moscow')).toBe('2025-03-05');
    expect(values[2]).toBe('1,234.5');
  });

  it('keeps formulas and computes their values, again after an input changes', async () => {
    const rt = await probe();
    const out = toHost<{ before: unknown[][]; after: unknown[][]; f: string[][] }>(rt.call('formulas'));
    expect(out.before).toEqual([[20], [5]]);
    expect(out.after).toEqual([
      [50, '#DIV/0!'],
      [8, ''],
    ]);
    expect(out.f).toEqual([
      ['=A1*10', '=B1/0'],
      ['=SUM(A1:A2)', ''],
    ]);
  });

  it('hands out date cells as Dates of the script’s realm at midnight in the spreadsheet’s zone, and blanks as ""', async () => {
    for (const tz of ['Europe/London', 'America/New_York', 'Asia/Tokyo']) {
      const rt = await probe({ timeZone: tz });
      const out = toHost<{ isDate: boolean; iso: string; text: string; empty: string; isArray: boolean }>(rt.call('dates'));
      expect(out).toEqual({ isDate: true, iso: midnight('2024-03-31', tz).toISOString(), text: 'Anna', empty: '', isArray: true });
    }
  });

  it('stores a Date written by the script as the wall-clock time in the spreadsheet’s zone', async () => {
    const rt = await probe({ timeZone: 'Asia/Tokyo' });
    expect(rt.call('writeDate', '2024-06-01T15:00:00Z')).toBe('2024-06-01T15:00:00.000Z');
    const cell = rt.book.sheets[0].cells[0][2]!;
    expect(cell.v).toMatchObject({ ms: Date.UTC(2024, 5, 2, 0, 0) }); // midnight of 2 June in Tokyo
  });

  it('shows values with their number formats', async () => {
    const rt = await probe();
    expect(rt.call('display')).toEqual(['1,234.50', '25.6%', '2024-01-05', '(3)', '₽7']);
    const ru = await probe({ locale: 'ru_RU' });
    expect(ru.call<string[]>('display')[0]).toBe('1\u00a0234,50');
  });

  it('empties the covered cells of a merge and refuses to merge across a merge', async () => {
    const rt = await probe();
    const [values, error, written] = toHost<[unknown[][], { message: string }, unknown[]]>(rt.call('merges'));
    expect(values).toEqual([
      ['a', ''],
      ['', ''],
    ]);
    expect(written).toEqual(['z', '']); // values written under a merge are dropped
    expect(error.message).toBe('You must select all cells in a merged range to merge or unmerge them.');
  });

  it('keeps developer metadata per sheet and removes it', async () => {
    const rt = await probe();
    expect(rt.call('metadata')).toEqual([
      ['report', 'matrix', true],
      ['plain', null, false],
    ]);
    expect(rt.call('removeMetadata', 'plain')).toBe(1);
  });

  it('shows the script only public methods of the stand-ins', async () => {
    const rt = await probe();
    expect(toHost(rt.call('internals'))).toEqual(['undefined', 'function', 0, 'undefined', true]);
  });
});

// ------------------------------------------------------------------ typed text

// What Sheets makes of a string given to setValues: it is parsed "as if the user typed
// them into the UI" (https://developers.google.com/sheets/api/reference/rest/v4/ValueInputOption;
// Google's setValues example turns '2.000', '1,000,000' and '$2.99' into numbers,
// https://developers.google.com/apps-script/reference/spreadsheet/range#setValues(Object)),
// and a leading apostrophe keeps the rest as text
// (https://developers.google.com/sheets/api/reference/rest/v4/spreadsheets/other#ExtendedValue).
describe('strings written by setValues are read as typed, in the spreadsheet locale', () => {
  const day = (y: number, m: number, d: number) => ({ ms: Date.UTC(y, m - 1, d) });
  const cases: [string, string, unknown][] = [
    ['en_US', '0501234567', 501234567], // a phone loses its leading zero
    ['en_US', '00441234567', 441234567],
    ['en_US', '007', 7],
    ['en_US', '1e5', 100000],
    ['en_US', '12/05/2024', day(2024, 12, 5)], // month first in en_US
    ['en_GB', '12/05/2024', day(2024, 5, 12)],
    ['en_US', '12-05-2024', day(2024, 12, 5)],
    ['en_US', '2024-01-01', day(2024, 1, 1)],
    ['en_US', 'TRUE', true],
    ['en_US', 'false', false],
    ['en_US', '50%', 0.5],
    ['en_US', '1,234', 1234],
    ['en_US', '2.000', 2],
    ['en_US', '1,000,000', 1000000],
    ['en_US', '$2.99', 2.99],
    ['en_US', ' 42 ', 42],
    ['en_US', '10:30', { ms: Date.UTC(1899, 11, 30, 10, 30) }],
    ['ru_RU', '1,234', 1.234], // the decimal comma
    ['ru_RU', '1 000', 1000], // grouped thousands
    ['ru_RU', '1\u00a0000', 1000],
    ['ru_RU', '12.05.2024', day(2024, 5, 12)],
    ['ru_RU', '2,99 ₽', 2.99],
    ['en_US', '1 000', '1 000'], // no space grouping in en_US: text
    ['ru_RU', '1.234', '1.234'],
    ['en_US', "'0501234567", '0501234567'], // the apostrophe keeps text and is not part of it
    ['en_US', "''quoted", "'quoted"],
    ['en_US', '+7 999', { formula: '=+7 999' }], // Sheets takes it for a formula and shows #ERROR!
    ['en_US', '=1+1', { formula: '=1+1' }],
    ['en_US', 'Anna', 'Anna'],
    ['en_US', '12/13/2024/1', '12/13/2024/1'],
  ];
  it.each(cases)('%s: %j', (locale, text, expected) => {
    const typed = typedValue(text, locale);
    if (expected !== null && typeof expected === 'object' && 'formula' in expected) expect(typed).toEqual(expected);
    else expect('value' in typed && typed.value).toEqual(expected);
  });

  it('keeps the format Sheets gives what it parsed: 1.00E+05, $2.99, 50%, a date, a time', () => {
    const shown = (text: string, locale = 'en_US') => {
      const typed = typedValue(text, locale);
      if (!('value' in typed)) throw new Error(`${text} is a formula`);
      return displayText(typed.value, typed.format, locale);
    };
    expect(['1e5', '$2.99', '50%', '12/05/2024', '10:30', '0501234567'].map((x) => shown(x))).toEqual([
      '1.00E+05',
      '$2.99',
      '50%',
      '12/5/2024',
      '10:30',
      '501234567',
    ]);
    expect(shown('2,99 ₽', 'ru_RU')).toBe('2,99 ₽');
  });

  it('a plain-text cell (@) keeps everything as text', () => {
    expect(typedValue('0501234567', 'en_US', true)).toEqual({ value: '0501234567' });
  });
});

// ------------------------------------------------------------------ counting

describe('service calls are counted', () => {
  it('counts each method call on a stand-in, per Class.method, and nothing done outside the script', async () => {
    const rt = await probe();
    rt.call('dates');
    expect(rt.calls.snapshot()).toEqual({
      total: 4,
      byMethod: { 'Range.getValues': 1, 'Sheet.getRange': 1, 'Spreadsheet.getSheetByName': 1, 'SpreadsheetApp.getActiveSpreadsheet': 1 },
    });
    rt.readSheet('Data');
    expect(rt.calls.total).toBe(4);
    rt.calls.reset();
    rt.call('display');
    expect(rt.calls.byMethod['Range.setNumberFormats']).toBe(1);
    expect(rt.calls.total).toBe(7); // getActiveSpreadsheet, getSheetByName, getRange, setValues, setNumberFormats, getRange, getDisplayValues
  });
});

describe('injected faults: a chosen service call throws as Apps Script services do', () => {
  it('makes the N-th call from now throw an Exception with the given message, once', async () => {
    const rt = await probe();
    rt.faults.failAt(3, 'Service Spreadsheets timed out while accessing document');
    // dates: getActiveSpreadsheet, getSheetByName, getRange, getValues: the third call is getRange.
    expect(() => rt.call('dates')).toThrow('Service Spreadsheets timed out while accessing document');
    expect(rt.call('dates')).toBeDefined(); // once only
  });

  it('makes every matching call throw, by Class.method, and stops when cleared', async () => {
    const rt = await probe();
    rt.faults.failWhen((_, key) => key === 'Range.getValues', 'Exceeded maximum execution time');
    const seen = rt.faults.seen;
    expect(() => rt.call('dates')).toThrow('Exceeded maximum execution time');
    expect(rt.faults.seen - seen).toBe(4); // the failing call is counted too
    rt.faults.clear();
    expect(rt.call('dates')).toBeDefined();
  });
});

// ------------------------------------------------------------------ executions, locks, properties

describe('executions, locks and properties', () => {
  it('starts every call with fresh globals, as every Apps Script execution does', async () => {
    const rt = await probe();
    expect([rt.call('counter'), rt.call('counter')]).toEqual([1, 1]);
  });

  it('makes tryLock fail and waitLock throw while another execution holds the lock', async () => {
    const rt = await probe();
    const other = rt.holdLock('document');
    expect(rt.call('tryLock', 5000)).toBe(false);
    expect(toHost(rt.call('waitLock', 5000))).toMatchObject({
      isError: true,
      message: 'Lock timeout: another process was holding the lock for too long.',
    });
    other.release();
    expect(rt.call('tryLock', 0)).toBe(true);
  });

  it('gives the lock to a waiter when the holder lets go within the timeout', async () => {
    const rt = await probe();
    rt.holdLock('document', { releaseAfterMs: 2000 });
    expect(rt.call('tryLock', 1000)).toBe(false);
    expect(rt.call('tryLock', 3000)).toBe(true);
  });

  it('lets go of an execution’s locks when it ends', async () => {
    const rt = await probe();
    expect(rt.call('lockAndKeep')).toEqual([true, true, true]);
    expect(rt.call('tryScriptLock')).toBe(true);
  });

  it('keeps properties between executions, as strings, and persists them to the state file', async () => {
    const dir = tempDir();
    const stateFile = path.join(dir, 'state.json');
    const rt = await probe({ stateFile });
    expect(rt.call('setProp', 'settings', '{"a":1}')).toBe('{"a":1}');
    expect(rt.call('setNumber')).toBe('string');
    expect(toHost(rt.call('props'))).toEqual({ settings: '{"a":1}' });
    expect(rt.properties.user).toEqual({ n: '5' });
    const again = await probe({ stateFile });
    expect(toHost(again.call('props'))).toEqual({ settings: '{"a":1}' });
    expect(again.call('clearProps')).toBe(0);
    expect(JSON.parse(readFileSync(stateFile, 'utf8')).properties.document).toEqual({});
  });

  it('refuses a property value over 9 KB', async () => {
    const rt = await probe();
    expect(toHost(rt.call('bigProp'))).toMatchObject({ message: 'Argument too large: value' });
  });
});

// ------------------------------------------------------------------ mail

/** A small MIME reader, written apart from local/mail.ts, to check its .eml files. */
function parseMime(text: string): {
  headers: Record<string, string>;
  parts: { type: string; headers: Record<string, string>; body: Buffer }[];
} {
  const [head, ...rest] = text.split('\r\n\r\n');
  const body = rest.join('\r\n\r\n');
  const headers: Record<string, string> = {};
  for (const line of head.replace(/\r\n[ \t]+/g, ' ').split('\r\n')) {
    const i = line.indexOf(':');
    headers[line.slice(0, i).toLowerCase()] = line.slice(i + 1).trim();
  }
  const type = headers['content-type'] ?? 'text/plain';
  const boundary = /boundary="([^"]+)"/.exec(type)?.[1];
  if (!boundary) {
    const raw = headers['content-transfer-encoding'] === 'base64' ? Buffer.from(body.replace(/\s+/g, ''), 'base64') : Buffer.from(body);
    return { headers, parts: [{ type: type.split(';')[0], headers, body: raw }] };
  }
  const sections = body.split(`--${boundary}`);
  expect(sections[sections.length - 1].startsWith('--')).toBe(true); // the closing delimiter
  const parts = sections.slice(1, -1).flatMap((s) => parseMime(s.replace(/^\r\n/, '').replace(/\r\n$/, '')).parts);
  return { headers, parts };
}

function decodeWords(text: string): string {
  return text.replace(/=\?UTF-8\?B\?([^?]*)\?=\s*/g, (_, b64: string) => Buffer.from(b64, 'base64').toString('utf8'));
}

describe('MailApp', () => {
  it('writes each e-mail as a multipart .eml with text, HTML, the attachment and an encoded subject', async () => {
    const outbox = tempDir('outbox-');
    const rt = await probe({ outbox, quota: 10 });
    expect(rt.call('mail', 'marina@example.com', 'boss@example.com')).toBe(8);
    const files = readdirSync(outbox);
    expect(files).toHaveLength(1);
    const eml = readFileSync(path.join(outbox, files[0]), 'utf8');
    // eslint-disable-next-line no-control-regex -- 7-bit clean: every byte from 0 to 127 is allowed
    expect(eml).not.toMatch(/[^\x00-\x7f]/);
    for (const line of eml.split('\r\n')) expect(line.length).toBeLessThanOrEqual(998);
    const msg = parseMime(eml);
    expect(decodeWords(msg.headers.subject)).toBe('Неделя 48: клиенты — «список»');
    expect(msg.headers.to).toBe('marina@example.com');
    expect(msg.headers.cc).toBe('boss@example.com');
    expect(decodeWords(msg.headers.from)).toBe('Repeat sales <you@example.com>');
    expect(msg.headers['content-type']).toMatch(/^multipart\/mixed/);
    const [plain, html, csv] = msg.parts;
    expect([plain.type, html.type, csv.type]).toEqual(['text/plain', 'text/html', 'text/csv']);
    expect(plain.body.toString('utf8')).toBe('Привет, Марина!');
    expect(html.body.toString('utf8')).toBe('<p>Привет, <b>Марина</b>!</p>');
    expect(csv.body.toString('utf8')).toBe('Клиент;Сумма\nАнна;1 234,56\n');
    expect(decodeURIComponent(/filename\*=UTF-8''([^;\s]+)/.exec(csv.headers['content-disposition'])![1])).toBe('клиенты-2026-W48.csv');
    expect(rt.sentMail[0]).toMatchObject({
      to: ['marina@example.com'],
      cc: ['boss@example.com'],
      subject: 'Неделя 48: клиенты — «список»',
    });
  });

  it('counts the quota per recipient and refuses mail beyond it, as Apps Script does', async () => {
    const rt = await probe({ quota: 3 });
    expect(rt.call('quota')).toBe(3);
    rt.call('mailShort', 'a@example.com, b@example.com');
    expect(rt.call('quota')).toBe(1);
    expect(toHost(rt.call('mailTry', 'c@example.com, d@example.com'))).toMatchObject({
      message: 'Service invoked too many times for one day: email.',
    });
    expect(toHost(rt.call('mailTry', 'not an address'))).toMatchObject({ message: 'Invalid email: not an address' });
    expect(rt.sentMail).toHaveLength(1);
    expect(rt.sentMail[0].eml).toMatch(/^Content-Type: text\/plain; charset=UTF-8$/m);
  });

  it('makes blobs with signed bytes and formats dates in a zone with Java patterns', async () => {
    const rt = await probe();
    expect(toHost(rt.call('blob'))).toEqual([[-48, -97], 'Привет', 'b.txt', 'text/plain', '2024-06-02T01:30 Sun +0300']);
  });
});

// ------------------------------------------------------------------ triggers, ui, session

describe('triggers, Ui, HtmlService and Session', () => {
  it('creates a weekly trigger, fires it with an event object, and deletes it', async () => {
    const rt = await probe();
    const [[handler, clock, source, uid]] = toHost<[string, boolean, boolean, string][]>(rt.call('schedule'));
    expect([handler, clock, source]).toEqual(['onTick', true, true]);
    expect(rt.triggers[0].schedule).toEqual({ weekDay: 'MONDAY', hour: 8, timeZone: 'Europe/Kyiv' });
    expect(rt.call('userTriggers')).toBe(0); // clock triggers are not the spreadsheet's
    expect(rt.fireTrigger()).toBe(true);
    const event = JSON.parse(rt.properties.script.tick);
    expect(event).toMatchObject({ authMode: 'FULL', triggerUid: uid, timezone: 'Europe/Kyiv' });
    expect(typeof event.hour).toBe('number');
    expect(rt.call('unschedule')).toBe(0);
    expect(() => rt.fireTrigger(uid)).toThrow(/no trigger/);
    expect(toHost(rt.call('badSchedule'))).toMatchObject({ isError: true });
  });

  it('records the add-on menu and the sidebar from dist-like HTML files', async () => {
    const rt = await probe();
    expect(rt.call('onOpen', { authMode: 'FULL' })).toBe('FULL');
    expect(rt.ui.menus).toEqual([
      {
        caption: null,
        addon: true,
        items: [{ caption: 'Open', functionName: 'showSidebar' }, { separator: true }, { caption: 'Rebuild', functionName: 'writeData' }],
      },
    ]);
    rt.call('showSidebar');
    expect(rt.ui.sidebar).toMatchObject({ title: 'Repeat sales', html: SIDEBAR, width: 300 });
    expect(toHost(rt.call('missingHtml'))).toMatchObject({ message: 'No HTML file named Nope was found.' });
    rt.ui.alertAnswers.push('NO');
    expect(rt.call('alertUser')).toBe(false);
    expect(rt.call('alertUser')).toBe(true);
    expect(rt.ui.alerts[0]).toMatchObject({ title: 'Title', prompt: 'Sure?', buttons: 'YES_NO', answer: 'NO' });
  });

  it('answers Session from the options and the manifest, and runs the script clock from `now`', async () => {
    const rt = await probe({ user: 'olga@example.com', locale: 'uk_UA', timeZone: 'Europe/Kyiv', now: '2026-11-23T09:00:00Z' });
    expect(rt.call('session')).toEqual(['olga@example.com', 'olga@example.com', 'uk', 'Europe/Kyiv', 'uk_UA', 'Europe/Kyiv']);
    const today = Date.parse(rt.call<string>('today'));
    expect(today - Date.parse('2026-11-23T09:00:00Z')).toBeGreaterThanOrEqual(0);
    expect(today - Date.parse('2026-11-23T09:00:00Z')).toBeLessThan(60_000);
  });

  it('gives google.script.run semantics to callJson: JSON in and out, null for a result holding a Date', async () => {
    const rt = await probe();
    expect(rt.callJson('returnsDate')).toBeNull();
    expect(rt.callJson('writeData')).toBe('ok');
    expect(() => rt.call('fails')).toThrow('boom');
    expect(() => rt.call('nothing')).toThrow(/nothing is not a global function/);
  });
});

// ------------------------------------------------------------------ workbook files

describe('workbook files', () => {
  it('reads .xlsx dates as calendar dates in the spreadsheet’s time zone', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'orders.xlsx');
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Orders');
    ws.addRow(['Date', 'Customer', 'Amount']);
    ws.addRow([new Date(Date.UTC(2024, 2, 31)), 'Anna', 100]); // Excel stores the calendar day, no zone
    ws.addRow([new Date(Date.UTC(2024, 9, 27)), 'Bob', '1 234,56']);
    ws.getColumn(1).numFmt = 'dd.mm.yyyy';
    await wb.xlsx.writeFile(file);
    for (const tz of ['Europe/London', 'America/Los_Angeles', 'Asia/Tokyo', 'Australia/Sydney']) {
      const rt = await startRuntime(file, { timeZone: tz });
      const rows = rt.readSheet('Orders');
      expect(rows[0]).toEqual(['Date', 'Customer', 'Amount']);
      expect(rows.slice(1).map((r) => [isoDay(r[0] as Date, tz), r[1], r[2]])).toEqual([
        ['2024-03-31', 'Anna', 100],
        ['2024-10-27', 'Bob', '1 234,56'],
      ]);
      expect(rt.readDisplay('Orders')[1][0]).toBe('31.03.2024');
    }
  });

  it('reads a .csv as one sheet named after the file, every value left as text', async () => {
    const file = path.join(tempDir(), 'Заказы.csv');
    writeFileSync(file, '\ufeffДата;Клиент;Сумма\r\n05.03.2025;"ООО ""Ромашка""";1 234,56\r\n2025-03-06;"Иван\nПетров";-50\r\n;;\r\n');
    const rt = await startRuntime(file);
    expect(rt.sheetNames()).toEqual(['Заказы']);
    expect(rt.readSheet('Заказы')).toEqual([
      ['Дата', 'Клиент', 'Сумма'],
      ['05.03.2025', 'ООО "Ромашка"', '1 234,56'],
      ['2025-03-06', 'Иван\nПетров', '-50'],
    ]);
  });

  it('keeps values, formats, merges, widths, frozen rows, formulas, charts, sheet ids and developer metadata through .xlsx', async () => {
    const rt = await probe();
    const id = rt.call<number>('styledReport');
    const name = 'Migration: 2025 → 2026 / Q1 [draft] with a long name';
    const before = toHost(rt.call('describeSheet', name));
    const back = await reopen(rt, { bundle: probeBundle });
    expect(back.sheetNames()).toEqual(['Data', name]);
    const after = toHost<Record<string, unknown>>(back.call('describeSheet', name));
    expect(after).toEqual(before);
    expect(after).toMatchObject({
      id,
      formats: [['0.0%'], ['0.0%']],
      weights: ['bold', 'bold', 'bold'],
      bg: '#d9ead3',
      frozen: 1,
      width: 180,
      tab: '#ff0000',
      formula: '=SUM(B2:B3)',
      metadata: ['repeatSales.report', 'migration', true],
      chart: ['A1:B3', 'Customers', 5],
      merged: ['Total', '', ''],
    });
    expect((after.values as unknown[][])[4][1]).toBe(40);
  });

  it('writes text that looks like a formula as text in the .xlsx', async () => {
    const rt = await startRuntime({ Orders: [['Customer'], [FORMULA_LIKE_NAME], [PHONE_LIKE_NAME]] }, { bundle: probeBundle });
    const file = path.join(tempDir(), 'out.xlsx');
    await rt.writeWorkbook(file);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    const ws = wb.getWorksheet('Orders')!;
    expect([ws.getCell('A2').value, ws.getCell('A3').value]).toEqual([FORMULA_LIKE_NAME, PHONE_LIKE_NAME]);
    expect(ws.getCell('A2').type).toBe(ExcelJS.ValueType.String);
    expect(wb.getWorksheet('__apps_script__')!.state).toBe('veryHidden');
  });

  it('writes text that looks like an OOXML escape, or holds a control character, as that text', async () => {
    // Readers decode _xHHHH_ in .xlsx strings (ECMA-376 Part 1, 22.9.2.19 ST_Xstring): the writer escapes it.
    const texts = ['_x0041_', 'a_x005F_b', 'bell\u0007', '_X0041_'];
    const rt = await startRuntime({ Orders: [['Customer'], ...texts.map((x) => [x])] }, { bundle: probeBundle });
    const file = path.join(tempDir(), 'out.xlsx');
    await rt.writeWorkbook(file);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    const ws = wb.getWorksheet('Orders')!;
    expect(texts.map((_, i) => ws.getCell(i + 2, 1).value)).toEqual(texts);
    expect(xlsxText('_x0041_')).toBe('_x005F_x0041_');
    const again = await reopen(rt);
    expect(toHost<unknown[][]>(again.readSheet('Orders')).map((r) => r[0])).toEqual(['Customer', ...texts]);
  });
});

// ------------------------------------------------------------------ the sample

describe('examples/sample-orders.xlsx', () => {
  it('is what examples/make-sample.ts makes, byte for byte, and small', async () => {
    const file = path.join(tempDir(), 'sample.xlsx');
    await writeSample(file);
    expect(sha(file)).toBe(sha(SAMPLE_ORDERS));
    expect(statSync(SAMPLE_ORDERS).size).toBeLessThan(400 * 1024);
  });

  it('has headers the add-on detects, ~5,000 rows over 2.5 years, 1,200 customers, 5 managers and the promised mess', async () => {
    const rt = await sampleRuntime({ bundle: probeBundle, timeZone: 'Europe/Moscow' });
    const rows = rt.readSheet('Orders');
    expect(rows[0]).toEqual(HEADERS);
    expect(detectColumns(rows[0])).toEqual({ date: 0, customer: 1, amount: 2, orderId: 3, manager: 4, email: 5, phone: 6 });
    const { facts } = sampleRows();
    expect(rows.length - 1).toBe(facts.rows);
    expect(facts.rows).toBeGreaterThan(4500);
    expect(facts.rows).toBeLessThan(5500);
    const data = rows.slice(1);
    const blank = data.filter((r) => r.every((v) => v === ''));
    expect(blank).toHaveLength(3);
    const dates = data.map((r) => r[0]).filter((v): v is Date => v instanceof Date);
    const days = dates.map((d) => isoDay(d, 'Europe/Moscow')).sort();
    expect([days[0], days[days.length - 1]]).toEqual([FIRST_DAY, LAST_DAY]);
    expect(data.filter((r) => typeof r[0] === 'string' && /^\d\d\.\d\d\.\d{4}$/.test(r[0] as string)).length).toBe(facts.textDates + 1); // + the impossible 32.13.2025
    expect(data.some((r) => r[0] === '32.13.2025')).toBe(true);
    expect(data.filter((r) => typeof r[2] === 'string' && /^-?\d{1,3}( \d{3})*,\d\d$/.test(r[2] as string)).length).toBe(facts.textAmounts);
    expect(data.filter((r) => typeof r[2] === 'number' && r[2] < 0).length).toBe(facts.returns);
    expect(new Set(data.map((r) => r[1]).filter(Boolean)).size).toBe(1200);
    expect(new Set(data.map((r) => r[4]).filter(Boolean))).toEqual(new Set(MANAGERS));
    expect(data.some((r) => r[1] === FORMULA_LIKE_NAME)).toBe(true);
    expect(data.some((r) => r[1] === PHONE_LIKE_NAME)).toBe(true);
    expect(data.some((r) => /[А-Яа-яІіЇї]/.test(String(r[1])))).toBe(true);
    expect(data.some((r) => /^[A-Za-z' ]+$/.test(String(r[1])))).toBe(true);
    // Heavy tail: most customers buy once, a few dozens of times.
    const counts = new Map<unknown, number>();
    for (const r of data) if (r[1]) counts.set(r[1], (counts.get(r[1]) ?? 0) + 1);
    const once = [...counts.values()].filter((n) => n === 1).length;
    expect(once / counts.size).toBeGreaterThan(0.4);
    expect(Math.max(...counts.values())).toBeGreaterThan(50);
  });
});

// ------------------------------------------------------------------ npm start

describe('npm start', () => {
  it('runs the built add-on on the sample and writes every sheet to the output, leaving the source alone', async () => {
    const dir = tempDir('start-');
    const out = path.join(dir, 'report.xlsx');
    const before = { sha: sha(SAMPLE_ORDERS), mtime: statSync(SAMPLE_ORDERS).mtimeMs };
    const lines: string[] = [];
    const result = await main(['--no-serve', '--out', out, '--now', '2026-11-23T09:00:00Z'], {
      log: (l) => lines.push(l),
      error: (l) => lines.push(l),
    });
    expect(result.server).toBeNull();
    expect({ sha: sha(SAMPLE_ORDERS), mtime: statSync(SAMPLE_ORDERS).mtimeMs }).toEqual(before);
    expect(existsSync(out)).toBe(true);
    const rt = result.runtime!;
    const back = await startRuntime(out, { bundle: probeBundle });
    expect(back.sheetNames()).toEqual(rt.sheetNames());
    expect(back.readSheet('Orders').length).toBe(rt.readSheet('Orders').length);
    expect(lines.some((l) => /^read .*sample-orders\.xlsx/.test(l))).toBe(true);
    if (rt.has('rebuildAllReports')) {
      // Reports own their sheets through developer metadata, which the .xlsx keeps.
      expect(rt.sheetNames().length).toBeGreaterThan(1);
      expect(result.rebuildCalls).toBeGreaterThan(0);
      expect(lines).toContain(`Apps Script calls per rebuild: ${result.rebuildCalls}`);
      const owned = (book: typeof rt.book) =>
        book.sheets.filter((s) => s.metadata.length > 0).map((s) => [s.name, s.metadata.map((m) => [m.key, m.value])]);
      expect(owned(back.book)).toEqual(owned(rt.book));
      expect(owned(back.book).length).toBeGreaterThan(0);
    } else {
      expect(lines.some((l) => l.startsWith('rebuildAllReports is not in dist/Code.js yet'))).toBe(true);
    }
  });

  it('reads a .csv, remembers the schedule between runs, and runs the weekly e-mail trigger into the outbox', async () => {
    const dir = tempDir('start-csv-');
    const csv = path.join(dir, 'orders.csv');
    const { rows } = sampleRows();
    const text = (v: unknown) => (v instanceof Date ? v.toISOString().slice(0, 10) : String(v ?? ''));
    writeFileSync(csv, [HEADERS, ...rows].map((r) => r.map((v) => `"${text(v).replace(/"/g, '""')}"`).join(',')).join('\n'));
    const out = path.join(dir, 'out', 'report.xlsx');
    const io = { log: () => {}, error: () => {} };
    const first = await main(
      ['--orders', csv, '--out', out, '--no-serve', '--run-trigger', '--locale', 'ru_RU', '--now', '2026-11-23T09:00:00Z'],
      io,
    );
    expect(first.runtime!.sheetNames()[0]).toBe('orders');
    if (!first.runtime!.has('runScheduledDigest') || !first.runtime!.has('scheduleTurnOn')) return;
    expect(first.runtime!.triggers.map((t) => t.handler)).toEqual(['runScheduledDigest']);
    expect(first.runtime!.sentMail.length).toBeGreaterThan(0);
    const outbox = readdirSync(path.join(dir, 'out', 'outbox'));
    expect(outbox.length).toBe(first.runtime!.sentMail.length);
    expect(parseMime(readFileSync(path.join(dir, 'out', 'outbox', outbox[0]), 'utf8')).parts.map((p) => p.type)).toContain('text/html');
    const second = await main(['--orders', csv, '--out', out, '--no-serve'], io);
    expect(second.runtime!.triggers).toEqual(first.runtime!.triggers);
    // The campaign log grows with each day's rebuild (the second run is on another day); everything else is as stored.
    const withoutLog = (props: Record<string, string>) =>
      Object.fromEntries(Object.entries(props).filter(([k]) => !k.startsWith('repeatSales.campaignLog.')));
    expect(withoutLog(second.runtime!.properties.document)).toMatchObject(withoutLog(first.runtime!.properties.document));
    expect(second.runtime!.properties.user).toMatchObject(first.runtime!.properties.user);
  });

  it('refuses to write over the source and explains its options', async () => {
    await expect(main(['--out', SAMPLE_ORDERS, '--no-serve'])).rejects.toThrow('--out must not be the orders file');
    await expect(main(['--bogus'])).rejects.toThrow("Unknown option '--bogus' (see --help)");
    const lines: string[] = [];
    await main(['--help'], { log: (l) => lines.push(l), error: () => {} });
    expect(lines.join('\n')).toMatch(/--no-serve[\s\S]*--run-trigger/);
  });
});

// ------------------------------------------------------------------ dev server

describe('dev server', () => {
  it('serves the workbook and the sidebar with the shim, runs calls, escapes cells and rewrites the output', async () => {
    const out = path.join(tempDir('serve-'), 'report.xlsx');
    const rt = await probe({}, { Data: [['<img src=x onerror=alert(1)>', 'a & b']] });
    rt.call('onOpen', { authMode: 'FULL' });
    const server = await startServer(rt, { port: 0, out });
    try {
      const get = (p: string) => fetch(new URL(p, server.url)).then((r) => r.text());
      const rpc = (name: string, args: unknown[] = []) =>
        fetch(new URL(`/rpc/${name}`, server.url), {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(args),
        }).then(async (r) => ({ status: r.status, ...(await r.json()) }));
      const page = await get('/');
      expect(page).toMatch(/<iframe id="sidebar" src="\/sidebar">/);
      expect(page).toMatch(/#right iframe \{[^}]*width: 300px/);
      const sidebar = await get('/sidebar');
      expect(sidebar.indexOf('google.script')).toBeGreaterThan(-1);
      expect(sidebar.indexOf(SHIM)).toBeLessThan(sidebar.indexOf('<p id="x">'));
      const grid = await get('/grid?sheet=0');
      expect(grid).toContain('&lt;img src=x onerror=alert(1)&gt;');
      expect(grid).toContain('a &amp; b');
      expect(grid).not.toContain('<img');
      const state = JSON.parse(await get('/state'));
      expect(state.menus[0].items[0]).toEqual({ caption: 'Open', functionName: 'showSidebar' });

      const v0 = JSON.parse(await get('/version')).version;
      expect(await rpc('writeData')).toEqual({ status: 200, ok: true, result: 'ok', changed: true });
      expect(JSON.parse(await get('/version')).version).not.toBe(v0);
      await server.flushed();
      const written = await startRuntime(out, { bundle: probeBundle });
      expect(written.readSheet('Data')[0][0]).toBe('x');

      expect(await rpc('fails')).toMatchObject({ ok: false, error: 'boom' });
      expect(await rpc('returnsDate')).toMatchObject({ ok: true, result: null });
      expect(await rpc('ss_')).toMatchObject({ status: 404, ok: false });
      expect(await rpc('noSuchFunction')).toMatchObject({ status: 404, error: 'Script function not found: noSuchFunction' });

      await rpc('showSidebar');
      expect(JSON.parse(await get('/state')).sidebarTitle).toBe('Repeat sales');
    } finally {
      await server.close();
    }
  });

  it('gives the sidebar google.script.run with success, failure and user-object handlers', async () => {
    const requests: { url: string; body: string }[] = [];
    const replies: unknown[] = [
      { ok: true, result: { n: 1 } },
      { ok: false, error: 'Exception: nope' },
    ];
    const win: Record<string, unknown> = {
      location: { origin: 'http://127.0.0.1' },
      fetch: (url: string, init: { body: string }) => {
        requests.push({ url, body: init.body });
        const reply = replies.shift();
        return Promise.resolve({ json: () => Promise.resolve(reply) });
      },
      console,
    };
    win.window = win;
    win.parent = win;
    const ctx = vm.createContext(win);
    vm.runInContext(SHIM.replace(/<\/?script>/g, ''), ctx);
    const result = await new Promise((resolve) =>
      vm.runInContext(
        '(r) => google.script.run.withUserObject("u1").withSuccessHandler((v, u) => r([v, u])).sidebarLoad("a", 2)',
        ctx,
      )(resolve),
    );
    expect(toHost(result)).toEqual([{ n: 1 }, 'u1']);
    expect(requests[0]).toEqual({ url: '/rpc/sidebarLoad', body: '["a",2]' });
    const failure = await new Promise<unknown[]>((resolve) =>
      vm.runInContext(
        '(r) => google.script.run.withFailureHandler((e, u) => r([e instanceof Error, e.message, u])).withUserObject(7).sidebarBuild({ kind: "matrix" })',
        ctx,
      )(resolve),
    );
    expect(failure).toEqual([true, 'Exception: nope', 7]);
    expect(injectShim('<html><head></head><body></body></html>')).toMatch(/^<html><head>\n<script>/);
  });
});

// ------------------------------------------------------------------ the built bundle

describe('the built add-on on the local runtime', () => {
  it('opens with a menu whose items are functions of the bundle', async () => {
    const rt = await sampleRuntime();
    if (!rt.has('onOpen')) return;
    rt.call('onOpen', { authMode: 'FULL' });
    const items = rt.ui.menus.flatMap((m) => m.items).filter((i): i is { caption: string; functionName: string } => 'functionName' in i);
    expect(items.length).toBeGreaterThan(0);
    for (const item of items) expect(rt.has(item.functionName)).toBe(true);
  });
});

describe('deleting rows and columns, as Sheets does', () => {
  it('removes them, keeps one unfrozen row, and moves merges', async () => {
    const { startRuntime: start } = await import('./support/runtime');
    const rt = await start({
      S: [
        ['a', 'b', 'c'],
        ['d', 'e', 'f'],
        ['g', 'h', 'i'],
      ],
    });
    const sheet = rt.spreadsheet.getSheetByName('S')!;
    sheet.deleteRows(2, 1);
    sheet.deleteColumns(1, 1);
    expect(sheet.getMaxRows()).toBe(999);
    expect(sheet.getMaxColumns()).toBe(25);
    expect(sheet.getRange(1, 1, 2, 2).getValues()).toEqual([
      ['b', 'c'],
      ['h', 'i'],
    ]);
    sheet.setFrozenRows(1);
    expect(() => sheet.deleteRows(2, 998)).toThrow('Sorry, it is not possible to delete all non-frozen rows.');
    expect(() => sheet.deleteRows(999, 5)).toThrow(/outside the dimensions/);
  });
});
