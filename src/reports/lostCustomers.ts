/**
 * Lost customers (docs/definitions.md: ABC / XYZ; churn and lost customers): per manager the customers, the lost
 * ones, the lost ratio and the revenue lost a year; then every lost customer with
 * their return priority from ABC/XYZ, most worth returning first.
 */
import { abcXyz, abcXyzLabel, checkAbcXyzOptions, returnPriority } from '../core/abcXyz';
import { lostCustomers } from '../core/churn';
import { compareManagers } from '../core/migration';
import { type MessageKey, t } from '../i18n/catalogue';
import { type ReportContext } from './context';
import { FORMAT, SheetGrid, dateCache, dateFormat, formatNumber, managerName, writeHeader, writeSection, writeTable } from './layout';
import { type Cell, type SheetSpec } from './sheetSpec';

export function buildLostCustomers(ctx: ReportContext): SheetSpec {
  const L = ctx.lang;
  const { summary } = ctx;
  const lost = lostCustomers(summary, ctx.params.lost);
  const classes = abcXyz(summary, checkAbcXyzOptions(ctx.params.abcXyz));
  const priority = new Uint8Array(summary.size);
  for (let i = 0; i < summary.size; i++) priority[i] = returnPriority(classes.abc[i], classes.xyz[i]);

  const g = new SheetGrid();
  let row = writeHeader(g, ctx, t(L, 'report.lost.title'), [
    [t(L, 'report.lost.factor'), ctx.params.lost.factor, FORMAT.ratio],
    [t(L, 'report.lost.globalInterval'), lost.globalInterval, FORMAT.decimal],
  ]);

  // Per manager.
  const byManager = new Map<string, { customers: number; lost: number; value: number }>();
  for (let i = 0; i < summary.size; i++) {
    let s = byManager.get(summary.manager[i]);
    if (!s) {
      s = { customers: 0, lost: 0, value: 0 };
      byManager.set(summary.manager[i], s);
    }
    s.customers++;
    if (lost.lost[i]) {
      s.lost++;
      s.value += lost.yearlyValue[i];
    }
  }
  const ratio = (part: number, whole: number): Cell => (whole === 0 ? '' : part / whole);
  const managerRows: Cell[][] = [...byManager.entries()]
    .sort((a, b) => compareManagers(a[0], b[0]))
    .map(([m, s]) => [managerName(L, m), s.customers, s.lost, ratio(s.lost, s.customers), s.value]);
  writeSection(g, row, 1, t(L, 'report.lost.byManager'), 5);
  const perManager = writeTable(
    g,
    row + 1,
    1,
    [
      { header: t(L, 'report.manager') },
      { header: t(L, 'report.customers'), format: FORMAT.count },
      { header: t(L, 'report.lost.lost'), format: FORMAT.count },
      { header: t(L, 'report.lost.ratio'), format: FORMAT.percent },
      { header: t(L, 'report.lost.value'), format: FORMAT.money },
    ],
    managerRows,
    [t(L, 'report.total'), summary.size, lost.lostCount, ratio(lost.lostCount, summary.size), lost.lostYearlyValue],
  );
  g.put(perManager.last + 1, 1, [t(L, 'report.lost.benchmark')]);
  g.style({ row: perManager.last + 1, col: 1, rows: 1, cols: 1 }, { italic: true, fontColor: '#5f6368' });
  row = perManager.last + 3;

  // Every lost customer, return first .. let go, then by yearly value.
  const who: number[] = [];
  for (let i = 0; i < summary.size; i++) if (lost.lost[i]) who.push(i);
  who.sort((a, b) => priority[a] - priority[b] || lost.yearlyValue[b] - lost.yearlyValue[a] || a - b);
  const dateOf = dateCache(ctx);
  // Labels per distinct value, not per row: at most 9 classes and 4 priorities.
  const noManager = managerName(L, '');
  const classLabels = Array.from({ length: 9 }, (_, c) => abcXyzLabel(Math.floor(c / 3), c % 3));
  const priorityLabels = Array.from({ length: 4 }, (_, p) => t(L, `report.priority.${p}` as MessageKey));
  const rows: Cell[][] = who.map((i) => [
    summary.name[i],
    summary.manager[i] === '' ? noManager : summary.manager[i],
    summary.purchases[i],
    dateOf(summary.lastPurchase[i]),
    lost.daysSinceLast[i],
    lost.usualInterval[i],
    lost.yearlyValue[i],
    classLabels[classes.abc[i] * 3 + classes.xyz[i]],
    priorityLabels[priority[i]],
    summary.email[i],
    summary.phone[i],
  ]);
  writeSection(g, row, 1, t(L, 'report.lost.list'), 11);
  writeTable(
    g,
    row + 1,
    1,
    [
      { header: t(L, 'col.customer'), format: FORMAT.text },
      { header: t(L, 'report.manager'), format: FORMAT.text },
      { header: t(L, 'col.purchases'), format: FORMAT.count },
      { header: t(L, 'col.lastPurchase'), format: dateFormat(L) },
      { header: t(L, 'col.daysSince'), format: FORMAT.count },
      { header: t(L, 'col.usualInterval'), format: FORMAT.decimal },
      { header: t(L, 'col.yearlyValue'), format: FORMAT.money },
      { header: t(L, 'col.class'), align: 'center' },
      { header: t(L, 'report.lost.priority') },
      { header: t(L, 'report.email'), format: FORMAT.text },
      { header: t(L, 'report.phone'), format: FORMAT.text },
    ],
    rows,
  );

  return g.spec({
    kind: 'lost',
    key: 'lost',
    name: t(L, 'report.lost.name'),
    summary: t(L, 'report.lost.summary', {
      count: formatNumber(L, lost.lostCount),
      n: lost.lostCount,
      value: formatNumber(L, lost.lostYearlyValue),
    }),
    columnWidths: [230, 160, 110, 110, 110, 120, 120, 80, 190, 220, 150],
  });
}
