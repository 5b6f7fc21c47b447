// Campaign settings (docs/definitions.md: campaigns): the seeds' defaults, the strict
// check of a saved campaign (each field its own message naming the field and the
// value, in en/ru/uk), the lenient reading of a stored list, stable ids that are
// never reused, and the migration of the weekly schedule of settings version 1-3.
import { describe, expect, it } from 'vitest';
import {
  blankCampaign,
  checkCampaign,
  defaultCampaigns,
  migrateSchedule,
  putCampaign,
  readCampaigns,
  removeCampaign,
  type CampaignInput,
} from '../src/addon/campaignSettings';
import { parseStoredSettings, serializeSettings } from '../src/addon/settings';
import { defaultSchedule } from '../src/addon/scheduleSettings';
import { dayOfIso } from '../src/core/isoDates';
import { t } from '../src/i18n/catalogue';

const today = dayOfIso('2026-11-23');

/** A campaign the sidebar could send: every field valid. */
const good = (over: Partial<CampaignInput> = {}): CampaignInput => ({
  ...blankCampaign(),
  name: 'Call sleeping A',
  action: 'Call and offer a discount',
  target: { ...blankCampaign().target, segments: ['regular_sleeping'], abc: ['A'] },
  ...over,
});

describe('the defaults are the seeds’ campaigns', () => {
  it('onboard New Active by e-mail, wake up Prospective Sleeping by e-mail, reactivate Regular Sleeping and Lapsed by call, win back lost A and B by call', () => {
    const { campaigns, nextId } = defaultCampaigns('en');
    expect(nextId).toBe(1);
    expect(campaigns.map((c) => [c.id, c.target.segments, c.channel, c.target.lost, c.target.abc, c.enabled])).toEqual([
      ['onboard', ['new_active'], 'email', null, [], true],
      ['wake_up', ['prospective_sleeping'], 'email', null, [], true],
      ['reactivate', ['regular_sleeping', 'regular_lapsed'], 'call', null, [], true],
      ['win_back', [], 'call', true, ['A', 'B'], true],
    ]);
    for (const c of campaigns) {
      expect(c.cadence).toEqual({ kind: 'weekly', weekday: 1 });
      expect(c.controlShare).toBe(0);
      expect(c.resultsWindowDays).toBe(30);
      expect(checkCampaign(c, 'en').errors).toEqual({});
    }
  });

  it('their actions are the segments’ actions (the actions column), the user’s own text first', () => {
    const [onboard, wakeUp, reactivate, winBack] = defaultCampaigns('en', { prospective_sleeping: '  Send the spring offer ' }).campaigns;
    expect(onboard.action).toBe(t('en', 'report.action.new_active'));
    expect(wakeUp.action).toBe('Send the spring offer');
    expect(reactivate.action).toBe(`${t('en', 'report.action.regular_sleeping')} ${t('en', 'report.action.regular_lapsed')}`);
    expect(winBack.action).toMatch(/^Call while little time has passed/);
  });

  it.each(['en', 'ru', 'uk'] as const)('named in the reader’s language (%s)', (lang) => {
    const names = defaultCampaigns(lang).campaigns.map((c) => c.name);
    expect(names).toEqual(['onboard', 'wake_up', 'reactivate', 'win_back'].map((id) => t(lang, `camp.default.${id}` as never)));
    expect(new Set(names).size).toBe(4);
  });
});

