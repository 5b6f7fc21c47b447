/**
 * ABC/XYZ migration (docs/definitions.md: ABC / XYZ): every customer's class over period 1
 * against period 2, for the whole base, per manager and per customer, and each
 * manager's portfolio quality (share of A and of X customers) in both periods, so
 * that a falling share is seen early.
 */
import { abcXyzLabel, checkAbcXyzOptions } from '../core/abcXyz';
import { abcXyzMigration, abcXyzMove, portfolioQuality, type PortfolioQuality } from '../core/migration';
import { t } from '../i18n/catalogue';
import { type ReportContext } from './context';
import {
  FORMAT,
  SheetGrid,
  clampPeriod,
  dateFormat,
  formatNumber,
  formatPercent,
  managerName,
  writeHeader,
  writeSection,
  writeTable,
  xyzBasisRow,
} from './layout';
import {
  type MigrationLabels,
  writeManagerMoves,
  writeManagerTransitions,
  writeMovedCustomers,
  writeTransitionMatrix,
} from './migrationTables';
import { type Cell, type SheetSpec } from './sheetSpec';

/** A change of share shown with its sign: +5.0% / -2.5%. */
const CHANGE_FORMAT = '+0.0%;-0.0%;0.0%';

export function buildAbcXyzMigration(ctx: ReportContext): SheetSpec {
  const L = ctx.lang;
  const options = checkAbcXyzOptions(ctx.params.abcXyz);
  const p1 = clampPeriod(ctx, ctx.params.comparison.period1);
  const p2 = clampPeriod(ctx, ctx.params.comparison.period2);
  const m = abcXyzMigration(ctx.orders, p1, p2, options);

  const g = new SheetGrid();
  const df = dateFormat(ctx);
  const pct = (x: number): string => formatPercent(ctx, x);
  let row = writeHeader(g, ctx, t(L, 'report.abcXyzMigration.title'), [
    [t(L, 'report.migration.period1From'), ctx.dateOf(p1.from), df],
    [t(L, 'report.migration.period1To'), ctx.dateOf(p1.to - 1), df],
    [t(L, 'report.migration.period2From'), ctx.dateOf(p2.from), df],
    [t(L, 'report.migration.period2To'), ctx.dateOf(p2.to - 1), df],
    [t(L, 'report.abcBounds'), `A ≤ ${pct(options.abcBounds[0])}, B ≤ ${pct(options.abcBounds[1])}`],
    xyzBasisRow(L, options),
    [t(L, 'report.xyzBounds'), options.xyzBounds.map((b) => formatNumber(ctx, b, 2)).join(' / ')],
  ]);

  const labels: MigrationLabels = {
    classLabel: (c) => abcXyzLabel(Math.floor(c / 3), c % 3),
    noneRow: t(L, 'report.abcXyzMigration.none'),
    noneCol: t(L, 'report.abcXyzMigration.none'),
    corner: t(L, 'report.abcXyzMigration.corner'),
    from: t(L, 'report.abcXyzMigration.from'),
    to: t(L, 'report.abcXyzMigration.to'),
    moveOf: abcXyzMove,
  };
  writeSection(g, row, 1, t(L, 'report.abcXyzMigration.matrix'), 12);
  row = writeTransitionMatrix(g, L, row + 1, m, labels, true).last + 2;

  // Portfolio quality per manager.
  const quality = portfolioQuality(m);
  writeSection(g, row, 1, t(L, 'report.portfolio.title'), 9);
  const num = (x: number): Cell => (Number.isFinite(x) ? x : '');
  const qualityRow = (q: PortfolioQuality, label: string): Cell[] => [
    label,
    q.customers[0],
    q.customers[1],
    num(q.shareA[0]),
    num(q.shareA[1]),
    num(q.shareA[1] - q.shareA[0]),
    num(q.shareX[0]),
    num(q.shareX[1]),
    num(q.shareX[1] - q.shareX[0]),
  ];
  row =
    writeTable(
      g,
      row + 1,
      1,
      [
        { header: t(L, 'report.manager') },
        { header: t(L, 'report.portfolio.customers1'), format: FORMAT.count },
        { header: t(L, 'report.portfolio.customers2'), format: FORMAT.count },
        { header: t(L, 'report.portfolio.a1'), format: FORMAT.percent },
        { header: t(L, 'report.portfolio.a2'), format: FORMAT.percent },
        { header: t(L, 'report.portfolio.change'), format: CHANGE_FORMAT },
        { header: t(L, 'report.portfolio.x1'), format: FORMAT.percent },
        { header: t(L, 'report.portfolio.x2'), format: FORMAT.percent },
        { header: t(L, 'report.portfolio.change'), format: CHANGE_FORMAT },
      ],
      quality.managers.map((q) => qualityRow(q, managerName(L, q.manager))),
      qualityRow(quality.total, t(L, 'report.total')),
    ).last + 2;

  row = writeManagerMoves(g, L, row, m, labels).last + 2;
  row = writeManagerTransitions(g, L, row, m, labels).last + 2;
  const moved = writeMovedCustomers(g, L, row, m, labels).moved;

  return g.spec({
    kind: 'migration',
    key: 'migration:abcxyz',
    name: t(L, 'report.abcXyzMigration.name'),
    summary: t(L, 'report.abcXyzMigration.summary', { moved: formatNumber(ctx, moved), count: formatNumber(ctx, m.size), n: m.size }),
    columnWidths: [230, 150, 150, 120, 120, 110, 110, 110, 110, 110, 110, 110],
  });
}
