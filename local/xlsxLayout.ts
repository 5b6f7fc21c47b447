/**
 * What an .xlsx needs to look right outside Sheets (Excel, LibreOffice), which
 * the Sheets grid does not say: column widths that fit what the cells show, row
 * heights that fit wrapped text, and a page setup. Pure: from the sheet model
 * to numbers that local/workbook.ts hands to exceljs.
 *
 * Widths are in Excel's character units of the default font (one unit ≈ 7 px of
 * Arial 10, as local/workbook.ts converts Sheets' pixels); heights in points.
 */
import { DEFAULT_COLUMN_WIDTH, type SheetModel } from './model';
import { displayText } from './numberFormat';

/** Sheets' default font, written on every cell so that no reader falls back to its own (LibreOffice: a serif). */
export const FONT_NAME = 'Arial';
export const FONT_SIZE = 10;
/** Points per line of Arial 10 (Sheets' default row is 21 px ≈ 15.75 pt with padding). */
const LINE_PT = 12.75;
const ROW_PAD_PT = 3;
const MAX_WIDTH = 60;

/** Sheets pixels to Excel width units (the inverse of local/workbook.ts's reading). */
export function widthUnits(px: number): number {
  return Math.max(0, Math.round(((px - 5) / 7) * 100) / 100);
}

/** Characters of text at a font size, in width units of Arial 10 (wide letters count a little more). */
function textUnits(text: string, size: number, bold: boolean): number {
  let units = 0;
  for (const c of text) units += /[MWmw@%]/.test(c) ? 1.3 : /[ilIj.,:;'|!]/.test(c) ? 0.5 : /[A-ZА-ЯЁІЇЄҐ]/.test(c) ? 1.15 : 1;
  return units * (size / FONT_SIZE) * (bold ? 1.08 : 1);
}

export interface SheetLayout {
  /** Column (1-based) -> width units, for every column with content. */
  widths: Map<number, number>;
  /** Row (1-based) -> height in points, for rows whose wrapped text needs more than one line. */
  heights: Map<number, number>;
  /** Sum of the widths in pixels, for the page orientation. */
  totalPx: number;
}

/**
 * Each column as wide as it is set in Sheets, or wider where a number or date
 * would not fit (Excel shows `###`) or text would be cut by a filled cell to its
 * right; wrapped text and merged cells do not widen a column, they make rows taller.
 */
export function sheetLayout(sheet: SheetModel, locale: string): SheetLayout {
  const merged = new Set<string>();
  for (const m of sheet.merges)
    for (let r = m.row; r < m.row + m.rows; r++) for (let c = m.col; c < m.col + m.cols; c++) merged.add(`${r}:${c}`);
  const set = (col: number): number => widthUnits(sheet.columnWidths.get(col) ?? DEFAULT_COLUMN_WIDTH);
  const widths = new Map<number, number>();
  const wrapped: { row: number; col: number; units: number; size: number }[] = [];
  sheet.cells.forEach((line, r) => {
    line?.forEach((cell, c) => {
      if (!cell || cell.v === '') return;
      const col = c + 1;
      const row = r + 1;
      const size = cell.fontSize ?? FONT_SIZE;
      const text = displayText(cell.v, cell.numberFormat, locale);
      const units = textUnits(text, size, !!cell.bold) + 1.5;
      if (cell.wrap) {
        wrapped.push({ row, col, units, size });
        return;
      }
      if (merged.has(`${row}:${col}`)) return;
      // Text runs on over empty cells to its right; only a filled neighbour cuts it.
      const cutOff = typeof cell.v !== 'string' || (line[c + 1] !== undefined && line[c + 1]?.v !== '');
      if (!cutOff) return;
      widths.set(col, Math.max(widths.get(col) ?? set(col), Math.min(MAX_WIDTH, units)));
    });
  });
  for (const col of sheet.columnWidths.keys()) if (!widths.has(col)) widths.set(col, set(col));
  const heights = new Map<number, number>();
  for (const w of wrapped) {
    const width = widths.get(w.col) ?? set(w.col);
    const lines = Math.max(1, Math.ceil(w.units / Math.max(1, width - 1)));
    const pt = lines * LINE_PT * (w.size / FONT_SIZE) + ROW_PAD_PT;
    if (lines > 1 || w.size > FONT_SIZE) heights.set(w.row, Math.max(heights.get(w.row) ?? 0, Math.round(pt * 100) / 100));
  }
  let totalPx = 0;
  const last = Math.max(0, ...sheet.cells.map((l) => l?.length ?? 0), ...widths.keys());
  for (let col = 1; col <= last; col++) totalPx += Math.round((widths.get(col) ?? set(col)) * 7 + 5);
  return { widths, heights, totalPx };
}

/** Printable width of an A4/Letter portrait page at 96 dpi, less margins. */
export const PORTRAIT_PX = 700;

export interface PageLayout {
  orientation: 'portrait' | 'landscape';
  /** Every sheet prints one page wide, as many pages tall as it takes. */
  fitToWidth: 1;
  fitToHeight: 0;
  /** Rows repeated at the top of each page ("1:3"), from the frozen rows; null when none. */
  printTitlesRow: string | null;
}

export function pageLayout(sheet: SheetModel, layout: SheetLayout): PageLayout {
  return {
    orientation: layout.totalPx > PORTRAIT_PX ? 'landscape' : 'portrait',
    fitToWidth: 1,
    fitToHeight: 0,
    printTitlesRow: sheet.frozenRows > 0 ? `1:${sheet.frozenRows}` : null,
  };
}