describe('a campaign is checked strictly on save: each field its own message, naming the field and the value', () => {
  it('a good one passes, normalised (text trimmed, lists in their order, each once)', () => {
    const { campaign, errors } = checkCampaign(
      good({
        name: '  Sleeping A ',
        target: { ...good().target, segments: ['regular_lapsed', 'new_active', 'new_active'], xyz: ['Z', 'X'] },
      }),
      'en',
    );
    expect(errors).toEqual({});
    expect(campaign.name).toBe('Sleeping A');
    expect(campaign.target.segments).toEqual(['new_active', 'regular_lapsed']);
    expect(campaign.target.xyz).toEqual(['X', 'Z']);
  });

  it.each([
    ['name', { name: '  ' }, 'Name: "  ": give a name of 1 to 100 characters'],
    ['action', { action: 'x'.repeat(501) }, `Action: "${'x'.repeat(60)}…": say what the manager does, in 1 to 500 characters`],
    ['channel', { channel: 'fax' }, 'Channel: "fax": use call, email, messenger'],
    [
      'cadence',
      { cadence: { kind: 'weekly', weekday: 8 } },
      'Cadence: "{"kind":"weekly","weekday":8}": weekly on a weekday (1 Monday to 7 Sunday) or monthly on a day from 1 to 31',
    ],
    [
      'cadence',
      { cadence: { kind: 'monthly', day: 0 } },
      'Cadence: "{"kind":"monthly","day":0}": weekly on a weekday (1 Monday to 7 Sunday) or monthly on a day from 1 to 31',
    ],
    ['controlShare', { controlShare: 0.6 }, 'Control group: "0.6": a share from 0 to 50%'],
    ['resultsWindowDays', { resultsWindowDays: 0 }, 'Results window, days: "0": a whole number from 1 to 365'],
    ['resultsWindowDays', { resultsWindowDays: 30.5 }, 'Results window, days: "30.5": a whole number from 1 to 365'],
    ['resultsWindowDays', { resultsWindowDays: null }, 'Results window, days: "null": a whole number from 1 to 365'],
    ['enabled', { enabled: 'yes' }, 'On: "yes": on or off'],
  ])('%s: %j', (field, over, message) => {
    const { errors } = checkCampaign({ ...good(), ...over }, 'en');
    expect(errors).toEqual({ [field]: message });
  });

  it.each([
    ['segments', ['regular_sleeping', 'vip'], 'Segments: "["regular_sleeping","vip"]": use only new_active'],
    ['abc', ['A', 'D'], 'ABC classes: "["A","D"]": use only A, B, C'],
    ['xyz', 'X', 'XYZ classes: "X": use only X, Y, Z'],
    ['lost', 'yes', 'Lost: "yes": lost, not lost, or either'],
    ['pAlive', { min: 0.5, max: 0.2 }, 'P(alive): "{"min":0.5,"max":0.2}": shares from 0 to 1, the first no more than the second'],
    ['pAlive', { min: 0, max: 1.5 }, 'P(alive): "{"min":0,"max":1.5}": shares from 0 to 1'],
    ['minPurchases', 0, 'Purchases at least: "0": a whole number from 1 to 1000000'],
    ['daysSince', { min: -1, max: null }, 'Days since the last purchase: "{"min":-1,"max":null}": whole days from 0 to 36500'],
    ['daysSince', { min: 10.5, max: 20 }, 'Days since the last purchase: "{"min":10.5,"max":20}": whole days'],
    ['managers', 'Olga', 'Managers: "Olga": a list of manager names'],
    ['npsDetractorsDays', 2.5, 'NPS detractors of the last days: "2.5": a whole number from 1 to 36500'],
  ])('target.%s: %j', (field, value, message) => {
    const { errors } = checkCampaign({ ...good(), target: { ...good().target, [field]: value } }, 'en');
    expect(Object.keys(errors)).toEqual([`target.${field}`]);
    expect(errors[`target.${field}`].startsWith(message)).toBe(true);
  });

  it('every wrong field at once, each under its own key; a missing field is named', () => {
    const input: Record<string, unknown> = { ...good(), name: '', channel: 'sms', target: { ...good().target, abc: ['Q'] } };
    delete input.cadence;
    const { errors } = checkCampaign(input, 'en');
    expect(Object.keys(errors).sort()).toEqual(['cadence', 'channel', 'name', 'target.abc']);
    expect(errors.cadence).toBe('Cadence: missing');
  });

  it.each([
    ['ru', 'Канал: «fax»: укажите call, email, messenger', 'Контрольная группа: «0.9»: доля от 0 до 50%'],
    ['uk', 'Канал: «fax»: вкажіть call, email, messenger', 'Контрольна група: «0.9»: частка від 0 до 50%'],
  ] as const)('in %s too', (lang, channel, share) => {
    const { errors } = checkCampaign({ ...good(), channel: 'fax', controlShare: 0.9 }, lang);
    expect(errors).toEqual({ channel, controlShare: share });
  });

  it('not a campaign at all: one message with the value', () => {
    expect(checkCampaign([1, 2], 'en').errors).toEqual({ campaign: 'not a campaign: [1,2]' });
    expect(checkCampaign({ ...good(), target: 'everyone' }, 'en').errors).toEqual({ target: 'Target: not a campaign: everyone' });
  });
});

