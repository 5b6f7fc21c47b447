// OAuth scopes proven, not assumed: the manifest lists exactly the scopes that the
// Apps Script methods the add-on calls require (recorded by the local runtime
// across every entry point, mapped through the pinned gas-types-detailed package);
// the runtime refuses what the manifest or the user's grant leaves out, with Apps
// Script's own messages; and each action that needs a scope the user may not
// have granted asks for it instead of failing.
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { NAMESPACE_OF, scopesFor, scopesNeeded } from '../local/scopes';
import type { ScheduleRun, ScheduleSaveResult, ScheduleState, ScheduleTestResult } from '../src/addon/api';
import { projectRoot, sampleRuntime, scriptBundle, tempDir, type Runtime, type RuntimeOptions } from './support/runtime';

const NOW = '2026-11-23T09:00:00Z';
const USER = 'owner@example.com';
const manifest = JSON.parse(readFileSync(path.join(projectRoot, 'appsscript.json'), 'utf8')) as { oauthScopes: string[] };
const SCOPE = {
  spreadsheets: 'https://www.googleapis.com/auth/spreadsheets',
  containerUi: 'https://www.googleapis.com/auth/script.container.ui',
  triggers: 'https://www.googleapis.com/auth/script.scriptapp',
  sendMail: 'https://www.googleapis.com/auth/script.send_mail',
  userEmail: 'https://www.googleapis.com/auth/userinfo.email',
};
const SCHEDULE = {
  hour: 8,
  recipients: { 'Kate Wilson': 'kate.wilson@example.com' },
  fallbackEmail: 'office@example.com',
  language: null,
  allClear: false,
  keepReportsCurrent: false,
};

/** The built bundle beside a manifest without oauthScopes: Apps Script would detect them, so nothing is refused. */
function unrestrictedBundle(): string {
  const dir = tempDir('unrestricted-');
  for (const file of ['Code.js', 'Sidebar.html']) copyFileSync(path.join(projectRoot, 'dist', file), path.join(dir, file));
  const { oauthScopes: _listed, ...rest } = manifest as Record<string, unknown>;
  writeFileSync(path.join(dir, 'appsscript.json'), JSON.stringify(rest));
  return path.join(dir, 'Code.js');
}

/** Every entry point a user, Sheets or a trigger can start, on the sample. */
function exerciseEveryEntryPoint(rt: Runtime): void {
  for (const authMode of ['NONE', 'LIMITED', 'FULL']) rt.call('onOpen', { authMode });
  rt.call('onInstall', { authMode: 'FULL' });
  rt.call('showSidebar');
  rt.call('showHelp');
  const state = rt.callJson('sidebarLoad') as { settings: unknown };
  rt.callJson('sidebarInspect', null, null);
  rt.callJson('sidebarSaveSettings', state.settings);
  rt.callJson('sidebarSetLanguage', 'ru');
  rt.callJson('sidebarSetLanguage', null);
  for (const kind of ['matrix', 'migration', 'lost', 'whatIf', 'modelCheck']) rt.callJson('sidebarBuild', { kind });
  rt.callJson('sidebarBuild', { kind: 'segmentList', segment: 'regular_sleeping' });
  rt.callJson('sidebarSuggestBands');
  rt.callJson('scheduleLoad');
  rt.callJson('scheduleSave', SCHEDULE);
  rt.callJson('scheduleTurnOn', SCHEDULE);
  rt.callJson('scheduleSendTest');
  rt.fireTrigger();
  rt.call('rebuildAllReports');
  rt.callJson('scheduleTurnOff');
}

