// The architecture as rules the tools enforce (see eslint.config.js and the
// tsconfig.*.json files): layers import only downwards, only src/gas touches Apps
// Script, nothing shipped uses Node, no import circles (type imports included),
// and the globals of src/main.js are exactly the entry points the code declares.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { ESLint } from 'eslint';
import ts from 'typescript';
import { beforeAll, describe, expect, it } from 'vitest';
import { entryPointNames, projectRoot } from './support/loadBundle';

const rel = (file: string): string => path.relative(projectRoot, file).split(path.sep).join('/');

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const file = path.join(dir, name);
    if (statSync(file).isDirectory()) out.push(...sourceFiles(file));
    else if (/\.(ts|js)$/.test(name) && !name.endsWith('.d.ts')) out.push(file);
  }
  return out;
}

describe('layer rules (ESLint) catch a forbidden import', () => {
  let eslint: ESLint;
  beforeAll(() => {
    eslint = new ESLint({
      cwd: projectRoot,
      // With CI=true typescript-eslint builds its program once from the files on disk ("single run"),
      // which would lint the file's own text, not the probe's: keep the program that takes the text given.
      overrideConfig: { languageOptions: { parserOptions: { disallowAutomaticSingleRunInference: true } } },
    });
  });

  /** The rules ESLint reports when `file` holds `text` instead of its own code. */
  async function rulesFor(file: string, text: string): Promise<string[]> {
    const [result] = await eslint.lintText(text, { filePath: path.join(projectRoot, file) });
    return result.messages.map((m) => m.ruleId ?? `fatal: ${m.message}`);
  }

  const LAYER_BREAKS: [file: string, imported: string][] = [
    ['src/core/lifecycle.ts', '../gas/writeSheet'],
    ['src/core/lifecycle.ts', '../reports/layout'],
    ['src/reports/layout.ts', '../addon/settings'],
    ['src/mail/digest.ts', '../addon/settings'],
    ['src/i18n/plural.ts', '../core/values'],
    ['src/gas/triggers.ts', '../addon/settings'],
    ['src/functions/args.ts', '../addon/settings'],
    ['src/addon/menu.ts', '../functions/args'],
    ['src/addon/menu.ts', '../../local/runtime'],
    ['sidebar/dom.ts', '../src/gas/writeSheet'],
  ];

  it.each(LAYER_BREAKS)('%s may not import %s', async (file, imported) => {
    const rules = await rulesFor(file, `import * as m from '${imported}';\nexport const used = m;\n`);
    expect(rules).toContain('import-x/no-restricted-paths');
  });

  it('a Node API under src/ or sidebar/ is an error', async () => {
    expect(await rulesFor('src/core/values.ts', "import { readFileSync } from 'node:fs';\nexport const r = readFileSync;\n")).toContain(
      'import-x/no-nodejs-modules',
    );
    expect(await rulesFor('src/reports/layout.ts', 'export const p = process.env.HOME;\n')).toContain('no-restricted-globals');
    expect(await rulesFor('sidebar/dom.ts', "export const b = Buffer.from('x');\n")).toContain('no-restricted-globals');
  });

  it('Apps Script used outside src/gas is an error, by name and by type', async () => {
    expect(await rulesFor('src/addon/menu.ts', 'export function f(): void {\n  SpreadsheetApp.getUi();\n}\n')).toEqual(
      expect.arrayContaining(['no-restricted-globals', 'local/no-apps-script-outside-gas']),
    );
    // A handle passed in is still Apps Script: calling it is the gas layer's job.
    expect(
      await rulesFor(
        'src/addon/menu.ts',
        'export function f(sheet: GoogleAppsScript.Spreadsheet.Sheet): string {\n  return sheet.getName();\n}\n',
      ),
    ).toContain('local/no-apps-script-outside-gas');
    expect(await rulesFor('src/gas/ui.ts', 'export function f(): void {\n  SpreadsheetApp.getUi();\n}\n')).toEqual([]);
  });
});

