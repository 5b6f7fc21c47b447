/**
 * Which OAuth scopes each Apps Script method needs, read from the pinned
 * `gas-types-detailed` package (MIT; its doc comments are Google's reference
 * pages, "Authorization: Scripts that use this method require authorization with
 * one or more of the following scopes"). Any one scope of a method's list is
 * enough; a method without such a section needs none.
 *
 * The runtime uses it to enforce the manifest (test/scopes.test.ts derives the
 * manifest from it). Stand-ins are named by their class (`Range`, `Ui` ...), so
 * each is mapped to the namespace that declares it.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import ts from 'typescript';

/** Apps Script namespace of each stand-in class (the `_label` of local/*.ts). */
export const NAMESPACE_OF: Readonly<Record<string, string>> = {
  Blob: 'Base',
  Menu: 'Base',
  Session: 'Base',
  Ui: 'Base',
  User: 'Base',
  Cache: 'Cache',
  CacheService: 'Cache',
  Charts: 'Charts',
  ChartOptions: 'Charts',
  HtmlOutput: 'HTML',
  HtmlService: 'HTML',
  Lock: 'Lock',
  LockService: 'Lock',
  MailApp: 'Mail',
  Properties: 'Properties',
  PropertiesService: 'Properties',
  AuthorizationInfo: 'Script',
  ClockTriggerBuilder: 'Script',
  ScriptApp: 'Script',
  SpreadsheetTriggerBuilder: 'Script',
  Trigger: 'Script',
  TriggerBuilder: 'Script',
  ConditionalFormatRule: 'Spreadsheet',
  ConditionalFormatRuleBuilder: 'Spreadsheet',
  ContainerInfo: 'Spreadsheet',
  DataValidation: 'Spreadsheet',
  DataValidationBuilder: 'Spreadsheet',
  DeveloperMetadata: 'Spreadsheet',
  EmbeddedChart: 'Spreadsheet',
  EmbeddedChartBuilder: 'Spreadsheet',
  Range: 'Spreadsheet',
  RangeList: 'Spreadsheet',
  Sheet: 'Spreadsheet',
  Spreadsheet: 'Spreadsheet',
  SpreadsheetApp: 'Spreadsheet',
  Utilities: 'Utilities',
};

/** The file of gas-types-detailed that declares each namespace. */
const FILE_OF: Readonly<Record<string, string>> = {
  Base: 'google-apps-script.base.d.ts',
  Cache: 'google-apps-script.cache.d.ts',
  Charts: 'google-apps-script.charts.d.ts',
  HTML: 'google-apps-script.html.d.ts',
  Lock: 'google-apps-script.lock.d.ts',
  Mail: 'google-apps-script.mail.d.ts',
  Properties: 'google-apps-script.properties.d.ts',
  Script: 'google-apps-script.script.d.ts',
  Spreadsheet: 'google-apps-script.spreadsheet.d.ts',
  Utilities: 'google-apps-script.utilities.d.ts',
};

/** `Class.method` -> the scopes any one of which allows the call ([] when none is needed). */
export type ScopeTable = ReadonlyMap<string, readonly string[]>;

const SCOPE_LINE = /^\s*\*?\s*-\s*(https:\/\/www\.googleapis\.com\/auth\/\S+)\s*$/;

/** The scopes listed under "Authorization:" in a doc comment. */
function scopesOfComment(comment: string): string[] {
  const at = comment.indexOf('Authorization:');
  if (at < 0) return [];
  const scopes: string[] = [];
  for (const line of comment.slice(at).split('\n').slice(1)) {
    const m = SCOPE_LINE.exec(line);
    if (m) scopes.push(m[1]);
    else if (scopes.length > 0 && line.replace(/^\s*\*?\s*/, '') !== '') break;
  }
  return scopes;
}

function packageDir(): string {
  const require = createRequire(import.meta.url);
  return path.dirname(require.resolve('gas-types-detailed/package.json'));
}

/** Reads one namespace: interface -> method -> scopes (the union over overloads). */
function readNamespace(namespace: string, into: Map<string, string[]>): void {
  const file = path.join(packageDir(), FILE_OF[namespace]);
  const text = readFileSync(file, 'utf8');
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, false);
  const visit = (node: ts.Node, inNamespace: boolean): void => {
    if (ts.isModuleDeclaration(node) && node.body) {
      const here = node.name.text === namespace;
      ts.forEachChild(node.body, (child) => visit(child, inNamespace || here));
      return;
    }
    if (inNamespace && ts.isInterfaceDeclaration(node)) {
      for (const member of node.members) {
        if (!ts.isMethodSignature(member) || !member.name || !ts.isIdentifier(member.name)) continue;
        const key = `${node.name.text}.${member.name.text}`;
        const comments = ts.getLeadingCommentRanges(text, member.pos) ?? [];
        const scopes = comments.flatMap((c) => scopesOfComment(text.slice(c.pos, c.end)));
        const known = into.get(key) ?? [];
        into.set(key, [...new Set([...known, ...scopes])]);
      }
    }
  };
  ts.forEachChild(source, (node) => visit(node, false));
}

let table: Map<string, string[]> | null = null;

/** The scope table of every stand-in class (read once per process). */
export function scopeTable(): ScopeTable {
  if (table) return table;
  const byInterface = new Map<string, string[]>();
  for (const namespace of new Set(Object.values(NAMESPACE_OF))) readNamespace(namespace, byInterface);
  table = byInterface;
  return table;
}

/** The scopes that allow `Class.method`; undefined for a class or method the table does not know. */
export function scopesFor(key: string): readonly string[] | undefined {
  const [cls] = key.split('.');
  if (!(cls in NAMESPACE_OF)) return undefined;
  return scopeTable().get(key);
}

/** A broader scope that includes a narrower one (Google's reference: spreadsheets covers spreadsheets.currentonly). */
export const IMPLIED: Readonly<Record<string, readonly string[]>> = {
  'https://www.googleapis.com/auth/spreadsheets': ['https://www.googleapis.com/auth/spreadsheets.currentonly'],
};

/** The scopes a set grants, with the ones its members include. */
export function withImplied(scopes: Iterable<string>): Set<string> {
  const out = new Set<string>();
  for (const s of scopes) {
    out.add(s);
    for (const implied of IMPLIED[s] ?? []) out.add(implied);
  }
  return out;
}

/**
 * The smallest manifest that allows every call: each call needs one scope of its
 * list. A call with a single choice decides; a call with several is covered by a
 * scope already chosen, else by its first choice (Google lists the narrowest first).
 */
export function scopesNeeded(calls: Iterable<string>): { scopes: string[]; why: Map<string, string[]> } {
  const lists = new Map<string, readonly string[]>();
  for (const call of calls) {
    const scopes = scopesFor(call);
    if (scopes && scopes.length > 0) lists.set(call, scopes);
  }
  const chosen = new Set<string>();
  for (const scopes of lists.values()) if (scopes.length === 1) chosen.add(scopes[0]);
  for (const scopes of lists.values()) {
    const covered = withImplied(chosen);
    if (!scopes.some((s) => covered.has(s))) chosen.add(scopes[0]);
  }
  const why = new Map<string, string[]>();
  for (const scope of chosen) why.set(scope, []);
  for (const [call, scopes] of lists) {
    for (const scope of chosen) if (scopes.some((s) => withImplied([scope]).has(s))) why.get(scope)!.push(call);
  }
  return { scopes: [...chosen].sort(), why };
}
