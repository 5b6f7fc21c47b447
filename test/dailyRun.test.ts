// The daily trigger and the campaign e-mails (docs/definitions.md: campaign e-mails),
// on the built bundle over the local runtime: a simulated quarter, day by day, with
// weekly and monthly campaigns sent on their days and once each (the 31st in
// February and April is the month's last day), a failed run, a missed run and a
// rerun; the migration of stored version-1 and version-3 settings with an existing
// weekly trigger and its record; "keep reports current"; and the control group,
// which is in no e-mail, the test e-mail included.
import { describe, expect, it } from 'vitest';
import type { CampaignInput, CampaignSaveResult, CampaignsState, ScheduleRun, ScheduleSettings } from '../src/addon/api';
import { isControl } from '../src/core/campaigns/controlGroup';
import { customerKey } from '../src/core/orders';
import { isoDay, startRuntime, type Runtime } from './support/runtime';

const DAY = 86_400_000;
const OWNER = 'owner@example.com';
const HEADER = ['Date', 'Customer', 'Amount', 'Manager'];
const SCHEDULE: ScheduleSettings = {
  hour: 8,
  recipients: { Olga: 'olga@example.com', Ivan: 'ivan@example.com' },
  fallbackEmail: '',
  language: 'en',
  allClear: false,
  keepReportsCurrent: false,
};

/** Each manager's customers: a purchase a week before `start`, and one half a year before (two purchases). */
function orders(start: string, perManager = 3): unknown[][] {
  const rows: unknown[][] = [HEADER];
  const day = (offset: number) => new Date(Date.parse(`${start}T00:00:00Z`) + offset * DAY).toISOString().slice(0, 10);
  for (const manager of ['Olga', 'Ivan'])
    for (let i = 0; i < perManager; i++) {
      rows.push([day(-7 - i), `${manager} new ${i}`, 100 + i, manager]);
      rows.push([day(-200), `${manager} old ${i}`, 300 + i, manager]);
      rows.push([day(-180 + i), `${manager} old ${i}`, 300 + i, manager]);
    }
  return rows;
}

/** A campaign that lists every customer of a manager (the lists stay the same however long the simulation runs). */
function campaign(name: string, cadence: CampaignInput['cadence'], over: Partial<CampaignInput> = {}): CampaignInput {
  return {
    id: null,
    name,
    target: {
      segments: [],
      abc: [],
      xyz: [],
      lost: null,
      pAlive: null,
      minPurchases: 1,
      daysSince: null,
      managers: ['Olga', 'Ivan'],
      npsDetractorsDays: null,
    },
    action: `Call them (${name})`,
    channel: 'call',
    cadence,
    controlShare: 0,
    resultsWindowDays: 30,
    enabled: true,
    ...over,
  };
}

/** A runtime on `now` with only the given campaigns (the defaults deleted), and the schedule on. */
async function withCampaigns(now: string, campaigns: CampaignInput[], rows = orders(now.slice(0, 10))): Promise<Runtime> {
  const rt = await startRuntime({ Orders: rows }, { now, user: OWNER });
  for (const c of (rt.callJson('campaignsLoad') as CampaignsState).campaigns) rt.callJson('campaignDelete', c.id);
  for (const c of campaigns) expect((rt.callJson('campaignSave', c) as CampaignSaveResult).errors).toEqual({});
  expect((rt.callJson('scheduleTurnOn', SCHEDULE) as { errors: object }).errors).toEqual({});
  return rt;
}

const fire = (rt: Runtime) => rt.fireTrigger() as ScheduleRun | null;
const isoToday = (rt: Runtime) => new Date(rt.clock.now()).toISOString().slice(0, 10);
/** The campaign sections of an e-mail, from its plain text ("Name: 3 customers"). */
const sectionsOf = (body: string): string[] =>
  body
    .split('\n')
    .map((l) => /^(.+): \d+ customers?$/.exec(l)?.[1])
    .filter((x): x is string => x !== undefined);
const managerMails = (rt: Runtime) => rt.sentMail.filter((m) => m.attachments.length > 0);

/**
 * Fires the trigger once a day from the runtime's day to `until` (inclusive), with
 * `on(day)` before each day's run; returns campaign -> the days each address got it.
 */
