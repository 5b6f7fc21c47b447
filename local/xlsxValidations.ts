/**
 * Data validations ("value in list" rules, local/model.ts ValidationModel) to and
 * from .xlsx, so that a written workbook keeps the worklists' status and reason
 * drop-downs and a reopened one still rejects what they reject.
 *
 * In the file (ECMA-376 Part 1, 18.3.1.32 dataValidation, type "list"; exceljs
 * writes it from `cell.dataValidation` and squeezes alike cells into ranges,
 * https://github.com/exceljs/exceljs#data-validations): a list is written inline,
 * `"a,b,c"`. Excel refuses an inline list longer than 255 UTF-16 code units (the
 * limit excelize's SetDropList checks, https://github.com/qax-os/excelize/blob/master/datavalidation.go),
 * and a comma always separates items there,
 * so a longer list, or one with a comma, is written to a column of the hidden
 * state sheet and referenced from there. Invalid input rejected (Sheets'
 * setAllowInvalid(false)) is Excel's "stop" error style, allowed with a warning
 * is "warning". exceljs cannot write `showDropDown`, so a rule without the
 * drop-down comes back with one (the add-on always shows it).
 */
import type ExcelJS from 'exceljs';
import type { ValidationModel } from './model';

/** Excel's limit on an inline list, in characters between the quotes. */
export const INLINE_LIST_MAX = 255;

/** Whether a list can be written inline: `"a,b,c"` within Excel's limit, no item with a comma. */
export function fitsInline(list: readonly string[]): boolean {
  return list.every((item) => !item.includes(',')) && list.join(',').length <= INLINE_LIST_MAX;
}

/** The formula of an inline list: the items joined by commas, in double quotes (a quote inside doubled). */
export function inlineListFormula(list: readonly string[]): string {
  return `"${list.join(',').replace(/"/g, '""')}"`;
}

/** A sheet reference, quoted as Excel quotes one: `'__apps_script__'!$E$1:$E$3`. */
export function listRangeFormula(sheet: string, column: string, rows: number): string {
  return `'${sheet.replace(/'/g, "''")}'!$${column}$1:$${column}$${rows}`;
}

/** The exceljs rule of a model; `rangeFormula` places a list that cannot go inline and says where it went. */
export function excelValidation(model: ValidationModel, rangeFormula: (list: string[]) => string): ExcelJS.DataValidation {
  return {
    type: 'list',
    allowBlank: true,
    formulae: [fitsInline(model.list) ? inlineListFormula(model.list) : rangeFormula(model.list)],
    showErrorMessage: true,
    errorStyle: model.allowInvalid ? 'warning' : 'stop',
  };
}

/**
 * The model of an exceljs rule read back: the items of an inline list, or the
 * values of the range it names (`valuesOf(sheet, column, fromRow, toRow)`); null
 * for a rule that is not a list (the stand-in models lists only).
 */
export function validationOfExcel(
  dv: ExcelJS.DataValidation,
  valuesOf: (sheet: string, column: string, from: number, to: number) => string[] | null,
): ValidationModel | null {
  if (dv.type !== 'list' || !dv.formulae?.length) return null;
  const formula = String(dv.formulae[0]);
  let list: string[] | null = null;
  const inline = /^"(.*)"$/s.exec(formula);
  if (inline) list = inline[1].replace(/""/g, '"').split(',');
  else {
    const ref = /^(?:'((?:[^']|'')+)'|([^'!]+))!\$?([A-Z]+)\$?(\d+):\$?([A-Z]+)\$?(\d+)$/.exec(formula);
    if (ref && ref[3] === ref[5]) list = valuesOf((ref[1] ?? '').replace(/''/g, "'") || ref[2], ref[3], Number(ref[4]), Number(ref[6]));
  }
  if (!list || list.length === 0) return null;
  const allowInvalid = dv.showErrorMessage !== true || dv.errorStyle === 'warning' || dv.errorStyle === 'information';
  return { list, dropdown: true, allowInvalid };
}
