/**
 * The warehouse edition's server calls as the sidebar sees them (sidebar/warehouse.ts
 * calls them through google.script.run), and the data source they take.
 */
import { type OrderField } from '../core/columns';
import { type Lang } from '../i18n/plural';

/** Where the orders are in BigQuery and how to read them; saved per document. */
export interface WarehouseSourceSettings {
  /** The Google Cloud project that runs (and pays for) the jobs. */
  projectId: string;
  /** dataset.table or project.dataset.table; '' when `query` gives the rows. */
  table: string;
  /** A query returning the order rows, used when `table` is ''. */
  query: string;
  /** The dataset's location; '' for the default (US). */
  location: string;
  /** The user's column choices by field; the others are found from the schema's names. */
  columns: Partial<Record<OrderField, string>>;
  /** Lists longer than this open as Connected Sheets (default 50,000 rows). */
  listCap: number;
}

export const DEFAULT_LIST_CAP = 50_000;

export interface WarehouseState {
  lang: Lang;
  /** The sidebar section's labels in the user's language. */
  messages: Record<string, string>;
  source: WarehouseSourceSettings | null;
  /** The segment keys (new_active ... regular_lapsed), so that the sidebar need not bundle the core for them. */
  segments: string[];
}

export interface WarehouseSchema {
  fields: { name: string; type: string }[];
  /** The column each field reads, as found or chosen; null where none. */
  mapping: Partial<Record<OrderField, string | null>>;
}

export interface WarehouseDryRun {
  bytes: number;
  queries: { name: string; bytes: number }[];
  text: string;
}

export interface WarehouseBuildResult {
  sheetNames: string[];
  /** Connected Sheets sheets opened for lists over the cap. */
  dataSourceSheets: string[];
  summary: string;
  millis: number;
}

export interface WarehouseServerApi {
  warehouseLoad(): WarehouseState;
  warehouseSchema(source: WarehouseSourceSettings): WarehouseSchema;
  warehouseDryRun(source: WarehouseSourceSettings): WarehouseDryRun;
  /** The matrix, Lost customers, Managers, the repeat-purchase funnel and Key customers, and the lists of `segments` (new_active ... regular_lapsed) when given. */
  warehouseBuild(source: WarehouseSourceSettings, segments?: string[]): WarehouseBuildResult;
}
