// Connected Sheets methods missing from @types/google-apps-script 2.0.13, as Google's
// reference documents them:
// https://developers.google.com/apps-script/reference/spreadsheet/spreadsheet#insertDataSourceSheet(DataSourceSpec)
// https://developers.google.com/apps-script/reference/spreadsheet/data-source-sheet#asSheet()
declare namespace GoogleAppsScript {
  namespace Spreadsheet {
    interface DataSourceSheet {
      asSheet(): Sheet;
    }
    interface Spreadsheet {
      insertDataSourceSheet(spec: DataSourceSpec): DataSourceSheet;
    }
  }
}
