/**
 * The written .xlsx opened by a second reader: its XML, unzipped and read here
 * (fonts on styled cells, column widths, row heights, chart parts and their
 * references, page setup, the very hidden state sheet); and LibreOffice
 * headless, converting it to PDF, when it is installed (CI installs only
 * Chromium: that part is skipped there, with a note).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import JSZip from 'jszip';
import { beforeAll, describe, expect, it } from 'vitest';
import { readWorkbook, writeWorkbook, workbookFromRows } from '../local/workbook';
import { cellAt, cellFor } from '../local/model';
import type { FakeRange } from '../local/spreadsheet';
import { sheetLayout } from '../local/xlsxLayout';
import { reopen, type Runtime, sampleRuntime, startRuntime, tempDir } from './support/runtime';

interface Opened {
  zip: JSZip;
  text(name: string): Promise<string>;
  /** Sheet name -> its part, from workbook.xml and its relationships. */
  sheets: Map<string, { part: string; state: string }>;
}

async function open(file: string): Promise<Opened> {
  const zip = await JSZip.loadAsync(readFileSync(file));
  const text = async (name: string): Promise<string> => {
    const entry = zip.file(name);
    if (!entry) throw new Error(`${name} is not in the .xlsx`);
    return entry.async('string');
  };
  const rels = new Map(
    [...(await text('xl/_rels/workbook.xml.rels')).matchAll(/Id="([^"]+)"[^>]*Target="([^"]+)"/g)].map((m) => [m[1], m[2]]),
  );
  const sheets = new Map<string, { part: string; state: string }>();
  for (const m of (await text('xl/workbook.xml')).matchAll(/<sheet [^>]*>/g)) {
    const attr = (n: string) => new RegExp(`\\b${n}="([^"]*)"`).exec(m[0])?.[1] ?? '';
    sheets.set(
      attr('name')
        .replace(/&apos;/g, "'")
        .replace(/&amp;/g, '&'),
      {
        part: `xl/${rels.get(attr('r:id'))!.replace(/^\/?xl\//, '')}`,
        state: attr('state') || 'visible',
      },
    );
  }
  return { zip, text, sheets };
}

const attr = (xml: string, name: string): string | undefined => new RegExp(`\\b${name}="([^"]*)"`).exec(xml)?.[1];

/** Column (1-based) -> width units from <cols>, else the sheet's default. */
function widths(xml: string): (col: number) => number {
  const cols = [...xml.matchAll(/<col [^>]*>/g)].map((m) => ({
    min: +attr(m[0], 'min')!,
    max: +attr(m[0], 'max')!,
    width: +attr(m[0], 'width')!,
  }));
  const fallback = Number(attr(/<sheetFormatPr[^>]*>/.exec(xml)?.[0] ?? '', 'defaultColWidth') ?? 8.43);
  return (col) => cols.find((c) => col >= c.min && col <= c.max)?.width ?? fallback;
}

