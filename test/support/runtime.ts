/**
 * The local runtime for tests: the built bundle (or a small script of the test's
 * own) over a workbook, with the Apps Script stand-ins of local/.
 *
 *   const rt = await startRuntime({ Orders: [['Date', 'Customer', 'Amount'], ['2024-01-05', 'Anna', 100]] });
 *   rt.call('onOpen', { authMode: 'FULL' });
 *   rt.call('rebuildAllReports');
 *   rt.readSheet('Lifecycle matrix');      // values, Dates as Node Dates
 *   rt.calls.total;                        // service calls made
 *
 * `call` runs a global of the bundle in a fresh execution (arguments through
 * JSON); its result comes from the bundle's realm: use `toHost` before
 * `toEqual` on arrays or objects that hold Dates.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { cloneWorkbook, type WorkbookModel } from '../../local/model';
import { createRuntime, projectRoot, type Runtime, type RuntimeOptions } from '../../local/runtime';
import { instantOf } from '../../local/values';
import { readWorkbook } from '../../local/workbook';

export { createRuntime, projectRoot };
export type { Runtime, RuntimeOptions };

export const SAMPLE_ORDERS = path.join(projectRoot, 'examples', 'sample-orders.xlsx');

/**
 * A runtime over a workbook file (.xlsx or .csv, only read) or rows per sheet
 * (`{ Orders: [[header...], [row...]] }`: strings stay text as in a CSV import,
 * Dates are instants). Defaults: en_US, Europe/London, dist/Code.js.
 */
export function startRuntime(
  workbook: string | Record<string, unknown[][]>,
  options: Omit<RuntimeOptions, 'workbook'> = {},
): Promise<Runtime> {
  return createRuntime({ ...options, workbook });
}

const samples = new Map<string, Promise<WorkbookModel>>();

/** A runtime over examples/sample-orders.xlsx; the file is read once per process and copied for each runtime. */
export async function sampleRuntime(options: Omit<RuntimeOptions, 'workbook'> = {}): Promise<Runtime> {
  const locale = options.locale ?? 'en_US';
  const timeZone = options.timeZone ?? 'Europe/London';
  const key = `${locale}|${timeZone}`;
  let book = samples.get(key);
  if (!book) samples.set(key, (book = readWorkbook(SAMPLE_ORDERS, { locale, timeZone })));
  return createRuntime({ ...options, workbook: cloneWorkbook(await book) });
}

/** A new temporary folder. */
export function tempDir(prefix = 'runtime-'): string {
  return mkdtempSync(path.join(tmpdir(), prefix));
}

/** The runtime's workbook written to .xlsx and read into a new runtime, as a user would reopen it. */
export async function reopen(runtime: Runtime, options: Omit<RuntimeOptions, 'workbook'> = {}): Promise<Runtime> {
  const file = path.join(tempDir('reopen-'), 'workbook.xlsx');
  await runtime.writeWorkbook(file);
  return createRuntime({ locale: runtime.book.locale, timeZone: runtime.book.timeZone, ...options, workbook: file });
}

/**
 * A bundle of the test's own: Apps Script code whose top-level functions become
 * the globals `call` reaches. Other files (e.g. `{ 'Sidebar.html': '...' }`) go
 * beside it, where HtmlService.createHtmlOutputFromFile looks.
 */
export function scriptBundle(code: string, files: Record<string, string> = {}): string {
  const dir = tempDir('bundle-');
  writeFileSync(path.join(dir, 'Code.js'), code);
  for (const [name, text] of Object.entries(files)) writeFileSync(path.join(dir, name), text);
  return path.join(dir, 'Code.js');
}

/** A value from the bundle's realm as plain Node values (arrays, objects and Dates copied). */
export function toHost<T = unknown>(value: unknown): T {
  if (typeof value !== 'object' || value === null) return value as T;
  if (Object.prototype.toString.call(value) === '[object Date]') return new Date((value as Date).getTime()) as T;
  if (Array.isArray(value)) return value.map((v) => toHost(v)) as T;
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, toHost(v)])) as T;
}

/** Midnight of an ISO day in a time zone: what Sheets hands over for a date cell. */
export function midnight(iso: string, timeZone: string): Date {
  const [y, m, d] = iso.split('-').map(Number);
  return new Date(instantOf(Date.UTC(y, m - 1, d), timeZone));
}

/** The ISO calendar day of an instant in a time zone. */
export function isoDay(date: Date, timeZone: string): string {
  return date.toLocaleDateString('en-CA', { timeZone });
}
