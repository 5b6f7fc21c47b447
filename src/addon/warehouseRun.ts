/**
 * The warehouse edition's build: the report queries of src/sql run as BigQuery jobs
 * (src/gas/bigquery.ts), their rows read back into the core's figures
 * (src/sql/results.ts), and the same sheets written by the same writer as the
 * in-sheet build (the matrix, Lost customers, Managers, repeat-purchase funnel, Key customers and segment list
 * layouts of src/reports, src/gas/writeSheet.ts).
 * The orders never leave the warehouse.
 */
import { ORDER_FIELDS, type OrderField } from '../core/columns';
import { DEFAULT_CHURN } from '../core/churn';
import { UserError } from '../core/errors';
import { isoOfDay } from '../core/isoDates';
import { SEGMENT_COUNT, SEGMENT_KEYS } from '../core/lifecycle';
import { fromCents } from '../core/money';
import { t } from '../i18n/catalogue';
import { wt } from '../i18n/messages/warehouse';
import { type SheetContext } from '../reports/context';
import { type LostFigures, lostCustomersSheet } from '../reports/lostCustomers';
import { segmentName } from '../reports/layout';
import { managersSheet } from '../reports/managers';
import { repeatFunnelSheet } from '../reports/repeatFunnel';
import { aliveModel, keyCustomersSheet } from '../reports/keyCustomers';
import { segmentListSheet } from '../reports/segmentList';
import { segmentMatrixSheet } from '../reports/segmentMatrix';
import { type SheetSpec } from '../reports/sheetSpec';
import { DIALECTS, type Dialect } from '../sql/dialect';
import { lineCtes, summaryCtes, withCtes } from '../sql/purchases';
import { readKeyCustomers, readKeyHistories } from '../sql/keyCustomers';
import { factCtes, keyTopOf, needed, type WarehouseParams, warehousePlan, type WarehouseQueries } from '../sql/reports';
import {
  intOf,
  readCustomers,
  readFunnel,
  readLost,
  readLostList,
  readLostRatio,
  readManagerMonths,
  readMatrix,
  readSource,
  type ResultRow,
} from '../sql/results';
import { checkSource, columnsFromSchema, type OrderColumns, type SchemaField, type WarehouseSource } from '../sql/source';
import { type BigQueryHost, dryRun, type JobOptions, runQuery, sqlDialect, tableSchema } from '../gas/bigquery';
import { openDataSourceSheet } from '../gas/dataSourceSheet';
import { withDocumentLock } from '../gas/documentLock';
import { showSheet } from '../gas/spreadsheet';
import { indexSheets, removeLeftovers, writeReport } from '../gas/writeSheet';
import { type AddonSession } from './session';
import { asOfDay, reportParams } from './settings';
import { DEFAULT_LIST_CAP, type WarehouseBuildResult, type WarehouseDryRun, type WarehouseSourceSettings } from './warehouseApi';

/** The data source from the sidebar (or storage), checked: each bad field named with its value. */
export function checkWarehouseSettings(raw: unknown, lang: AddonSession['lang']): WarehouseSourceSettings {
  const o = (raw ?? {}) as Record<string, unknown>;
  const text = (v: unknown): string => (typeof v === 'string' ? v.trim() : '');
  const projectId = text(o.projectId);
  const table = text(o.table);
  const query = text(o.query);
  if (projectId === '') throw new UserError(wt(lang, 'wh.err.noProject'));
  if (table === '' && query === '') throw new UserError(wt(lang, 'wh.err.noTable'));
  const cap = o.listCap === undefined || o.listCap === null || o.listCap === '' ? DEFAULT_LIST_CAP : Number(o.listCap);
  if (!Number.isInteger(cap) || cap < 1 || cap > 1_000_000) throw new UserError(wt(lang, 'wh.err.badCap', { value: String(o.listCap) }));
  // Keyed by field names from the client: only the known fields are read.
  const columns: Partial<Record<OrderField, string>> = {};
  const given = (o.columns ?? {}) as Record<string, unknown>;
  for (const field of ORDER_FIELDS) {
    const name = Object.prototype.hasOwnProperty.call(given, field) ? text(given[field]) : '';
    if (name !== '') columns[field] = name;
  }
  return { projectId, table, query: table === '' ? query : '', location: text(o.location), columns, listCap: cap };
}