describe('no import circles in src/ and sidebar/ (type imports count)', () => {
  // Every relative import, `import type` included: a section that imports the app
  // back for a type is still a circle a reader has to untangle.
  function importGraph(): Map<string, string[]> {
    const files = [...sourceFiles(path.join(projectRoot, 'src')), ...sourceFiles(path.join(projectRoot, 'sidebar'))];
    const known = new Set(files);
    const graph = new Map<string, string[]>();
    for (const file of files) {
      const info = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
      const targets: string[] = [];
      for (const { fileName } of info.importedFiles) {
        if (!fileName.startsWith('.')) continue;
        const base = path.resolve(path.dirname(file), fileName.replace(/\.js$/, ''));
        const target = [`${base}.ts`, `${base}.js`, path.join(base, 'index.ts')].find((f) => known.has(f));
        if (target) targets.push(target);
      }
      graph.set(file, targets);
    }
    return graph;
  }

  function cycles(graph: Map<string, string[]>): string[][] {
    // Tarjan's strongly connected components: every component of two or more files is a circle.
    let index = 0;
    const order = new Map<string, number>();
    const low = new Map<string, number>();
    const stack: string[] = [];
    const onStack = new Set<string>();
    const found: string[][] = [];
    const visit = (v: string): void => {
      order.set(v, index);
      low.set(v, index++);
      stack.push(v);
      onStack.add(v);
      for (const w of graph.get(v) ?? []) {
        if (!order.has(w)) {
          visit(w);
          low.set(v, Math.min(low.get(v)!, low.get(w)!));
        } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, order.get(w)!));
      }
      if (low.get(v) === order.get(v)) {
        const component: string[] = [];
        let w: string;
        do {
          w = stack.pop()!;
          onStack.delete(w);
          component.push(rel(w));
        } while (w !== v);
        if (component.length > 1 || (graph.get(v) ?? []).includes(v)) found.push(component.sort());
      }
    };
    for (const v of graph.keys()) if (!order.has(v)) visit(v);
    return found;
  }

  it('finds a circle when there is one', () => {
    const graph = new Map([
      ['a.ts', ['b.ts']],
      ['b.ts', ['c.ts']],
      ['c.ts', ['a.ts']],
      ['d.ts', ['a.ts']],
    ]);
    expect(cycles(graph)).toEqual([['a.ts', 'b.ts', 'c.ts']]);
  });

  it('has none', () => {
    expect(cycles(importGraph())).toEqual([]);
  });
});

describe('the entry points of src/main.js', () => {
  /** Member names of an exported interface, read with the compiler. */
  function interfaceMembers(file: string, name: string): string[] {
    const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.ES2020, true);
    for (const statement of source.statements) {
      if (ts.isInterfaceDeclaration(statement) && statement.name.text === name) {
        return statement.members.map((m) => (m.name && ts.isIdentifier(m.name) ? m.name.text : '?'));
      }
    }
    throw new Error(`${rel(file)} has no interface ${name}`);
  }

  const globals = entryPointNames();
  const serverApi = interfaceMembers(path.join(projectRoot, 'src', 'addon', 'api.ts'), 'ServerApi');
  // Called by Sheets itself, never by the sidebar: the menu's items, the install hooks, the trigger.
  const APPS_SCRIPT_ENTRIES = ['onOpen', 'onInstall', 'showSidebar', 'showHelp', 'rebuildAllReports', 'runScheduledDigest'];
  const main = readFileSync(path.join(projectRoot, 'src', 'main.js'), 'utf8');

  it('every server function the sidebar may call is a global', () => {
    expect(serverApi.filter((name) => !globals.includes(name))).toEqual([]);
  });

  it('every other global is a custom function (with its help) or an Apps Script entry point', () => {
    const others = globals.filter((name) => !serverApi.includes(name));
    const customFunctions = others.filter((name) => /^[A-Z][A-Z0-9_]*$/.test(name));
    expect(others.filter((name) => !customFunctions.includes(name)).sort()).toEqual([...APPS_SCRIPT_ENTRIES].sort());
    for (const name of customFunctions) {
      const at = main.indexOf(`global.${name} =`);
      const doc = main.slice(main.lastIndexOf('/**', at), at);
      expect(doc, `${name} has no @customfunction JSDoc`).toContain('@customfunction');
    }
  });
});
