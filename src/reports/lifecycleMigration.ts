/**
 * Lifecycle migration (docs/definitions.md: lifecycle segments): every customer's segment as of date 1
 * against as of date 2 (the ends of the two comparison periods), for the whole base,
 * per manager and per customer.
 */
import { checkBands } from '../core/lifecycle';
import { NONE, lifecycleMigration, lifecycleMove } from '../core/migration';
import { t } from '../i18n/catalogue';
import { type ReportContext } from './context';
import {
  SheetGrid,
  clampPeriod,
  countRange,
  dateFormat,
  formatNumber,
  recencyRange,
  segmentName,
  writeHeader,
  writeSection,
} from './layout';
import {
  type MigrationLabels,
  writeManagerMoves,
  writeManagerTransitions,
  writeMovedCustomers,
  writeTransitionMatrix,
} from './migrationTables';
import { type SheetSpec } from './sheetSpec';

export function buildLifecycleMigration(ctx: ReportContext): SheetSpec {
  const L = ctx.lang;
  const bands = checkBands(ctx.params.bands);
  // Segments as of each period's end, never past the as-of date.
  const date1 = clampPeriod(ctx, ctx.params.comparison.period1).to;
  const date2 = clampPeriod(ctx, ctx.params.comparison.period2).to;
  const m = lifecycleMigration(ctx.orders, date1, date2, bands);

  const g = new SheetGrid();
  const df = dateFormat(ctx);
  const list = (range: typeof countRange, keys: Parameters<typeof t>[1][]): string =>
    keys.map((k, b) => `${t(L, k)}: ${range(L, b, bands)}`).join('; ');
  let row = writeHeader(g, ctx, t(L, 'report.lifecycleMigration.title'), [
    [t(L, 'report.migration.date1'), ctx.dateOf(date1), df],
    [t(L, 'report.migration.date2'), ctx.dateOf(date2), df],
    [t(L, 'report.countBands'), list(countRange, ['count.new', 'count.prospective', 'count.regular'])],
    [t(L, 'report.recencyBands'), list(recencyRange, ['recency.active', 'recency.sleeping', 'recency.lapsed'])],
  ]);

  const labels: MigrationLabels = {
    classLabel: (s) => segmentName(L, s),
    noneRow: t(L, 'report.migration.notYet'),
    noneCol: t(L, 'report.migration.notYet'),
    corner: t(L, 'report.lifecycleMigration.corner'),
    from: t(L, 'report.lifecycleMigration.from'),
    to: t(L, 'report.lifecycleMigration.to'),
    moveOf: lifecycleMove,
  };
  writeSection(g, row, 1, t(L, 'report.lifecycleMigration.matrix'), 11);
  // Date 2 before date 1 leaves customers who were not there yet: only then the column is needed.
  const noneColumn = m.matrix.some((r) => r[NONE] > 0);
  row = writeTransitionMatrix(g, L, row + 1, m, labels, noneColumn).last + 2;
  row = writeManagerMoves(g, L, row, m, labels).last + 2;
  row = writeManagerTransitions(g, L, row, m, labels).last + 2;
  const moved = writeMovedCustomers(g, L, row, m, labels).moved;

  return g.spec({
    kind: 'migration',
    key: 'migration:lifecycle',
    name: t(L, 'report.lifecycleMigration.name'),
    summary: t(L, 'report.lifecycleMigration.summary', { moved: formatNumber(ctx, moved), count: formatNumber(ctx, m.size), n: m.size }),
    columnWidths: [230, 170, 170, 150, 120, 120, 120, 120, 120, 120, 120],
  });
}