function simulate(rt: Runtime, until: string, on: (day: string) => 'skip' | 'fail' | 'twice' | void = () => {}) {
  const got = new Map<string, string[]>();
  for (let day = isoToday(rt); day <= until; rt.clock.advance(DAY), day = isoToday(rt)) {
    const what = on(day);
    if (what === 'skip') continue;
    const before = rt.sentMail.length;
    if (what === 'fail') {
      rt.faults.failWhen((_, key) => key === 'SpreadsheetApp.openById', 'Service Spreadsheets failed while accessing document');
      fire(rt);
      rt.faults.clear();
    } else {
      fire(rt);
      if (what === 'twice') fire(rt);
    }
    for (const mail of rt.sentMail.slice(before).filter((m) => m.attachments.length > 0))
      for (const name of sectionsOf(mail.body)) {
        const key = `${name} -> ${mail.to.join(',')}`;
        got.set(key, [...(got.get(key) ?? []), day]);
      }
  }
  return got;
}

const both = (name: string, days: string[]) => [
  [`${name} -> ivan@example.com`, days],
  [`${name} -> olga@example.com`, days],
];
const sorted = (got: Map<string, string[]>) => [...got].sort(([a], [b]) => (a < b ? -1 : 1));

describe('a simulated quarter: each campaign on its days, once each', () => {
  it('weekly on Wednesday, monthly on the 15th, on the 31st (February 28, April 30) and on the 30th', async () => {
    // Saturday 30 January 2027 (2027 is not a leap year).
    const rt = await withCampaigns('2027-01-30T09:00:00Z', [
      campaign('Wednesdays', { kind: 'weekly', weekday: 3 }),
      campaign('Fifteenth', { kind: 'monthly', day: 15 }),
      campaign('Month end', { kind: 'monthly', day: 31 }),
      campaign('Thirtieth', { kind: 'monthly', day: 30 }),
    ]);
    const got = simulate(rt, '2027-05-01');
    // The calendar, by hand.
    const wednesdays = [
      '02-03',
      '02-10',
      '02-17',
      '02-24',
      '03-03',
      '03-10',
      '03-17',
      '03-24',
      '03-31',
      '04-07',
      '04-14',
      '04-21',
      '04-28',
    ];
    expect(sorted(got)).toEqual(
      [
        ...both('Fifteenth', ['2027-02-15', '2027-03-15', '2027-04-15']),
        ...both('Month end', ['2027-01-31', '2027-02-28', '2027-03-31', '2027-04-30']),
        ...both('Thirtieth', ['2027-01-30', '2027-02-28', '2027-03-30', '2027-04-30']),
        ...both(
          'Wednesdays',
          wednesdays.map((d) => `2027-${d}`),
        ),
      ].sort(([a], [b]) => (a < b ? -1 : 1)),
    );
    // One e-mail per address and day, with every campaign due that day in it.
    const perDay = new Map<string, number>();
    for (const m of managerMails(rt)) perDay.set(`${m.to}`, (perDay.get(`${m.to}`) ?? 0) + 1);
    const dueDays = new Set([...got.values()].flat());
    expect([...perDay.values()]).toEqual([dueDays.size, dueDays.size]);
  });

  it('in a leap year the 31st and the 30th of February are the 29th', async () => {
    const rt = await withCampaigns('2028-02-01T09:00:00Z', [
      campaign('Month end', { kind: 'monthly', day: 31 }),
      campaign('Thirtieth', { kind: 'monthly', day: 30 }),
      campaign('Twenty-ninth', { kind: 'monthly', day: 29 }),
    ]);
    const got = simulate(rt, '2028-03-02');
    expect(sorted(got)).toEqual([
      ...both('Month end', ['2028-02-29']),
      ...both('Thirtieth', ['2028-02-29']),
      ...both('Twenty-ninth', ['2028-02-29']),
    ]);
  });

  it('a failed run, a missed run and a rerun: each due day is sent once, late by the next run when it failed or was missed', async () => {
    // Monday 1 March 2027.
    const rt = await withCampaigns('2027-03-01T09:00:00Z', [
      campaign('Wednesdays', { kind: 'weekly', weekday: 3 }),
      campaign('Month end', { kind: 'monthly', day: 31 }),
    ]);
    const got = simulate(rt, '2027-04-08', (day) => {
      if (day === '2027-03-03') return 'fail'; // the spreadsheet could not be opened: sent on Thursday
      if (day === '2027-03-10') return 'skip'; // the trigger did not fire: sent on Thursday
      if (day === '2027-03-11') return 'twice'; // the late run, rerun: nothing twice
      if (day === '2027-03-17') return 'twice'; // a rerun on the day itself
      if (day === '2027-03-31') return 'fail'; // the month's run failed: sent on 1 April, late, once
      return undefined;
    });
    expect(sorted(got)).toEqual([
      ...both('Month end', ['2027-04-01']),
      ...both('Wednesdays', ['2027-03-04', '2027-03-11', '2027-03-17', '2027-03-24', '2027-04-01', '2027-04-07']),
    ]);
    // Without the spreadsheet there is no Send log to write: the owner is told, once per failure (the good
    // runs between the two end the silence, so the second is news again).
    expect(rt.sentMail.filter((m) => m.to.includes(OWNER) && m.body.includes('Service Spreadsheets failed'))).toHaveLength(2);
  });

  it('a period missed whole is not sent in the next one: the late window ends with the next due day', async () => {
    const rt = await withCampaigns('2027-03-01T09:00:00Z', [campaign('Wednesdays', { kind: 'weekly', weekday: 3 })]);
    const got = simulate(rt, '2027-03-12', (day) => (day < '2027-03-10' ? 'skip' : undefined));
    expect(sorted(got)).toEqual(both('Wednesdays', ['2027-03-10']));
  });

  it('a campaign turned off is not sent; turned on again, its current period is', async () => {
    const rt = await withCampaigns('2027-03-01T09:00:00Z', [campaign('Wednesdays', { kind: 'weekly', weekday: 3 })]);
    const [{ id }] = (rt.callJson('campaignsLoad') as CampaignsState).campaigns;
    rt.callJson('campaignSetEnabled', id, false);
    const off = simulate(rt, '2027-03-04');
    expect(off.size).toBe(0);
    // On again on Friday: the week's Wednesday, not sent, is owed (late, once); then the next Wednesday.
    rt.callJson('campaignSetEnabled', id, true);
    expect(sorted(simulate(rt, '2027-03-10'))).toEqual(both('Wednesdays', ['2027-03-05', '2027-03-10']));
  });
});

