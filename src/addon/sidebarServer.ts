/**
 * The server side of the sidebar: each function here is a global that the sidebar
 * calls through google.script.run (see ServerApi). Errors reach the sidebar's failure
 * handler as one readable line in the user's language.
 */
import { detectColumns } from '../core/columns';
import { UserError } from '../core/errors';
import { isoOfDay } from '../core/isoDates';
import { lifecycleSegments, segmentKey, SEGMENT_COUNT } from '../core/lifecycle';
import { buildSummary } from '../core/summary';
import { type Lang, messagesOf, parseLang, t } from '../i18n/catalogue';
import { relabelSendLog } from '../gas/sendLog';
import { saveLangChoice, saveSettingsText } from '../gas/storage';
import { headerRow, userSheets } from '../gas/spreadsheet';
import { ownedReports } from '../gas/writeSheet';
import { segmentName } from '../reports/layout';
import { ModelError } from '../core/predictive/messages';
import { explainBands, suggestBands } from '../core/suggestBands';
import type {
  BandSuggestion,
  BuildRequest,
  BuildResult,
  DataInfo,
  Mapping,
  ReportSettings,
  SaveResult,
  ServerApi,
  SidebarState,
} from './api';
import { npsMappingProblem } from './npsTable';
import { dataInfoError, dataInfoOf, type ReadTable } from './ordersTable';
import { findOrdersSheet, notBuilt, readOrdersSheet, runBuild } from './reportRun';
import { logHeader } from './scheduleRun';
import { type AddonSession, openSession } from './session';
import { asOfDay, checkSettings, defaultSettings, reportParams, serializeSettings } from './settings';

/** Reads the orders for the data section; a tab that cannot be read becomes DataInfo.error, not a failure. */
function inspect(
  session: AddonSession,
  name: string | null,
  mapping: Mapping | null,
): { info: DataInfo; table: ReadTable | null; customers: Int32Array | null; segments: Uint8Array | null } {
  const sheets = userSheets(session.ss).map((s) => s.name);
  try {
    const table = readOrdersSheet(session, name, mapping);
    const asOf = asOfDay(session.settings, session.today);
    const summary = buildSummary(table.read.orders, { asOf });
    const segments = lifecycleSegments(summary, reportParams(session.settings, asOf).bands);
    const when = { asOf, sleepingTo: session.settings.recencyBands[1] };
    return { info: dataInfoOf(sheets, table, summary.size, session.lang, when), table, customers: summary.purchases, segments };
  } catch (e) {
    if (!(e instanceof UserError)) throw e;
    let sheetName = name;
    let headers: string[] = [];
    try {
      const found = findOrdersSheet(session, name);
      sheetName = found.name;
      headers = headerRow(found.sheet, true).map(String);
    } catch {
      // No such tab: the error already says so.
    }
    return {
      info: dataInfoError(sheets, sheetName, headers, mapping, e.messageIn(session.lang, session.locale)),
      table: null,
      customers: null,
      segments: null,
    };
  }
}

/**
 * Whether the orders the settings point at have a profit or margin column (mapped, or
 * found from the headers): ABC by profit needs one. One read, the header row; a tab
 * that cannot be found has none.
 */
function hasProfitColumn(session: AddonSession, settings: ReportSettings): boolean {
  let mapping: Mapping;
  try {
    mapping = settings.mapping ?? detectColumns(headerRow(findOrdersSheet(session, settings.ordersSheet).sheet, true));
  } catch (e) {
    if (e instanceof UserError) return false;
    throw e;
  }
  return mapping.profit !== undefined || mapping.margin !== undefined;
}

/** The orders tab's name as the settings find it (null: none), so that the NPS tab is never taken for it. */
function ordersSheetName(session: AddonSession, settings: ReportSettings): string | null {
  try {
    return findOrdersSheet(session, settings.ordersSheet).name;
  } catch (e) {
    if (e instanceof UserError) return null;
    throw e;
  }
}