describe('the scopes of appsscript.json', () => {
  it('are exactly those the add-on calls need (every entry point, through gas-types-detailed)', async () => {
    const rt = await sampleRuntime({ now: NOW, user: USER, bundle: unrestrictedBundle() });
    exerciseEveryEntryPoint(rt);
    const called = Object.keys(rt.calls.snapshot().byMethod);
    // A class the table does not know could need a scope nobody checked.
    expect(called.filter((name) => !(name.split('.')[0] in NAMESPACE_OF))).toEqual([]);
    expect(called.filter((name) => scopesFor(name) === undefined)).toEqual([]);
    const { scopes, why } = scopesNeeded(called);
    expect([...manifest.oauthScopes].sort()).toEqual(scopes);
    // Each scope with the calls that need it, for the README's table.
    expect(why.get(SCOPE.userEmail)).toEqual(expect.arrayContaining(['Session.getActiveUser']));
    expect(why.get(SCOPE.spreadsheets)).toEqual(expect.arrayContaining(['SpreadsheetApp.openById']));
    expect(why.get(SCOPE.containerUi)).toEqual(['Ui.showSidebar']);
    expect(why.get(SCOPE.sendMail)).toEqual(expect.arrayContaining(['MailApp.sendEmail', 'MailApp.getRemainingDailyQuota']));
    expect(why.get(SCOPE.triggers)).toEqual(expect.arrayContaining(['ScriptApp.newTrigger', 'ScriptApp.getProjectTriggers']));
  });

  it('are each explained in the README', () => {
    const readme = readFileSync(path.join(projectRoot, 'README.md'), 'utf8');
    for (const scope of manifest.oauthScopes) expect(readme, scope).toMatch(new RegExp(`\\| \`${scope.replace(/[./]/g, '\\$&')}\` \\|`));
  });

  it('the derivation picks one scope per call, the narrowest that is needed anyway', () => {
    expect(scopesNeeded(['Range.getValues']).scopes).toEqual(['https://www.googleapis.com/auth/spreadsheets.currentonly']);
    expect(scopesNeeded(['Range.getValues', 'SpreadsheetApp.openById']).scopes).toEqual([SCOPE.spreadsheets]);
    expect(scopesNeeded(['Session.getActiveUserLocale', 'Menu.addItem']).scopes).toEqual([]);
  });
});

describe('the runtime enforces the manifest as Apps Script does', () => {
  const code = `
function me() { return Session.getActiveUser().getEmail(); }
function quota() { return MailApp.getRemainingDailyQuota(); }
function cells() { return SpreadsheetApp.getActiveSpreadsheet().getSheets().length; }
function caught() { try { return Session.getActiveUser().getEmail(); } catch (e) { return e.name + ': ' + e.message; } }
`;
  const bundleWith = (oauthScopes: string[]): string =>
    scriptBundle(code, { 'appsscript.json': JSON.stringify({ timeZone: 'Europe/London', oauthScopes }) });
  const start = (bundle: string, options: Omit<RuntimeOptions, 'bundle' | 'workbook'> = {}) =>
    sampleRuntime({ now: NOW, user: USER, bundle, ...options });

  it('a method whose scope the manifest lacks throws "Specified permissions are not sufficient"', async () => {
    // The defect this catches: Session.getActiveUser() without userinfo.email in the manifest.
    const rt = await start(bundleWith([SCOPE.spreadsheets, SCOPE.sendMail]));
    expect(() => rt.call('me')).toThrow(
      'Specified permissions are not sufficient to call Session.getActiveUser. Required permissions: https://www.googleapis.com/auth/userinfo.email',
    );
    expect(rt.call('caught')).toBe(
      'Exception: Specified permissions are not sufficient to call Session.getActiveUser. Required permissions: https://www.googleapis.com/auth/userinfo.email',
    );
    expect(rt.call('quota')).toBe(100);
    expect(rt.call('cells')).toBeGreaterThan(0);
  });

  it('a method whose scope the user did not grant throws "You do not have permission"', async () => {
    const rt = await start(bundleWith([SCOPE.spreadsheets, SCOPE.sendMail, SCOPE.userEmail]), { grantedScopes: [SCOPE.spreadsheets] });
    expect(() => rt.call('quota')).toThrow(
      'You do not have permission to call MailApp.getRemainingDailyQuota. Required permissions: https://www.googleapis.com/auth/script.send_mail',
    );
    rt.auth.granted!.add(SCOPE.sendMail); // the user grants it
    expect(rt.call('quota')).toBe(100);
  });

  it('either of two scopes will do, and the message lists both', async () => {
    const rt = await start(bundleWith([SCOPE.sendMail]));
    expect(() => rt.call('cells')).toThrow(
      'Specified permissions are not sufficient to call SpreadsheetApp.getActiveSpreadsheet. Required permissions: (https://www.googleapis.com/auth/spreadsheets.currentonly || https://www.googleapis.com/auth/spreadsheets)',
    );
  });

  it('AuthMode.NONE reaches no scoped method and no properties; LIMITED only the open file and its UI', async () => {
    const rt = await start(
      scriptBundle(
        `function onOpen(e) {
  var out = [];
  function tryIt(name, f) { try { f(); out.push(name + ': ok'); } catch (err) { out.push(name + ': ' + err.message); } }
  tryIt('menu', function () { SpreadsheetApp.getUi().createAddonMenu().addItem('A', 'a').addToUi(); });
  tryIt('locale', function () { Session.getActiveUserLocale(); });
  tryIt('properties', function () { PropertiesService.getUserProperties().getProperty('x'); });
  tryIt('sheet', function () { SpreadsheetApp.getActiveSpreadsheet().getName(); });
  tryIt('mail', function () { MailApp.getRemainingDailyQuota(); });
  return out;
}`,
        { 'appsscript.json': JSON.stringify({ oauthScopes: manifest.oauthScopes }) },
      ),
    );
    expect(rt.call('onOpen', { authMode: 'NONE' })).toEqual([
      'menu: ok',
      'locale: ok',
      'properties: You do not have permission to call PropertiesService.getUserProperties',
      `sheet: You do not have permission to call SpreadsheetApp.getActiveSpreadsheet. Required permissions: (https://www.googleapis.com/auth/spreadsheets.currentonly || ${SCOPE.spreadsheets})`,
      `mail: You do not have permission to call MailApp.getRemainingDailyQuota. Required permissions: ${SCOPE.sendMail}`,
    ]);
    expect(rt.call('onOpen', { authMode: 'LIMITED' })).toEqual([
      'menu: ok',
      'locale: ok',
      'properties: ok',
      'sheet: ok',
      `mail: You do not have permission to call MailApp.getRemainingDailyQuota. Required permissions: ${SCOPE.sendMail}`,
    ]);
  });
});

