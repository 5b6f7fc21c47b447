// Load dist/Code.js the way Apps Script does: one global scope in which the
// bundle's top-level function declarations become globals, and nothing from
// Node (no require, process, module, Buffer, setTimeout...). Only what is passed
// in `globals` (stand-ins such as SpreadsheetApp) is there besides the
// JavaScript built-ins, `console` and a small `Logger`.
//
// Values made outside the context are from another realm: a host Date fails
// `instanceof Date` inside the bundle.

import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import vm from 'node:vm';
import ts from 'typescript';

export const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const bundlePath = path.join(projectRoot, 'dist', 'Code.js');
export const entryPath = path.join(projectRoot, 'src', 'main.js');

/** The vm global of a loaded bundle: call entry points as `ctx.NAME(...)`. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the bundle's globals are whatever src/main.js defines; tests call them untyped
export type BundleContext = vm.Context & Record<string, any>;

export interface LoadBundleOptions {
  /** Extra globals, e.g. `{ SpreadsheetApp: fakeSpreadsheetApp }`. */
  globals?: Record<string, unknown>;
  /** Bundle file to load; default dist/Code.js. */
  file?: string;
  /** Where console/Logger output goes; default: collected silently (see `logsOf`). */
  log?: (line: string) => void;
}

const logs = new WeakMap<object, string[]>();

/** Lines written through `console.*` and `Logger.log` by a loaded bundle. */
export function logsOf(ctx: BundleContext): string[] {
  return logs.get(ctx) ?? [];
}

function format(args: unknown[]): string {
  return args.map((a) => (typeof a === 'string' ? a : safeJson(a))).join(' ');
}

function safeJson(v: unknown): string {
  try {
    return JSON.stringify(v) ?? String(v);
  } catch {
    return String(v);
  }
}

/** Apps Script's Logger: log(format, ...values) with %s-style placeholders, getLog, clear. */
function makeLogger(write: (line: string) => void) {
  let buffer: string[] = [];
  const logger = {
    log(data: unknown, ...values: unknown[]) {
      let line: string;
      if (typeof data === 'string' && values.length) {
        let i = 0;
        line = data.replace(/%[sdif]/g, () => (i < values.length ? format([values[i++]]) : ''));
      } else {
        line = format([data]);
      }
      buffer.push(line);
      write(line);
      return logger;
    },
    getLog() {
      return buffer.join('\n');
    },
    clear() {
      buffer = [];
      return logger;
    },
  };
  return logger;
}

function makeConsole(write: (line: string) => void) {
  const out =
    (level: string) =>
    (...args: unknown[]) =>
      write(level ? `[${level}] ${format(args)}` : format(args));
  return { log: out(''), info: out('info'), warn: out('warn'), error: out('error'), debug: out('debug') };
}

const scripts = new Map<string, { mtimeMs: number; size: number; script: vm.Script }>();

function compiled(file: string): vm.Script {
  const st = statSync(file);
  const hit = scripts.get(file);
  if (hit && hit.mtimeMs === st.mtimeMs && hit.size === st.size) return hit.script;
  const script = new vm.Script(readFileSync(file, 'utf8'), { filename: path.basename(file) });
  scripts.set(file, { mtimeMs: st.mtimeMs, size: st.size, script });
  return script;
}

/** The globals a fresh context has before the bundle runs (built-ins + stand-ins). */
export function createAppsScriptContext(options: LoadBundleOptions = {}): BundleContext {
  const lines: string[] = [];
  const write = (line: string) => {
    lines.push(line);
    options.log?.(line);
  };
  const sandbox: Record<string, unknown> = {
    console: makeConsole(write),
    Logger: makeLogger(write),
    ...options.globals,
  };
  const ctx = vm.createContext(sandbox, { name: 'Apps Script' });
  logs.set(ctx, lines);
  return ctx as BundleContext;
}

/** Load the bundle into a fresh context and return that context. */
export function loadBundle(options: LoadBundleOptions = {}): BundleContext {
  const file = options.file ?? bundlePath;
  const ctx = createAppsScriptContext(options);
  compiled(file).runInContext(ctx);
  return ctx;
}

/**
 * The JSDoc block (from `/**` to `*\/`) directly above the first top-level
 * `function NAME(` in the bundle text, or null if there is none or something
 * other than whitespace stands between the two.
 */
export function jsdocAbove(code: string, name: string): string | null {
  const escaped = name.replace(/[$]/g, '\\$');
  const decl = new RegExp(`^function ${escaped}\\s*\\(`, 'm').exec(code);
  if (!decl) return null;
  const before = code.slice(0, decl.index).replace(/\s+$/, '');
  if (!before.endsWith('*/')) return null;
  const start = before.lastIndexOf('/**');
  if (start < 0) return null;
  return before.slice(start);
}

/**
 * Names assigned as `global.NAME = ...` in top-level statements of src/main.js
 * (also `global.A = a, global.B = b`), exactly the statements gas-webpack-plugin
 * turns into stubs: the entry points, and the only globals the bundle may
 * define. Parsed with the TypeScript parser, so commented-out code does not count.
 */
export function entryPointNames(file: string = entryPath): string[] {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.ES2020, false, ts.ScriptKind.JS);
  const names: string[] = [];
  const visit = (expr: ts.Expression) => {
    if (ts.isBinaryExpression(expr) && expr.operatorToken.kind === ts.SyntaxKind.CommaToken) {
      visit(expr.left);
      visit(expr.right);
    } else if (
      ts.isBinaryExpression(expr) &&
      expr.operatorToken.kind === ts.SyntaxKind.EqualsToken &&
      ts.isPropertyAccessExpression(expr.left) &&
      ts.isIdentifier(expr.left.expression) &&
      expr.left.expression.text === 'global'
    ) {
      names.push(expr.left.name.text);
    }
  };
  for (const stmt of source.statements) {
    if (ts.isExpressionStatement(stmt)) visit(stmt.expression);
  }
  return names;
}
