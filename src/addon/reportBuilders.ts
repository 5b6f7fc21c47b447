/**
 * Which builder makes which report: the one table the server and the benchmark
 * use to turn a report kind into sheets.
 */
import type { ReportContext } from '../reports/context';
import type { SheetSpec } from '../reports/sheetSpec';
import { buildSegmentMatrix } from '../reports/segmentMatrix';
import { buildSegmentList } from '../reports/segmentList';
import { buildLifecycleMigration } from '../reports/lifecycleMigration';
import { buildAbcXyzMigration } from '../reports/abcXyzMigration';
import { buildLostCustomers } from '../reports/lostCustomers';
import { buildWhatIf } from '../reports/whatIf';
import { buildModelCheck } from '../reports/modelCheck';

export const REPORT_BUILDERS = {
  matrix: (ctx: ReportContext): SheetSpec[] => [buildSegmentMatrix(ctx)],
  segmentList: (ctx: ReportContext, segment: string): SheetSpec => buildSegmentList(ctx, segment),
  migration: (ctx: ReportContext): SheetSpec[] => [buildLifecycleMigration(ctx), buildAbcXyzMigration(ctx)],
  lost: (ctx: ReportContext): SheetSpec[] => [buildLostCustomers(ctx)],
  whatIf: (ctx: ReportContext): SheetSpec[] => [buildWhatIf(ctx)],
  modelCheck: (ctx: ReportContext, splitDay: number): SheetSpec => buildModelCheck(ctx, splitDay),
};
