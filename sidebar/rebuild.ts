/** What "rebuild all" runs, in order. Pure, so the order is tested. */
import { type BuildKind, type BuildRequest, fullRebuildPlan, REBUILT_BY_ALL, type SidebarState } from '../src/addon/api';

/** The reports every "rebuild all" makes, in the order they are built: the server's list. */
export const ALWAYS_REBUILT: readonly BuildKind[] = REBUILT_BY_ALL;

/**
 * The server's plan of a full rebuild (fullRebuildPlan, the menu's too): the main
 * reports and the team's, the list of every segment that already has a list sheet,
 * then the campaigns' worklists and results.
 */
export function rebuildPlan(reports: SidebarState['reports'], segments: SidebarState['segments']): BuildRequest[] {
  return fullRebuildPlan(
    reports.map((r) => r.key),
    segments.map((s) => s.key),
  );
}