function jobOptions(settings: WarehouseSourceSettings): JobOptions {
  return { projectId: settings.projectId, ...(settings.location ? { location: settings.location } : {}) };
}

/** The source's columns and their types: the table's schema, or a query's result schema (a zero-row run). */
export function sourceSchema(host: BigQueryHost, settings: WarehouseSourceSettings): SchemaField[] {
  if (settings.table !== '') return tableSchema(host, settings.table, jobOptions(settings));
  const fields = runQuery(host, `SELECT * FROM (${settings.query}) AS orders LIMIT 0`, jobOptions(settings)).fields;
  return fields.map((f) => ({ name: f.name, type: f.type }));
}

/** The mapping of the source, its SQL dialect and every query of the reports. */
export interface WarehouseRunPlan {
  dialect: Dialect;
  source: WarehouseSource;
  params: WarehouseParams;
  queries: WarehouseQueries;
  /** Profit per segment (only with a profit or margin column). */
  segmentProfit: string | null;
}

export function planFor(session: AddonSession, host: BigQueryHost, settings: WarehouseSourceSettings): WarehouseRunPlan {
  const dialect = DIALECTS[sqlDialect(host)];
  // The schema's types are BigQuery's names (the stand-in reports DuckDB's columns under them too).
  const columns: OrderColumns = columnsFromSchema(sourceSchema(host, settings), settings.columns, 'bigquery');
  const source = checkSource({
    from: settings.table !== '' ? { table: settings.table } : { query: settings.query },
    columns,
    timeZone: session.timeZone,
  });
  const asOf = asOfDay(session.settings, session.today);
  const rp = reportParams(session.settings, asOf);
  const params: WarehouseParams = {
    asOf,
    bands: rp.bands,
    abcXyz: rp.abcXyz,
    churn: DEFAULT_CHURN,
    lost: rp.lost,
    lostPeriod: rp.lostPeriod,
    keyCustomersTop: rp.keyCustomersTop,
  };
  const queries = warehousePlan(dialect, source, params).queries;
  const segmentProfit = columns.profit || columns.margin ? segmentProfitQuery(dialect, source, params) : null;
  return { dialect, source, params, queries, segmentProfit };
}

/** Profit per segment in cents: the facts the matrix query groups, summed by profit. */
function segmentProfitQuery(d: Dialect, source: WarehouseSource, params: WarehouseParams): string {
  const withManager = source.columns.manager !== undefined;
  const ctes = [
    ...lineCtes(d, source),
    ...summaryCtes(d, 's_', { asOf: params.asOf }, withManager),
    ...factCtes(d, 's_', { asOf: params.asOf }, params.bands, params.abcXyz, params.lost),
  ];
  const select = 'SELECT segment, COALESCE(SUM(profit_cents), 0) AS profit_cents FROM s_facts GROUP BY segment ORDER BY segment';
  return withCtes(d, needed(ctes, select), select);
}

/** The queries a build runs, by name (the lost list's only when it is under the cap; a dry run counts it). */
function buildQueries(plan: WarehouseRunPlan): { name: string; sql: string }[] {
  const q = plan.queries;
  return [
    { name: 'source', sql: q.source },
    { name: 'matrix', sql: q.matrix },
    ...(plan.segmentProfit ? [{ name: 'segmentProfit', sql: plan.segmentProfit }] : []),
    { name: 'lost', sql: q.lost },
    { name: 'lostRatio', sql: q.lostRatio },
    { name: 'lostList', sql: q.lostList },
    { name: 'managerMonths', sql: q.managerMonths },
    { name: 'managerWeeks', sql: q.managerWeeks },
    { name: 'funnelCohorts', sql: q.funnelCohorts },
    { name: 'funnelConversions', sql: q.funnelConversions },
    { name: 'keyCustomers', sql: q.keyCustomers },
    { name: 'keyPareto', sql: q.keyPareto },
    { name: 'keyHistories', sql: q.keyHistories },
  ];
}