describe('the written .xlsx, read as XML', () => {
  let file: string;
  let xlsx: Opened;
  let rt: Awaited<ReturnType<typeof sampleRuntime>>;
  beforeAll(async () => {
    rt = await sampleRuntime({ now: '2026-11-23T09:00:00Z' });
    rt.call('rebuildAllReports');
    file = path.join(tempDir('xlsx-'), 'report.xlsx');
    await rt.writeWorkbook(file);
    xlsx = await open(file);
  });

  it('every styled cell has a font with a name (Arial), and the default font is Arial too', async () => {
    const styles = await xlsx.text('xl/styles.xml');
    const fonts = [.../<fonts[^>]*>(.*?)<\/fonts>/s.exec(styles)![1].matchAll(/<font>(.*?)<\/font>/gs)].map((m) => m[1]);
    expect(fonts.length).toBeGreaterThan(1);
    for (const f of fonts) expect(f).toContain('<name val="Arial"/>');
    const xfs = [.../<cellXfs[^>]*>(.*?)<\/cellXfs>/s.exec(styles)![1].matchAll(/<xf [^>]*>/g)].map((m) => Number(attr(m[0], 'fontId')));
    let styled = 0;
    for (const [name, { part }] of xlsx.sheets) {
      if (name === '__apps_script__') continue;
      for (const m of (await xlsx.text(part)).matchAll(/<c r="([A-Z]+\d+)" s="(\d+)"/g)) {
        styled++;
        expect(fonts[xfs[Number(m[2])]], `${name}!${m[1]}`).toMatch(/<name val="Arial"\/>/);
      }
    }
    expect(styled).toBeGreaterThan(1000);
  });

  it('numbers and dates fit their columns: no ### anywhere', async () => {
    let checked = 0;
    for (const name of rt.sheetNames()) {
      const sheet = xlsx.sheets.get(name)!;
      const width = widths(await xlsx.text(sheet.part));
      const display = rt.readDisplay(name);
      const values = rt.readSheet(name);
      display.forEach((row, r) =>
        row.forEach((text, c) => {
          const v = values[r][c];
          if (typeof v !== 'number' && !(v instanceof Date)) return;
          const merged = rt.book.sheets
            .find((s) => s.name === name)!
            .merges.some((m) => r + 1 >= m.row && r + 1 < m.row + m.rows && c + 1 >= m.col && c + 1 < m.col + m.cols);
          if (merged) return;
          checked++;
          expect(width(c + 1), `${name}!R${r + 1}C${c + 1} "${text}"`).toBeGreaterThanOrEqual(text.length);
        }),
      );
    }
    expect(checked).toBeGreaterThan(5000);
  });

  it('rows whose wrapped text takes several lines are taller', async () => {
    const matrix = await xlsx.text(xlsx.sheets.get('Lifecycle matrix')!.part);
    const tall = [...matrix.matchAll(/<row r="(\d+)"[^>]*\bht="([\d.]+)"[^>]*customHeight="1"/g)];
    expect(tall.length).toBeGreaterThan(3);
    for (const [, , ht] of tall) expect(Number(ht)).toBeGreaterThan(15);
  });

  it('the charts are native chart parts, referenced from their sheet through a drawing, with content types', async () => {
    const types = await xlsx.text('[Content_Types].xml');
    const withCharts = rt.book.sheets.filter((s) => s.charts.length > 0);
    expect(withCharts.length).toBeGreaterThan(0);
    let charts = 0;
    for (const sheet of withCharts) {
      const { part } = xlsx.sheets.get(sheet.name)!;
      const xml = await xlsx.text(part);
      const drawingId = /<drawing r:id="([^"]+)"\/>/.exec(xml)![1];
      // <drawing> comes after the page setup, as the schema orders a worksheet's elements.
      expect(xml.indexOf('<drawing ')).toBeGreaterThan(xml.indexOf('<pageSetup'));
      const sheetRels = await xlsx.text(part.replace(/([^/]+)$/, '_rels/$1.rels'));
      const drawing = new RegExp(`Id="${drawingId}"[^>]*Target="\\.\\./drawings/([^"]+)"`).exec(sheetRels)![1];
      expect(types).toContain(`PartName="/xl/drawings/${drawing}"`);
      const frames = (await xlsx.text(`xl/drawings/${drawing}`)).match(/<c:chart [^>]*r:id="[^"]+"/g)!;
      expect(frames.length).toBe(sheet.charts.length);
      const drawingRels = await xlsx.text(`xl/drawings/_rels/${drawing}.rels`);
      // A sheet may have several charts (Trends has six): each chart part has the title of one of them.
      const titles: string[] = [];
      for (const m of drawingRels.matchAll(/Target="\.\.\/charts\/([^"]+)"/g)) {
        charts++;
        expect(types).toContain(`PartName="/xl/charts/${m[1]}"`);
        const chart = await xlsx.text(`xl/charts/${m[1]}`);
        expect(chart).toMatch(/<c:(barChart|lineChart|pieChart)>/);
        // Points at the sheet's cells and caches their values.
        expect(chart).toContain(`<c:f>'${sheet.name}'!$`);
        expect(chart).toMatch(/<c:numCache>.*<c:pt idx="0"><c:v>\d/s);
        titles.push(/<c:title>.*?<a:t>([^<]*)<\/a:t>/s.exec(chart)?.[1] ?? '');
      }
      expect(titles.sort(), sheet.name).toEqual(sheet.charts.map((c) => String(c.options.title)).sort());
    }
    expect(charts).toBe(withCharts.reduce((n, s) => n + s.charts.length, 0));
  });

  it('every sheet prints one page wide; wide ones in landscape; frozen header rows repeat on each page', async () => {
    const workbook = await xlsx.text('xl/workbook.xml');
    for (const sheet of rt.book.sheets) {
      const xml = await xlsx.text(xlsx.sheets.get(sheet.name)!.part);
      expect(xml, sheet.name).toMatch(/<sheetPr>.*<pageSetUpPr fitToPage="1"\/>.*<\/sheetPr>/s);
      const setup = /<pageSetup [^>]*>/.exec(xml)![0];
      expect(attr(setup, 'fitToWidth')).toBe('1');
      expect(attr(setup, 'fitToHeight')).toBe('0');
      const wide = sheetLayout(sheet, rt.book.locale).totalPx > 700;
      expect(attr(setup, 'orientation'), sheet.name).toBe(wide ? 'landscape' : 'portrait');
    }
    expect(workbook).toMatch(/<definedName name="_xlnm.Print_Titles" localSheetId="0">&apos;Orders&apos;!\$1:\$1<\/definedName>/);
    expect(rt.book.sheets.some((s) => sheetLayout(s, rt.book.locale).totalPx > 700)).toBe(true);
  });

  it('the internal state sheet is very hidden (no Unhide menu shows it)', () => {
    expect(xlsx.sheets.get('__apps_script__')!.state).toBe('veryHidden');
    // The campaign log's sheet is hidden in the spreadsheet (Sheets has no very hidden), and so in the file.
    expect(xlsx.sheets.get('__campaign_log__')!.state).toBe('hidden');
    for (const [name, { state }] of xlsx.sheets)
      if (name !== '__apps_script__' && name !== '__campaign_log__') expect(state).toBe('visible');
  });

  it('formulas carry their results, for readers that do not recalculate', async () => {
    const whatIf = await xlsx.text(xlsx.sheets.get('What-if')!.part);
    const formulas = [...whatIf.matchAll(/<c r="[A-Z]+\d+"[^>]*><f>[^<]*<\/f>(<v>[^<]*<\/v>)?<\/c>/g)];
    expect(formulas.length).toBeGreaterThan(5);
    for (const m of formulas) expect(m[0]).toContain('<v>');
  });

  it('the same workbook gives the same bytes', async () => {
    const dir = tempDir('xlsx-');
    await rt.writeWorkbook(path.join(dir, 'one.xlsx'));
    await rt.writeWorkbook(path.join(dir, 'two.xlsx'));
    expect(readFileSync(path.join(dir, 'one.xlsx')).equals(readFileSync(path.join(dir, 'two.xlsx')))).toBe(true);
  });
});

