/**
 * What a section of the sidebar gets from the app: the server's state, the
 * translator and formatters, each section's memory across re-renders, and the few
 * actions that cross sections (reload, re-render, save the parameters first).
 * Sections take this interface; only app.ts implements it, so no section imports
 * the app back.
 */
import type { BandSuggestion, BuildKind, BuildResult, CampaignsState, DataInfo, ScheduleState, SidebarState } from '../src/addon/api';
import type { CampaignForm } from './campaignForm';
import type { Lang } from '../src/i18n/catalogue';
import type { Translate } from './i18n';
import type { ScheduleForm } from './scheduleForm';
import type { SettingsField } from './settingsForm';

export type SectionId = 'section-data' | 'section-actions' | 'section-params' | 'section-campaigns' | 'section-schedule';

export interface SidebarContext {
  readonly state: SidebarState;
  readonly t: Translate;
  /** Section id -> open. */
  readonly openSections: Map<string, boolean>;
  readonly data: DataMemory;
  readonly params: ParamsMemory;
  readonly actions: ActionsMemory;
  readonly schedule: ScheduleMemory;
  readonly campaigns: CampaignsMemory;
  /** The data section shows an inspected (previewed) sheet while one is being applied. */
  dataInfo(): DataInfo;
  num(n: number, fractionDigits?: number): string;
  date(iso: string): string;
  /** Reloads the whole state from the server; keeps unsaved parameters when asked. */
  reload(keepDraft: boolean): Promise<void>;
  /** Re-renders one section's body in place. */
  rerender(id: SectionId): void;
  /** Saves the parameters form when it has unsaved changes; false when it could not be saved. */
  saveParams(): Promise<boolean>;
}

/** Where a result is shown: one slot per button (a report kind), and "rebuild all". */
export type Slot = BuildKind | 'all';

export interface SlotView {
  /** Progress text while running. */
  running: string | null;
  items: ({ ok: BuildResult } | { error: string; step?: string })[];
  footer: string | null;
}

export interface ActionsMemory {
  results: Map<Slot, SlotView>;
  running: Set<Slot>;
  /** The segment chosen for "open list". */
  segment: string | null;
  /** The model check's split date as typed ('' = the server's default). */
  splitDate: string;
  /** The Team group's parameters as typed, null while they show the saved settings. */
  team: TeamDraft | null;
}

/** The Team group's parameters as the user left them, and what saving them said. */
export interface TeamDraft {
  /** Plan growth as typed, in percent ("10"). */
  planGrowth: string;
  keyCustomersTop: string;
  problem: string | null;
  busy: boolean;
}

export interface DataMemory {
  /** A sheet/mapping being applied, shown before the save and reload finish. */
  preview: DataInfo | null;
  busy: boolean;
  error: string | null;
}

export interface ParamsMemory {
  /** Field -> message shown under it (from the browser's check or the server). */
  problems: Partial<Record<SettingsField, string>>;
  status: { kind: 'ok' | 'error'; text: string } | null;
  busy: boolean;
  suggest: SuggestMemory;
}

/** The bands the data suggests, kept across re-renders (dropped when the language changes). */
export interface SuggestMemory {
  busy: boolean;
  result: BandSuggestion | null;
  error: string | null;
  /** The suggestion was applied and saved. */
  applied: boolean;
  /** The language of the server's sentences. */
  lang?: Lang;
}

export interface ScheduleMemory {
  state: ScheduleState | null;
  loading: boolean;
  loadError: string | null;
  form: ScheduleForm | null;
  /** Field (`segments`, `when`, `recipients`, `recipients.<manager>`, `fallbackEmail`, `language`) -> message. */
  problems: Record<string, string>;
  /** The outcome of the last action; `grant` carries the consent page when permissions are missing. */
  status: { kind: 'ok' | 'error'; text: string; grant?: string | null } | null;
  busy: 'save' | 'on' | 'off' | 'test' | null;
}

export function newScheduleMemory(): ScheduleMemory {
  return { state: null, loading: false, loadError: null, form: null, problems: {}, status: null, busy: null };
}

export interface CampaignsMemory {
  state: CampaignsState | null;
  loadError: string | null;
  form: CampaignForm | null;
  /** Field (`name`, `target.segments`, `cadence`...) -> message. */
  problems: Record<string, string>;
  status: { kind: 'ok' | 'error'; text: string } | null;
  busy: boolean;
}

export function newCampaignsMemory(): CampaignsMemory {
  return { state: null, loadError: null, form: null, problems: {}, status: null, busy: false };
}
