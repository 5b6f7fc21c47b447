// The warehouse edition's own entry points (issue 16), bundled after src/main.js into
// dist-warehouse/Code.js only (scripts/build.mjs): the standard edition never imports
// this file, so its bundle holds no BigQuery code. Only `global.NAME = impl;`
// statements here become globals, as in src/main.js.
import { warehouseServer } from './addon/warehouseServer';

/** Sidebar (warehouse): the data source section's labels and the saved source. */
global.warehouseLoad = warehouseServer.warehouseLoad;
/** Sidebar (warehouse): the source's columns and the mapping found from their names. */
global.warehouseSchema = warehouseServer.warehouseSchema;
/** Sidebar (warehouse): the bytes the reports will scan in BigQuery (dry runs; nothing runs). */
global.warehouseDryRun = warehouseServer.warehouseDryRun;
/** Sidebar (warehouse): builds the report sheets from BigQuery. */
global.warehouseBuild = warehouseServer.warehouseBuild;