describe('the e-mail: a section per campaign due, its action and channel, and a link to its worklist', () => {
  it('the worklist sheet found by its key (`worklist:<id>`), linked with its gid', async () => {
    const rt = await withCampaigns('2027-03-03T09:00:00Z', [campaign('Wednesdays', { kind: 'weekly', weekday: 3 })]);
    const [{ id }] = (rt.callJson('campaignsLoad') as CampaignsState).campaigns;
    // The rebuild writes the worklist sheet (owned, by developer metadata); here one made by hand.
    const sheet = rt.spreadsheet.insertSheet('Renamed by the user');
    sheet.addDeveloperMetadata('repeatSales.report', `worklist:${id}`);
    fire(rt);
    const mail = managerMails(rt).find((m) => m.to.includes('olga@example.com'))!;
    const url = `${rt.spreadsheet.getUrl()}#gid=${sheet.getSheetId()}`;
    expect(mail.body).toContain(`Wednesdays: 6 customers\nAction (call): Call them (Wednesdays)\n`);
    expect(mail.body).toContain(`Open the worklist: Wednesdays: ${url}`);
    expect(mail.htmlBody).toContain(`<a href="${url}"`);
  });
});

describe('control-group customers are in no e-mail', () => {
  const PER_MANAGER = 30;
  const names = (rows: unknown[][]) => [...new Set(rows.slice(1).map((r) => String(r[1])))];

  it('neither the managers’ e-mails (body, HTML, attachment) nor the test e-mail list them; everyone else is listed', async () => {
    const rows = orders('2027-03-03', PER_MANAGER);
    const rt = await withCampaigns(
      '2027-03-03T09:00:00Z',
      [campaign('Half held out', { kind: 'weekly', weekday: 3 }, { controlShare: 0.5 })],
      rows,
    );
    const [{ id }] = (rt.callJson('campaignsLoad') as CampaignsState).campaigns;
    const control = names(rows).filter((n) => isControl(id, customerKey(n), 0.5));
    const listed = names(rows).filter((n) => !control.includes(n));
    // A share of a half over 120 customers: both groups well filled (the hash is fixed, so this is not luck).
    expect(control.length).toBeGreaterThan(30);
    expect(listed.length).toBeGreaterThan(30);
    expect(fire(rt)).toMatchObject({ sent: 2, customers: listed.length });
    expect(rt.callJson('scheduleSendTest')).toMatchObject({ run: { sent: 1, customers: listed.length } });
    const mails = rt.sentMail.filter((m) => m.attachments.length > 0);
    expect(mails).toHaveLength(3);
    const everything = mails.map((m) => [m.body, m.htmlBody, m.attachments[0].bytes.toString('utf8')].join('\n')).join('\n');
    // Names end in a number: "Olga new 1" must not match "Olga new 12".
    const mentioned = (n: string) => new RegExp(`${n}(?![0-9])`).test(everything);
    expect(control.filter(mentioned)).toEqual([]);
    expect(listed.filter((n) => !mentioned(n))).toEqual([]);
  });
});

