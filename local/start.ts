/**
 * `npm start`: the add-on on a workbook without Google.
 *
 * Reads the orders (the bundled sample by default), opens the spreadsheet as
 * Sheets does (`onOpen`), builds every report (`rebuildAllReports`), writes all
 * sheets to an .xlsx, prints timings, and serves the workbook with the real
 * sidebar on http://127.0.0.1:8080 (see local/server.ts). The source file is
 * only read.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs as parseCli } from 'node:util';
import { statSync } from 'node:fs';
import type { DataInfo, SaveResult, ScheduleSaveResult, ScheduleSettings, ScheduleState, SidebarState } from '../src/addon/api';
import { SEGMENT_KEYS } from '../src/core/lifecycle';
import { sourceNote } from './encoding';
import { createRuntime, projectRoot, type Runtime } from './runtime';
import { type DevServer, startServer } from './server';

export const SAMPLE = path.join(projectRoot, 'examples', 'sample-orders.xlsx');
/** Beside the sample, written by examples/make-sample.ts: the sample's own as-of date. */
export const SAMPLE_META = path.join(projectRoot, 'examples', 'sample-orders.json');
/**
 * A document property (not the add-on's) naming the as-of date that `npm start` saved
 * for the bundled sample, so that a later run on the user's own file with the same
 * --out does not inherit it: own files keep today as the default.
 */
export const SAMPLE_AS_OF_MARK = 'local.sampleAsOf';
export const REBUILD = 'rebuildAllReports';
export const DIGEST = 'runScheduledDigest';

export const USAGE = `Usage: npm start -- [options]

Runs the built add-on (dist/Code.js) on an orders workbook, writes the reports
to an .xlsx and serves the sidebar next to the workbook.

Options:
  --orders FILE     orders workbook, .xlsx or .csv (default: examples/sample-orders.xlsx);
                    a .csv may be UTF-8 (with or without BOM), UTF-16 (BOM),
                    Windows-1251 or KOI8-U: the encoding is found from the bytes
  --encoding NAME   the .csv's encoding when it cannot be found: windows-1251,
                    koi8-u, koi8-r, windows-1252, utf-16le, utf-16be, utf-8
  --as-of DATE      the reports' as-of date, YYYY-MM-DD (the sidebar's As-of date;
                    saved with the settings; \`--as-of today\` goes back to today).
                    Default: today for your own files; for the bundled sample its
                    own date, shortly after its last order (examples/sample-orders.json)
  --out FILE        output workbook (default: out/report.xlsx); settings are kept
                    in FILE's folder as <name>.state.json, e-mails in outbox/
  --port N          port of the dev server (default 8080; the next free one if taken)
  --no-serve        exit after writing the output (for scripts and CI)
  --locale CODE     spreadsheet locale, e.g. en_US, en_GB, ru_RU, uk_UA (default en_US)
  --tz ZONE         spreadsheet time zone (default Europe/London)
  --now DATE        run as if it were this date-time (ISO), e.g. 2026-11-23T09:00
  --run-trigger     run the weekly e-mail (${DIGEST}) once; mail goes to the outbox
  --warehouse FILE  the warehouse edition (dist-warehouse/Code.js) over FILE, a .csv or
                    .parquet file behind the local BigQuery stand-in (DuckDB), as the
                    table shop.orders: a dry run, then every warehouse report
  --columns LIST    with --warehouse: columns by field where their names do not say,
                    e.g. date=order_time,orderId=order_no
  --list-cap N      with --warehouse: lists longer than N open in Connected Sheets
                    (default 50000)
  --segments LIST   with --warehouse: the segment lists to build too, all or keys
                    such as regular_lapsed,new_active
  --help            this text
`;

