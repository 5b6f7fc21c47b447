/**
 * Which builder makes which report: the one table the server and the benchmark
 * use to turn a report kind into sheets.
 */
import { type Lang, t } from '../i18n/catalogue';
import type { ReportContext } from '../reports/context';
import { SEGMENT_KEYS, segmentName } from '../reports/layout';
import type { SheetSpec } from '../reports/sheetSpec';
import { buildSegmentMatrix } from '../reports/segmentMatrix';
import { buildSegmentList } from '../reports/segmentList';
import { buildLifecycleMigration } from '../reports/lifecycleMigration';
import { buildAbcXyzMigration } from '../reports/abcXyzMigration';
import { buildLostCustomers } from '../reports/lostCustomers';
import { buildWhatIf } from '../reports/whatIf';
import { buildModelCheck } from '../reports/modelCheck';
import { buildTrends } from '../reports/trends';
import { buildRepeatFunnel } from '../reports/repeatFunnel';
import { buildKeyCustomers } from '../reports/keyCustomers';
import { buildManagers } from '../reports/managers';
import { worklistKey, worklistSheetName } from '../reports/worklist';
import { RESULTS_KEY } from '../reports/campaignResults';
import type { Campaign } from '../core/campaigns/campaign';
import type { BuildRequest } from './api';

export const REPORT_BUILDERS = {
  matrix: (ctx: ReportContext): SheetSpec[] => [buildSegmentMatrix(ctx)],
  segmentList: (ctx: ReportContext, segment: string): SheetSpec => buildSegmentList(ctx, segment),
  migration: (ctx: ReportContext): SheetSpec[] => [buildLifecycleMigration(ctx), buildAbcXyzMigration(ctx)],
  lost: (ctx: ReportContext): SheetSpec[] => [buildLostCustomers(ctx)],
  whatIf: (ctx: ReportContext): SheetSpec[] => [buildWhatIf(ctx)],
  modelCheck: (ctx: ReportContext, splitDay: number): SheetSpec => buildModelCheck(ctx, splitDay),
  trends: (ctx: ReportContext): SheetSpec[] => [buildTrends(ctx)],
  funnel: (ctx: ReportContext): SheetSpec[] => [buildRepeatFunnel(ctx)],
  keyCustomers: (ctx: ReportContext): SheetSpec[] => [buildKeyCustomers(ctx)],
  managers: (ctx: ReportContext): SheetSpec[] => [buildManagers(ctx)],
};

/**
 * The sheets a request makes, key and name, known before building them: what a
 * failure message names when the builder itself failed. The campaigns' step
 * writes nothing when it fails before its sheets (the log unreadable or not
 * stored, a target refused): every worklist and the results keep their contents.
 */
export function plannedSheets(lang: Lang, request: BuildRequest, campaigns: readonly Campaign[] = []): { key: string; name: string }[] {
  switch (request.kind) {
    case 'campaigns':
      return [
        ...campaigns.filter((c) => c.enabled).map((c) => ({ key: worklistKey(c.id), name: worklistSheetName(lang, c) })),
        { key: RESULTS_KEY, name: t(lang, 'campaign.results.name') },
      ];
    case 'matrix':
      return [{ key: 'matrix', name: t(lang, 'report.matrix.name') }];
    case 'migration':
      return [
        { key: 'migration:lifecycle', name: t(lang, 'report.lifecycleMigration.name') },
        { key: 'migration:abcxyz', name: t(lang, 'report.abcXyzMigration.name') },
      ];
    case 'lost':
      return [{ key: 'lost', name: t(lang, 'report.lost.name') }];
    case 'whatIf':
      return [{ key: 'whatIf', name: t(lang, 'report.whatIf.name') }];
    case 'modelCheck':
      return [{ key: 'modelCheck', name: t(lang, 'model.check.sheetName') }];
    case 'trends':
      return [{ key: 'trends', name: t(lang, 'report.trends.name') }];
    case 'funnel':
      return [{ key: 'funnel', name: t(lang, 'report.funnel.name') }];
    case 'keyCustomers':
      return [{ key: 'keyCustomers', name: t(lang, 'report.key.name') }];
    case 'managers':
      return [{ key: 'managers', name: t(lang, 'report.managers.name') }];
    case 'segmentList': {
      const segment = SEGMENT_KEYS.indexOf(request.segment ?? '');
      return segment < 0 ? [] : [{ key: `segmentList:${request.segment}`, name: segmentName(lang, segment) }];
    }
    default:
      return [];
  }
}