describe('granular consent: what the user did not grant is asked for, never a crash', () => {
  const all = manifest.oauthScopes;
  const without = (...left: string[]): string[] => all.filter((s) => !left.includes(s));
  const start = (grantedScopes: string[]) => sampleRuntime({ now: NOW, user: USER, grantedScopes });

  it('turning the schedule on without the e-mail permission saves it, asks for the permission, and creates no trigger', async () => {
    const rt = await start(without(SCOPE.sendMail));
    const state = rt.callJson('scheduleLoad') as ScheduleState;
    expect(state.quota).toBeNull();
    expect(state.authorization?.scopes).toEqual([SCOPE.sendMail]);
    const result = rt.callJson('scheduleTurnOn', SCHEDULE) as ScheduleSaveResult;
    expect(result.errors).toEqual({});
    expect(result.authorization).toEqual({
      message:
        'To send the weekly e-mails, the add-on needs your permission to send e-mail as you. Click “Grant access”, allow it, then try again.',
      url: expect.stringMatching(/^https:\/\/script\.google\.com\/macros\/d\/.+\/authorize$/),
      scopes: [SCOPE.sendMail],
    });
    expect(rt.triggers).toHaveLength(0);
    expect(result.state.schedule.fallbackEmail).toBe('office@example.com');
    // Granted: the same click turns it on.
    rt.auth.granted!.add(SCOPE.sendMail);
    const again = rt.callJson('scheduleTurnOn', SCHEDULE) as ScheduleSaveResult;
    expect(again.authorization).toBeNull();
    expect(rt.triggers).toHaveLength(1);
  });

  it('a test send without permission to see the user’s address asks for it, in the user’s language', async () => {
    const rt = await sampleRuntime({ now: NOW, user: USER, grantedScopes: without(SCOPE.userEmail), userLocale: 'uk' });
    rt.callJson('scheduleSave', SCHEDULE);
    const result = rt.callJson('scheduleSendTest') as ScheduleTestResult;
    expect(result.run).toBeNull();
    expect(result.authorization?.message).toBe(
      'Щоб надіслати тестовий лист, доповненню потрібен ваш дозвіл: бачити вашу адресу ел. пошти. Натисніть «Надати доступ», дозвольте й повторіть.',
    );
    expect(rt.sentMail).toHaveLength(0);
  });

  it('a weekly run after the e-mail permission was withdrawn records the failure in the Send log and does not crash', async () => {
    const rt = await start(all);
    rt.callJson('scheduleTurnOn', SCHEDULE);
    rt.auth.granted!.delete(SCOPE.sendMail);
    expect(rt.fireTrigger()).toBeNull();
    expect(rt.fireTrigger()).toBeNull();
    expect(rt.sentMail).toHaveLength(0); // nobody can be told by mail without the permission
    const log = rt.readSheet('Send log');
    expect(log.slice(1).map((row) => row[5])).toEqual([
      'failed: the add-on lacks your permission to send e-mail as you; open the add-on’s sidebar and turn the weekly e-mails on again to grant it',
      'failed: the add-on lacks your permission to send e-mail as you; open the add-on’s sidebar and turn the weekly e-mails on again to grant it',
    ]);
    const state = rt.callJson('scheduleLoad') as ScheduleState;
    expect((state.lastRun as ScheduleRun).error).toMatch(/^the add-on lacks your permission to send e-mail as you/);
  });

  it('a weekly run without access to the spreadsheet tells the owner once, at the address recorded when it was turned on', async () => {
    const rt = await start(all);
    rt.callJson('scheduleTurnOn', SCHEDULE);
    rt.auth.granted = new Set([SCOPE.triggers, SCOPE.sendMail]); // spreadsheets and userinfo.email withdrawn
    expect(rt.fireTrigger()).toBeNull();
    expect(rt.fireTrigger()).toBeNull();
    expect(rt.sentMail.map((m) => m.to)).toEqual([[USER]]);
    expect(rt.sentMail[0].body).toContain('open this spreadsheet while it is closed');
  });

  it('turning off without the triggers permission does not fail: the state asks for the permission', async () => {
    const rt = await start(without(SCOPE.triggers));
    const state = rt.callJson('scheduleTurnOff') as ScheduleState;
    expect(state.on).toBe(false);
    expect(state.authorization?.scopes).toEqual([SCOPE.triggers]);
  });

  it('turning the schedule off forgets the recorded owner address', async () => {
    const rt = await start(all);
    rt.callJson('scheduleTurnOn', SCHEDULE);
    const ownerKeys = () => Object.keys(rt.properties.user).filter((k) => k.startsWith('repeatSales.owner.'));
    expect(ownerKeys()).toHaveLength(1);
    expect(rt.properties.user[ownerKeys()[0]]).toBe(USER);
    rt.callJson('scheduleTurnOff');
    expect(ownerKeys()).toEqual([]);
  });

  it('the menu asks Apps Script for the sidebar’s permissions instead of failing inside it', async () => {
    const rt = await start(without(SCOPE.containerUi));
    expect(() => rt.call('showSidebar')).toThrow('Authorization is required to perform that action.');
    expect(rt.auth.prompts).toEqual([{ scopes: [SCOPE.containerUi] }]);
    expect(rt.ui.sidebar).toBeNull();
    rt.auth.granted!.add(SCOPE.containerUi);
    rt.call('showSidebar');
    expect(rt.ui.sidebar).not.toBeNull();
  });

  it('rebuild all from the menu asks for access to the spreadsheet when it was not granted', async () => {
    const rt = await start(without(SCOPE.spreadsheets));
    expect(() => rt.call('rebuildAllReports')).toThrow('Authorization is required to perform that action.');
    expect(rt.auth.prompts).toEqual([{ scopes: [SCOPE.spreadsheets] }]);
  });

  it('the menu is still built when the user granted nothing yet', async () => {
    const rt = await start([]);
    rt.call('onOpen', { authMode: 'FULL' });
    expect(rt.ui.menus).toHaveLength(1);
  });
});
