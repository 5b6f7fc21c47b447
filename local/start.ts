/**
 * `npm start`: the add-on on a workbook without Google.
 *
 * Reads the orders (the bundled sample by default), opens the spreadsheet as
 * Sheets does (`onOpen`), builds every report (`rebuildAllReports`), writes all
 * sheets to an .xlsx, prints timings, and serves the workbook with the real
 * sidebar on http://127.0.0.1:8080 (see local/server.ts). The source file is
 * only read.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs as parseCli } from 'node:util';
import type { ScheduleSaveResult, ScheduleSettings, ScheduleState } from '../src/addon/api';
import { createRuntime, projectRoot, type Runtime } from './runtime';
import { type DevServer, startServer } from './server';

export const SAMPLE = path.join(projectRoot, 'examples', 'sample-orders.xlsx');
export const REBUILD = 'rebuildAllReports';
export const DIGEST = 'runScheduledDigest';

export const USAGE = `Usage: npm start -- [options]

Runs the built add-on (dist/Code.js) on an orders workbook, writes the reports
to an .xlsx and serves the sidebar next to the workbook.

Options:
  --orders FILE     orders workbook, .xlsx or .csv (default: examples/sample-orders.xlsx)
  --out FILE        output workbook (default: out/report.xlsx); settings are kept
                    in FILE's folder as <name>.state.json, e-mails in outbox/
  --port N          port of the dev server (default 8080; the next free one if taken)
  --no-serve        exit after writing the output (for scripts and CI)
  --locale CODE     spreadsheet locale, e.g. en_US, en_GB, ru_RU, uk_UA (default en_US)
  --tz ZONE         spreadsheet time zone (default Europe/London)
  --now DATE        run as if it were this date-time (ISO), e.g. 2026-11-23T09:00
  --run-trigger     run the weekly e-mail (${DIGEST}) once; mail goes to the outbox
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
  runTrigger: boolean;
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
        'run-trigger': { type: 'boolean', default: false },
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
  return {
    orders: values.orders,
    out: values.out,
    port,
    serve: !values['no-serve'],
    locale: values.locale,
    timeZone: values.tz,
    now: values.now ?? null,
    runTrigger: values['run-trigger'],
    help: values.help,
  };
}

export interface StartResult {
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
 * --run-trigger: fire the weekly e-mail trigger once. Without a trigger (none
 * saved from an earlier run's sidebar), turn the schedule on first, as the
 * sidebar would, with example addresses for the managers when none are saved.
 */
function runDigest(runtime: Runtime, run: (name: string, ...args: unknown[]) => boolean, io: Io, t: Record<string, number>): void {
  const sentBefore = runtime.sentMail.length;
  const digestTrigger = () => runtime.triggers.find((tr) => tr.handler === DIGEST && tr.eventType === 'CLOCK');
  if (!digestTrigger() && runtime.has('scheduleLoad') && runtime.has('scheduleTurnOn')) {
    const state = runtime.callJson('scheduleLoad') as ScheduleState;
    const schedule: ScheduleSettings = { ...state.schedule };
    if (Object.keys(schedule.recipients).length === 0 && !schedule.fallbackEmail) {
      schedule.recipients = Object.fromEntries(state.managers.map((m, i) => [m, `manager${i + 1}@example.com`]));
      schedule.fallbackEmail = state.user;
      io.log(`no e-mail schedule saved: turning it on with example addresses (${state.managers.length} managers -> managerN@example.com)`);
    }
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
    // The trigger runs daily and sends on the schedule's weekday (other days only finish an unfinished week).
    if (result === null) {
      const { schedule, lastRun } = runtime.callJson('scheduleLoad') as ScheduleState;
      if (lastRun?.error && Date.parse(lastRun.at) >= firedAt) io.log(`  the run failed: ${lastRun.error}`);
      else io.log(`  nothing to do today: the e-mails go out on the schedule’s weekday, ${schedule.weekday} (pick one with --now)`);
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
  const result: StartResult = { runtime: null, out: null, server: null, timings: {}, rebuildCalls: null };
  if (options.help) {
    io.log(USAGE);
    return result;
  }
  const orders = path.resolve(options.orders);
  const out = path.resolve(options.out);
  if (!existsSync(orders)) throw new Error(`--orders: ${options.orders} does not exist`);
  if (orders === out) throw new Error('--out must not be the orders file: the source workbook is never written');
  if (path.extname(out).toLowerCase() !== '.xlsx') throw new Error('--out must be an .xlsx file');
  const outDir = path.dirname(out);
  const t = result.timings;

  let started = performance.now();
  const runtime = await createRuntime({
    workbook: orders,
    locale: options.locale,
    timeZone: options.timeZone,
    now: options.now ?? undefined,
    outbox: path.join(outDir, 'outbox'),
    stateFile: path.join(outDir, `${path.basename(out, '.xlsx')}.state.json`),
    log: (line) => io.log(`  [script] ${line}`),
  });
  result.runtime = runtime;
  t.read = ms(started);
  const orderRows = runtime.book.sheets.reduce((n, s) => n + s.cells.length, 0);
  io.log(
    `read ${path.relative(process.cwd(), orders) || orders}: ${runtime.book.sheets.map((s) => `"${s.name}"`).join(', ')} (${orderRows} rows) in ${t.read} ms`,
  );

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

  const before = runtime.calls.total;
  if (run(REBUILD)) {
    result.rebuildCalls = runtime.calls.total - before;
    io.log(`reports: ${runtime.book.sheets.map((s) => s.name).join(', ')}`);
  } else io.log(`${REBUILD} is not in dist/Code.js yet: no reports were built; the output holds the orders as read.`);

  if (options.runTrigger) runDigest(runtime, run, io, t);

  started = performance.now();
  await runtime.writeWorkbook(out);
  t.write = ms(started);
  result.out = out;
  io.log(`wrote ${path.relative(process.cwd(), out) || out} in ${t.write} ms`);
  if (result.rebuildCalls !== null) io.log(`Apps Script calls per rebuild: ${result.rebuildCalls}`);

  if (options.serve) {
    result.server = await startServer(runtime, { port: options.port, out, log: (line) => io.log(line) });
    io.log(`\nOpen ${result.server.url} (workbook on the left, the sidebar on the right). Ctrl+C to stop.`);
  }
  return result;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().then(
    (r) => {
      if (r.server) {
        const stop = (): void => void r.server!.close().then(() => process.exit(0));
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
