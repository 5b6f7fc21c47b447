// `npm run release` against a fake clasp and a fake npm on PATH, each recording its
// arguments, in a throw-away git repository: what it refuses, what it runs, in
// which order, and the record it leaves (CHANGELOG keyed to the Apps Script
// version, a commit and a tag). It never creates a new deployment.
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectRoot, tempDir } from './support/runtime';

const CHANGELOG = `# Changelog

## 0.3.0 (unreleased)

### Changed figures

- Lost customers per year.

## 0.2.0 — Apps Script version 4 (2026-11-01)

- First public release.
`;

const PROD = { scriptId: '1AbCdEfProductionScriptId', deploymentId: 'AKfycbProductionDeployment', rootDir: 'dist' };

interface Repo {
  dir: string;
  log: string;
  run(args?: string[], env?: Record<string, string>): { status: number | null; output: string };
  calls(): string[][];
}

/** A git repository with the release script, a package.json, a CHANGELOG and fakes of clasp and npm. */
function repo(options: { version?: string; changelog?: string; prod?: object | null; claspVersion?: string } = {}): Repo {
  const dir = tempDir('release-');
  const bin = path.join(dir, '.fake-bin');
  const log = path.join(dir, '.fake-calls.log');
  mkdirSync(path.join(dir, 'scripts'));
  mkdirSync(bin);
  copyFileSync(path.join(projectRoot, 'scripts', 'release.mjs'), path.join(dir, 'scripts', 'release.mjs'));
  writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: 'x', version: options.version ?? '0.3.0', private: true }));
  writeFileSync(path.join(dir, 'CHANGELOG.md'), options.changelog ?? CHANGELOG);
  writeFileSync(path.join(dir, '.gitignore'), '.fake-bin/\n.fake-calls.log\n.clasp.prod.json\n');
  if (options.prod !== null) writeFileSync(path.join(dir, '.clasp.prod.json'), JSON.stringify(options.prod ?? PROD));
  // Each fake writes its name and arguments, one per line, then a blank line.
  const fake = (name: string, body: string) => {
    const file = path.join(bin, name);
    writeFileSync(file, `#!/bin/sh\n{ echo ${name}; for a in "$@"; do echo "$a"; done; echo; } >> "${log}"\n${body}\n`);
    chmodSync(file, 0o755);
  };
  fake('npm', 'exit 0');
  fake(
    'clasp',
    `for a in "$@"; do if [ "$a" = version ]; then echo '${options.claspVersion ?? '{\n  "versionNumber": 7\n}'}'; fi; done; exit 0`,
  );
  const git = (...args: string[]) => execFileSync('git', args, { cwd: dir, encoding: 'utf8' });
  git('init', '-q');
  git('config', 'user.email', 'release@example.com');
  git('config', 'user.name', 'Release test');
  git('add', '.');
  git('commit', '-qm', 'start');
  return {
    dir,
    log,
    run(args = [], env = {}) {
      const r = spawnSync(process.execPath, ['scripts/release.mjs', ...args], {
        cwd: dir,
        encoding: 'utf8',
        env: { ...process.env, PATH: `${bin}${path.delimiter}${process.env.PATH}`, ...env },
      });
      return { status: r.status, output: r.stdout + r.stderr };
    },
    calls() {
      let text: string;
      try {
        text = readFileSync(log, 'utf8');
      } catch {
        return [];
      }
      return text
        .split('\n\n')
        .filter((c) => c.trim() !== '')
        .map((c) => c.split('\n').filter((l) => l !== ''));
    },
  };
}

