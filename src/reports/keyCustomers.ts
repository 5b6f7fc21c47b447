/**
 * The Key customers sheet (docs/definitions.md: key customers): the top 20 (or 50)
 * customers by revenue over the last 365 days against the 365 days before, with
 * their rank then and now, purchases, silence, the chance they are still buying
 * (BG/NBD, where the model fits the orders) and manager; each marked as entered or
 * kept, and below them the customers who left the top. The header says how many
 * customers make 80% of the year's revenue: the ones to know by face.
 */
import {
  DEFAULT_KEY_CUSTOMERS_TOP,
  KEY_CUSTOMER_TOPS,
  KEY_REVENUE_SHARE,
  type KeyCustomer,
  type KeyCustomers,
  keyCustomers,
} from '../core/keyCustomers';
import { UserError } from '../core/errors';
import { customerHistories, fitBgNbd, ModelError, pAlive } from '../core/predictive/index';
import { type FrequencyRow } from '../core/predictive/rfmInput';
import { type Lang, type MessageKey, t } from '../i18n/catalogue';
import { type ReportContext, type SheetContext } from './context';
import {
  COLOUR,
  FORMAT,
  moneyFormat,
  SheetGrid,
  dateCache,
  dateFormat,
  formatNumber,
  managerName,
  writeHeader,
  writeSection,
  writeTable,
} from './layout';
import { type Cell, type SheetSpec } from './sheetSpec';

const CHANGE_FORMAT = '+#,##0;-#,##0;0';
const CHANGE_SHARE_FORMAT = '+0.0%;-0.0%;0.0%';

/** P(alive) of a row of the sheet's people, or why the model could not be fitted. */
export type AliveModel = { alive: (row: number) => number; reason: null } | { alive: null; reason: string };

/**
 * The BG/NBD model fitted on every customer's history as of the as-of date (`fitted`,
 * in the summary's order), and each row's P(alive) from `historyOf(row)`; or why it could not be (its numbers by `locale` when given).
 */
export function aliveModel(
  lang: Lang,
  fitted: readonly FrequencyRow[],
  historyOf: (row: number) => FrequencyRow,
  locale?: string,
): AliveModel {
  try {
    const model = fitBgNbd(fitted);
    return { alive: (row) => pAlive(model, historyOf(row)), reason: null };
  } catch (e) {
    if (e instanceof ModelError) return { alive: null, reason: e.messageIn(lang, locale) };
    throw e;
  }
}

/** The sheet's figures: the top and who left it, the people their rows refer to (KeyCustomer.row), P(alive). */
export interface KeyCustomerFigures {
  key: KeyCustomers;
  people: { name: ArrayLike<string>; manager: ArrayLike<string>; lastPurchase: ArrayLike<number> };
  model: AliveModel;
}

export function buildKeyCustomers(ctx: ReportContext): SheetSpec {
  const top = ctx.params.keyCustomersTop ?? DEFAULT_KEY_CUSTOMERS_TOP;
  if (!KEY_CUSTOMER_TOPS.includes(top)) throw new UserError(t(ctx.lang, 'err.badKeyTop', { value: String(top) }));
  const histories = customerHistories(ctx.summary);
  return keyCustomersSheet(ctx, {
    key: keyCustomers(ctx.orders, ctx.summary, top),
    people: ctx.summary,
    model: aliveModel(ctx.lang, histories, (row) => histories[row], ctx.locale),
  });
}

