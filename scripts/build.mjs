#!/usr/bin/env node
// Build the Apps Script project into dist/ (the folder `clasp push` uploads as is):
//
//   dist/Code.js          server bundle: webpack 5 + gas-webpack-plugin, entry src/main.js
//   dist/appsscript.json  copied from the project root
//   dist/Sidebar.html     sidebar/main.ts (+ CSS) bundled by esbuild and inlined into
//                         sidebar/index.html; skipped while the sidebar does not exist
//
// and the warehouse edition (issue 16) into dist-warehouse/, its own Apps Script
// project: the same three files, from the entries src/main.js + src/main.warehouse.js,
// the manifest appsscript.warehouse.json (the BigQuery advanced service and scope) and
// the sidebar with sidebar/warehouse.ts. The standard edition never imports a
// warehouse module, so its bundle has no BigQuery code and its manifest no BigQuery
// scope (test/edition.test.ts checks both).
//
//   node scripts/build.mjs                      both editions (what `npm run build` does)
//   node scripts/build.mjs --edition standard   one of them (standard | warehouse)
//
// Why webpack and a plain-JS entry (facts checked with these tool versions):
// - gas-webpack-plugin turns every `global.NAME = impl;` in src/main.js into a
//   top-level `function NAME() {}` stub, with the JSDoc above the assignment copied
//   above the stub (Sheets reads `@customfunction` help from there).
// - esbuild drops comments, so src/main.js is NOT passed through esbuild-loader;
//   only the .ts modules it imports are.
// - mode 'production' (module concatenation) breaks the plugin's global
//   assignments, hence mode 'development' with devtool false.
//
// Any webpack/esbuild error or warning fails the build with a non-zero exit.

import { createRequire } from 'node:module';
import { existsSync, readFileSync } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import webpack from 'webpack';
import * as esbuild from 'esbuild';
import ts from 'typescript';

const require = createRequire(import.meta.url);
const GasPlugin = require('gas-webpack-plugin');

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const sidebarHtml = path.join(root, 'sidebar', 'index.html');
const sidebarTs = path.join(root, 'sidebar', 'main.ts');

/** What each edition is built from, and where it goes. */
const EDITIONS = {
  standard: {
    dist: path.join(root, 'dist'),
    entries: [path.join(root, 'src', 'main.js')],
    manifest: path.join(root, 'appsscript.json'),
    sidebar: [sidebarTs],
  },
  warehouse: {
    dist: path.join(root, 'dist-warehouse'),
    entries: [path.join(root, 'src', 'main.js'), path.join(root, 'src', 'main.warehouse.js')],
    manifest: path.join(root, 'appsscript.warehouse.json'),
    sidebar: [sidebarTs, path.join(root, 'sidebar', 'warehouse.ts')],
  },
};

// The edition being built (set by main() before each build).
let dist = EDITIONS.standard.dist;
let entries = EDITIONS.standard.entries;
let manifest = EDITIONS.standard.manifest;
let sidebarEntries = EDITIONS.standard.sidebar;

class BuildError extends Error {}

function rel(p) {
  return path.relative(root, p) || '.';
}

// ---------------------------------------------------------------- server bundle

function webpackConfig() {
  return {
    mode: 'development', // production's module concatenation breaks gas-webpack-plugin
    devtool: false, // no eval()/source maps: Apps Script gets plain code
    context: root,
    entry: { Code: entries },
    target: ['web', 'es2020'],
    output: {
      path: dist,
      filename: 'Code.js',
      iife: true,
      clean: false,
    },
    // Apps Script has a real global object; webpack maps `global` to it.
    node: { global: true, __filename: false, __dirname: false },
    resolve: {
      extensions: ['.ts', '.js'],
      // TypeScript sources may import './x.js' meaning './x.ts'.
      extensionAlias: { '.js': ['.ts', '.js'] },
    },
    module: {
      rules: [
        {
          // The entry stays plain JavaScript so its JSDoc comments survive.
          test: /\.js$/,
          include: [path.join(root, 'src')],
          type: 'javascript/auto',
          resolve: { fullySpecified: false },
        },
        {
          test: /\.ts$/,
          exclude: /node_modules/,
          loader: 'esbuild-loader',
          options: { loader: 'ts', target: 'es2020' },
        },
      ],
    },
    plugins: [
      new GasPlugin({
        comment: true,
        // Only the entry files may declare Apps Script globals: a stray
        // `global.X = ...` anywhere else must not become an entry point.
        include: entries,
      }),
    ],
    optimization: {
      minimize: false,
      concatenateModules: false,
      // Keep readable module ids in stack traces from Stackdriver.
      moduleIds: 'named',
    },
    performance: { hints: false },
    infrastructureLogging: { level: 'error' },
  };
}

