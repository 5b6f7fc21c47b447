// Two editions from one source (scripts/build.mjs): the standard add-on never asks
// for BigQuery access and carries no BigQuery code; the warehouse edition
// (dist-warehouse/) is the same add-on plus the BigQuery advanced service, its scopes
// and its own entry points. `npm test` builds both before vitest runs.
// Manifest fields: developers.google.com/apps-script/manifest/dependencies
// (enabledAdvancedServices: userSymbol, serviceId, version) and
// developers.google.com/apps-script/advanced/bigquery (the service, API v2);
// SpreadsheetApp.enableBigQueryExecution needs bigquery.readonly (Google's reference,
// spreadsheet-app#enableBigQueryExecution()).
import { copyFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { entryPointNames, projectRoot } from './support/loadBundle';
import { createRuntime, tempDir } from './support/runtime';

const standard = path.join(projectRoot, 'dist');
const warehouse = path.join(projectRoot, 'dist-warehouse');
const read = (dir: string, file: string): string => readFileSync(path.join(dir, file), 'utf8');
interface Manifest {
  oauthScopes: string[];
  dependencies?: { enabledAdvancedServices?: { userSymbol: string; serviceId: string; version: string }[] };
  [key: string]: unknown;
}
const manifest = (dir: string): Manifest => JSON.parse(read(dir, 'appsscript.json')) as Manifest;
const BIGQUERY_SCOPES = ['https://www.googleapis.com/auth/bigquery', 'https://www.googleapis.com/auth/bigquery.readonly'];

describe('the standard edition has no BigQuery in it', () => {
  it('its bundle holds no BigQuery code or text', () => {
    const code = read(standard, 'Code.js');
    expect(code.length).toBeGreaterThan(100_000);
    expect(code).not.toMatch(/bigquery/i);
    expect(code).not.toMatch(/DataSourceSpec|insertDataSourceSheet/);
  });

  it('its sidebar has no warehouse section', () => {
    expect(read(standard, 'Sidebar.html')).not.toMatch(/bigquery|warehouse/i);
  });

  it('its manifest asks for no BigQuery scope and enables no advanced service', () => {
    const m = manifest(standard);
    expect(m.oauthScopes.filter((s) => /bigquery/i.test(s))).toEqual([]);
    expect(m.dependencies?.enabledAdvancedServices ?? []).toEqual([]);
  });

  it('in the local runtime the BigQuery global is not there, even in warehouse mode', async () => {
    const rt = await createRuntime({ warehouse: { file: path.join(projectRoot, 'examples', 'missing.csv') } });
    try {
      expect(rt.bigQuery).toBeNull();
      expect(rt.has('warehouseBuild')).toBe(false);
    } finally {
      await rt.close();
    }
  });
});

describe('the warehouse edition is the standard add-on plus BigQuery', () => {
  it('is built (run `npm run build` first)', () => {
    for (const f of ['Code.js', 'appsscript.json', 'Sidebar.html']) expect(existsSync(path.join(warehouse, f)), f).toBe(true);
  });

  it('its manifest enables the BigQuery advanced service (v2) and asks for the BigQuery scopes', () => {
    const m = manifest(warehouse);
    expect(m.dependencies?.enabledAdvancedServices).toEqual([{ userSymbol: 'BigQuery', serviceId: 'bigquery', version: 'v2' }]);
    for (const scope of BIGQUERY_SCOPES) expect(m.oauthScopes).toContain(scope);
  });

  it('and is otherwise the standard manifest, so the two do not drift apart', () => {
    const { dependencies: _w, oauthScopes: ws, ...wRest } = manifest(warehouse);
    const { dependencies: _s, oauthScopes: ss, ...sRest } = manifest(standard);
    expect(wRest).toEqual(sRest);
    expect(ws.filter((s) => !BIGQUERY_SCOPES.includes(s))).toEqual(ss);
  });

  it('defines the standard entry points and the warehouse ones', () => {
    const code = read(warehouse, 'Code.js');
    const names = [...entryPointNames(), ...entryPointNames(path.join(projectRoot, 'src', 'main.warehouse.js'))];
    expect(names).toEqual(expect.arrayContaining(['sidebarLoad', 'warehouseLoad', 'warehouseSchema', 'warehouseDryRun', 'warehouseBuild']));
    for (const name of names) expect(code, name).toMatch(new RegExp(`^function ${name}\\s*\\(`, 'm'));
  });

  it('its sidebar carries the data source section, and little else more', () => {
    const html = read(warehouse, 'Sidebar.html');
    expect(html).toContain('warehouseDryRun');
    expect(html).toContain('wh-build');
    // The section takes its labels and segment keys from the server: it bundles no message tables of its own.
    expect(html.length - read(standard, 'Sidebar.html').length).toBeLessThan(30_000);
  });
});

describe('the warehouse manifest’s BigQuery scopes are needed, not decoration', () => {
  /** The warehouse bundle beside its manifest with `drop` taken out of the scopes. */
  function withoutScope(drop: string): string {
    const dir = tempDir('wh-scope-');
    for (const f of ['Code.js', 'Sidebar.html']) copyFileSync(path.join(warehouse, f), path.join(dir, f));
    const m = manifest(warehouse);
    writeFileSync(path.join(dir, 'appsscript.json'), JSON.stringify({ ...m, oauthScopes: m.oauthScopes.filter((s) => s !== drop) }));
    return path.join(dir, 'Code.js');
  }
  const csv = (): string => {
    const file = path.join(tempDir('wh-scope-csv-'), 'orders.csv');
    writeFileSync(file, 'order_date,customer,amount\n2024-01-05T10:00:00Z,Acme,10\n2024-02-05T10:00:00Z,Beta,20\n');
    return file;
  };

  it('without bigquery, every BigQuery call is refused as Apps Script refuses it', async () => {
    const rt = await createRuntime({ bundle: withoutScope(BIGQUERY_SCOPES[0]), warehouse: { file: csv(), threads: 1 } });
    try {
      expect(() => rt.callJson('warehouseSchema', { projectId: 'p', table: 'shop.orders' })).toThrow(
        'Specified permissions are not sufficient to call bigquery.tables.get. Required permissions: https://www.googleapis.com/auth/bigquery',
      );
    } finally {
      await rt.close();
    }
  });

  it('without bigquery.readonly, Connected Sheets is refused (enableBigQueryExecution needs it) and the first rows are written', async () => {
    // Two customers, both lost by 2026: a lost list of 2 over a limit of 1.
    const build = async (bundle: string): Promise<{ sheets: number; note: string }> => {
      const rt = await createRuntime({ bundle, now: '2026-01-01T12:00:00Z', warehouse: { file: csv(), threads: 1 } });
      try {
        rt.callJson('warehouseBuild', { projectId: 'p', table: 'shop.orders', listCap: 1 });
        const note = rt
          .readSheet('Lost customers')
          .map((r) => String(r[0]))
          .find((c) => c.startsWith('This list has 2 customers'));
        return { sheets: rt.connectedSheets!.sheets.length, note: note ?? '' };
      } finally {
        await rt.close();
      }
    };
    expect(await build(path.join(warehouse, 'Code.js'))).toEqual({
      sheets: 1,
      note: 'This list has 2 customers, more than the limit of 1: it opened as the Connected Sheets sheet "Lost customers (all)", most worth returning first.',
    });
    const without = await build(withoutScope(BIGQUERY_SCOPES[1]));
    expect(without.sheets).toBe(0);
    expect(without.note).toMatch(/^This list has 2 customers; the sheet shows the first 1, .* so the other 1 are not here/);
  });
});
