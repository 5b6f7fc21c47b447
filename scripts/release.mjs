#!/usr/bin/env node
// `npm run release`: publish the add-on's next version to the production script.
//
//   checks   package.json's version is CHANGELOG.md's top entry, the work tree is
//            clean, the production clasp file names a real script and deployment
//   npm test typecheck, lint, build, every test (dist/ is the tested build)
//   clasp -P <prod> push --force
//   clasp -P <prod> --json version "<description>"   -> Apps Script version N
//   clasp -P <prod> redeploy <deploymentId> -V N -d "<description>"
//   CHANGELOG.md's top entry gets "Apps Script version N", committed and tagged v<version>
//
// Always a redeploy of the one production deployment, never a new deployment: the
// Marketplace listing points at that deployment id, and users' installed triggers
// run on it. The production project file (default .clasp.prod.json, or
// $CLASP_PROD_PROJECT) is not in git; .clasp.prod.example.json shows its shape.
// Not run in CI (no Google services there); test/release.test.ts runs it against a
// fake clasp.
//
// `npm run release:warehouse` (--edition warehouse) publishes the warehouse edition
// (issue 16: dist-warehouse/, the BigQuery manifest) the same way to ITS production
// script, a separate Apps Script project and deployment: project file
// .clasp.warehouse.json (or $CLASP_WAREHOUSE_PROJECT; rootDir dist-warehouse, see
// .clasp.warehouse.example.json). The same version number as the standard release;
// CHANGELOG.md stays keyed to the standard edition, and the warehouse release is
// recorded in the tag warehouse-v<version> (its message names the Apps Script version
// and deployment). test/release.warehouse.test.ts runs it against a fake clasp.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const USAGE = `Usage: npm run release [-- --description "text"] [--edition warehouse]

Publishes the version in package.json to the production Apps Script project
(see docs/publishing.md). Options:
  --description TEXT  the version's description (default: "v<version>" and the
                      first line of its CHANGELOG entry)
  --edition NAME      standard (default) or warehouse: the warehouse edition's own
                      project (.clasp.warehouse.json, rootDir dist-warehouse)
  --help              this text
`;

class ReleaseError extends Error {}

const PLACEHOLDER = /^(|REPLACE_.*)$/;

/** The top entry of CHANGELOG.md: `## 1.2.0 (unreleased)` or `## 1.2.0 — Apps Script version 7 (2026-12-01)`. */
export function topEntry(changelog) {
  const lines = changelog.split('\n');
  const at = lines.findIndex((l) => l.startsWith('## '));
  if (at < 0) return null;
  const m = /^## \[?(\d+\.\d+\.\d+(?:-[\w.]+)?)\]?(.*)$/.exec(lines[at]);
  if (!m) return null;
  const body = [];
  for (let i = at + 1; i < lines.length && !lines[i].startsWith('## '); i++) body.push(lines[i]);
  return {
    line: at,
    version: m[1],
    rest: m[2].trim(),
    // The first note, not a sub-heading such as "### Changed figures".
    firstNote: body.map((l) => l.replace(/^[-*]\s*/, '').trim()).find((l) => l !== '' && !l.startsWith('#')) ?? '',
  };
}

function run(cmd, args, { capture = false } = {}) {
  const shown = [cmd, ...args.map((a) => (/\s/.test(a) ? JSON.stringify(a) : a))].join(' ');
  console.log(`\n$ ${shown}`);
  const result = spawnSync(cmd, args, { stdio: capture ? ['inherit', 'pipe', 'inherit'] : 'inherit', encoding: 'utf8' });
  if (result.error) throw new ReleaseError(`${cmd} could not start: ${result.error.message}`);
  if (result.status !== 0) throw new ReleaseError(`${shown} failed (exit ${result.status})`);
  if (capture) process.stdout.write(result.stdout);
  return result.stdout ?? '';
}

function git(...args) {
  return execFileSync('git', args, { encoding: 'utf8' }).trim();
}