/** Bytes as the user reads them: 1.2 GB. */
export function formatBytes(bytes: number): string {
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let v = bytes;
  let u = 0;
  while (v >= 1000 && u < units.length - 1) {
    v /= 1000;
    u++;
  }
  return `${u === 0 ? v : v.toFixed(v < 10 ? 2 : 1)} ${units[u]}`;
}

/** What the build would scan, per query and in all, from BigQuery's dry runs; nothing runs. */
export function warehouseDryRun(session: AddonSession, host: BigQueryHost, settings: WarehouseSourceSettings): WarehouseDryRun {
  const plan = planFor(session, host, settings);
  const queries = buildQueries(plan).map(({ name, sql }) => ({ name, bytes: dryRun(host, sql, jobOptions(settings)) }));
  const bytes = queries.reduce((a, b) => a + b.bytes, 0);
  return { bytes, queries, text: wt(session.lang, 'wh.dryRun', { bytes: formatBytes(bytes), queries: queries.length }) };
}

/**
 * The matrix, Lost customers, Managers, repeat-purchase funnel and Key customers sheets from BigQuery, and the lists of `segments`
 * (new_active ... regular_lapsed), written under the document lock. A list longer than
 * the cap opens as a Connected Sheets sheet over its query (in the list's order); where
 * Connected Sheets is not available, its first `cap` rows are written with a note saying
 * how many more there are and how to get them.
 */