function formatWebpackProblems(kind, list) {
  return list
    .map((p) => {
      const where = p.moduleName ? `${p.moduleName}${p.loc ? `:${p.loc}` : ''}\n` : '';
      // Loader errors carry the loader's own stack trace: noise for the reader.
      const message = p.message
        .split('\n')
        .filter((line) => !/^\s+at /.test(line))
        .join('\n')
        .trim();
      return `webpack ${kind}: ${where}${message}`;
    })
    .join('\n\n');
}

async function buildServer() {
  for (const entry of entries) if (!existsSync(entry)) throw new BuildError(`missing entry ${rel(entry)}`);
  const stats = await new Promise((resolve, reject) => {
    webpack(webpackConfig(), (err, result) => {
      if (err) reject(new BuildError(`webpack failed: ${err.stack || err.message}`));
      else resolve(result);
    });
  });
  const info = stats.toJson({ all: false, errors: true, warnings: true, moduleTrace: true });
  const problems = [];
  if (info.errors?.length) problems.push(formatWebpackProblems('error', info.errors));
  // Warnings count as errors: a missing export or a bad import is a broken add-on.
  if (info.warnings?.length) problems.push(formatWebpackProblems('warning (treated as error)', info.warnings));
  if (problems.length) throw new BuildError(problems.join('\n\n'));

  const out = path.join(dist, 'Code.js');
  const code = await fs.readFile(out, 'utf8');
  checkServerBundle(code);
  return out;
}