describe('ids are stable and never reused', () => {
  it('a new campaign gets the next c<n>; an edit keeps its id and place; a deleted id is never given again', () => {
    let settings = defaultCampaigns('en');
    const first = putCampaign(settings, null, checkCampaign(good(), 'en').campaign)!;
    expect(first.id).toBe('c1');
    settings = removeCampaign(first.settings, 'c1');
    const second = putCampaign(settings, null, checkCampaign(good({ name: 'Another' }), 'en').campaign)!;
    expect(second.id).toBe('c2');
    const edited = putCampaign(second.settings, 'onboard', checkCampaign(good({ name: 'Onboard, edited' }), 'en').campaign)!;
    expect(edited.settings.campaigns.map((c) => c.id)).toEqual(['onboard', 'wake_up', 'reactivate', 'win_back', 'c2']);
    expect(edited.settings.campaigns[0].name).toBe('Onboard, edited');
    expect(putCampaign(edited.settings, 'c1', checkCampaign(good(), 'en').campaign)).toBeNull();
  });

  it('a stored counter behind the list (an old copy) moves past the ids in use', () => {
    const stored = { list: [{ ...good(), id: 'c7' }], nextId: 3 };
    expect(readCampaigns(stored, 'en').settings.nextId).toBe(8);
  });

  it('saved, the list and the counter survive the stored JSON', () => {
    const put = putCampaign(defaultCampaigns('en'), null, checkCampaign(good(), 'en').campaign)!;
    const text = serializeSettings({
      reports: parseStoredSettings(null, 'en', today).reports,
      schedule: defaultSchedule(),
      campaigns: put.settings,
    });
    const read = parseStoredSettings(text, 'uk', today);
    expect(read.warning).toBeNull();
    expect(read.campaigns).toEqual(put.settings);
  });
});

describe('the stored list is read leniently: a bad field falls back on its own, with a warning naming it', () => {
  const read = (list: unknown[], nextId: unknown = 1) => readCampaigns({ list, nextId }, 'en');

  it('a bad channel alone falls back; the rest of the campaign is kept', () => {
    const { settings, bad } = read([{ ...good(), id: 'c1', channel: 'pigeon' }]);
    expect(settings.campaigns[0]).toEqual({ ...good(), id: 'c1', channel: 'call' });
    expect(bad).toEqual(['campaign "Call sleeping A": Channel']);
  });

  it('a bad target condition also turns the campaign off: "any" in its place would list customers nobody chose', () => {
    const { settings, bad } = read([{ ...good(), id: 'c1', target: { ...good().target, segments: 'all' } }]);
    expect(settings.campaigns[0].enabled).toBe(false);
    expect(settings.campaigns[0].target.segments).toEqual([]);
    expect(settings.campaigns[0].target.abc).toEqual(['A']);
    expect(bad).toEqual(['campaign "Call sleeping A": Segments']);
  });

  it('an entry without a readable id, or a second with the same id, is left out, named by its place', () => {
    const { settings, bad } = read([{ ...good(), id: 'c1' }, 'junk', { ...good(), id: 'C 2' }, { ...good(), id: 'c1' }]);
    expect(settings.campaigns.map((c) => c.id)).toEqual(['c1']);
    expect(bad).toEqual(['campaign 2 (unreadable, left out)', 'campaign 3 (unreadable, left out)', 'campaign 4 (unreadable, left out)']);
  });

  it('fields that are not there (an older copy) take their defaults silently', () => {
    const { settings, bad } = read([{ id: 'c1', name: 'Old', action: 'Call', target: { segments: ['new_active'] } }]);
    expect(bad).toEqual([]);
    expect(settings.campaigns[0]).toMatchObject({ id: 'c1', name: 'Old', resultsWindowDays: 30, controlShare: 0, enabled: true });
    expect(settings.campaigns[0].target).toMatchObject({ segments: ['new_active'], npsDetractorsDays: null });
  });

  it('a campaign without a target is off (it would list everyone), with a warning', () => {
    const { settings, bad } = read([{ id: 'c1', name: 'No target', action: 'Call' }]);
    expect(settings.campaigns[0].enabled).toBe(false);
    expect(bad).toEqual(['campaign "No target": Target']);
  });

  it('the whole list unreadable: no campaigns (not the defaults, which would mail customers nobody chose), with a warning', () => {
    expect(readCampaigns('campaigns', 'en')).toEqual({ settings: { campaigns: [], nextId: 1 }, bad: ['Campaigns'] });
    expect(readCampaigns({ list: 5 }, 'ru')).toEqual({ settings: { campaigns: [], nextId: 1 }, bad: ['Кампании'] });
  });

  it('the warning reaches the user through the stored settings, in their language', () => {
    const text = JSON.stringify({
      version: 4,
      reports: {},
      schedule: {},
      campaigns: { list: [{ ...good(), id: 'c1', controlShare: 2 }], nextId: 2 },
    });
    expect(parseStoredSettings(text, 'ru', today).warning).toContain('кампания «Call sleeping A»: Контрольная группа');
  });
});