describe('npm run release', () => {
  it('tests, pushes, makes a version and redeploys the one production deployment to it, in that order', () => {
    const r = repo();
    const { status, output } = r.run();
    expect(output).toContain('released 0.3.0 as Apps Script version 7 on deployment AKfycbProductionDeployment.');
    expect(output).toContain('in the Marketplace SDK, App Configuration, set the version number to 7');
    expect(status).toBe(0);
    const description = 'v0.3.0: Lost customers per year.';
    expect(r.calls()).toEqual([
      ['npm', 'test'],
      ['clasp', '-P', '.clasp.prod.json', 'push', '--force'],
      ['clasp', '-P', '.clasp.prod.json', '--json', 'version', description],
      ['clasp', '-P', '.clasp.prod.json', 'redeploy', 'AKfycbProductionDeployment', '-V', '7', '-d', description],
    ]);
    // Never a new deployment: that would leave the listing and users' triggers on the old one.
    expect(r.calls().flat()).not.toContain('deploy');
    expect(r.calls().flat()).not.toContain('create-deployment');
  });

  it('keys the CHANGELOG entry to the Apps Script version, commits it and tags the release', () => {
    const r = repo();
    expect(r.run().status).toBe(0);
    const changelog = readFileSync(path.join(r.dir, 'CHANGELOG.md'), 'utf8');
    expect(changelog).toMatch(/^## 0\.3\.0 — Apps Script version 7 \(\d{4}-\d{2}-\d{2}\)$/m);
    expect(changelog).toContain('## 0.2.0 — Apps Script version 4 (2026-11-01)');
    const git = (...args: string[]) => execFileSync('git', args, { cwd: r.dir, encoding: 'utf8' }).trim();
    expect(git('log', '-1', '--format=%s')).toBe('Release 0.3.0 (Apps Script version 7)');
    expect(git('tag', '--list')).toBe('v0.3.0');
    expect(git('status', '--porcelain')).toBe('');
  });

  it('reads the version number from clasp’s text when it prints no JSON', () => {
    const r = repo({ claspVersion: 'Created version 12' });
    expect(r.run().status).toBe(0);
    expect(r.calls().at(-1)).toContain('12');
  });

  it('takes a description', () => {
    const r = repo();
    expect(r.run(['--description', 'December release']).status).toBe(0);
    expect(r.calls()[2]).toEqual(['clasp', '-P', '.clasp.prod.json', '--json', 'version', 'December release']);
  });

  const refusals: [string, Parameters<typeof repo>[0], RegExp][] = [
    ['without a production project file', { prod: null }, /\.clasp\.prod\.json is missing: copy \.clasp\.prod\.example\.json/],
    [
      'with the placeholder script id',
      { prod: { ...PROD, scriptId: 'REPLACE_WITH_THE_PRODUCTION_SCRIPT_ID' } },
      /has no production scriptId/,
    ],
    ['without a deployment id', { prod: { scriptId: PROD.scriptId, rootDir: 'dist' } }, /has no deploymentId/],
    [
      'when package.json and CHANGELOG.md disagree',
      { version: '0.4.0' },
      /package\.json says version 0\.4\.0 but CHANGELOG\.md's top entry is 0\.3\.0/,
    ],
    [
      'a version already released',
      { version: '0.2.0', changelog: '# Changelog\n\n## 0.2.0 — Apps Script version 4 (2026-11-01)\n\n- x\n' },
      /0\.2\.0 is already released/,
    ],
    ['without a CHANGELOG entry', { changelog: '# Changelog\n' }, /CHANGELOG\.md has no entry/],
  ];

  it.each(refusals)('refuses %s, before running anything', (_what, options, message) => {
    const r = repo(options);
    const { status, output } = r.run();
    expect(status).toBe(1);
    expect(output).toMatch(message);
    expect(r.calls()).toEqual([]);
  });

  it('refuses with uncommitted changes, before running anything', () => {
    const r = repo();
    writeFileSync(path.join(r.dir, 'notes.txt'), 'work in progress');
    const { status, output } = r.run();
    expect(status).toBe(1);
    expect(output).toMatch(/uncommitted changes; commit or stash them first:\n\?\? notes\.txt/);
    expect(r.calls()).toEqual([]);
  });

  it('stops at the first failing step and publishes nothing after it', () => {
    const r = repo();
    writeFileSync(
      path.join(r.dir, '.fake-bin', 'npm'),
      `#!/bin/sh\n{ echo npm; for a in "$@"; do echo "$a"; done; echo; } >> "${r.log}"\nexit 3\n`,
    );
    const { status, output } = r.run();
    expect(status).toBe(1);
    expect(output).toContain('npm test failed (exit 3)');
    expect(r.calls()).toEqual([['npm', 'test']]);
    expect(readFileSync(path.join(r.dir, 'CHANGELOG.md'), 'utf8')).toBe(CHANGELOG);
  });
});