export interface StartOptions {
  orders: string;
  out: string;
  port: number;
  serve: boolean;
  locale: string;
  timeZone: string;
  now: string | null;
  /** YYYY-MM-DD, 'today' (clear the saved date) or null (leave the settings alone). */
  asOf: string | null;
  encoding: string | null;
  runTrigger: boolean;
  /** --warehouse: the orders file behind the BigQuery stand-in, or null. */
  warehouse: string | null;
  columns: Record<string, string>;
  listCap: number | null;
  /** --segments: the segment lists the warehouse build makes too. */
  segments: string[];
  help: boolean;
}

export function parseArgs(argv: string[]): StartOptions {
  let parsed;
  try {
    parsed = parseCli({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        orders: { type: 'string', default: SAMPLE },
        out: { type: 'string', default: path.join('out', 'report.xlsx') },
        port: { type: 'string', default: '8080' },
        'no-serve': { type: 'boolean', default: false },
        locale: { type: 'string', default: 'en_US' },
        tz: { type: 'string', default: 'Europe/London' },
        now: { type: 'string' },
        'as-of': { type: 'string' },
        encoding: { type: 'string' },
        'run-trigger': { type: 'boolean', default: false },
        warehouse: { type: 'string' },
        columns: { type: 'string' },
        'list-cap': { type: 'string' },
        segments: { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (e) {
    // node:util names the option; say where to look.
    throw new Error(`${(e as Error).message.replace(/\. To specify .*$/s, '')} (see --help)`, { cause: e });
  }
  const { values } = parsed;
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port: not a port number`);
  const asOf = values['as-of'] ?? null;
  if (asOf !== null && asOf !== 'today' && !isIsoDay(asOf))
    throw new Error(`--as-of: "${asOf}" is not a date; give YYYY-MM-DD (e.g. 2025-01-01) or today`);
  return {
    orders: values.orders,
    out: values.out,
    port,
    serve: !values['no-serve'],
    locale: values.locale,
    timeZone: values.tz,
    now: values.now ?? null,
    asOf,
    encoding: values.encoding ?? null,
    runTrigger: values['run-trigger'],
    warehouse: values.warehouse ?? null,
    columns: parseColumns(values.columns ?? ''),
    listCap: values['list-cap'] === undefined ? null : Number(values['list-cap']),
    segments:
      values.segments === 'all'
        ? [...SEGMENT_KEYS]
        : (values.segments ?? '')
            .split(',')
            .map((k) => k.trim())
            .filter((k) => k !== ''),
    help: values.help,
  };
}

/** --columns date=order_time,orderId=order_no: field -> column. */
function parseColumns(text: string): Record<string, string> {
  const out: Record<string, string> = Object.create(null) as Record<string, string>;
  for (const part of text.split(',').filter((p) => p.trim() !== '')) {
    const m = /^\s*(\w+)\s*=\s*(\S+)\s*$/.exec(part);
    if (!m) throw new Error(`--columns: "${part}" is not field=column (e.g. date=order_time)`);
    out[m[1]] = m[2];
  }
  return out;
}

/** A real calendar day written YYYY-MM-DD. */
function isIsoDay(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const d = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === text;
}

export interface StartResult {
  /** 0, or 1 when no report could be built (the process exits with it). */
  exitCode: number;
  runtime: Runtime | null;
  out: string | null;
  server: DevServer | null;
  timings: Record<string, number>;
  /** Apps Script service calls made by rebuildAllReports (null when it did not run). */
  rebuildCalls: number | null;
}

export interface Io {
  log(line: string): void;
  error(line: string): void;
}

function ms(since: number): number {
  return Math.round(performance.now() - since);
}

/**
 * --run-trigger: fire the weekly e-mail trigger once. Without a trigger and with
 * no schedule saved, turn the schedule on first, as the sidebar would, with
 * example addresses for the managers; a saved schedule without its trigger was
 * turned off, and stays off (said, nothing sent).
 */
function runDigest(runtime: Runtime, run: (name: string, ...args: unknown[]) => boolean, io: Io, t: Record<string, number>): void {
  const sentBefore = runtime.sentMail.length;
  const digestTrigger = () => runtime.triggers.find((tr) => tr.handler === DIGEST && tr.eventType === 'CLOCK');
  if (!digestTrigger() && runtime.has('scheduleLoad') && runtime.has('scheduleTurnOn')) {
    const state = runtime.callJson('scheduleLoad') as ScheduleState;
    const schedule: ScheduleSettings = { ...state.schedule };
    const configured = Object.keys(schedule.recipients).length > 0 || !!schedule.fallbackEmail;
    if (configured) {
      // Addresses saved but no trigger: the user turned the e-mails off (or never on); that stays their choice.
      io.log('the weekly e-mails are off (a schedule is saved, without its trigger): nothing sent.');
      io.log('  Turn them on in the sidebar (Weekly e-mails > Turn on), then run --run-trigger again.');
      return;
    }
    schedule.recipients = Object.fromEntries(state.managers.map((m, i) => [m, `manager${i + 1}@example.com`]));
    schedule.fallbackEmail = state.user;
    io.log(`no e-mail schedule saved: turning it on with example addresses (${state.managers.length} managers -> managerN@example.com)`);
    const saved = runtime.callJson('scheduleTurnOn', schedule) as ScheduleSaveResult;
    if (Object.keys(saved.errors).length) io.log(`  the schedule could not be turned on: ${JSON.stringify(saved.errors)}`);
  }
  const trigger = digestTrigger();
  if (trigger) {
    const started = performance.now();
    const firedAt = runtime.clock.now();
    const result = runtime.fireTrigger(trigger.uid);
    t[DIGEST] = ms(started);
    io.log(`${DIGEST} (trigger ${trigger.uid}): ${t[DIGEST]} ms${result ? `, ${JSON.stringify(result)}` : ''}`);
    // The trigger runs daily and sends each campaign on its day (or late, once, after a missed one).
    if (result === null) {
      const { lastRun } = runtime.callJson('scheduleLoad') as ScheduleState;
      if (lastRun?.error && Date.parse(lastRun.at) >= firedAt) io.log(`  the run failed: ${lastRun.error}`);
      else io.log('  nothing to do today: no campaign is due (each goes out on its day; pick one with --now)');
    }
  } else if (!run(DIGEST, { authMode: 'FULL' })) io.log(`${DIGEST} is not in dist/Code.js yet: no e-mail sent.`);
  for (const mail of runtime.sentMail.slice(sentBefore))
    io.log(
      `  mail to ${mail.to.join(', ')}: "${mail.subject}" -> ${mail.file ? path.relative(process.cwd(), mail.file) : '(not written)'}`,
    );
  if (runtime.sentMail.length === sentBefore) io.log('  no e-mail was sent');
}

/** Run as `npm start` does; returns the runtime and (unless --no-serve) the running server. */
export async function main(
  argv: string[] = process.argv.slice(2),
  io: Io = { log: (l) => console.log(l), error: (l) => console.error(l) },
): Promise<StartResult> {
  const options = parseArgs(argv);
  const result: StartResult = { exitCode: 0, runtime: null, out: null, server: null, timings: {}, rebuildCalls: null };
  if (options.help) {
    io.log(USAGE);
    return result;
  }
  if (options.warehouse !== null) return runWarehouse(options, io, result);
  const orders = path.resolve(options.orders);
  const out = path.resolve(options.out);
  if (!existsSync(orders)) throw new Error(`--orders: ${options.orders} does not exist`);
  if (statSync(orders).isDirectory())
    throw new Error(`--orders: ${options.orders} is a folder; give an orders file (.xlsx or .csv) inside it`);
  if (!ORDER_TYPES.has(path.extname(orders).toLowerCase()))
    throw new Error(`--orders: ${options.orders} is not an .xlsx or .csv file (.tsv and .txt are read as CSV too)`);
  if (orders === out) throw new Error('--out must not be the orders file: the source workbook is never written');
  if (path.extname(out).toLowerCase() !== '.xlsx') throw new Error('--out must be an .xlsx file');
  const outDir = path.dirname(out);
  const t = result.timings;
  const shown = path.relative(process.cwd(), orders) || orders;

  let started = performance.now();
  // Steps that take over a second say so while they run (reading is asynchronous).
  const slow = setTimeout(() => io.log(`reading ${shown} (${megabytes(statSync(orders).size)})…`), 1000);
  let runtime: Runtime;
  let sink = (line: string): void => io.log(`  [script] ${line}`);
  try {
    runtime = await createRuntime({
      workbook: orders,
      encoding: options.encoding ?? undefined,
      locale: options.locale,
      timeZone: options.timeZone,
      now: options.now ?? undefined,
      outbox: path.join(outDir, 'outbox'),
      stateFile: path.join(outDir, `${path.basename(out, '.xlsx')}.state.json`),
      log: (line) => sink(line),
    });
  } catch (e) {
    throw new Error(`--orders: ${(e as Error).message}`, { cause: e });
  } finally {
    clearTimeout(slow);
  }
  result.runtime = runtime;
  t.read = ms(started);
  const orderRows = runtime.book.sheets.reduce((n, s) => n + s.cells.length, 0);
  io.log(
    `read ${shown}: ${runtime.book.sheets.map((s) => `"${s.name}"`).join(', ')} (${orderRows} rows, the header included) in ${t.read} ms`,
  );
  const source = runtime.book.source;
  if (source?.format === 'csv') io.log(`  ${sourceNote(source)}`);

  const run = (name: string, ...args: unknown[]): boolean => {
    if (!runtime.has(name)) return false;
    const before = runtime.calls.total;
    started = performance.now();
    try {
      runtime.call(name, ...args);
    } finally {
      t[name] = ms(started);
      io.log(`${name}: ${t[name]} ms, ${runtime.calls.total - before} Apps Script calls`);
    }
    return true;
  };

  if (!run('onOpen', { authMode: 'FULL' })) io.log('onOpen is not in dist/Code.js yet: no add-on menu.');
  const menu = runtime.ui.menus.flatMap((m) => m.items).filter((i): i is { caption: string; functionName: string } => 'functionName' in i);
  if (menu.length) io.log(`menu: ${menu.map((i) => i.caption).join(' | ')}`);

  if (runtime.has('sidebarSaveSettings')) {
    if (options.asOf !== null) {
      delete runtime.properties.document[SAMPLE_AS_OF_MARK];
      setAsOf(runtime, options.asOf, io);
    } else defaultAsOf(runtime, orders === SAMPLE ? sampleAsOf() : null, io);
  }
  const info = runtime.has('sidebarInspect') ? (runtime.callJson('sidebarInspect', null, null) as DataInfo) : null;
  if (info) for (const line of readReport(info, asOfOf(runtime))) io.log(line);

  const before = runtime.calls.total;
  const headlines: string[] = [];
  let rebuildMessage: string | null = null;
  if (orderRows > PROGRESS_ROWS) io.log(`building the reports from ${orderRows} rows…`);
  sink = (line) => headlines.push(line);
  let rebuilt: boolean;
  try {
    rebuilt = runtime.has(REBUILD);
    if (rebuilt) {
      started = performance.now();
      rebuildMessage = runtime.call<string>(REBUILD);
      t[REBUILD] = ms(started);
    }
  } finally {
    sink = (line) => io.log(`  [script] ${line}`);
  }
  const reports = runtime.book.sheets.filter((s) => s.metadata.length > 0 && !s.hidden).map((s) => s.name);
  if (rebuilt) {
    result.rebuildCalls = runtime.calls.total - before;
    io.log(`${REBUILD}: ${t[REBUILD]} ms, ${result.rebuildCalls} Apps Script calls`);
    if (rebuildMessage) io.log(`  ${rebuildMessage.split('\n').join('\n  ')}`);
    // The headline of each report, as the sidebar shows it after a build.
    for (const line of headlines) io.log(`  ${line}`);
    io.log(`reports: ${reports.length ? reports.join(', ') : 'none'}`);
  } else io.log(`${REBUILD} is not in dist/Code.js yet: no reports were built; the output holds the orders as read.`);

  if (options.runTrigger) runDigest(runtime, run, io, t);

  started = performance.now();
  await runtime.writeWorkbook(out);
  t.write = ms(started);
  result.out = out;
  io.log(
    `wrote ${path.relative(process.cwd(), out) || out} in ${t.write} ms${reports.length ? '' : ' (the orders only: no report was built)'}`,
  );
  if (result.rebuildCalls !== null) io.log(`Apps Script calls per rebuild: ${result.rebuildCalls}`);

  if (rebuilt && reports.length === 0) {
    const why = info?.error ?? rebuildMessage ?? 'the add-on built nothing';
    io.error(`no report could be built: ${why.split('\n').join(' ')}`);
    if (source?.format === 'csv' && info?.error) io.error(`  (${sourceNote(source)}: if the headers above look garbled, give --encoding)`);
    result.exitCode = 1;
  }

  if (options.serve) {
    // As a user's first step: the add-on opens its sidebar (with its own title) beside the workbook.
    if (!runtime.ui.sidebar && runtime.has('showSidebar')) run('showSidebar');
    result.server = await startServer(runtime, {
      port: options.port,
      out,
      log: (line) => io.log(line),
      note: () => sampleAsOfNote(runtime),
    });
    io.log(`\nOpen ${result.server.url} (workbook on the left, the sidebar on the right). Ctrl+C to stop.`);
  }
  return result;
}

/**
 * --warehouse FILE: the warehouse edition's bundle in the local runtime with the BigQuery
 * stand-in over FILE (DuckDB in a worker thread): the dry run's bytes, then the build of
 * every warehouse report, timed; the sheets go to --out.
 */
async function runWarehouse(options: StartOptions, io: Io, result: StartResult): Promise<StartResult> {
  const file = path.resolve(options.warehouse!);
  if (!existsSync(file)) throw new Error(`--warehouse: ${options.warehouse} does not exist`);
  if (!/\.(csv|parquet)$/i.test(file)) throw new Error(`--warehouse: ${options.warehouse} is not a .csv or .parquet file`);
  const bundle = path.join(projectRoot, 'dist-warehouse', 'Code.js');
  if (!existsSync(bundle)) throw new Error('dist-warehouse/Code.js is missing: run npm run build');
  const out = path.resolve(options.out);
  const t = result.timings;
  let started = performance.now();
  const runtime = await createRuntime({
    bundle,
    locale: options.locale,
    timeZone: options.timeZone,
    now: options.now ?? undefined,
    warehouse: { file },
    stateFile: path.join(path.dirname(out), `${path.basename(out, '.xlsx')}.state.json`),
    log: (line) => io.log(`  [script] ${line}`),
  });
  result.runtime = runtime;
  try {
    if (options.asOf !== null) setAsOf(runtime, options.asOf, io);
    const source = {
      projectId: 'local-project',
      table: 'shop.orders',
      query: '',
      location: '',
      columns: options.columns,
      listCap: options.listCap ?? undefined,
    };
    io.log(`warehouse: ${path.relative(process.cwd(), file) || file} as shop.orders (BigQuery stand-in on DuckDB)`);
    const dry = runtime.callJson('warehouseDryRun', source) as { text: string; queries: { name: string; bytes: number }[] };
    t.dryRun = ms(started);
    io.log(`warehouseDryRun: ${t.dryRun} ms (the stand-in opens the file and sizes its columns): ${dry.text}`);
    for (const q of dry.queries) io.log(`  ${q.name}: ${q.bytes.toLocaleString('en')} bytes`);
    started = performance.now();
    const built = runtime.callJson('warehouseBuild', source, options.segments) as {
      sheetNames: string[];
      dataSourceSheets: string[];
      summary: string;
    };
    t.warehouseBuild = ms(started);
    const jobs = [...(runtime.bigQuery?._jobs.values() ?? [])];
    io.log(
      `warehouseBuild: ${t.warehouseBuild} ms, ${jobs.length} BigQuery jobs returning ${jobs.reduce((n, j) => n + j.rows.length, 0).toLocaleString('en')} rows in all`,
    );
    io.log(
      `  reports: ${built.sheetNames.join(', ')}${built.dataSourceSheets.length ? `; Connected Sheets: ${built.dataSourceSheets.join(', ')}` : ''}`,
    );
    io.log(`  ${built.summary}`);
    started = performance.now();
    await runtime.writeWorkbook(out);
    t.write = ms(started);
    result.out = out;
    io.log(`wrote ${path.relative(process.cwd(), out) || out} in ${t.write} ms`);
    if (options.serve) {
      if (!runtime.ui.sidebar && runtime.has('showSidebar')) runtime.call('showSidebar');
      result.server = await startServer(runtime, { port: options.port, out, log: (line) => io.log(line) });
      io.log(`\nOpen ${result.server.url} (workbook on the left, the sidebar with "Orders in BigQuery" on the right). Ctrl+C to stop.`);
    }
  } finally {
    if (!result.server) await runtime.close();
  }
  return result;
}

const ORDER_TYPES = new Set(['.xlsx', '.csv', '.tsv', '.txt']);
/** Above this many rows the rebuild takes over a second: say it is running. */
const PROGRESS_ROWS = 50_000;

function megabytes(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** The bundled sample's own as-of date (examples/sample-orders.json), or null when the file is missing or says none. */
export function sampleAsOf(meta = SAMPLE_META): string | null {
  if (!existsSync(meta)) return null;
  const { asOf } = JSON.parse(readFileSync(meta, 'utf8')) as { asOf?: unknown };
  if (typeof asOf !== 'string' || !isIsoDay(asOf))
    throw new Error(`${path.basename(meta)}: asOf is not a YYYY-MM-DD date: ${String(asOf)}`);
  return asOf;
}

/** The saved As-of date of the document's settings, read from the properties (no add-on call): null when none. */
function savedAsOf(runtime: Runtime): string | null {
  const text = runtime.properties.document['repeatSales.settings'];
  if (!text) return null;
  try {
    const asOf = (JSON.parse(text) as { reports?: { asOf?: unknown } }).reports?.asOf;
    return typeof asOf === 'string' ? asOf : null;
  } catch {
    return null;
  }
}

/** The bar's note while the reports show the sample as of its own date; null otherwise. */
export function sampleAsOfNote(runtime: Runtime): string | null {
  const marked = runtime.properties.document[SAMPLE_AS_OF_MARK];
  return marked && savedAsOf(runtime) === marked ? `as of ${marked}, the sample's date; --as-of to change` : null;
}

/**
 * No --as-of: the bundled sample is shown as of its own date (saved as the sidebar's
 * As-of date, and marked as the sample's), unless the user saved another one; that date
 * after today (a --now before it) is not used. Any other file: today, and a date saved
 * only because the sample was shown is cleared.
 */
function defaultAsOf(runtime: Runtime, sampleDate: string | null, io: Io): void {
  const marked = runtime.properties.document[SAMPLE_AS_OF_MARK] ?? null;
  const saved = savedAsOf(runtime);
  const ours = saved === null || saved === marked;
  if (!ours) return;
  const { settings, today } = runtime.callJson('sidebarLoad') as SidebarState;
  const wanted = sampleDate !== null && sampleDate <= today ? sampleDate : null;
  if (wanted === saved) return;
  if (wanted === null) delete runtime.properties.document[SAMPLE_AS_OF_MARK];
  else runtime.properties.document[SAMPLE_AS_OF_MARK] = wanted;
  const result = runtime.callJson('sidebarSaveSettings', { ...settings, asOf: wanted }) as SaveResult;
  const errors = Object.values(result.errors);
  if (errors.length) throw new Error(`the as-of date ${wanted ?? 'today'}: ${errors.join('; ')}`);
  if (wanted !== null) io.log(`as-of date: ${wanted}, the sample's date (examples/sample-orders.json); --as-of to change`);
  else if (saved !== null) io.log(`as-of date: today (${saved} was the bundled sample's date)`);
}

/** The as-of date the reports use: the saved one, else today in the spreadsheet's time zone. */
function asOfOf(runtime: Runtime): { date: string; saved: boolean; sample: boolean } | null {
  if (!runtime.has('sidebarLoad')) return null;
  const state = runtime.callJson('sidebarLoad') as SidebarState;
  return {
    date: state.settings.asOf ?? state.today,
    saved: state.settings.asOf !== null,
    sample: state.settings.asOf !== null && state.settings.asOf === runtime.properties.document[SAMPLE_AS_OF_MARK],
  };
}

/** --as-of: saves the As-of date as the sidebar's Parameters section does. */
function setAsOf(runtime: Runtime, asOf: string, io: Io): void {
  const { settings } = runtime.callJson('sidebarLoad') as SidebarState;
  const saved = runtime.callJson('sidebarSaveSettings', { ...settings, asOf: asOf === 'today' ? null : asOf }) as SaveResult;
  const errors = Object.values(saved.errors);
  if (errors.length) throw new Error(`--as-of: ${errors.join('; ')}`);
  io.log(asOf === 'today' ? 'as-of date: today (the saved date is cleared)' : `as-of date set to ${asOf} (saved with the settings)`);
}

/** What was read from the orders tab, as the sidebar's Data section says it. */
export function readReport(info: DataInfo, asOf: { date: string; saved: boolean; sample?: boolean } | null): string[] {
  const lines: string[] = [];
  const note = asOf?.sample ? " (the sample's date; --as-of to change)" : asOf?.saved ? '' : ' (today; set another with --as-of)';
  const when = asOf ? `${asOf.date}${note}` : null;
  if (info.error) {
    lines.push(`orders: ${info.error}`);
    if (info.headers.length) lines.push(`  header row read: ${info.headers.map((h) => JSON.stringify(h)).join(', ')}`);
    return lines;
  }
  lines.push(`orders sheet "${info.ordersSheet}"${when ? `, as of ${when}` : ''}:`);
  lines.push(
    `  ${info.rows} rows below the header: ${info.readRows} read, ${info.unreadableRows} unreadable, ${info.blankRows} blank, ${info.afterAsOf} on or after the as-of date`,
  );
  if (info.firstDate && info.lastDate) lines.push(`  ${info.customers} customers, orders from ${info.firstDate} to ${info.lastDate}`);
  if (info.missing.length) lines.push(`  required columns not found: ${info.missing.join(', ')}`);
  const first = info.problems.slice(0, 5);
  if (first.length) {
    lines.push(`  first unreadable rows:`);
    for (const p of first) lines.push(`    row ${p.row}, ${p.column}: ${p.value || '(empty)'}: ${p.reason}`);
    if (info.unreadableRows > first.length) lines.push(`    and ${info.unreadableRows - first.length} more`);
  }
  for (const d of info.duplicates) lines.push(`  column ${d.column} is not used: ${d.field} is read from ${d.used}`);
  if (info.stale)
    lines.push(
      `  the last order is ${info.stale.days} days before the as-of date: every customer comes out Lapsed. To see the data as it was, run with --as-of ${info.stale.suggestedAsOf} (the day after the last order).`,
    );
  return lines;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().then(
    (r) => {
      if (!r.server) process.exitCode = r.exitCode;
      if (r.server) {
        // The runtime too: it closes the DuckDB thread of --warehouse before the process ends.
        const stop = (): void =>
          void r
            .server!.close()
            .then(() => r.runtime?.close())
            .then(() => process.exit(0));
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
      }
    },
    (e: Error) => {
      console.error(`npm start: ${e.message}`);
      process.exitCode = 1;
    },
  );
}