function main(argv) {
  const { values } = parseArgs({
    args: argv,
    options: { description: { type: 'string' }, edition: { type: 'string', default: 'standard' }, help: { type: 'boolean' } },
    strict: true,
  });
  if (values.help) {
    process.stdout.write(USAGE);
    return;
  }
  if (values.edition !== 'standard' && values.edition !== 'warehouse') {
    throw new ReleaseError(`--edition is "${values.edition}": give standard or warehouse.`);
  }
  const warehouse = values.edition === 'warehouse';

  // ---- checks, before anything is run or pushed
  const pkg = JSON.parse(readFileSync('package.json', 'utf8'));
  const version = String(pkg.version ?? '');
  if (!existsSync('CHANGELOG.md')) throw new ReleaseError('CHANGELOG.md is missing: add an entry "## <version>" for this release.');
  const changelog = readFileSync('CHANGELOG.md', 'utf8');
  const entry = topEntry(changelog);
  if (!entry) throw new ReleaseError('CHANGELOG.md has no entry "## <version> ...": add one for this release.');
  if (entry.version !== version) {
    throw new ReleaseError(`package.json says version ${version} but CHANGELOG.md's top entry is ${entry.version}: make them agree.`);
  }
  const warehouseTag = `warehouse-v${version}`;
  if (warehouse && git('tag', '--list', warehouseTag) !== '') {
    throw new ReleaseError(`the warehouse edition of ${version} is already released (tag ${warehouseTag}): raise the version first.`);
  }
  if (!warehouse && /Apps Script version \d+/.test(entry.rest)) {
    throw new ReleaseError(
      `${version} is already released (${entry.rest}): raise the version in package.json and add its CHANGELOG entry.`,
    );
  }
  const dirty = git('status', '--porcelain');
  if (dirty) throw new ReleaseError(`uncommitted changes; commit or stash them first:\n${dirty}`);

  const projectFile = warehouse
    ? process.env.CLASP_WAREHOUSE_PROJECT || '.clasp.warehouse.json'
    : process.env.CLASP_PROD_PROJECT || '.clasp.prod.json';
  const example = warehouse ? '.clasp.warehouse.example.json' : '.clasp.prod.example.json';
  if (!existsSync(projectFile)) {
    throw new ReleaseError(
      `${projectFile} is missing: copy ${example} to it and fill in the production scriptId and deploymentId (docs/publishing.md).`,
    );
  }
  let project;
  try {
    project = JSON.parse(readFileSync(projectFile, 'utf8'));
  } catch (e) {
    throw new ReleaseError(`${projectFile} is not valid JSON: ${e.message}`);
  }
  if (PLACEHOLDER.test(String(project.scriptId ?? ''))) throw new ReleaseError(`${projectFile} has no production scriptId.`);
  if (warehouse && project.rootDir !== 'dist-warehouse') {
    throw new ReleaseError(
      `${projectFile} pushes "${project.rootDir ?? ''}": the warehouse edition is built into dist-warehouse (set "rootDir": "dist-warehouse").`,
    );
  }
  const deploymentId = String(process.env.RELEASE_DEPLOYMENT_ID || project.deploymentId || '');
  if (PLACEHOLDER.test(deploymentId)) {
    throw new ReleaseError(
      `${projectFile} has no deploymentId: create the production deployment once by hand (docs/publishing.md) and put its id there.`,
    );
  }
  const description = values.description ?? [`v${version}`, entry.firstNote].filter(Boolean).join(': ').slice(0, 200);

  // ---- test and build, then publish
  run('npm', ['test']);
  const clasp = (...args) => ['-P', projectFile, ...args];
  run('clasp', clasp('push', '--force'));
  const out = run('clasp', clasp('--json', 'version', description), { capture: true });
  let versionNumber;
  try {
    versionNumber = JSON.parse(out).versionNumber;
  } catch {
    versionNumber = Number(/Created version (\d+)/.exec(out)?.[1]);
  }
  if (!Number.isInteger(versionNumber)) throw new ReleaseError(`clasp version did not say which version it created:\n${out}`);
  run('clasp', clasp('redeploy', deploymentId, '-V', String(versionNumber), '-d', description));

  if (warehouse) {
    // The warehouse edition's record is its tag; CHANGELOG.md is keyed to the standard edition.
    git('tag', '-a', warehouseTag, '-m', `Warehouse edition ${version}: Apps Script version ${versionNumber}, deployment ${deploymentId}`);
    console.log(`\nreleased the warehouse edition ${version} as Apps Script version ${versionNumber} on deployment ${deploymentId}.`);
    console.log(
      `Now: git push origin ${warehouseTag}; then set the version number to ${versionNumber} in the warehouse listing's Marketplace SDK, App Configuration.`,
    );
    return;
  }

  // ---- the record: CHANGELOG keyed to the Apps Script version, a commit and a tag
  const date = new Date().toISOString().slice(0, 10);
  const lines = changelog.split('\n');
  lines[entry.line] = `## ${version} — Apps Script version ${versionNumber} (${date})`;
  writeFileSync('CHANGELOG.md', lines.join('\n'));
  git('add', 'CHANGELOG.md');
  git('commit', '-m', `Release ${version} (Apps Script version ${versionNumber})`);
  git('tag', '-a', `v${version}`, '-m', `Release ${version}: Apps Script version ${versionNumber}, deployment ${deploymentId}`);
  console.log(`\nreleased ${version} as Apps Script version ${versionNumber} on deployment ${deploymentId}.`);
  // The listing names a version of the script: Google has editor add-ons set it in the SDK by hand.
  console.log(
    `Now: git push && git push origin v${version}; then in the Marketplace SDK, App Configuration, set the version number to ${versionNumber} (docs/publishing.md, step 8).`,
  );
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    main(process.argv.slice(2));
  } catch (e) {
    if (e instanceof ReleaseError) console.error(`\nrelease refused: ${e.message}`);
    else console.error(`\nrelease failed: ${e?.stack ?? e}`);
    process.exitCode = 1;
  }
}
