/**
 * Connected Sheets in the local runtime: SpreadsheetApp.enableBigQueryExecution,
 * SpreadsheetApp.newDataSourceSpec().asBigQuery().setProjectId().setRawQuery().build()
 * and Spreadsheet.insertDataSourceSheet(spec).asSheet(), as Google's reference has them
 * (developers.google.com/apps-script/guides/sheets/connected-sheets;
 * .../reference/spreadsheet/big-query-data-source-spec-builder;
 * .../reference/spreadsheet/spreadsheet-app#enableBigQueryExecution(): "Data execution
 * for BigQuery data source throws an exception if not turned on").
 *
 * The data source sheet is an ordinary sheet of the workbook here (no rows: Sheets
 * fills it from BigQuery), and the spec is recorded in `sheets` for tests. Connected
 * Sheets belongs to some Google Workspace editions only: with `available` false,
 * insertDataSourceSheet throws as it does for an account without it.
 */
import { GasError, StandIn } from './boundary';
import { FakeSpreadsheet, FakeSpreadsheetApp, type SheetsHost } from './spreadsheet';

export interface ConnectedSheetsModel {
  /** Whether the user's Google edition has Connected Sheets. */
  available: boolean;
  /** The data source sheets made, in order. */
  sheets: { name: string; projectId: string; rawQuery: string }[];
  /** enableBigQueryExecution() was called in the current execution. */
  enabled: boolean;
}

export function newConnectedSheets(available = true): ConnectedSheetsModel {
  return { available, sheets: [], enabled: false };
}

class FakeDataSourceSpec extends StandIn {
  readonly _label = 'DataSourceSpec';
  constructor(
    readonly _projectId: string,
    readonly _rawQuery: string,
  ) {
    super();
  }
  getType(): string {
    return 'BIGQUERY';
  }
}

class FakeBigQueryDataSourceSpecBuilder extends StandIn {
  readonly _label = 'BigQueryDataSourceSpecBuilder';
  private _projectId = '';
  private _rawQuery = '';
  setProjectId(projectId: string): this {
    this._projectId = String(projectId);
    return this;
  }
  setRawQuery(rawQuery: string): this {
    this._rawQuery = String(rawQuery);
    return this;
  }
  getRawQuery(): string {
    return this._rawQuery;
  }
  getProjectId(): string {
    return this._projectId;
  }
  build(): FakeDataSourceSpec {
    if (this._projectId === '') throw new GasError('Exception: The billing project ID of the BigQuery data source is not set.');
    return new FakeDataSourceSpec(this._projectId, this._rawQuery);
  }
}

class FakeDataSourceSpecBuilder extends StandIn {
  readonly _label = 'DataSourceSpecBuilder';
  asBigQuery(): FakeBigQueryDataSourceSpecBuilder {
    return new FakeBigQueryDataSourceSpecBuilder();
  }
}

class FakeDataSourceSheet extends StandIn {
  readonly _label = 'DataSourceSheet';
  constructor(private readonly _sheet: GoogleAppsScript.Spreadsheet.Sheet) {
    super();
  }
  asSheet(): GoogleAppsScript.Spreadsheet.Sheet {
    return this._sheet;
  }
}

/** SpreadsheetApp with the Connected Sheets methods. */
export class ConnectedSpreadsheetApp extends FakeSpreadsheetApp {
  constructor(
    spreadsheet: FakeSpreadsheet,
    readonly _connected: ConnectedSheetsModel,
  ) {
    super(spreadsheet);
  }
  enableBigQueryExecution(): void {
    this._connected.enabled = true;
  }
  newDataSourceSpec(): FakeDataSourceSpecBuilder {
    return new FakeDataSourceSpecBuilder();
  }
}

/** The Spreadsheet with insertDataSourceSheet. */
export class ConnectedSpreadsheet extends FakeSpreadsheet {
  constructor(
    host: SheetsHost,
    readonly _connected: ConnectedSheetsModel,
  ) {
    super(host);
  }
  insertDataSourceSheet(spec: FakeDataSourceSpec): FakeDataSourceSheet {
    if (!(spec instanceof FakeDataSourceSpec))
      throw new GasError("Exception: The parameters (Object) don't match the method signature for Spreadsheet.insertDataSourceSheet.");
    if (!this._connected.enabled)
      throw new GasError(
        'Exception: Data execution for BigQuery data sources is not turned on: call SpreadsheetApp.enableBigQueryExecution().',
      );
    if (!this._connected.available)
      throw new GasError(
        'Exception: Connected Sheets is not available for your account. Ask your administrator about the Google Workspace edition.',
      );
    const sheet = this.insertSheet();
    // The sheet's name as it is now (the script names it after inserting it).
    this._connected.sheets.push({
      get name() {
        return sheet.getName();
      },
      projectId: spec._projectId,
      rawQuery: spec._rawQuery,
    });
    return new FakeDataSourceSheet(sheet);
  }
}
