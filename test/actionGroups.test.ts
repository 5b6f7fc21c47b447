// The sidebar's report buttons come from one list (sidebar/actionGroups.ts): a group is folded until
// it is opened or one of its reports exists, and adding a report's button is one entry in the list.
import { describe, expect, it } from 'vitest';
import { ACTION_GROUPS, groupKinds, groupOpen, stepKey } from '../sidebar/actionGroups';
import { REBUILT_BY_ALL } from '../src/addon/api';
import { REPORT_BUILDERS } from '../src/addon/reportBuilders';
import { messagesOf } from '../src/i18n/catalogue';

const group = (id: string) => ACTION_GROUPS.find((g) => g.id === id)!;

describe('the report buttons, in groups, from one list', () => {
  it('Customer base, Team and Forecast; the Team group has its parameters and the Managers button', () => {
    expect(ACTION_GROUPS.map((g) => g.id)).toEqual(['base', 'team', 'forecast']);
    expect(group('team').items.map((i) => (i.type === 'build' ? i.kind : i.type))).toEqual([
      'teamParams',
      'managers',
      'trends',
      'funnel',
      'keyCustomers',
    ]);
  });

  it('every button builds a kind the server builds, with a label and a step name in every language', () => {
    for (const g of ACTION_GROUPS) {
      for (const item of g.items) {
        if (item.type !== 'build') continue;
        expect(Object.keys(REPORT_BUILDERS)).toContain(item.kind);
        for (const lang of ['en', 'ru', 'uk'] as const) {
          expect(messagesOf(lang)[item.label], `${item.label} in ${lang}`).toBeTruthy();
          expect(messagesOf(lang)[item.step], `${item.step} in ${lang}`).toBeTruthy();
        }
      }
    }
    expect(stepKey('managers')).toBe('sb.kind.managers');
    expect(stepKey('segmentList')).toBe('sb.kind.segmentList');
  });

  it('the base group is open; another opens once a report of it exists', () => {
    expect(groupOpen(group('base'), [])).toBe(true);
    expect(groupOpen(group('team'), [])).toBe(false);
    expect(groupOpen(group('team'), [{ key: 'matrix' }])).toBe(false);
    expect(groupOpen(group('team'), [{ key: 'managers' }])).toBe(true);
    expect(groupOpen(group('forecast'), [{ key: 'modelCheck' }])).toBe(true);
    expect(groupKinds(group('base'))).toEqual(['matrix', 'segmentList', 'migration', 'lost', 'whatIf']);
  });

  it('Rebuild all makes every button of the base and Team groups', () => {
    const buttons = ACTION_GROUPS.filter((g) => g.id !== 'forecast').flatMap((g) =>
      g.items.flatMap((i) => (i.type === 'build' ? [i.kind] : [])),
    );
    expect([...REBUILT_BY_ALL].sort()).toEqual(buttons.sort());
  });
});