describe('the e-mail keeps each customer in the group the campaign log listed them in', () => {
  it('a customer listed as control stays out of the e-mail after the share is lowered', async () => {
    const rows = orders('2027-03-03', 30);
    const held = campaign('Half held out', { kind: 'weekly', weekday: 3 }, { controlShare: 0.5 });
    const rt = await withCampaigns('2027-03-03T09:00:00Z', [held], rows);
    const [{ id }] = (rt.callJson('campaignsLoad') as CampaignsState).campaigns;
    rt.call('rebuildAllReports'); // lists the target: half of it in the control group, in the log
    const names = [...new Set(rows.slice(1).map((r) => String(r[1])))];
    const control = names.filter((n) => isControl(id, customerKey(n), 0.5));
    // Lowered to a tenth: by the hash alone most of the old control group would now be e-mailed.
    expect(names.filter((n) => control.includes(n) && !isControl(id, customerKey(n), 0.1)).length).toBeGreaterThan(20);
    expect((rt.callJson('campaignSave', { ...held, id, controlShare: 0.1 }) as CampaignSaveResult).errors).toEqual({});
    expect(fire(rt)).toMatchObject({ sent: 2, customers: names.length - control.length });
    const everything = managerMails(rt)
      .map((m) => [m.body, m.htmlBody, m.attachments[0].bytes.toString('utf8')].join('\n'))
      .join('\n');
    expect(control.filter((n) => new RegExp(`${n}(?![0-9])`).test(everything))).toEqual([]);
  });
});

describe('"keep reports current": the daily run refreshes the reports first', () => {
  it('off (the default): no report is written by the run; on: every report is, and then the e-mails go', async () => {
    const rt = await withCampaigns('2027-03-03T09:00:00Z', [campaign('Wednesdays', { kind: 'weekly', weekday: 3 })]);
    const sheets = rt.sheetNames();
    fire(rt);
    expect(rt.sheetNames().filter((n) => !sheets.includes(n))).toEqual(['Send log']);
    expect((rt.callJson('scheduleSave', { ...SCHEDULE, keepReportsCurrent: true }) as { errors: object }).errors).toEqual({});
    rt.clock.advance(DAY); // Thursday: nothing due, the reports are refreshed all the same
    expect(fire(rt)).toMatchObject({ sent: 0, error: null });
    expect(rt.sheetNames()).toContain('Lifecycle matrix');
    const mailsBefore = managerMails(rt).length;
    rt.clock.advance(6 * DAY);
    expect(fire(rt)).toMatchObject({ sent: 2 });
    expect(managerMails(rt).length).toBe(mailsBefore + 2);
  });
});

// ------------------------------------------------------------------ migration

