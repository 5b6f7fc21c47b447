/**
 * What exceljs cannot write, added to the .xlsx after it has: the charts of the
 * sheets as native DrawingML charts (ECMA-376 Part 1, 21.2 "DrawingML - Charts";
 * parts and relationships as 12.3.3 "Chart Part" and 12.3.8 "Drawings Part"
 * list them), and Arial as the workbook's default font.
 *
 * Each chart is over one data area, as the add-on makes them (src/reports
 * sheetSpec.ts: first row the series names, first column the categories); the
 * XML points at the cells and also caches their values, so that a reader that
 * does not recalculate still draws it.
 */
import JSZip from 'jszip';
import type { ChartModel, SheetModel, WorkbookModel } from './model';
import { columnLetter } from './values';
import { FONT_NAME, FONT_SIZE } from './xlsxLayout';

const NS = {
  c: 'http://schemas.openxmlformats.org/drawingml/2006/chart',
  a: 'http://schemas.openxmlformats.org/drawingml/2006/main',
  r: 'http://schemas.openxmlformats.org/officeDocument/2006/relationships',
  xdr: 'http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing',
  rel: 'http://schemas.openxmlformats.org/package/2006/relationships',
};
const REL_DRAWING = `${NS.r}/drawing`;
const REL_CHART = `${NS.r}/chart`;
const CT_DRAWING = 'application/vnd.openxmlformats-officedocument.drawing+xml';
const CT_CHART = 'application/vnd.openxmlformats-officedocument.drawingml.chart+xml';
/** English Metric Units per pixel at 96 dpi. */
const EMU_PER_PX = 9525;
const FIXED_DATE = new Date(Date.UTC(2020, 0, 1));