// Sanity checks on the emitted bundle: every `global.NAME =` in src/main.js has a
// top-level stub, and nothing else does.
function checkServerBundle(code) {
  const expected = entryPointNames();
  // The plugin prepends the stubs to webpack's bootstrap, which starts at the
  // first `/******/`; module code further down may have its own top-level functions.
  const boot = code.indexOf('/******/');
  if (boot < 0) throw new BuildError('dist/Code.js: webpack bootstrap not found');
  const head = code.slice(0, boot);
  const stubs = [...head.matchAll(/^function ([A-Za-z_$][\w$]*)\s*\(/gm)].map((m) => m[1]);
  const missing = expected.filter((n) => !stubs.includes(n));
  const extra = stubs.filter((n) => !expected.includes(n));
  if (missing.length || extra.length) {
    throw new BuildError(
      `${rel(dist)}/Code.js entry points do not match ${entries.map(rel).join(' + ')}` +
        (missing.length ? `\n  missing stubs: ${missing.join(', ')}` : '') +
        (extra.length ? `\n  unexpected stubs: ${extra.join(', ')}` : ''),
    );
  }
}

// `global.NAME = ...` in top-level statements of src/main.js (also comma-separated),
// the statements gas-webpack-plugin turns into stubs; comments do not count.
// test/support/loadBundle.ts has the same parser for the tests.
function entryPointNames() {
  return entries.flatMap(entryPointNamesOf);
}

function entryPointNamesOf(entry) {
  const sf = ts.createSourceFile(entry, readFileSync(entry, 'utf8'), ts.ScriptTarget.ES2020, false, ts.ScriptKind.JS);
  const names = [];
  const visit = (e) => {
    if (ts.isBinaryExpression(e) && e.operatorToken.kind === ts.SyntaxKind.CommaToken) {
      visit(e.left);
      visit(e.right);
    } else if (
      ts.isBinaryExpression(e) &&
      e.operatorToken.kind === ts.SyntaxKind.EqualsToken &&
      ts.isPropertyAccessExpression(e.left) &&
      ts.isIdentifier(e.left.expression) &&
      e.left.expression.text === 'global'
    ) {
      names.push(e.left.name.text);
    }
  };
  for (const st of sf.statements) if (ts.isExpressionStatement(st)) visit(st.expression);
  return names;
}

// ---------------------------------------------------------------- manifest

async function copyManifest() {
  if (!existsSync(manifest)) throw new BuildError(`missing ${rel(manifest)}`);
  const text = await fs.readFile(manifest, 'utf8');
  try {
    JSON.parse(text);
  } catch (e) {
    throw new BuildError(`${rel(manifest)} is not valid JSON: ${e.message}`);
  }
  const out = path.join(dist, 'appsscript.json');
  await fs.writeFile(out, text);
  return out;
}

// ---------------------------------------------------------------- sidebar

// sidebar/index.html may mark where the bundle goes with `<!-- inline:css -->` and
// `<!-- inline:js -->`; without them the CSS goes before </head> and the JS before
// </body>. `<script src="...main.ts">` / `<link href="...css">` tags that a dev
// server would use are removed (the sidebar must be one self-contained file).
async function buildSidebar() {
  if (!existsSync(sidebarHtml) || !existsSync(sidebarTs)) return null;
  let result;
  try {
    result = await esbuild.build({
      // One IIFE per entry (the warehouse section mounts itself beside the sidebar's root).
      entryPoints: sidebarEntries,
      bundle: true,
      format: 'iife',
      target: 'es2019',
      platform: 'browser',
      minify: true,
      write: false,
      outdir: path.join(root, '.sidebar-out'), // virtual: write is false
      loader: { '.svg': 'dataurl', '.png': 'dataurl' },
      legalComments: 'none',
      logLevel: 'silent',
    });
  } catch (e) {
    const errors = e.errors ?? [];
    const text = errors.length ? (await esbuild.formatMessages(errors, { kind: 'error' })).join('\n') : String(e.message ?? e);
    throw new BuildError(`esbuild (sidebar) failed:\n${text}`);
  }
  if (result.warnings.length) {
    const text = (await esbuild.formatMessages(result.warnings, { kind: 'warning' })).join('\n');
    throw new BuildError(`esbuild (sidebar) warnings, treated as errors:\n${text}`);
  }
  const js = result.outputFiles
    .filter((f) => f.path.endsWith('.js'))
    .map((f) => f.text)
    .join('\n');
  const css = result.outputFiles
    .filter((f) => f.path.endsWith('.css'))
    .map((f) => f.text)
    .join('\n');

  let html = await fs.readFile(sidebarHtml, 'utf8');
  html = html
    .replace(/<script\b[^>]*\bsrc=["'][^"']*\.(?:ts|js)["'][^>]*>\s*<\/script>\s*/gi, '')
    .replace(/<link\b[^>]*\bhref=["'][^"']*\.css["'][^>]*>\s*/gi, '');
  // Function replacers: minified code contains `$&`, `$'` and the like.
  const styleTag = css.trim() ? `<style>\n${css.replace(/<\/style/gi, '<\\/style')}</style>` : '';
  const scriptTag = `<script>\n${js.replace(/<\/script/gi, '<\\/script')}</script>`;
  html = inject(html, /<!--\s*inline:css\s*-->/i, /<\/head>/i, styleTag, 'css');
  html = inject(html, /<!--\s*inline:js\s*-->/i, /<\/body>/i, scriptTag, 'js');

  const out = path.join(dist, 'Sidebar.html');
  await fs.writeFile(out, html);
  return out;
}

function inject(html, marker, fallback, tag, what) {
  if (!tag) return html.replace(marker, () => '');
  if (marker.test(html)) return html.replace(marker, () => tag);
  if (fallback.test(html)) return html.replace(fallback, (m) => tag + m);
  throw new BuildError(`sidebar/index.html: nowhere to put the ${what}; add <!-- inline:${what} --> or a ${fallback.source} tag`);
}

// ---------------------------------------------------------------- main

function formatSize(bytes) {
  return bytes < 1024 ? `${bytes} B` : `${(bytes / 1024).toFixed(1)} KiB`;
}

async function main() {
  const args = process.argv.slice(2);
  const at = args.indexOf('--edition');
  const chosen = at >= 0 ? args[at + 1] : null;
  if (at >= 0 && !(chosen in EDITIONS)) throw new BuildError(`--edition is "${chosen ?? ''}": give ${Object.keys(EDITIONS).join(' or ')}`);
  for (const name of chosen ? [chosen] : Object.keys(EDITIONS)) {
    ({ dist, entries, manifest, sidebar: sidebarEntries } = EDITIONS[name]);
    await buildEdition(name);
  }
}

async function buildEdition(name) {
  const started = Date.now();
  await fs.rm(dist, { recursive: true, force: true });
  await fs.mkdir(dist, { recursive: true });

  const written = [];
  written.push(await buildServer());
  written.push(await copyManifest());
  const sidebar = await buildSidebar();
  if (sidebar) written.push(sidebar);

  const rows = await Promise.all(written.map(async (f) => [rel(f), (await fs.stat(f)).size]));
  const width = Math.max(...rows.map(([n]) => n.length));
  console.log(`build (${name}): wrote ${rows.length} files in ${Date.now() - started} ms`);
  for (const [name, size] of rows) console.log(`  ${name.padEnd(width)}  ${formatSize(size).padStart(10)}`);
}

main().catch((e) => {
  if (e instanceof BuildError) console.error(`\nbuild failed:\n${e.message}\n`);
  else console.error(`\nbuild failed (unexpected):\n${e?.stack ?? e}\n`);
  process.exitCode = 1;
});
