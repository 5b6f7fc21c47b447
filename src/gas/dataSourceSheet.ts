/**
 * Connected Sheets: a list too long for a sheet opens as a data source sheet over
 * its query, which Sheets runs in BigQuery and pages itself.
 *
 * SpreadsheetApp.enableBigQueryExecution() must be called for a script to use
 * BigQuery data sources (it adds the bigquery.readonly scope):
 * developers.google.com/apps-script/guides/sheets/connected-sheets. The spec is
 * SpreadsheetApp.newDataSourceSpec().asBigQuery().setProjectId(...).setRawQuery(...)
 * .build(), and Spreadsheet.insertDataSourceSheet(spec) makes the sheet:
 * developers.google.com/apps-script/reference/spreadsheet/big-query-data-source-spec-builder
 * and .../spreadsheet#insertDataSourceSheet(DataSourceSpec). Connected Sheets is part
 * of some Google Workspace editions only; where it is not, insertDataSourceSheet throws,
 * and the caller writes the first rows instead.
 */
import { type Spreadsheet } from './spreadsheet';

export type DataSourceSheetResult = { opened: true; name: string } | { opened: false; reason: string };

/** Opens `query` (BigQuery SQL, sorted as the sheet should be) as a data source sheet named `name` (replacing one of that name). */
export function openDataSourceSheet(ss: Spreadsheet, request: { projectId: string; query: string; name: string }): DataSourceSheetResult {
  try {
    SpreadsheetApp.enableBigQueryExecution();
    const spec = SpreadsheetApp.newDataSourceSpec().asBigQuery().setProjectId(request.projectId).setRawQuery(request.query).build();
    const old = ss.getSheetByName(request.name);
    const sheet = ss.insertDataSourceSheet(spec).asSheet();
    if (old) ss.deleteSheet(old);
    sheet.setName(request.name);
    return { opened: true, name: request.name };
  } catch (e) {
    return { opened: false, reason: e instanceof Error ? e.message : String(e) };
  }
}