function state(session: AddonSession): SidebarState {
  const { info, segments } = inspect(session, session.settings.ordersSheet, session.settings.mapping);
  const counts = new Array<number>(SEGMENT_COUNT).fill(0);
  if (segments) for (const s of segments) counts[s]++;
  return {
    lang: session.lang,
    langChoice: session.langChoice,
    locale: session.locale,
    messages: messagesOf(session.lang),
    settings: session.settings,
    defaults: defaultSettings(),
    settingsWarning: session.settingsWarning,
    data: info,
    today: isoOfDay(session.today),
    segments: counts.map((customers, i) => ({ key: segmentKey(i), label: segmentName(session.lang, i), customers })),
    reports: ownedReports(session.ss),
  };
}

export const sidebarServer: Pick<
  ServerApi,
  'sidebarLoad' | 'sidebarInspect' | 'sidebarSaveSettings' | 'sidebarSetLanguage' | 'sidebarBuild' | 'sidebarSuggestBands'
> = {
  sidebarLoad(): SidebarState {
    return state(openSession());
  },

  sidebarInspect(ordersSheet: string | null, mapping: Mapping | null): DataInfo {
    return inspect(openSession(), ordersSheet, mapping).info;
  },

  sidebarSaveSettings(input: ReportSettings): SaveResult {
    const session = openSession();
    const { settings, errors } = checkSettings(input, session.lang, session.today);
    if (Object.keys(errors).length === 0 && settings.abcBasis === 'profit' && !hasProfitColumn(session, settings)) {
      errors.abcBasis = `${t(session.lang, 'field.abcBasis')}: ${t(session.lang, 'err.core.abcProfit')}`;
    }
    // NPS columns chosen in the sidebar: checked against the tab they are for, when they or the tab changed.
    const npsChanged =
      JSON.stringify(settings.npsMapping) !== JSON.stringify(session.settings.npsMapping) ||
      settings.npsSheet !== session.settings.npsSheet;
    if (Object.keys(errors).length === 0 && npsChanged) {
      const problem = npsMappingProblem(session, settings, ordersSheetName(session, settings));
      if (problem) errors.npsMapping = `${t(session.lang, 'field.npsMapping')}: ${problem}`;
    }
    if (Object.keys(errors).length > 0) return { settings: session.settings, errors };
    saveSettingsText(
      session.spreadsheetId,
      serializeSettings({ reports: settings, schedule: session.schedule, campaigns: session.campaigns }),
    );
    return { settings, errors: {} };
  },

  sidebarSetLanguage(lang: Lang | null): SidebarState {
    const chosen = lang === null ? null : parseLang(String(lang));
    if (lang !== null && !chosen) throw new UserError(t(openSession().lang, 'err.badLanguage', { value: String(lang) }));
    saveLangChoice(chosen ?? null);
    const session = openSession();
    try {
      // The Send log is the user's sheet like the reports: its header in the new language, its rows as logged.
      relabelSendLog(session.ss, logHeader(session.lang));
    } catch {
      // The language is switched; the header follows with the next switch, it is not worth failing this one.
    }
    return state(session);
  },

  sidebarBuild(request: BuildRequest): BuildResult {
    let lang: Lang = 'en';
    try {
      const session = openSession();
      lang = session.lang;
      return runBuild(session, request);
    } catch (e) {
      // Whatever failed, the sidebar says whether a report was rebuilt (runBuild's own errors already do).
      throw notBuilt(e, lang);
    }
  },

  sidebarSuggestBands(): BandSuggestion {
    const session = openSession();
    const table = readOrdersSheet(session, session.settings.ordersSheet, session.settings.mapping);
    const summary = buildSummary(table.read.orders, { asOf: asOfDay(session.settings, session.today) });
    let suggestion;
    try {
      suggestion = suggestBands(summary);
    } catch (e) {
      if (e instanceof ModelError) throw new UserError(e.messageIn(session.lang, session.locale));
      throw e;
    }
    const { bands } = suggestion;
    return {
      countBands: [bands.prospectiveFrom, bands.regularFrom],
      recencyBands: [bands.activeTo, bands.sleepingTo],
      explanations: explainBands(session.lang, suggestion),
    };
  },
};