export function warehouseBuild(
  session: AddonSession,
  host: BigQueryHost,
  settings: WarehouseSourceSettings,
  segments: readonly string[] = [],
): WarehouseBuildResult {
  const started = Date.now();
  const { lang } = session;
  const plan = planFor(session, host, settings);
  const q = plan.queries;
  const job = jobOptions(settings);
  const rows = (sql: string): ResultRow[] => runQuery(host, sql, job).rows;

  const counts = readSource(rows(q.source));
  const { matrix, repeat } = readMatrix(rows(q.matrix));
  if (matrix.totalCustomers === 0)
    throw new UserError(t(lang, 'err.noCustomers', { date: isoOfDay(plan.params.asOf), rows: counts.readRows }));
  let profit: number[] | null = null;
  if (plan.segmentProfit) {
    const cents = new Array<number>(SEGMENT_COUNT).fill(0);
    for (const r of rows(plan.segmentProfit)) cents[intOf(r, 'segment')] = intOf(r, 'profit_cents');
    profit = cents.map(fromCents);
  }
  const ctx: SheetContext = {
    lang,
    locale: session.locale,
    // A table's columns carry no display format, so no currency sign (docs/definitions.md: the locale rule).
    currency: null,
    asOf: plan.params.asOf,
    dateOf: (day) => session.calendar.dateOf(day),
    params: reportParams(session.settings, plan.params.asOf),
    source: { sheetName: settings.table !== '' ? settings.table : 'SQL', rows: counts.readRows, unreadableRows: counts.unreadableRows },
  };
  const lost = readLost(rows(q.lost));
  const ratios = readLostRatio(rows(q.lostRatio), plan.params.lostPeriod);
  const withProfit = plan.source.columns.profit !== undefined || plan.source.columns.margin !== undefined;
  const months = readManagerMonths(rows(q.managerMonths), rows(q.managerWeeks), plan.params.asOf, withProfit);
  const funnel = readFunnel(rows(q.funnelCohorts), rows(q.funnelConversions), plan.params.asOf);
  const { key, people } = readKeyCustomers(rows(q.keyCustomers), rows(q.keyPareto), keyTopOf(plan.params), plan.params.asOf);
  // P(alive) fitted on every customer's history in the in-sheet summary's order, so that the fit is the same to the bit.
  const model = aliveModel(lang, readKeyHistories(rows(q.keyHistories), plan.params.asOf), (row) => people.history[row]);
  const segmentKeys = segments.map((key) => {
    const s = SEGMENT_KEYS.indexOf(key);
    if (s < 0) throw new UserError(t(lang, 'err.unknownSegment', { value: key, valid: SEGMENT_KEYS.join(', ') }));
    return { key, s };
  });

  return withDocumentLock(t(lang, 'err.busy'), () => {
    const dataSourceSheets: string[] = [];
    /**
     * A list of `total` rows by `sql` (sorted as the sheet shows it): all of it under the cap;
     * over it, a Connected Sheets sheet named after the report, or its first `cap` rows and a note.
     */
    const bigList = (
      sql: string,
      total: number,
      reportName: string,
      order: 'priority' | 'revenue',
    ): { rows: ResultRow[]; note: string[] } => {
      if (total <= settings.listCap) return { rows: rows(sql), note: [] };
      const orderText = wt(lang, order === 'priority' ? 'wh.order.priority' : 'wh.order.revenue');
      const name = wt(lang, 'wh.bigList.sheetName', { name: reportName });
      const opened = openDataSourceSheet(session.ss, { projectId: settings.projectId, query: sql, name });
      if (opened.opened) {
        dataSourceSheets.push(name);
        return { rows: [], note: [wt(lang, 'wh.bigList.connected', { total, cap: settings.listCap, name, order: orderText })] };
      }
      // ORDER BY ... LIMIT: the first rows in the list's own order, never the whole list.
      const first = rows(`${sql}\nLIMIT ${settings.listCap}`);
      return {
        rows: first,
        note: [
          wt(lang, 'wh.bigList.note', { total, shown: first.length, more: total - first.length, order: orderText }),
          // A cell holds at most 50,000 characters.
          `${wt(lang, 'wh.bigList.query')}: ${sql}`.slice(0, 50_000),
        ],
      };
    };

    const lostList = bigList(q.lostList, lost.lostCount, t(lang, 'report.lost.name'), 'priority');
    const figures: LostFigures = { base: lost.base, lostCount: lost.lostCount, ratios, list: readLostList(lostList.rows) };
    if (lostList.note.length) figures.listNote = lostList.note;
    // The same builders as the in-sheet reports; the Managers plan cells are inputs, kept by the writer across rebuilds.
    const specs: SheetSpec[] = [
      segmentMatrixSheet(ctx, { matrix, repeat, profit }),
      lostCustomersSheet(ctx, figures),
      managersSheet(ctx, { months, hasProfit: withProfit }),
      repeatFunnelSheet(ctx, funnel),
      keyCustomersSheet(ctx, { key, people, model }),
    ];
    for (const { key, s } of segmentKeys) {
      const list = bigList(q.segmentList(s), matrix.customers[s], segmentName(lang, s), 'revenue');
      specs.push(
        segmentListSheet(ctx, readCustomers(list.rows, plan.params.asOf), key, {
          withProfit,
          total: matrix.customers[s],
          ...(list.note.length ? { note: list.note.join(' ') } : {}),
        }),
      );
    }

    const index = indexSheets(session.ss);
    removeLeftovers(session.ss, index);
    const sheetNames: string[] = [];
    let first = null;
    for (const spec of specs) {
      const sheet = writeReport(session.ss, spec, index);
      first ??= sheet;
      sheetNames.push(index.entries.find((e) => e.sheet === sheet)?.name ?? spec.name);
    }
    try {
      if (first) showSheet(session.ss, first);
    } catch {
      // The reports are built; bringing one to the front is a courtesy.
    }
    return { sheetNames, dataSourceSheets, summary: specs.map((sp) => sp.summary).join(' · '), millis: Date.now() - started };
  });
}

/** The fields and the column each reads, for the sidebar's mapping. */
export function schemaMapping(columns: OrderColumns): Partial<Record<OrderField, string | null>> {
  const out: Partial<Record<OrderField, string | null>> = {};
  for (const field of ORDER_FIELDS) out[field] = (columns as Partial<Record<OrderField, { name: string }>>)[field]?.name ?? null;
  return out;
}