describe('stored version-1 and version-3 settings and an existing weekly trigger keep working, without any action from the user', () => {
  const KEY = 'repeatSales.settings';
  const STATE = 'repeatSales.scheduleState';
  const NOW = '2026-11-23T09:00:00Z'; // Monday, ISO week 2026-W48

  /** The schedule turned on by version 0.2 (its trigger), then its stored settings and record written as 0.2 wrote them. */
  async function upgraded(settings: object, state: object | null): Promise<Runtime> {
    const rt = await startRuntime({ Orders: orders('2026-11-23') }, { now: NOW, user: OWNER });
    expect((rt.callJson('scheduleTurnOn', SCHEDULE) as { errors: object }).errors).toEqual({});
    const text = JSON.stringify(settings);
    for (const store of [rt.properties.document, rt.properties.user]) {
      for (const k of Object.keys(store)) {
        if (k === KEY || k.startsWith(`${KEY}.`)) store[k] = text;
        if (k === STATE || k.startsWith(`${STATE}.`)) delete store[k];
      }
    }
    if (state) rt.properties.document[STATE] = JSON.stringify(state);
    return rt;
  }

  const v1 = {
    version: 1,
    reports: { actions: { new_active: 'Welcome call' } },
    schedule: {
      segments: ['new_active', 'prospective_sleeping'],
      weekday: 'MONDAY',
      hour: 8,
      recipients: { Olga: 'olga@example.com', Ivan: 'ivan@example.com' },
      fallbackEmail: '',
      language: null,
      allClear: false,
    },
  };

  it('version 1: the trigger sends the same segments on the same weekday, with the actions typed then', async () => {
    const rt = await upgraded(v1, null);
    expect(fire(rt)).toMatchObject({ sent: 2, error: null });
    const olga = managerMails(rt).find((m) => m.to.includes('olga@example.com'))!;
    expect(sectionsOf(olga.body)).toEqual(['Onboard New Active', 'Wake Prospective']);
    expect(olga.body).toContain('Action (e-mail): Welcome call');
    expect(fire(rt)).toBeNull();
    rt.clock.advance(DAY);
    expect(fire(rt)).toBeNull(); // Tuesday: not a day of the schedule
    rt.clock.advance(6 * DAY);
    expect(fire(rt)).toMatchObject({ sent: 2 }); // the next Monday
  });

  it('version 3 with the week already sent by 0.2: nothing again this week; next week as usual', async () => {
    const v3 = { ...v1, version: 3, reports: {} };
    const rt = await upgraded(v3, { period: '2026-W48', sentTo: ['olga@example.com', 'ivan@example.com'], pending: false });
    expect(fire(rt)).toBeNull();
    expect(managerMails(rt)).toEqual([]);
    rt.clock.advance(7 * DAY);
    expect(fire(rt)).toMatchObject({ sent: 2 });
  });

  it('version 3 with the week left unfinished by 0.2 (one address served): the upgrade serves only the other', async () => {
    const v3 = { ...v1, version: 3, reports: {} };
    const rt = await upgraded(v3, { period: '2026-W48', sentTo: ['olga@example.com'], pending: true });
    expect(fire(rt)).toMatchObject({ sent: 1, skipped: 1 });
    expect(managerMails(rt).map((m) => m.to)).toEqual([['ivan@example.com']]);
    rt.clock.advance(DAY);
    expect(fire(rt)).toBeNull();
  });

  it('the sidebar shows the migrated campaigns; saving once stores version 4', async () => {
    const rt = await upgraded(v1, null);
    const { campaigns } = rt.callJson('campaignsLoad') as CampaignsState;
    expect(campaigns.map((c) => [c.id, c.enabled])).toEqual([
      ['onboard', true],
      ['wake_up', true],
      ['reactivate', false],
      ['win_back', false],
    ]);
    rt.callJson('campaignSetEnabled', 'win_back', true);
    expect(JSON.parse(rt.properties.document[KEY]).version).toBe(4);
    expect(JSON.parse(rt.properties.document[KEY]).campaigns.list.map((c: { id: string }) => c.id)).toEqual([
      'onboard',
      'wake_up',
      'reactivate',
      'win_back',
    ]);
  });
});

// ------------------------------------------------------------------ results per period sent

