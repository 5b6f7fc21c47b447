/**
 * The spreadsheet's locale and time zone, which decide how text dates and numbers
 * are read and which calendar day a Date falls on. Outside Sheets (tests, the
 * local runtime without a workbook) the script's defaults apply.
 */
export interface SpreadsheetEnv {
  locale: string;
  timeZone: string | undefined;
}

export function spreadsheetEnv(): SpreadsheetEnv {
  if (typeof SpreadsheetApp === 'undefined') return { locale: 'en_US', timeZone: undefined };
  try {
    const ss = SpreadsheetApp.getActiveSpreadsheet();
    return { locale: ss.getSpreadsheetLocale(), timeZone: ss.getSpreadsheetTimeZone() };
  } catch {
    return { locale: 'en_US', timeZone: undefined };
  }
}
