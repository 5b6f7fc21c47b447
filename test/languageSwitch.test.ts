// After a language switch (issue 15): the Send log's header row is rewritten in the
// new language, the rows already logged stay as they were; a report built in one
// language is replaced, not doubled, by its rebuild in another (the writer finds it
// by its report key, not its name). Runs the built bundle (dist/Code.js).
import { describe, expect, it } from 'vitest';
import type { ScheduleSettings } from '../src/addon/api';
import { startRuntime } from './support/runtime';

const NOW = '2026-11-23T09:00:00Z'; // a Monday
const ORDERS = [
  ['Date', 'Customer', 'Amount', 'Manager'],
  ['2026-11-10', 'New one', 100, 'Kate Wilson'],
  ['2026-05-01', 'Sleeping one', 200, 'Kate Wilson'],
  ['2026-08-15', 'Sleeping one', 300, 'Kate Wilson'],
];
const SCHEDULE: ScheduleSettings = {
  hour: 8,
  recipients: { 'Kate Wilson': 'kate@example.com' },
  fallbackEmail: 'office@example.com',
  language: null,
  allClear: false,
  keepReportsCurrent: false,
};

describe('the Send log header follows the language the user picks, its rows are kept', () => {
  it('English, then Russian, then Ukrainian, then back to the default: one header row, the logged row unchanged', async () => {
    const rt = await startRuntime({ Orders: ORDERS }, { now: NOW, user: 'owner@example.com' });
    expect((rt.callJson('scheduleTurnOn', SCHEDULE) as { errors: object }).errors).toEqual({});
    rt.fireTrigger();
    const log = () => rt.readSheet('Send log');
    expect(log()[0]).toEqual(['Time', 'Period', 'Recipient', 'Campaigns', 'Customers', 'Result']);
    const logged = log().slice(1);
    expect(logged).toHaveLength(1);

    rt.callJson('sidebarSetLanguage', 'ru');
    expect(log()[0]).toEqual(['Время', 'Период', 'Получатель', 'Кампании', 'Клиентов', 'Результат']);
    expect(log().slice(1)).toEqual(logged);

    rt.callJson('sidebarSetLanguage', 'uk');
    expect(log()[0]).toEqual(['Час', 'Період', 'Одержувач', 'Кампанії', 'Клієнтів', 'Результат']);

    rt.callJson('sidebarSetLanguage', null);
    expect(log()[0]).toEqual(['Time', 'Period', 'Recipient', 'Campaigns', 'Customers', 'Result']);
    expect(log().slice(1)).toEqual(logged);
  });

  it('a switch before any e-mail was sent makes no Send log', async () => {
    const rt = await startRuntime({ Orders: ORDERS }, { now: NOW, user: 'owner@example.com' });
    rt.callJson('sidebarSetLanguage', 'ru');
    expect(rt.sheetNames()).toEqual(['Orders']);
  });
});

describe('a report is found again by its key, whatever the language it was built in', () => {
  it('built in Ukrainian, rebuilt in English: one sheet per report, renamed, none left beside it', async () => {
    const rt = await startRuntime({ Orders: ORDERS }, { now: NOW, user: 'owner@example.com' });
    rt.callJson('sidebarSetLanguage', 'uk');
    rt.callJson('sidebarBuild', { kind: 'matrix' });
    rt.callJson('sidebarBuild', { kind: 'migration' });
    rt.callJson('sidebarBuild', { kind: 'segmentList', segment: 'new_active' });
    const ukrainian = rt.sheetNames();
    expect(ukrainian).toHaveLength(5);
    rt.callJson('sidebarSetLanguage', 'en');
    rt.callJson('sidebarBuild', { kind: 'matrix' });
    rt.callJson('sidebarBuild', { kind: 'migration' });
    rt.callJson('sidebarBuild', { kind: 'segmentList', segment: 'new_active' });
    const english = rt.sheetNames();
    expect(english).toHaveLength(5);
    expect(english.slice(0, 4)).toEqual(['Orders', 'Lifecycle matrix', 'Lifecycle migration', 'ABC-XYZ migration']);
    expect(english.filter((name) => ukrainian.includes(name))).toEqual(['Orders']);
  });
});
