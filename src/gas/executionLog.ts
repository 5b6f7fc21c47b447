/**
 * The execution log (Apps Script's console: Executions in the script editor, or
 * Cloud Logging): what a run did, for whoever looks after the add-on; users never see it.
 */
export function logLine(line: string): void {
  console.log(line);
}