function esc(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** `'Sheet name'!$A$1:$B$3`. */
function ref(sheet: string, row: number, col: number, rows = 1, cols = 1): string {
  const a = `$${columnLetter(col)}$${row}`;
  const b = `$${columnLetter(col + cols - 1)}$${row + rows - 1}`;
  return `'${sheet.replace(/'/g, "''")}'!${a}${rows === 1 && cols === 1 ? '' : `:${b}`}`;
}

function cellText(sheet: SheetModel, row: number, col: number): string {
  const v = sheet.cells[row - 1]?.[col - 1]?.v;
  return v === undefined || v === null ? '' : String(v);
}

function cellNumber(sheet: SheetModel, row: number, col: number): number | null {
  const v = sheet.cells[row - 1]?.[col - 1]?.v;
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
}

function strRef(f: string, values: string[]): string {
  const pts = values.map((v, i) => `<c:pt idx="${i}"><c:v>${esc(v)}</c:v></c:pt>`).join('');
  return `<c:strRef><c:f>${esc(f)}</c:f><c:strCache><c:ptCount val="${values.length}"/>${pts}</c:strCache></c:strRef>`;
}

function numRef(f: string, values: (number | null)[]): string {
  const pts = values.map((v, i) => (v === null ? '' : `<c:pt idx="${i}"><c:v>${v}</c:v></c:pt>`)).join('');
  return `<c:numRef><c:f>${esc(f)}</c:f><c:numCache><c:formatCode>General</c:formatCode><c:ptCount val="${values.length}"/>${pts}</c:numCache></c:numRef>`;
}

const font = (size: number, bold = false): string =>
  `<a:defRPr sz="${size * 100}"${bold ? ' b="1"' : ''}><a:latin typeface="${FONT_NAME}"/><a:cs typeface="${FONT_NAME}"/></a:defRPr>`;

/** The chart part of one chart; `excelName` is the sheet's name in the .xlsx. */
export function chartXml(chart: ChartModel, sheet: SheetModel, excelName: string): string {
  const area = chart.ranges[0];
  const type = chart.type.toUpperCase();
  const categories: string[] = [];
  for (let r = area.row + 1; r < area.row + area.rows; r++) categories.push(cellText(sheet, r, area.col));
  const catRef = ref(excelName, area.row + 1, area.col, Math.max(1, area.rows - 1));
  const series: string[] = [];
  for (let c = area.col + 1; c < area.col + area.cols; c++) {
    const i = c - area.col - 1;
    const values: (number | null)[] = [];
    for (let r = area.row + 1; r < area.row + area.rows; r++) values.push(cellNumber(sheet, r, c));
    series.push(
      `<c:ser><c:idx val="${i}"/><c:order val="${i}"/><c:tx>${strRef(ref(excelName, area.row, c), [cellText(sheet, area.row, c)])}</c:tx>` +
        (type === 'LINE' ? '<c:marker><c:symbol val="none"/></c:marker>' : '') +
        `<c:cat>${strRef(catRef, categories)}</c:cat><c:val>${numRef(ref(excelName, area.row + 1, c, Math.max(1, area.rows - 1)), values)}</c:val>` +
        (type === 'LINE' ? '<c:smooth val="0"/>' : '') +
        `</c:ser>`,
    );
  }
  const stacked = chart.options.isStacked === true;
  const axes = '<c:axId val="111"/><c:axId val="222"/>';
  let plot: string;
  if (type === 'PIE') plot = `<c:pieChart><c:varyColors val="1"/>${series.slice(0, 1).join('')}<c:firstSliceAng val="0"/></c:pieChart>`;
  else if (type === 'LINE')
    plot = `<c:lineChart><c:grouping val="${stacked ? 'stacked' : 'standard'}"/><c:varyColors val="0"/>${series.join('')}<c:marker val="1"/>${axes}</c:lineChart>`;
  else
    plot =
      `<c:barChart><c:barDir val="${type === 'BAR' ? 'bar' : 'col'}"/><c:grouping val="${stacked ? 'stacked' : 'clustered'}"/><c:varyColors val="0"/>${series.join('')}` +
      `<c:gapWidth val="80"/>${stacked ? '<c:overlap val="100"/>' : ''}${axes}</c:barChart>`;
  const horizontal = type === 'BAR';
  const axisText = `<c:txPr><a:bodyPr/><a:lstStyle/><a:p><a:pPr>${font(9)}</a:pPr><a:endParaRPr lang="en-US"/></a:p></c:txPr>`;
  const catAx =
    `<c:catAx><c:axId val="111"/><c:scaling><c:orientation val="${horizontal ? 'maxMin' : 'minMax'}"/></c:scaling><c:delete val="0"/>` +
    `<c:axPos val="${horizontal ? 'l' : 'b'}"/><c:numFmt formatCode="General" sourceLinked="1"/><c:majorTickMark val="none"/><c:minorTickMark val="none"/><c:tickLblPos val="nextTo"/>${axisText}<c:crossAx val="222"/><c:crosses val="autoZero"/><c:auto val="1"/><c:lblAlgn val="ctr"/><c:lblOffset val="100"/><c:noMultiLvlLbl val="0"/></c:catAx>`;
  const valAx =
    `<c:valAx><c:axId val="222"/><c:scaling><c:orientation val="minMax"/></c:scaling><c:delete val="0"/><c:axPos val="${horizontal ? 't' : 'l'}"/><c:majorGridlines/>` +
    `<c:numFmt formatCode="General" sourceLinked="1"/><c:majorTickMark val="none"/><c:minorTickMark val="none"/><c:tickLblPos val="nextTo"/>${axisText}<c:crossAx val="111"/><c:crosses val="${horizontal ? 'max' : 'autoZero'}"/><c:crossBetween val="between"/></c:valAx>`;
  const title = typeof chart.options.title === 'string' ? chart.options.title : '';
  const titleXml = title
    ? `<c:title><c:tx><c:rich><a:bodyPr/><a:lstStyle/><a:p><a:pPr>${font(12, true)}</a:pPr><a:r><a:rPr lang="en-US" sz="1200" b="1"><a:latin typeface="${FONT_NAME}"/></a:rPr><a:t>${esc(title)}</a:t></a:r></a:p></c:rich></c:tx><c:overlay val="0"/></c:title><c:autoTitleDeleted val="0"/>`
    : '<c:autoTitleDeleted val="1"/>';
  return (
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n` +
    `<c:chartSpace xmlns:c="${NS.c}" xmlns:a="${NS.a}" xmlns:r="${NS.r}"><c:roundedCorners val="0"/><c:chart>${titleXml}` +
    `<c:plotArea><c:layout/>${plot}${type === 'PIE' ? '' : catAx + valAx}</c:plotArea>` +
    `<c:legend><c:legendPos val="b"/><c:overlay val="0"/></c:legend><c:plotVisOnly val="1"/><c:dispBlanksAs val="gap"/></c:chart>` +
    `<c:txPr><a:bodyPr/><a:lstStyle/><a:p><a:pPr>${font(FONT_SIZE)}</a:pPr><a:endParaRPr lang="en-US"/></a:p></c:txPr></c:chartSpace>`
  );
}

/** The drawing part of a sheet: one anchored frame per chart, at its cell, of its size. */
function drawingXml(charts: ChartModel[]): string {
  const frames = charts.map((chart, i) => {
    const width = Number(chart.options.width) || 600;
    const height = Number(chart.options.height) || 371;
    const { row, col, offsetX, offsetY } = chart.anchor;
    return (
      `<xdr:oneCellAnchor><xdr:from><xdr:col>${col - 1}</xdr:col><xdr:colOff>${offsetX * EMU_PER_PX}</xdr:colOff><xdr:row>${row - 1}</xdr:row><xdr:rowOff>${offsetY * EMU_PER_PX}</xdr:rowOff></xdr:from>` +
      `<xdr:ext cx="${width * EMU_PER_PX}" cy="${height * EMU_PER_PX}"/>` +
      `<xdr:graphicFrame macro=""><xdr:nvGraphicFramePr><xdr:cNvPr id="${i + 2}" name="Chart ${i + 1}"/><xdr:cNvGraphicFramePr/></xdr:nvGraphicFramePr>` +
      `<xdr:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/></xdr:xfrm><a:graphic><a:graphicData uri="${NS.c}"><c:chart xmlns:c="${NS.c}" r:id="rId${i + 1}"/></a:graphicData></a:graphic></xdr:graphicFrame><xdr:clientData/></xdr:oneCellAnchor>`
    );
  });
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<xdr:wsDr xmlns:xdr="${NS.xdr}" xmlns:a="${NS.a}" xmlns:r="${NS.r}">${frames.join('')}</xdr:wsDr>`;
}

function rels(entries: { id: string; type: string; target: string }[]): string {
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="${NS.rel}">${entries
    .map((e) => `<Relationship Id="${e.id}" Type="${e.type}" Target="${e.target}"/>`)
    .join('')}</Relationships>`;
}

/** Where each sheet (by its name in the .xlsx) is stored: `xl/worksheets/sheet3.xml`. */
async function sheetParts(zip: JSZip): Promise<Map<string, string>> {
  const workbook = await zip.file('xl/workbook.xml')!.async('string');
  const wbRels = await zip.file('xl/_rels/workbook.xml.rels')!.async('string');
  const targets = new Map<string, string>();
  for (const m of wbRels.matchAll(/<Relationship\b[^>]*>/g)) {
    const id = /\bId="([^"]+)"/.exec(m[0])?.[1];
    const target = /\bTarget="([^"]+)"/.exec(m[0])?.[1];
    if (id && target) targets.set(id, target.replace(/^\/?xl\//, '').replace(/^\//, ''));
  }
  const parts = new Map<string, string>();
  for (const m of workbook.matchAll(/<sheet\b[^>]*>/g)) {
    const name = /\bname="([^"]*)"/.exec(m[0])?.[1];
    const id = /\br:id="([^"]+)"/.exec(m[0])?.[1];
    if (name === undefined || !id || !targets.has(id)) continue;
    const unescaped = name
      .replace(/&apos;/g, "'")
      .replace(/&quot;/g, '"')
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&amp;/g, '&');
    parts.set(unescaped, `xl/${targets.get(id)}`);
  }
  return parts;
}

/**
 * The .xlsx exceljs wrote, with the charts of each sheet added and Arial 10 as
 * the default font. `names[i]` is `book.sheets[i]`'s name in the file.
 */
export async function finishXlsx(buffer: Buffer, book: WorkbookModel, names: string[]): Promise<Buffer> {
  const zip = await JSZip.loadAsync(buffer);
  // Fixed entry dates, as exceljs's document dates are: the same workbook gives the same bytes.
  const put = (name: string, text: string): void => void zip.file(name, text, { date: FIXED_DATE });
  // The default font (the first in styles.xml) is the one empty cells and row heights use.
  const styles = await zip.file('xl/styles.xml')!.async('string');
  put(
    'xl/styles.xml',
    styles.replace(
      /<fonts([^>]*)><font>.*?<\/font>/s,
      `<fonts$1><font><sz val="${FONT_SIZE}"/><name val="${FONT_NAME}"/><family val="2"/></font>`,
    ),
  );
  const parts = await sheetParts(zip);
  let types = await zip.file('[Content_Types].xml')!.async('string');
  let drawingNo = 0;
  let chartNo = 0;
  for (const [i, sheet] of book.sheets.entries()) {
    const charts = sheet.charts.filter((c) => c.ranges.length > 0 && c.ranges[0].rows > 1 && c.ranges[0].cols > 1);
    const part = parts.get(names[i]);
    if (!charts.length || !part) continue;
    drawingNo++;
    const drawingRels: { id: string; type: string; target: string }[] = [];
    for (const [k, chart] of charts.entries()) {
      chartNo++;
      put(`xl/charts/chart${chartNo}.xml`, chartXml(chart, sheet, names[i]));
      types = types.replace('</Types>', `<Override PartName="/xl/charts/chart${chartNo}.xml" ContentType="${CT_CHART}"/></Types>`);
      drawingRels.push({ id: `rId${k + 1}`, type: REL_CHART, target: `../charts/chart${chartNo}.xml` });
    }
    put(`xl/drawings/drawing${drawingNo}.xml`, drawingXml(charts));
    put(`xl/drawings/_rels/drawing${drawingNo}.xml.rels`, rels(drawingRels));
    types = types.replace('</Types>', `<Override PartName="/xl/drawings/drawing${drawingNo}.xml" ContentType="${CT_DRAWING}"/></Types>`);
    // The sheet points at its drawing: a relationship, and <drawing> where the schema puts it.
    const relsPath = part.replace(/([^/]+)$/, '_rels/$1.rels');
    const existing = zip.file(relsPath) ? await zip.file(relsPath)!.async('string') : rels([]);
    const relId = `rIdChartDrawing${drawingNo}`;
    put(
      relsPath,
      existing.replace(
        '</Relationships>',
        `<Relationship Id="${relId}" Type="${REL_DRAWING}" Target="../drawings/drawing${drawingNo}.xml"/></Relationships>`,
      ),
    );
    const xml = await zip.file(part)!.async('string');
    const before = /<(legacyDrawing|legacyDrawingHF|picture|oleObjects|controls|webPublishItems|tableParts|extLst)\b/.exec(xml);
    const at = before ? before.index : xml.lastIndexOf('</worksheet>');
    put(part, `${xml.slice(0, at)}<drawing r:id="${relId}"/>${xml.slice(at)}`);
  }
  put('[Content_Types].xml', types);
  zip.forEach((_, entry) => {
    entry.date = FIXED_DATE;
  });
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}
