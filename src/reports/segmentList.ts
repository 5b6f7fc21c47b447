/**
 * One segment's customer list (docs/definitions.md: lifecycle segments): who is in it, with contacts,
 * largest revenue first, under the segment's suggested action; with profit and margin when the orders
 * have a profit or margin column. Built for 125,000
 * customers: rows are plain arrays and every style covers a whole column.
 */
import { UserError } from '../core/errors';
import { checkBands, lifecycleSegments } from '../core/lifecycle';
import { t } from '../i18n/catalogue';
import { type CustomerSummary } from '../core/summary';
import { type ReportContext, type SheetContext } from './context';
import {
  FORMAT,
  moneyFormat,
  SEGMENT_KEYS,
  SheetGrid,
  dateCache,
  dateFormat,
  formatNumber,
  segmentAction,
  segmentName,
  writeTable,
} from './layout';
import { type Cell, type SheetSpec } from './sheetSpec';

/** The segment id of a key such as `regular_sleeping`; a readable error naming the valid keys otherwise. */
export function segmentOfKey(key: string): number {
  const s = SEGMENT_KEYS.indexOf(key);
  if (s < 0) throw new UserError(`unknown segment "${key}": use one of ${SEGMENT_KEYS.join(', ')}`);
  return s;
}

export function buildSegmentList(ctx: ReportContext, segmentKey: string): SheetSpec {
  // Profit and margin beside the revenue when the orders have a profit or margin column (decided by the
  // orders, not the summary: a summary read back from the warehouse always carries a profit, 0 without one).
  return segmentListSheet(ctx, ctx.summary, segmentKey, { withProfit: ctx.orders.profit !== null });
}

/**
 * The list sheet from a summary holding the segment's customers (the in-sheet one, or the
 * warehouse edition's list rows read back). `total` and `note`: for a list of which only
 * the first rows are here, its full count (in the title) and a line saying where the rest is.
 */
export function segmentListSheet(
  ctx: SheetContext,
  summary: CustomerSummary,
  segmentKey: string,
  options: { withProfit: boolean; total?: number; note?: string },
): SheetSpec {
  const L = ctx.lang;
  const segment = segmentOfKey(segmentKey);
  const segments = lifecycleSegments(summary, checkBands(ctx.params.bands));

  const members: number[] = [];
  for (let i = 0; i < summary.size; i++) if (segments[i] === segment) members.push(i);
  // The summary is in key order, so a stable sort by revenue leaves ties by key.
  members.sort((a, b) => summary.revenue[b] - summary.revenue[a] || a - b);

  const g = new SheetGrid();
  const name = segmentName(L, segment);
  const count = members.length;
  const total = options.total ?? count;
  const title = t(L, 'report.list.title', { segment: name, count: formatNumber(ctx, total), n: total });
  g.put(1, 1, [title]);
  g.style({ row: 1, col: 1, rows: 1, cols: 1 }, { bold: true, fontSize: 14 });
  g.put(2, 1, [t(L, 'report.action'), segmentAction(ctx, segment)]);
  g.style({ row: 2, col: 1, rows: 1, cols: 1 }, { bold: true });
  g.style({ row: 2, col: 2, rows: 1, cols: 8 }, { merge: true, wrap: true, italic: true });
  g.put(3, 1, [t(L, 'report.asOf'), ctx.dateOf(ctx.asOf), t(L, 'report.ordersSheet'), ctx.source.sheetName]);
  g.style({ row: 3, col: 2, rows: 1, cols: 1 }, { numberFormat: dateFormat(ctx), align: 'left' });
  g.style({ row: 3, col: 1, rows: 1, cols: 4 }, { fontColor: '#5f6368' });

  const dateOf = dateCache(ctx);
  const profit = options.withProfit ? summary.profit : null;
  if (options.note) {
    g.put(4, 1, [options.note]);
    g.style({ row: 4, col: 1, rows: 1, cols: 1 }, { italic: true, fontColor: '#5f6368' });
  }
  const rows: Cell[][] = new Array(count);
  for (let k = 0; k < count; k++) {
    const i = members[k];
    rows[k] = [
      summary.name[i],
      summary.purchases[i],
      dateOf(summary.firstPurchase[i]),
      dateOf(summary.lastPurchase[i]),
      summary.asOf - summary.lastPurchase[i],
      summary.revenue[i],
      ...(profit ? [profit[i], summary.revenue[i] > 0 ? profit[i] / summary.revenue[i] : ''] : []),
      summary.manager[i],
      summary.email[i],
      summary.phone[i],
    ];
  }
  const headerRow = 5;
  const df = dateFormat(ctx);
  writeTable(
    g,
    headerRow,
    1,
    [
      { header: t(L, 'col.customer'), format: FORMAT.text },
      { header: t(L, 'col.purchases'), format: FORMAT.count },
      { header: t(L, 'col.firstPurchase'), format: df },
      { header: t(L, 'col.lastPurchase'), format: df },
      { header: t(L, 'col.daysSince'), format: FORMAT.count },
      { header: t(L, 'col.revenue'), format: moneyFormat(ctx) },
      ...(profit
        ? [
            { header: t(L, 'col.profit'), format: moneyFormat(ctx) },
            { header: t(L, 'col.margin'), format: FORMAT.percent },
          ]
        : []),
      { header: t(L, 'report.manager'), format: FORMAT.text },
      { header: t(L, 'report.email'), format: FORMAT.text },
      { header: t(L, 'report.phone'), format: FORMAT.text },
    ],
    rows,
  );

  return g.spec({
    kind: 'segmentList',
    key: `segmentList:${segmentKey}`,
    name,
    summary: title,
    columnWidths: [240, 90, 110, 110, 110, 120, ...(profit ? [120, 90] : []), 160, 220, 150],
    frozenRows: headerRow,
    frozenColumns: 1,
  });
}
