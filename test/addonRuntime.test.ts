// The add-on's entry points on the local runtime, without a browser: the menu in
// every auth mode, report ownership, rebuilding, and what stays untouched.
import { describe, expect, it } from 'vitest';
import { sampleRuntime, startRuntime, toHost } from './support/runtime';

const orders = [
  ['Date', 'Customer', 'Amount', 'Manager'],
  ['2026-01-05', 'Anna', 100, 'Olga'],
  ['2026-03-01', 'Anna', 200, 'Olga'],
  ['2026-11-01', 'Boris', 50, 'Ivan'],
  ['2026-10-20', '=HYPERLINK("http://x")', 70, 'Ivan'],
];

describe('the menu', () => {
  it('is built without authorisation and touches nothing else when the add-on is not enabled (AuthMode.NONE)', async () => {
    const rt = await startRuntime({ Orders: orders }, { now: '2026-11-23T09:00Z', userLocale: 'ru_RU' });
    rt.calls.reset();
    rt.call('onOpen', { authMode: 'NONE' });
    const used = Object.keys(rt.calls.snapshot().byMethod);
    expect(used.filter((m) => !/^(SpreadsheetApp\.getUi|Ui\.createAddonMenu|Menu\.|Session\.getActiveUserLocale)/.test(m))).toEqual([]);
    expect(rt.ui.menus).toHaveLength(1);
    expect(rt.ui.menus[0].items).toEqual([
      { caption: 'Открыть панель', functionName: 'showSidebar' },
      { caption: 'Пересобрать все отчёты', functionName: 'rebuildAllReports' },
      { separator: true },
      { caption: 'Справка', functionName: 'showHelp' },
    ]);
  });

  it('opens the sidebar with the built HTML, titled in the user language', async () => {
    const rt = await startRuntime({ Orders: orders }, { now: '2026-11-23T09:00Z', userLocale: 'uk_UA' });
    rt.call('onInstall', { authMode: 'FULL' });
    rt.call('showSidebar');
    expect(rt.ui.sidebar?.title).toBe('Повторні продажі');
    expect(rt.ui.sidebar?.html).toContain('<script>');
  });
});

describe('report sheets belong to the add-on', () => {
  it('leaves a user sheet with a report name alone and names the report beside it', async () => {
    const mine = [['my notes'], ['keep me']];
    const rt = await startRuntime({ Orders: orders, 'Lifecycle matrix': mine }, { now: '2026-11-23T09:00Z' });
    rt.call('rebuildAllReports');
    expect(toHost(rt.readSheet('Lifecycle matrix'))).toEqual(mine);
    expect(rt.sheetNames()).toContain('Lifecycle matrix (2)');
    // A second rebuild replaces its own sheets, never adds or renames.
    const before = rt.sheetNames();
    rt.call('rebuildAllReports');
    expect(rt.sheetNames()).toEqual(before);
    expect(toHost(rt.readSheet('Lifecycle matrix'))).toEqual(mine);
  });

  it('never changes the orders tab, and keeps formula-like names as text', async () => {
    const rt = await startRuntime({ Orders: orders }, { now: '2026-11-23T09:00Z' });
    const before = JSON.stringify(toHost(rt.readSheet('Orders')));
    rt.call('rebuildAllReports');
    rt.call('sidebarBuild', { kind: 'segmentList', segment: 'new_active' });
    expect(JSON.stringify(toHost(rt.readSheet('Orders')))).toBe(before);
    const list = rt.readFormulas('New Active').flat();
    expect(list.every((f) => !String(f).includes('HYPERLINK'))).toBe(true);
    expect(toHost<unknown[][]>(rt.readSheet('New Active')).flat()).toContain('=HYPERLINK("http://x")');
  });

  it('says which report is unknown and which segment keys exist', async () => {
    const rt = await startRuntime({ Orders: orders }, { now: '2026-11-23T09:00Z' });
    expect(() => rt.call('sidebarBuild', { kind: 'segmentList', segment: 'vip' })).toThrow(
      /Unknown segment "vip"; use one of: new_active, new_sleeping/,
    );
    expect(() => rt.call('sidebarBuild', { kind: 'pivot' })).toThrow('Unknown report "pivot".');
  });

  it('explains an orders tab it cannot read, in the data section, without failing the sidebar', async () => {
    const rt = await startRuntime(
      {
        Notes: [
          ['Name', 'City'],
          ['x', 'y'],
        ],
      },
      { now: '2026-11-23T09:00Z' },
    );
    const state = toHost<{ data: { error: string | null } }>(rt.call('sidebarLoad'));
    expect(state.data.error).toBe(
      'No orders tab found: no sheet has a header row naming a date and a customer column. Pick the orders tab in the sidebar.',
    );
    expect(() => rt.call('sidebarBuild', { kind: 'matrix' })).toThrow(/No orders tab found/);
  });
});

describe('a full rebuild costs the same number of service calls whatever the number of rows', () => {
  it('on the sample and on the sample with every order twice', async () => {
    const small = await sampleRuntime({ now: '2026-11-23T09:00Z' });
    small.calls.reset();
    small.call('rebuildAllReports');
    const rows = toHost<unknown[][]>(small.readSheet('Orders'));
    const doubled = await startRuntime({ Orders: [...rows, ...rows.slice(1)] }, { now: '2026-11-23T09:00Z' });
    doubled.calls.reset();
    doubled.call('rebuildAllReports');
    expect(doubled.calls.total).toBe(small.calls.total);
  });
});
