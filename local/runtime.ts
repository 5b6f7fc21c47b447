/**
 * The local runtime: the built bundle dist/Code.js run as Apps Script runs it,
 * over a workbook read from .xlsx/.csv (or given as rows), with in-memory
 * stand-ins for the services it uses.
 *
 * Each `call` is one execution, as in Apps Script: a fresh global scope (the
 * bundle is evaluated again, so no state leaks between calls), its own locks
 * (let go when it ends), and the same workbook, properties, caches, triggers and outbox.
 * Values the bundle gets are made in its realm (Dates, arrays, errors); values
 * the runtime API returns to Node code are Node's own (Dates are instants: the
 * wall-clock time of the cell in the spreadsheet's time zone).
 */
import { existsSync, readFileSync, statSync, writeFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import vm from 'node:vm';
import { AuthState, type AuthModeName } from './authorization';
import { evaluateSheet } from './formula';
import { Boundary, CallCounter, type FaultPlan, GasError, type Realm } from './boundary';
import { CacheStores, FakeCacheService } from './cache';
import { FakeMailApp, type SentMail } from './mail';
import { type EvaluateSheet, lastColumn, lastRow, touch, type WorkbookModel } from './model';
import {
  clockEvent,
  FakeLockService,
  FakePropertiesService,
  FakeScriptApp,
  FakeSession,
  FakeUtilities,
  type LockKind,
  LockTable,
  type PropertyStores,
  type TriggerModel,
} from './services';
import { FakeCharts, type FakeSheet, FakeSpreadsheet, FakeSpreadsheetApp, type SheetsHost } from './spreadsheet';
import { FakeHtmlService, FakeUi, newUiLog, type UiLog } from './ui';
import { checkTimeZone } from './values';
import { BIGQUERY_SCOPE, type BigQueryStandInOptions, FakeBigQuery } from './bigquery';
import { ConnectedSpreadsheet, ConnectedSpreadsheetApp, type ConnectedSheetsModel, newConnectedSheets } from './bigqueryDataSource';
import { readWorkbook, workbookFromRows, writeWorkbook } from './workbook';

export const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const defaultBundle = path.join(projectRoot, 'dist', 'Code.js');

export interface RuntimeOptions {
  /**
   * The spreadsheet: a .xlsx or .csv path (read, never written), rows per sheet
   * (`{ Orders: [[...], ...] }`; strings stay text, Dates are instants), or a
   * model. Default: one empty sheet "Sheet1".
   */
  workbook?: string | Record<string, unknown[][]> | WorkbookModel;
  /** A .csv file's encoding (local/encoding.ts); default: found from its bytes. */
  encoding?: string;
  /** Spreadsheet locale, e.g. en_US, ru_RU, uk_UA. Default en_US. */
  locale?: string;
  /** Spreadsheet time zone. Default Europe/London. */
  timeZone?: string;
  /** Active and effective user's e-mail. Default you@example.com. */
  user?: string;
  /** Session.getActiveUserLocale(); default the locale's language (ru_RU -> ru). */
  userLocale?: string;
  /** The clock starts here and runs on in real time; default now. */
  now?: Date | string | number;
  /** Folder for sent e-mails as .eml files; default none (kept in `sentMail` only). */
  outbox?: string;
  /** MailApp daily quota in recipients; default 100 (a consumer account). */
  quota?: number;
  /** Bundle to run; default dist/Code.js. HTML files are read from its folder. */
  bundle?: string;
  /** Initial properties. */
  properties?: Partial<PropertyStores>;
  /**
   * The scopes the user granted (granular consent lets them leave some out);
   * default every scope of the bundle's manifest. Calls outside the manifest fail
   * whatever is granted.
   */
  grantedScopes?: string[];
  /** JSON file that keeps properties and triggers between runs (read if present, written on change). */
  stateFile?: string;
  /** Formula evaluator; default local/formula.ts. */
  evaluate?: EvaluateSheet | null;
  /** Where console/Logger lines of the bundle go (they are also kept in `logs`). */
  log?: (line: string) => void;
  /**
   * Warehouse mode (the warehouse edition's bundle): the BigQuery advanced service
   * over a CSV or Parquet file (local/bigquery.ts), installed when the bundle's manifest
   * enables it, and Connected Sheets (local/bigqueryDataSource.ts), unavailable to the
   * user's Google edition with `connectedSheets: false`.
   */
  warehouse?: BigQueryStandInOptions & { connectedSheets?: boolean };
}

export interface Runtime {
  /** Call a global function of the bundle in a new execution; arguments go through JSON. */
  call<T = unknown>(name: string, ...args: unknown[]): T;
  /** As google.script.run: the result through JSON, and null if it holds a Date. */
  callJson(name: string, ...args: unknown[]): unknown;
  /** Whether the bundle defines this global function. */
  has(name: string): boolean;
  /** The bundle's global functions. */
  globals(): string[];
  /** Run a trigger's handler with its event object: by unique id, or the only clock trigger. */
  fireTrigger(uid?: string): unknown;
  /** Hold a lock as another execution would, until `release()` or `releaseAfterMs` on the runtime clock. */
  holdLock(kind?: LockKind, options?: { releaseAfterMs?: number }): { release(): void };
  /** The bundle file each call loads (again when it changes). */
  readonly bundle: string;
  /** The Spreadsheet stand-in itself: calls on it are not counted and return Node values. */
  readonly spreadsheet: FakeSpreadsheet;
  readonly book: WorkbookModel;
  /** A sheet's values from A1 to its last row and column ([] when empty). */
  readSheet(name: string): unknown[][];
  /** The same cells as Sheets displays them (number formats applied). */
  readDisplay(name: string): string[][];
  readFormulas(name: string): string[][];
  sheetNames(): string[];
  /** Write every sheet to an .xlsx file. */
  writeWorkbook(file: string): Promise<void>;
  /** Service calls made by the bundle: total and per `Class.method`. */
  readonly calls: CallCounter;
  readonly sentMail: SentMail[];
  readonly ui: UiLog;
  readonly toasts: SheetsHost['toasts'];
  readonly triggers: TriggerModel[];
  readonly properties: PropertyStores;
  /** CacheService's document, script and user caches: they outlive each call, as in Apps Script, until they expire on `clock`. */
  readonly caches: CacheStores;
  /** MailApp recipients left today. */
  readonly quota: { remaining: number };
  /** Addresses MailApp refuses with "Invalid email: ..." (add some to test a bounce at send time). */
  readonly rejectedAddresses: Set<string>;
  /** console and Logger output of the bundle. */
  readonly logs: string[];
  /** The runtime clock (ms); `advance` moves it on, as Utilities.sleep does. */
  readonly clock: { now(): number; advance(ms: number): void };
  /** The manifest's scopes, what the user granted (change it to simulate consent), and the consent prompts shown. */
  readonly auth: AuthState;
  /** Make service calls throw, to test failures: `faults.failAt(n)`, `faults.failWhen((i, key) => ...)`. */
  readonly faults: FaultPlan;
  /** Warehouse mode: the BigQuery stand-in (null when the manifest does not enable the service) and Connected Sheets. */
  readonly bigQuery: FakeBigQuery | null;
  readonly connectedSheets: ConnectedSheetsModel | null;
  /** Ends the warehouse stand-in's DuckDB worker. */
  close(): Promise<void>;
}

/** An error thrown by the bundle, brought into Node's realm with its name and message. */
export class BundleError extends Error {
  constructor(
    message: string,
    readonly bundleName: string,
    readonly bundleStack: string | undefined,
  ) {
    super(message);
    this.name = bundleName === 'Exception' || bundleName === 'Error' ? 'BundleError' : bundleName;
  }
}

const scripts = new Map<string, { mtimeMs: number; size: number; script: vm.Script }>();

function compiled(file: string): vm.Script {
  if (!existsSync(file)) throw new Error(`${path.relative(process.cwd(), file) || file} does not exist: run \`npm run build\` first`);
  const st = statSync(file);
  const hit = scripts.get(file);
  if (hit && hit.mtimeMs === st.mtimeMs && hit.size === st.size) return hit.script;
  const script = new vm.Script(readFileSync(file, 'utf8'), { filename: path.basename(file) });
  scripts.set(file, { mtimeMs: st.mtimeMs, size: st.size, script });
  return script;
}

function format(args: unknown[]): string {
  return args
    .map((a) => {
      if (typeof a === 'string') return a;
      if (a && typeof a === 'object' && 'stack' in a && 'message' in a) return String((a as Error).stack ?? (a as Error).message);
      try {
        return JSON.stringify(a) ?? String(a);
      } catch {
        return String(a);
      }
    })
    .join(' ');
}

// The clock inside the bundle: `new Date()` and `Date.now()` read the runtime clock.
const CLOCK_SCRIPT = new vm.Script(`(function (now) {
  var RealDate = Date;
  function D() {
    var a = arguments;
    if (!new.target) return new RealDate(now()).toString();
    if (a.length === 0) return new RealDate(now());
    return new (Function.prototype.bind.apply(RealDate, [null].concat(Array.prototype.slice.call(a))))();
  }
  Object.setPrototypeOf(D, RealDate);
  D.prototype = RealDate.prototype;
  D.now = function () { return now(); };
  Object.defineProperty(RealDate.prototype, 'constructor', { value: D, writable: true, configurable: true });
  globalThis.Date = D;
})`);

/** The manifest's oauthScopes; null when it sets none (Apps Script then detects them from the code). */
function manifestScopes(bundleDir: string): string[] | null {
  let scopes: unknown;
  try {
    scopes = JSON.parse(readFileSync(path.join(bundleDir, 'appsscript.json'), 'utf8')).oauthScopes;
  } catch {
    return null;
  }
  return Array.isArray(scopes) ? scopes.filter((s): s is string => typeof s === 'string') : null;
}

/** An event object's auth mode: onOpen/onInstall get NONE, LIMITED or FULL; everything else runs in FULL. */
function authModeOf(args: unknown[]): AuthModeName {
  const mode = (args[0] as { authMode?: unknown } | undefined)?.authMode;
  return mode === 'NONE' || mode === 'LIMITED' || mode === 'CUSTOM_FUNCTION' ? mode : 'FULL';
}

/** Whether the manifest enables the BigQuery advanced service (dependencies.enabledAdvancedServices). */
function enablesBigQuery(bundleDir: string): boolean {
  try {
    const services = JSON.parse(readFileSync(path.join(bundleDir, 'appsscript.json'), 'utf8')).dependencies?.enabledAdvancedServices;
    return (
      Array.isArray(services) &&
      services.some((s: { serviceId?: unknown; userSymbol?: unknown }) => s.serviceId === 'bigquery' && s.userSymbol === 'BigQuery')
    );
  } catch {
    return false;
  }
}

function scriptTimeZone(bundleDir: string): string {
  try {
    return JSON.parse(readFileSync(path.join(bundleDir, 'appsscript.json'), 'utf8')).timeZone ?? 'Etc/GMT';
  } catch {
    return 'Etc/GMT';
  }
}

interface SavedState {
  properties?: Partial<PropertyStores>;
  triggers?: TriggerModel[];
}

export async function createRuntime(options: RuntimeOptions = {}): Promise<Runtime> {
  const locale = options.locale ?? 'en_US';
  const timeZone = options.timeZone ?? 'Europe/London';
  checkTimeZone(timeZone);
  const user = options.user ?? 'you@example.com';
  const bundle = path.resolve(options.bundle ?? defaultBundle);
  const bundleDir = path.dirname(bundle);

  let book: WorkbookModel;
  const wb = options.workbook;
  if (typeof wb === 'string') book = await readWorkbook(wb, { locale, timeZone, encoding: options.encoding });
  else if (wb && 'sheets' in wb && Array.isArray((wb as WorkbookModel).sheets) && 'nextId' in wb) book = wb as WorkbookModel;
  else book = workbookFromRows((wb as Record<string, unknown[][]>) ?? {}, { locale, timeZone });
  book.locale = locale;
  book.timeZone = timeZone;

  // Clock
  const base = options.now !== undefined ? new Date(options.now).getTime() : null;
  if (base !== null && Number.isNaN(base)) throw new Error(`now: not a date: ${String(options.now)}`);
  const startedAt = performance.now();
  let skew = 0;
  const clock = {
    now: () => (base === null ? Date.now() : base + (performance.now() - startedAt)) + skew,
    advance: (ms: number) => {
      skew += Math.max(0, ms);
    },
  };

  // Saved state
  let saved: SavedState = {};
  if (options.stateFile && existsSync(options.stateFile)) saved = JSON.parse(readFileSync(options.stateFile, 'utf8')) as SavedState;
  const properties: PropertyStores = {
    document: { ...saved.properties?.document, ...options.properties?.document },
    user: { ...saved.properties?.user, ...options.properties?.user },
    script: { ...saved.properties?.script, ...options.properties?.script },
  };
  const triggers: TriggerModel[] = saved.triggers ?? [];
  const save = () => {
    if (!options.stateFile) return;
    mkdirSync(path.dirname(path.resolve(options.stateFile)), { recursive: true });
    writeFileSync(options.stateFile, JSON.stringify({ properties, triggers }, null, 2));
  };

  // Stand-ins
  const calls = new CallCounter();
  const boundary = new Boundary(calls);
  boundary.guard = (label, method) => auth.check(label, method);
  const ui = newUiLog();
  const toasts: SheetsHost['toasts'] = [];
  const host: SheetsHost = {
    book,
    evaluate: options.evaluate === undefined ? evaluateSheet : options.evaluate,
    toasts,
    ui: new FakeUi(ui),
  };
  const connected = options.warehouse ? newConnectedSheets(options.warehouse.connectedSheets ?? true) : null;
  const spreadsheet = connected ? new ConnectedSpreadsheet(host, connected) : new FakeSpreadsheet(host);
  const locks = new LockTable(clock.now, clock.advance);
  const caches = new CacheStores(clock.now);
  const quota = { remaining: options.quota ?? 100 };
  const rejectedAddresses = new Set<string>();
  const sentMail: SentMail[] = [];
  const scriptZone = scriptTimeZone(bundleDir);
  const listed = manifestScopes(bundleDir);
  const manifest = listed === null ? null : new Set(listed);
  const auth = new AuthState(manifest, options.grantedScopes ?? manifest, `script-${book.id}`);
  const services: Record<string, object> = {
    SpreadsheetApp: connected ? new ConnectedSpreadsheetApp(spreadsheet, connected) : new FakeSpreadsheetApp(spreadsheet),
    Charts: new FakeCharts(),
    HtmlService: new FakeHtmlService(bundleDir),
    LockService: new FakeLockService(locks),
    PropertiesService: new FakePropertiesService(properties, save),
    CacheService: new FakeCacheService(caches),
    Session: new FakeSession({ user, userLocale: options.userLocale ?? locale.split(/[_-]/)[0], scriptTimeZone: scriptZone }),
    ScriptApp: new FakeScriptApp({ triggers, spreadsheetId: book.id, user, scriptId: `script-${book.id}`, auth, changed: save }),
    MailApp: new FakeMailApp({
      from: user,
      outbox: options.outbox ?? null,
      quota,
      sent: sentMail,
      rejected: rejectedAddresses,
      now: () => new Date(clock.now()),
    }),
    Utilities: new FakeUtilities(clock.advance),
  };
  // An advanced service is a global only where the manifest enables it (Apps Script: "BigQuery is not defined" otherwise).
  const bigQuery = options.warehouse && enablesBigQuery(bundleDir) ? new FakeBigQuery(options.warehouse) : null;
  if (bigQuery) {
    bigQuery._scopeCheck = (method) => {
      if (manifest !== null && !manifest.has(BIGQUERY_SCOPE))
        throw new GasError(`Specified permissions are not sufficient to call bigquery.${method}. Required permissions: ${BIGQUERY_SCOPE}`);
    };
    services.BigQuery = bigQuery;
  }

  const logs: string[] = [];
  const write = (line: string) => {
    logs.push(line);
    options.log?.(line);
  };
  const makeConsole = () => {
    const out =
      (level: string) =>
      (...args: unknown[]) =>
        write(level ? `[${level}] ${format(args)}` : format(args));
    return { log: out(''), info: out('info'), warn: out('warn'), error: out('error'), debug: out('debug') };
  };
  const makeLogger = () => {
    let buffer: string[] = [];
    const logger = {
      log(data: unknown, ...values: unknown[]) {
        let i = 0;
        const line =
          typeof data === 'string' && values.length
            ? data.replace(/%[sdif]/g, () => (i < values.length ? format([values[i++]]) : ''))
            : format([data]);
        buffer.push(line);
        write(line);
        return logger;
      },
      getLog: () => buffer.join('\n'),
      clear() {
        buffer = [];
        return logger;
      },
    };
    return logger;
  };

  let executions = 0;
  /** A fresh global scope with the bundle loaded: one Apps Script execution. */
  function execute<T>(body: (ctx: vm.Context & Record<string, unknown>, realm: Realm) => T, mode: AuthModeName = 'FULL'): T {
    const sandbox: Record<string, unknown> = { console: makeConsole(), Logger: makeLogger() };
    for (const [name, service] of Object.entries(services)) sandbox[name] = boundary.wrap(service);
    const ctx = vm.createContext(sandbox, { name: 'Apps Script' }) as vm.Context & Record<string, unknown>;
    (CLOCK_SCRIPT.runInContext(ctx) as (now: () => number) => void)(clock.now);
    const realm = vm.runInContext('({ Array: Array, Object: Object, Date: Date, Error: Error, JSON: JSON })', ctx) as Realm;
    const previous = { realm: boundary.realm, execution: locks.execution, mode: auth.mode, ended: auth.ended };
    const execution = ++executions;
    boundary.realm = realm;
    locks.execution = execution;
    auth.mode = mode;
    auth.ended = false;
    if (connected) connected.enabled = false;
    try {
      compiled(bundle).runInContext(ctx);
      return body(ctx, realm);
    } catch (e) {
      if (e && typeof e === 'object' && !(e instanceof Error) && 'message' in e) {
        const err = e as { message: string; name?: string; stack?: string };
        throw new BundleError(err.message, err.name ?? 'Error', err.stack);
      }
      throw e;
    } finally {
      locks.releaseAll(execution);
      boundary.realm = previous.realm;
      locks.execution = previous.execution;
      auth.mode = previous.mode;
      auth.ended = previous.ended;
    }
  }

  function callIn(ctx: vm.Context & Record<string, unknown>, realm: Realm, name: string, args: unknown[]): unknown {
    const fn = ctx[name];
    if (typeof fn !== 'function') throw new Error(`${name} is not a global function of ${path.relative(process.cwd(), bundle) || bundle}`);
    // Arguments arrive as google.script.run delivers them: JSON, rebuilt in the bundle's realm.
    const vmArgs = args.length ? (realm.JSON.parse(JSON.stringify(args)) as unknown[]) : [];
    return (fn as (...a: unknown[]) => unknown)(...vmArgs);
  }

  const readRange = <T>(name: string, read: (sheet: FakeSheet) => T[][]): T[][] => {
    const sheet = spreadsheet.getSheetByName(name) as unknown as FakeSheet | null;
    if (!sheet) throw new Error(`No sheet named "${name}"; sheets: ${book.sheets.map((s) => s.name).join(', ')}`);
    if (lastRow(sheet._model) === 0 || lastColumn(sheet._model) === 0) return [];
    return read(sheet);
  };

  let outsiders = 0;
  const runtime: Runtime = {
    call<T>(name: string, ...args: unknown[]): T {
      return execute((ctx, realm) => callIn(ctx, realm, name, args), authModeOf(args)) as T;
    },
    callJson(name: string, ...args: unknown[]): unknown {
      return execute((ctx, realm) => {
        const result = callIn(ctx, realm, name, args);
        if (result === undefined) return null;
        const hasDate = (v: unknown, depth = 0): boolean =>
          depth < 50 &&
          typeof v === 'object' &&
          v !== null &&
          (Object.prototype.toString.call(v) === '[object Date]' || Object.values(v).some((x) => hasDate(x, depth + 1)));
        if (hasDate(result)) {
          write(`[warn] ${name} returned a Date: google.script.run hands the sidebar null instead`);
          return null;
        }
        return JSON.parse(JSON.stringify(result) ?? 'null');
      });
    },
    has(name: string): boolean {
      return execute((ctx) => typeof ctx[name] === 'function');
    },
    globals(): string[] {
      return execute((ctx) => Object.keys(ctx).filter((k) => typeof ctx[k] === 'function' && !(k in services)));
    },
    fireTrigger(uid?: string): unknown {
      const trigger =
        uid === undefined
          ? triggers.filter((t) => t.eventType === 'CLOCK').length === 1
            ? triggers.find((t) => t.eventType === 'CLOCK')
            : undefined
          : triggers.find((t) => t.uid === uid);
      if (!trigger)
        throw new Error(
          uid === undefined
            ? `fireTrigger: give a trigger id; clock triggers: ${triggers.filter((t) => t.eventType === 'CLOCK').length}`
            : `fireTrigger: no trigger ${uid}`,
        );
      const event =
        trigger.eventType === 'CLOCK'
          ? clockEvent(trigger, new Date(clock.now()), trigger.schedule.timeZone ?? scriptZone)
          : { authMode: 'FULL', triggerUid: trigger.uid };
      return runtime.call(trigger.handler, event);
    },
    holdLock(kind: LockKind = 'document', opts: { releaseAfterMs?: number } = {}) {
      const execution = -++outsiders;
      if (locks.holder(kind)) throw new GasError(`The ${kind} lock is already held`);
      locks.take(kind, execution, opts.releaseAfterMs === undefined ? null : clock.now() + opts.releaseAfterMs);
      return { release: () => locks.release(kind, execution) };
    },
    bundle,
    spreadsheet,
    book,
    readSheet: (name) => readRange(name, (s) => s.getDataRange().getValues()),
    readDisplay: (name) => readRange(name, (s) => s.getDataRange().getDisplayValues()),
    readFormulas: (name) => readRange(name, (s) => s.getDataRange().getFormulas()),
    sheetNames: () => book.sheets.map((s) => s.name),
    writeWorkbook: (file) => {
      // Formulas carry their results in the file (readers that do not recalculate show them), so work them out first.
      for (const sheet of book.sheets) if (sheet.dirty) spreadsheet._sheet(sheet)._fresh();
      return writeWorkbook(book, file);
    },
    calls,
    sentMail,
    ui,
    toasts,
    triggers,
    properties,
    caches,
    quota,
    rejectedAddresses,
    logs,
    clock,
    auth,
    faults: boundary.faults,
    bigQuery,
    connectedSheets: connected,
    async close() {
      await bigQuery?.close();
    },
  };
  touch(book);
  return runtime;
}