describe('the results count each listing in the period the send records define: from a due day to the next', () => {
  const START = '2027-03-01'; // a Monday
  const ZONE = 'Europe/London';
  const UNTIL = '2027-04-12';
  const ENTRANTS = 15;
  /** Customer i buys once, on START - 30 + 3i: thirty days later, on START + 3i, they enter a target of "30 days since or more". */
  const entryDay = (i: number) => isoPlus(START, 3 * i);
  function isoPlus(iso: string, days: number): string {
    return new Date(Date.parse(`${iso}T00:00:00Z`) + days * DAY).toISOString().slice(0, 10);
  }
  function entrants(): unknown[][] {
    const rows: unknown[][] = [HEADER];
    for (let i = 0; i < ENTRANTS; i++) rows.push([isoPlus(entryDay(i), -30), `Entrant ${i}`, 100 + i, i % 2 ? 'Olga' : 'Ivan']);
    return rows;
  }
  const target = (over: Partial<CampaignInput>): CampaignInput => {
    const c = campaign('x', { kind: 'weekly', weekday: 1 }, over);
    return { ...c, target: { ...c.target, daysSince: { min: 30, max: null } } };
  };
  /** A campaign's section of the Campaign results sheet: each period's first and last day (ISO) and the customers listed. */
  function resultRows(rt: Runtime, name: string): [from: string, to: string, listed: number][] {
    const rows = rt.readSheet('Campaign results');
    const section = rows.findIndex((r) => typeof r[0] === 'string' && r[0].startsWith(`${name}: results window`));
    expect(section, name).toBeGreaterThan(0);
    const head = section + 1;
    const listed = rows[head].indexOf('Listed');
    const out: [string, string, number][] = [];
    for (let r = head + 1; rows[r][0] instanceof Date; r++) {
      // The spreadsheet's days (the runtime's zone is Europe/London, on summer time from 28 March).
      out.push([isoDay(rows[r][0] as Date, ZONE), isoDay(rows[r][1] as Date, ZONE), rows[r][listed] as number]);
    }
    return out;
  }
  /** Entrants listed on the days [from, to], counted from the orders (one listing each: nobody leaves the target). */
  const enteredIn = (from: string, to: string) =>
    Array.from({ length: ENTRANTS }, (_, i) => entryDay(i)).filter((d) => d >= from && d <= to && d <= UNTIL).length;

  it('a weekly campaign sent on Fridays and a monthly one on the 10th, over six weeks of daily runs and rebuilds', async () => {
    const rt = await withCampaigns(
      `${START}T09:00:00Z`,
      [
        target({ name: 'Fridays', cadence: { kind: 'weekly', weekday: 5 } }),
        target({ name: 'Tenth', cadence: { kind: 'monthly', day: 10 } }),
      ],
      entrants(),
    );
    // Each morning the campaigns' sheets are rebuilt (listing the day's entrants), then the trigger runs.
    const got = simulate(rt, UNTIL, () => {
      rt.callJson('sidebarBuild', { kind: 'campaigns' });
    });
    // Sent on their days (the schedule was turned on on Monday 1 March: February's 10th and the Friday before are not owed).
    const fridays = ['03-05', '03-12', '03-19', '03-26', '04-02', '04-09'].map((d) => `2027-${d}`);
    expect(sorted(got)).toEqual([...both('Fridays', fridays), ...both('Tenth', ['2027-03-10', '2027-04-10'])]);
    // The Send log's periods: ISO weeks for Fridays, the month of the due day for the 10th.
    const log = rt.readSheet('Send log').slice(1);
    const periodsOf = (name: string) => [...new Set(log.filter((r) => String(r[3]).split(', ').includes(name)).map((r) => String(r[1])))];
    expect(periodsOf('Tenth')).toEqual(['2027-03', '2027-04']);
    expect(periodsOf('Fridays')).toEqual(['2027-W09', '2027-W10', '2027-W11', '2027-W12', '2027-W13', '2027-W14']);
    // The results, by hand: each period runs from a due day to the day before the next; 1-4 March and 1-9 March
    // belong to the periods of 26 February and 10 February, which started before the schedule did.
    const weekly: [string, string][] = [['2027-02-26', '2027-03-04']];
    for (const f of fridays) weekly.push([f, isoPlus(f, 6)]);
    expect(resultRows(rt, 'Fridays')).toEqual(weekly.map(([from, to]) => [from, to, enteredIn(from, to)]));
    const monthly: [string, string][] = [
      ['2027-02-10', '2027-03-09'],
      ['2027-03-10', '2027-04-09'],
      ['2027-04-10', '2027-05-09'],
    ];
    expect(resultRows(rt, 'Tenth')).toEqual(monthly.map(([from, to]) => [from, to, enteredIn(from, to)]));
    // Every customer listed is counted once, in one period; every period sent starts on the day it was sent.
    for (const name of ['Fridays', 'Tenth']) expect(resultRows(rt, name).reduce((n, r) => n + r[2], 0)).toBe(enteredIn(START, UNTIL));
    for (const day of [...fridays, '2027-03-10', '2027-04-10'])
      expect(
        [...resultRows(rt, 'Fridays'), ...resultRows(rt, 'Tenth')].some(([from]) => from === day),
        day,
      ).toBe(true);
  });
});
