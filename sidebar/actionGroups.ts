/**
 * The sidebar's report buttons, in groups: the one list the Reports section is
 * drawn from. A report built from the context alone is one `build` entry (its
 * kind, button id and labels); adding a button to a group is adding its entry here
 * (the kind must be a BuildKind the server builds). Pure, so it is tested.
 */
import type { BuildKind } from '../src/addon/api';
import type { MessageKey } from '../src/i18n/catalogue';

/** A button that builds one report from the saved parameters. */
export interface BuildEntry {
  type: 'build';
  kind: BuildKind;
  /** The button's id (and test id); its result slot is `result-<kind>`. */
  id: string;
  /** The button's text. */
  label: MessageKey;
  /** The report's name in "Rebuild all"'s progress and in messages. */
  step: MessageKey;
}

/** Controls that are more than a button: the segment picker, the model check's date, the team's parameters. */
export type GroupItem = BuildEntry | { type: 'segmentList' } | { type: 'modelCheck' } | { type: 'teamParams' };

export interface ActionGroup {
  id: 'base' | 'team' | 'forecast';
  title: MessageKey;
  items: GroupItem[];
  /** Open until the user folds it; other groups open once one of their reports exists (or the user opens them). */
  openByDefault: boolean;
}

const build = (kind: BuildKind, id: string, label: MessageKey, step: MessageKey): BuildEntry => ({ type: 'build', kind, id, label, step });

export const ACTION_GROUPS: readonly ActionGroup[] = [
  {
    id: 'base',
    title: 'sb.group.base',
    openByDefault: true,
    items: [
      build('matrix', 'build-matrix', 'sb.actions.matrix', 'sb.kind.matrix'),
      { type: 'segmentList' },
      build('migration', 'build-migration', 'sb.actions.migration', 'sb.kind.migration'),
      build('lost', 'build-lost', 'sb.actions.lost', 'sb.kind.lost'),
      build('whatIf', 'build-whatif', 'sb.actions.whatIf', 'sb.kind.whatIf'),
    ],
  },
  {
    id: 'team',
    title: 'sb.group.team',
    openByDefault: false,
    items: [
      { type: 'teamParams' },
      build('managers', 'build-managers', 'sb.actions.managers', 'sb.kind.managers'),
      build('trends', 'build-trends', 'sb.actions.trends', 'sb.kind.trends'),
      build('funnel', 'build-funnel', 'sb.actions.funnel', 'sb.kind.funnel'),
      build('keyCustomers', 'build-keycustomers', 'sb.actions.keyCustomers', 'sb.kind.keyCustomers'),
    ],
  },
  {
    id: 'forecast',
    title: 'sb.group.forecast',
    openByDefault: false,
    items: [{ type: 'modelCheck' }],
  },
];

/** The report's name for "Rebuild all"'s progress: from its entry; `sb.kind.<kind>` for the segment list and the model check. */
export function stepKey(kind: BuildKind): MessageKey {
  for (const group of ACTION_GROUPS) for (const item of group.items) if (item.type === 'build' && item.kind === kind) return item.step;
  return `sb.kind.${kind}` as MessageKey;
}

/** The report kinds a group builds (the report keys a sheet of it carries start with them). */
export function groupKinds(group: ActionGroup): BuildKind[] {
  return group.items.flatMap((item): BuildKind[] =>
    item.type === 'build' ? [item.kind] : item.type === 'segmentList' ? ['segmentList'] : item.type === 'modelCheck' ? ['modelCheck'] : [],
  );
}

/** Whether a group starts open: by default, or because a report of it exists. */
export function groupOpen(group: ActionGroup, reports: readonly { key: string }[]): boolean {
  if (group.openByDefault) return true;
  const kinds = groupKinds(group);
  return reports.some((r) => kinds.some((kind) => r.key === kind || r.key.startsWith(`${kind}:`)));
}