describe('the weekly schedule of settings version 1-3 becomes campaigns: existing schedules keep sending the same customers on the same day', () => {
  it('the default schedule: the three seeded campaigns on, on its weekday; the win-back (never sent before) off', () => {
    const { campaigns } = migrateSchedule(
      { segments: ['new_active', 'prospective_sleeping', 'regular_sleeping', 'regular_lapsed'], weekday: 'WEDNESDAY' },
      'en',
      {},
    );
    expect(campaigns.map((c) => [c.id, c.target.segments, c.enabled, c.cadence])).toEqual([
      ['onboard', ['new_active'], true, { kind: 'weekly', weekday: 3 }],
      ['wake_up', ['prospective_sleeping'], true, { kind: 'weekly', weekday: 3 }],
      ['reactivate', ['regular_sleeping', 'regular_lapsed'], true, { kind: 'weekly', weekday: 3 }],
      ['win_back', [], false, { kind: 'weekly', weekday: 3 }],
    ]);
  });

  it('other segments become campaigns of their own with their (edited) action; seeds left without a segment are off', () => {
    const { campaigns } = migrateSchedule({ segments: ['regular_active', 'regular_lapsed', 'new_lapsed'], weekday: 'SUNDAY' }, 'en', {
      regular_active: 'Thank them',
    });
    expect(campaigns.filter((c) => c.enabled).map((c) => [c.id, c.target.segments, c.action])).toEqual([
      ['reactivate', ['regular_lapsed'], t('en', 'report.action.regular_lapsed')],
      ['seg_new_lapsed', ['new_lapsed'], t('en', 'report.action.new_lapsed')],
      ['seg_regular_active', ['regular_active'], 'Thank them'],
    ]);
    expect(campaigns.find((c) => c.id === 'seg_regular_active')!.name).toBe('Regular Active');
    expect(campaigns.every((c) => c.cadence.kind === 'weekly' && c.cadence.weekday === 7)).toBe(true);
    for (const c of campaigns) expect(checkCampaign(c, 'en').errors).toEqual({});
  });

  it('an unreadable stored schedule: the old default (four segments, Monday)', () => {
    for (const raw of [undefined, 'weekly', { segments: 'all', weekday: 9 }]) {
      const on = migrateSchedule(raw, 'en', {}).campaigns.filter((c) => c.enabled);
      expect(on.map((c) => c.id)).toEqual(['onboard', 'wake_up', 'reactivate']);
      expect(on.every((c) => c.cadence.kind === 'weekly' && c.cadence.weekday === 1)).toBe(true);
    }
  });

  it('stored version-1 settings with a schedule: read as campaigns, with the segment actions typed then', () => {
    const v1 = JSON.stringify({
      version: 1,
      reports: { actions: { new_active: 'Welcome call' }, xyzBounds: [0.5] },
      schedule: { segments: ['new_active', 'regular_lapsed'], weekday: 'TUESDAY', hour: 7, recipients: { Olga: 'olga@example.com' } },
    });
    const read = parseStoredSettings(v1, 'en', today);
    expect(read.warning).toBeNull();
    expect(read.schedule).toMatchObject({ hour: 7, recipients: { Olga: 'olga@example.com' }, keepReportsCurrent: false });
    const on = read.campaigns.campaigns.filter((c) => c.enabled);
    expect(on.map((c) => [c.id, c.target.segments, c.action, c.cadence])).toEqual([
      ['onboard', ['new_active'], 'Welcome call', { kind: 'weekly', weekday: 2 }],
      ['reactivate', ['regular_lapsed'], t('en', 'report.action.regular_lapsed'), { kind: 'weekly', weekday: 2 }],
    ]);
    // Saved once, they are version 4 and read back the same.
    expect(parseStoredSettings(serializeSettings(read), 'en', today).campaigns).toEqual(read.campaigns);
  });

  it('stored version-3 settings: the same', () => {
    const v3 = JSON.stringify({ version: 3, reports: {}, schedule: { segments: ['prospective_sleeping'], weekday: 'FRIDAY' } });
    const on = parseStoredSettings(v3, 'en', today).campaigns.campaigns.filter((c) => c.enabled);
    expect(on.map((c) => [c.id, c.cadence])).toEqual([['wake_up', { kind: 'weekly', weekday: 5 }]]);
  });
});
