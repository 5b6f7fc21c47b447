// The build output is what Apps Script gets: check that it loads in an Apps
// Script-like global scope, defines exactly the entry points of src/main.js,
// carries the manifest, and is what `clasp push` would upload.
// `npm test` builds before vitest runs; run `npm run build` first when calling
// vitest directly.

import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { bundlePath, createAppsScriptContext, entryPointNames, loadBundle, projectRoot } from './support/loadBundle';

const dist = path.join(projectRoot, 'dist');
const readJson = (file: string): unknown => JSON.parse(readFileSync(file, 'utf8'));

describe('dist/Code.js', () => {
  it('exists (run `npm run build` first)', () => {
    expect(existsSync(bundlePath), `${bundlePath} is missing: run npm run build`).toBe(true);
  });

  it('loads in a fresh Apps Script-like context without throwing', () => {
    expect(() => loadBundle()).not.toThrow();
  });

  it('uses no Node globals that Apps Script lacks', () => {
    const code = readFileSync(bundlePath, 'utf8');
    // webpack's own loader is __webpack_require__; a bare require( is Node's.
    expect(code).not.toMatch(/(?<![\w$.])require\s*\(/);
    expect(code).not.toMatch(/(?<![\w$.])process\.(env|argv|exit|cwd|platform|nextTick)\b/);
    expect(code).not.toMatch(/(?<![\w$.])(Buffer|setImmediate)\s*[.(]/);
  });

  describe('globals', () => {
    const names = entryPointNames();

    it('src/main.js declares at least one entry point, each once', () => {
      expect(names.length).toBeGreaterThan(0);
      expect(new Set(names).size).toBe(names.length);
    });

    it('defines exactly the entry points of src/main.js and nothing else', () => {
      // A context with the same starting globals, never run: the baseline. The
      // sandbox's own properties are what the bundle added or replaced (built-ins
      // live behind it, and assigning one, e.g. a polyfill, shows up here too).
      const before = new Set(Object.getOwnPropertyNames(createAppsScriptContext()));
      const ctx = loadBundle();
      const added = Object.getOwnPropertyNames(ctx).filter((n) => !before.has(n));
      expect(added.sort()).toEqual([...names].sort());
    });

    it('has a top-level stub for each entry point, replaced at load by the implementation', () => {
      const code = readFileSync(bundlePath, 'utf8');
      const ctx = loadBundle();
      for (const name of names) {
        expect(code, `no top-level function ${name}( stub`).toMatch(new RegExp(`^function ${name.replace(/\$/g, '\\$')}\\s*\\(`, 'm'));
        expect(typeof ctx[name], `${name} is not a function after load`).toBe('function');
        const text = Function.prototype.toString.call(ctx[name]);
        expect(text, `${name} is still the empty stub: the global assignment did not run`).not.toMatch(
          /^function [\w$]+\s*\(\s*\)\s*\{\s*\}$/,
        );
      }
    });
  });
});

describe('dist/appsscript.json', () => {
  it('equals appsscript.json', () => {
    expect(readJson(path.join(dist, 'appsscript.json'))).toEqual(readJson(path.join(projectRoot, 'appsscript.json')));
  });

  it('uses the V8 runtime and lists explicit OAuth scopes', () => {
    const manifest = readJson(path.join(dist, 'appsscript.json')) as {
      runtimeVersion?: string;
      oauthScopes?: unknown;
    };
    expect(manifest.runtimeVersion).toBe('V8');
    expect(Array.isArray(manifest.oauthScopes)).toBe(true);
    const scopes = manifest.oauthScopes as string[];
    expect(scopes.length).toBeGreaterThan(0);
    for (const s of scopes) expect(s).toMatch(/^https:\/\/www\.googleapis\.com\/auth\/[\w.]+$/);
    expect(new Set(scopes).size).toBe(scopes.length);
  });
});

describe('clasp', () => {
  // Offline and without a login, `clasp status` still reads a project file and lists
  // what `push` would upload: the committed dev template (a placeholder scriptId) will do.
  it('`clasp status --json` lists exactly the dist files', async () => {
    const pkgFile = path.join(projectRoot, 'node_modules', '@google', 'clasp', 'package.json');
    const pkg = readJson(pkgFile) as { bin: string | Record<string, string> };
    const claspBin = path.join(path.dirname(pkgFile), typeof pkg.bin === 'string' ? pkg.bin : pkg.bin.clasp);
    const stdout = await new Promise<string>((resolve, reject) => {
      execFile(
        process.execPath,
        [claspBin, '-P', '.clasp.dev.example.json', 'status', '--json'],
        { cwd: projectRoot, timeout: 45_000, env: { ...process.env, NO_COLOR: '1' } },
        (err, out, errOut) => (err ? reject(new Error(`${err.message}\n${errOut}`)) : resolve(out)),
      );
    });
    const line = stdout.split('\n').find((l) => l.trim().startsWith('{'));
    expect(line, `clasp printed no JSON: ${stdout.slice(0, 300)}`).toBeDefined();
    const status = JSON.parse(line!) as { filesToPush: string[]; untrackedFiles: string[] };
    const expected = ['dist/Code.js', 'dist/appsscript.json', 'dist/Sidebar.html'];
    expect([...status.filesToPush].sort()).toEqual(expected.sort());
  });
});
