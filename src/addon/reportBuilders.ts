// TEMPORARY while src/reports/* is being written (lead replaces this file): keeps the build green.
import type { ReportContext } from '../reports/context';
import type { SheetSpec } from '../reports/sheetSpec';
const pending = (): never => {
  throw new Error('report builders are not wired in yet');
};
export const REPORT_BUILDERS = {
  matrix: (_ctx: ReportContext): SheetSpec[] => pending(),
  segmentList: (_ctx: ReportContext, _segment: string): SheetSpec => pending(),
  migration: (_ctx: ReportContext): SheetSpec[] => pending(),
  lost: (_ctx: ReportContext): SheetSpec[] => pending(),
  whatIf: (_ctx: ReportContext): SheetSpec[] => pending(),
  modelCheck: (_ctx: ReportContext, _splitDay: number): SheetSpec => pending(),
};
