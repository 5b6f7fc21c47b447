/** What "rebuild all" runs, in order. Pure, so the order is tested. */
import { type BuildKind, type BuildRequest, REBUILT_BY_ALL, type SidebarState } from '../src/addon/api';

/** The reports every "rebuild all" makes, in the order they are built: the server's list. */
export const ALWAYS_REBUILT: readonly BuildKind[] = REBUILT_BY_ALL;

/**
 * The main reports and the team's, then the list of every segment that already
 * has a list sheet (report key `segmentList:<segment>`), so the lists stay current too.
 */
export function rebuildPlan(reports: SidebarState['reports'], segments: SidebarState['segments']): BuildRequest[] {
  const plan: BuildRequest[] = ALWAYS_REBUILT.map((kind) => ({ kind }));
  const known = new Set(segments.map((s) => s.key));
  const seen = new Set<string>();
  for (const report of reports) {
    const m = /^segmentList[:_/](.+)$/.exec(report.key);
    if (m && known.has(m[1]) && !seen.has(m[1])) {
      seen.add(m[1]);
      plan.push({ kind: 'segmentList', segment: m[1] });
    }
  }
  return plan;
}
