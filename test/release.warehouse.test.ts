// `npm run release:warehouse` (scripts/release.mjs --edition warehouse) against a fake
// clasp and a fake npm on PATH, each recording its arguments, in a throw-away git
// repository: the warehouse edition is tested, pushed from its own project file
// (rootDir dist-warehouse), versioned and redeployed on its own deployment, and
// recorded in the tag warehouse-v<version>; CHANGELOG.md is left to the standard edition.
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectRoot, tempDir } from './support/runtime';

const CHANGELOG = '# Changelog\n\n## 0.3.0 (unreleased)\n\n- Orders in BigQuery.\n';
const WAREHOUSE = { scriptId: '1WarehouseScriptId', deploymentId: 'AKfycbWarehouseDeployment', rootDir: 'dist-warehouse' };

function repo(project: object | null = WAREHOUSE) {
  const dir = tempDir('release-wh-');
  const bin = path.join(dir, '.fake-bin');
  const log = path.join(dir, '.fake-calls.log');
  mkdirSync(path.join(dir, 'scripts'));
  mkdirSync(bin);
  copyFileSync(path.join(projectRoot, 'scripts', 'release.mjs'), path.join(dir, 'scripts', 'release.mjs'));
  writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: 'x', version: '0.3.0', private: true }));
  writeFileSync(path.join(dir, 'CHANGELOG.md'), CHANGELOG);
  writeFileSync(path.join(dir, '.gitignore'), '.fake-bin/\n.fake-calls.log\n.clasp.warehouse.json\n');
  if (project) writeFileSync(path.join(dir, '.clasp.warehouse.json'), JSON.stringify(project));
  const fake = (name: string, body: string): void => {
    const file = path.join(bin, name);
    writeFileSync(file, `#!/bin/sh\n{ echo ${name}; for a in "$@"; do echo "$a"; done; echo; } >> "${log}"\n${body}\n`);
    chmodSync(file, 0o755);
  };
  fake('npm', 'exit 0');
  fake('clasp', `for a in "$@"; do if [ "$a" = version ]; then echo '{"versionNumber": 3}'; fi; done; exit 0`);
  const git = (...args: string[]): string => execFileSync('git', args, { cwd: dir, encoding: 'utf8' }).trim();
  git('init', '-q');
  git('config', 'user.email', 'release@example.com');
  git('config', 'user.name', 'Release test');
  git('add', '.');
  git('commit', '-qm', 'start');
  const run = () => {
    const r = spawnSync(process.execPath, ['scripts/release.mjs', '--edition', 'warehouse'], {
      cwd: dir,
      encoding: 'utf8',
      env: { ...process.env, PATH: `${bin}${path.delimiter}${process.env.PATH}` },
    });
    return { status: r.status, output: r.stdout + r.stderr };
  };
  const calls = (): string[][] => {
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
  };
  return { dir, git, run, calls };
}

describe('npm run release:warehouse', () => {
  it('tests, pushes the warehouse project, makes a version and redeploys its own deployment, then tags it', () => {
    const r = repo();
    const { status, output } = r.run();
    expect(output).toContain('released the warehouse edition 0.3.0 as Apps Script version 3 on deployment AKfycbWarehouseDeployment.');
    expect(status).toBe(0);
    const description = 'v0.3.0: Orders in BigQuery.';
    expect(r.calls()).toEqual([
      ['npm', 'test'],
      ['clasp', '-P', '.clasp.warehouse.json', 'push', '--force'],
      ['clasp', '-P', '.clasp.warehouse.json', '--json', 'version', description],
      ['clasp', '-P', '.clasp.warehouse.json', 'redeploy', 'AKfycbWarehouseDeployment', '-V', '3', '-d', description],
    ]);
    expect(r.git('tag', '--list')).toBe('warehouse-v0.3.0');
    expect(r.git('tag', '-n1', '--list', 'warehouse-v0.3.0')).toContain('Apps Script version 3, deployment AKfycbWarehouseDeployment');
    // The CHANGELOG is the standard edition's record: untouched, and nothing committed.
    expect(readFileSync(path.join(r.dir, 'CHANGELOG.md'), 'utf8')).toBe(CHANGELOG);
    expect(r.git('log', '--format=%s')).toBe('start');
  });

  it('refuses a second release of the same version, before running anything', () => {
    const r = repo();
    expect(r.run().status).toBe(0);
    const before = r.calls().length;
    const { status, output } = r.run();
    expect(status).toBe(1);
    expect(output).toContain('the warehouse edition of 0.3.0 is already released (tag warehouse-v0.3.0)');
    expect(r.calls().length).toBe(before);
  });

  it('refuses without its project file, naming the example to copy', () => {
    const r = repo(null);
    const { status, output } = r.run();
    expect(status).toBe(1);
    expect(output).toMatch(/\.clasp\.warehouse\.json is missing: copy \.clasp\.warehouse\.example\.json/);
    expect(r.calls()).toEqual([]);
  });

  it('refuses a project file that would push the standard build', () => {
    const r = repo({ ...WAREHOUSE, rootDir: 'dist' });
    const { status, output } = r.run();
    expect(status).toBe(1);
    expect(output).toContain('.clasp.warehouse.json pushes "dist": the warehouse edition is built into dist-warehouse');
    expect(r.calls()).toEqual([]);
  });
});
