/**
 * The warehouse edition's queries (issue 16): the rules of the in-sheet add-on
 * (docs/definitions.md; src/core is the reference) as SQL for BigQuery, rendered for
 * DuckDB too so that they run locally. Pure: it imports src/core and src/i18n only.
 *
 * Design note: the seam between the warehouse and the report builders.
 *
 * 1. What comes back. The orders never leave the warehouse. Each report query returns
 *    the report's own figures: one row per segment (matrix), per class (ABC/XYZ
 *    counts), per manager (lost ratio), one row of figures (lost customers, period
 *    churn, source counts), or one row per customer of a list (a segment's list, the
 *    lost customers, the ABC/XYZ classes). A list is "report-sized" because it is
 *    what the sheet shows, one row per customer; it grows with customers, never with
 *    order rows (bench/warehouse.ts measures the bytes at 10M rows). Lists longer than
 *    a cap are phase 2's Connected Sheets. The per-customer events (purchases and
 *    returns, the core's CustomerSummary.event* arrays) stay in the warehouse: they are
 *    as many as the orders.
 *
 * 2. What the builders get. results.ts turns rows into the core's own figure types:
 *    LifecycleMatrix and RepeatShare (the matrix sheet), BaseInterval and the lost
 *    counts (LostCustomers), LostRatio with its per-manager Map, PeriodChurn without
 *    the per-customer status, the ABC/XYZ classes and CVs, and a CustomerSummary of a
 *    list's customers without events. A list builder that reads only per-customer
 *    fields runs unchanged on that summary (test/warehouse.equality.test.ts: the
 *    segment list sheet from the warehouse is the in-sheet one, byte for byte). The
 *    matrix, lost customers and churn builders compute their figures from the full
 *    summary and events today; phase 2 splits each into "figures" and "sheet from
 *    figures", so that the sheet half takes these readers' output and the writer
 *    writes the same sheets.
 *
 * 3. Exactly the in-sheet figures. Days are epoch days in the spreadsheet's zone,
 *    money whole cents (INT64 sums), and every float figure is computed with the same
 *    IEEE operations in the same order as src/core (ABC's bound x total, the gaps'
 *    CV from integer sums, the yearly value's rounding, Math.round as floor plus a
 *    half-up test). The one figure computed more exactly than the core is XYZ's
 *    revenue CV: sqrt(n * sum(v^2) - sum(v)^2) / sum(v) from 38-digit integers, where
 *    the core sums squared deviations in floats; the two agree to about 1e-15. Ties
 *    the core breaks by the customer key's code units are broken here by the key's
 *    byte order, the same for keys without characters beyond U+FFFF.
 *
 * 4. One read of the orders. warehousePlan(..., { staged: true }) makes the shared
 *    steps temporary tables (CREATE TEMP TABLE, in a BigQuery script or session, or
 *    DuckDB), so that the orders are scanned once for all reports (plus the manager
 *    column once more, for its distinct cells, when a manager is mapped); the report
 *    SELECTs are then small. Without it every query is self-contained (WITH ... SELECT).
 *    The repeat funnel (funnel.ts) and the Managers sheet (managers.ts) read the staged
 *    summary too: one row per cohort, per manager, per manager and month or week.
 *
 * 5. Two renderers. dialect.ts holds every construct that differs (date arithmetic
 *    and the day of an instant in a zone, period truncation, percentiles, safe
 *    division, string normalisation, literals); everything else is SQL both read
 *    the same. The customer key rule lives in one function, customerKey().
 */
export * from './dialect';
export * from './messages';
export * from './source';
export * from './purchases';
export * from './reports';
export * from './results';
export * from './funnel';
export * from './managers';