/** The Key customers sheet from its figures (the in-sheet build above, or the warehouse edition's). */
export function keyCustomersSheet(ctx: SheetContext, figures: KeyCustomerFigures): SheetSpec {
  const L = ctx.lang;
  const { key, model } = figures;
  const top = key.top;
  if (!KEY_CUSTOMER_TOPS.includes(top)) throw new UserError(t(L, 'err.badKeyTop', { value: String(top) }));
  const dateOf = dateCache(ctx);
  const df = dateFormat(ctx);
  const g = new SheetGrid();
  let row = writeHeader(g, ctx, t(L, 'report.key.title', { n: top }), [
    [t(L, 'report.key.nowFrom'), dateOf(key.now.from), df],
    [t(L, 'report.key.nowTo'), dateOf(key.now.to - 1), df],
    [t(L, 'report.key.beforeFrom'), dateOf(key.before.from), df],
    [t(L, 'report.key.beforeTo'), dateOf(key.before.to - 1), df],
    [t(L, 'report.key.top'), top, FORMAT.count],
  ]);
  // The header line: how many make 80% of the year's revenue (S2: usually no more than 30-50).
  g.put(row - 1, 1, [
    t(L, 'report.key.pareto', {
      n: key.makeEightyPercent,
      count: formatNumber(ctx, key.makeEightyPercent),
      total: formatNumber(ctx, key.customersNow),
      share: Math.round(KEY_REVENUE_SHARE * 100),
    }),
  ]);
  g.style({ row: row - 1, col: 1, rows: 1, cols: 1 }, { bold: true });
  g.put(row, 1, [t(L, 'report.key.paretoHint')]);
  g.style({ row, col: 1, rows: 1, cols: 1 }, { italic: true, fontColor: '#5f6368' });
  row += 2;

  const summary = figures.people;
  const statusLabel = (s: KeyCustomer['status']): string => t(L, `report.key.${s}` as MessageKey);
  const rank = (n: number): Cell => (n > 0 ? n : '');
  // P(alive) where the model fits; else the column says why, once, in its first cell on the sheet.
  let reasonShown = false;
  const aliveCell = (c: KeyCustomer): Cell => {
    if (model.alive) return model.alive(c.row);
    if (reasonShown) return '';
    reasonShown = true;
    return t(L, 'report.key.noModel', { reason: model.reason });
  };
  const line = (c: KeyCustomer): Cell[] => [
    rank(c.rankNow),
    rank(c.rankBefore),
    summary.name[c.row],
    c.revenueNow,
    c.revenueBefore,
    c.change,
    c.revenueBefore > 0 ? c.change / c.revenueBefore : '',
    c.purchasesNow,
    dateOf(summary.lastPurchase[c.row]),
    ctx.asOf - summary.lastPurchase[c.row],
    aliveCell(c),
    managerName(L, summary.manager[c.row]),
    statusLabel(c.status),
  ];
  const columns = [
    { header: t(L, 'report.key.rankNow'), format: FORMAT.count, align: 'center' as const },
    { header: t(L, 'report.key.rankBefore'), format: FORMAT.count, align: 'center' as const },
    { header: t(L, 'col.customer'), format: FORMAT.text },
    { header: t(L, 'report.key.revenueNow'), format: moneyFormat(ctx), wrap: true },
    { header: t(L, 'report.key.revenueBefore'), format: moneyFormat(ctx), wrap: true },
    { header: t(L, 'report.key.change'), format: CHANGE_FORMAT },
    { header: t(L, 'report.key.changeShare'), format: CHANGE_SHARE_FORMAT },
    { header: t(L, 'report.key.purchases'), format: FORMAT.count, wrap: true },
    { header: t(L, 'col.lastPurchase'), format: df },
    { header: t(L, 'col.daysSince'), format: FORMAT.count, wrap: true },
    { header: t(L, 'model.col.pAlive'), format: FORMAT.percent, wrap: true },
    { header: t(L, 'report.manager'), format: FORMAT.text },
    { header: t(L, 'report.key.status') },
  ];
  writeSection(g, row, 1, t(L, 'report.key.topTitle', { n: top }), columns.length);
  const topPlace = writeTable(g, row + 1, 1, columns, key.rows.map(line));
  key.rows.forEach((c, k) => {
    if (c.status === 'entered') g.style({ row: topPlace.first + k, col: columns.length, rows: 1, cols: 1 }, { background: COLOUR.good });
  });
  row = topPlace.last + 2;

  writeSection(g, row, 1, t(L, 'report.key.leftTitle', { n: key.left.length }), columns.length);
  const leftPlace = writeTable(g, row + 1, 1, columns, key.left.map(line));
  if (key.left.length > 0)
    g.style({ row: leftPlace.first, col: columns.length, rows: key.left.length, cols: 1 }, { background: COLOUR.bad });
  if (!model.alive && reasonShown) {
    g.style({ row: key.rows.length > 0 ? topPlace.first : leftPlace.first, col: 11, rows: 1, cols: 1 }, { wrap: true, italic: true });
  }

  const entered = key.rows.filter((c) => c.status === 'entered').length;
  return g.spec({
    kind: 'keyCustomers',
    key: 'keyCustomers',
    name: t(L, 'report.key.name'),
    summary: t(L, 'report.key.summary', {
      n: top,
      entered: formatNumber(ctx, entered),
      left: formatNumber(ctx, key.left.length),
      count: formatNumber(ctx, key.makeEightyPercent),
      m: key.makeEightyPercent,
    }),
    columnWidths: [70, 70, 230, 120, 120, 110, 90, 90, 110, 90, 90, 160, 90],
  });
}