describe('column widths fit what the cells show', () => {
  it('date-times in a narrow column (the Send log) widen it; text beside an empty cell does not', async () => {
    const when = new Date(Date.UTC(2026, 10, 23, 9, 30));
    const book = workbookFromRows(
      {
        Log: [
          ['When', 'Note', 'Sent'],
          [when, 'a very long note that runs on over the empty cell to its right', ''],
          [when, 'x', 12345678.9],
        ],
      },
      { locale: 'en_US', timeZone: 'UTC' },
    );
    const sheet = book.sheets[0];
    sheet.columnWidths.set(1, 40);
    sheet.columnWidths.set(3, 30);
    const file = path.join(tempDir('xlsx-'), 'log.xlsx');
    await writeWorkbook(book, file);
    const xlsx = await open(file);
    const width = widths(await xlsx.text(xlsx.sheets.get('Log')!.part));
    expect(width(1)).toBeGreaterThanOrEqual('11/23/2026 9:30:00'.length);
    expect(width(3)).toBeGreaterThanOrEqual('12345678.9'.length);
    expect(width(2)).toBeCloseTo(13.57, 1);
  });
});

// Issue 14: the worklists' drop-downs (Range.setDataValidations, modelled in local/spreadsheet.ts after
// https://developers.google.com/apps-script/reference/spreadsheet/range#setDataValidations(DataValidation))
// are <dataValidation type="list"> in the file (ECMA-376 Part 1, 18.3.1.32), and come back on reopening.
describe("data validations: the worklist's status and reason drop-downs are in the written .xlsx", () => {
  const ORDERS: unknown[][] = [
    ['Date', 'Customer', 'Amount', 'Manager'],
    ...['2026-01-10', '2026-02-10', '2026-03-10', '2026-06-01'].map((d) => [d, 'Anna Petrova', 100, 'Olga']),
    ...['2026-02-01', '2026-03-01', '2026-04-01', '2026-05-01', '2026-07-01'].map((d) => [d, 'Boris', 50, 'Ivan']),
  ];
  const LIST = 'List · Reactivate Regular';
  const STATUSES = ['to do', 'reached', 'no answer', 'won back', 'declined', 'let go'];
  const REASONS = ['competitors', 'our company', "the customer's circumstances", 'unknown'];
  let rt: Runtime;
  let file: string;
  let header: number;
  beforeAll(async () => {
    rt = await startRuntime({ Orders: ORDERS }, { now: '2026-11-23T09:00Z' });
    rt.callJson('sidebarBuild', { kind: 'campaigns' });
    header = rt.readSheet(LIST).findIndex((r) => r[0] === 'Customer') + 1;
    file = path.join(tempDir('xlsx-'), 'worklists.xlsx');
    await rt.writeWorkbook(file);
  });

  it('the sheet part has a list rule over the status column and one over the reason column, each with its items', async () => {
    const xlsx = await open(file);
    const xml = await xlsx.text(xlsx.sheets.get(LIST)!.part);
    const rules = [...xml.matchAll(/<dataValidation [^>]*>.*?<\/dataValidation>/gs)].map((m) => ({
      type: attr(m[0], 'type'),
      sqref: attr(m[0], 'sqref'),
      errorStyle: attr(m[0], 'errorStyle'),
      formula: /<formula1>(.*?)<\/formula1>/s
        .exec(m[0])?.[1]
        .replace(/&quot;/g, '"')
        .replace(/&apos;/g, "'")
        .replace(/&amp;/g, '&'),
    }));
    const values = rt.readSheet(LIST);
    const col = (name: string) => String.fromCharCode(65 + values[header - 1].indexOf(name));
    // Anna and Boris: the two rows under the header.
    const rows = `${header + 1}:${col('Status')}${header + 2}`;
    expect(rules).toEqual([
      { type: 'list', sqref: `${col('Status')}${rows}`, errorStyle: 'stop', formula: `"${STATUSES.join(',')}"` },
      {
        type: 'list',
        sqref: `${col('Reason')}${header + 1}:${col('Reason')}${header + 2}`,
        errorStyle: 'stop',
        formula: `"${REASONS.join(',')}"`,
      },
    ]);
  });

  it('reopened, the cells carry the same lists and still refuse a status not on them', async () => {
    const again = await reopen(rt);
    const values = again.readSheet(LIST);
    const status = values[header - 1].indexOf('Status') + 1;
    const cell = (c: number) => again.spreadsheet.getSheetByName(LIST)!.getRange(header + 1, c) as unknown as FakeRange;
    expect(cell(status).getDataValidation()!.getCriteriaValues()).toEqual([STATUSES, true]);
    expect(cell(status).getDataValidation()!.getAllowInvalid()).toBe(false);
    expect(
      cell(status + 1)
        .getDataValidation()!
        .getCriteriaValues()[0],
    ).toEqual(REASONS);
    expect(cell(status + 2).getDataValidation()).toBeNull();
    expect(() => cell(status)._typeAsUser('maybe')).toThrow(/violates the data validation rules/);
    cell(status)._typeAsUser('reached');
    expect(again.readSheet(LIST)[header][status - 1]).toBe('reached');
  });

  it('a list Excel cannot take inline (an item with a comma, or over 255 characters) is kept on the state sheet and comes back whole', async () => {
    const book = workbookFromRows({ Work: [['Status', 'Size']] }, { locale: 'en_US', timeZone: 'UTC' });
    const comma = { list: ['yes, at once', 'no'], dropdown: true, allowInvalid: false };
    const long = { list: Array.from({ length: 40 }, (_, i) => `option number ${i}`), dropdown: true, allowInvalid: true };
    for (const r of [2, 3]) {
      cellFor(book.sheets[0], r, 1).validation = comma;
      cellFor(book.sheets[0], r, 2).validation = long;
    }
    const out = path.join(tempDir('xlsx-'), 'lists.xlsx');
    await writeWorkbook(book, out);
    const xlsx = await open(out);
    const xml = await xlsx.text(xlsx.sheets.get('Work')!.part);
    expect([...xml.matchAll(/<formula1>(.*?)<\/formula1>/g)].map((m) => m[1].replace(/&apos;/g, "'"))).toEqual([
      "'__apps_script__'!$E$1:$E$2",
      "'__apps_script__'!$F$1:$F$40",
    ]);
    const read = await readWorkbook(out, { locale: 'en_US', timeZone: 'UTC' });
    const work = read.sheets.find((s) => s.name === 'Work')!;
    for (const r of [2, 3]) {
      expect(cellAt(work, r, 1)!.validation).toEqual(comma);
      expect(cellAt(work, r, 2)!.validation).toEqual(long);
    }
    // The state sheet's lists are no sheet of the workbook and no record in it.
    expect(read.sheets.map((s) => s.name)).toEqual(['Work']);
  });
});

const soffice = ['soffice', 'libreoffice'].find((bin) => spawnSync(bin, ['--version'], { stdio: 'ignore' }).status === 0);

describe.skipIf(!soffice)('LibreOffice opens it (skipped: soffice is not installed here; CI installs only Chromium)', () => {
  it('converts the report to a PDF of landscape and portrait pages', async () => {
    const rt = await sampleRuntime({ now: '2026-11-23T09:00:00Z' });
    rt.call('rebuildAllReports');
    const dir = tempDir('xlsx-lo-');
    const file = path.join(dir, 'report.xlsx');
    await rt.writeWorkbook(file);
    execFileSync(soffice!, ['--headless', '--convert-to', 'pdf', '--outdir', dir, file], { stdio: 'ignore', timeout: 120_000 });
    const pdf = readFileSync(path.join(dir, 'report.pdf'), 'latin1');
    expect(existsSync(path.join(dir, 'report.pdf'))).toBe(true);
    expect(pdf).not.toContain('__apps_script__');
    expect((pdf.match(/\/Type\s*\/Page\b/g) ?? []).length).toBeGreaterThan(5);
  });
});
