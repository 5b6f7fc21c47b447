/**
 * A stand-in for the server side of the sidebar (ServerApi), for the sidebar's own
 * tests and for looking at it in a browser without Apps Script. Never bundled into
 * the add-on: only test/sidebar.test.ts and sidebar/dev/mockEntry.ts import it.
 *
 * Its data is deliberately hostile: sheet names, headers, problem values and
 * summaries carry markup, so a test can check that none of it becomes HTML.
 */
import type {
  AuthorizationRequest,
  BandSuggestion,
  BuildRequest,
  BuildResult,
  DataInfo,
  Mapping,
  ReportSettings,
  SaveResult,
  ScheduleRun,
  ScheduleSettings,
  ScheduleState,
  ServerApi,
  SidebarState,
} from '../../src/addon/api';
import { defaultSchedule, normaliseSchedule, scheduleErrors } from '../../src/addon/scheduleSettings';
import { blankCampaign, checkCampaign, defaultCampaigns, putCampaign, removeCampaign } from '../../src/addon/campaignSettings';
import { campaignCsv, type ExportCustomer, type ExportHeader, exportFileName } from '../../src/core/campaignCsv';
import { csvDialectOfLocale } from '../../src/core/csv';
import { localeRules } from '../../src/core/values';
import { messagesOf, t, type Lang, type MessageKey } from '../../src/i18n/catalogue';
import type { ScriptRunner } from '../server';

export interface MockOptions {
  lang?: Lang;
  /** Build kinds that fail, with the message the server throws. */
  failBuilds?: Partial<Record<string, string>>;
  /** Throw from sidebarLoad. */
  failLoad?: string;
  settingsWarning?: string | null;
  /** Reports the document already has. */
  reports?: { key: string; name: string }[];
  /** Managers of the orders (default: MOCK_MANAGERS). */
  managers?: string[];
  /** A saved schedule. */
  schedule?: Partial<ScheduleSettings>;
  scheduleOn?: boolean;
  lastRun?: ScheduleRun | null;
  quota?: number;
  /** Permissions the e-mails lack (granular consent): turning on and the test ask for them. */
  authorization?: AuthorizationRequest | null;
  user?: string;
  /** Throw from scheduleLoad. */
  failScheduleLoad?: string;
  /** Errors the server adds when saving the schedule (as keys like `recipients.<manager>`). */
  scheduleErrors?: Record<string, string>;
  /** Throw from sidebarSuggestBands (as the server does when there are too few repeat purchases). */
  failSuggest?: string;
  /** Replaces the explanation sentences of the suggested bands. */
  suggestExplanations?: Record<string, string>;
  /** The orders end long before the as-of date (while no as-of date is saved). */
  stale?: boolean;
}

/** The bands the mock suggests (its sentences come from the catalogue, in the user's language). */
export const MOCK_SUGGESTION = { countBands: [2, 5] as [number, number], recencyBands: [47, 151] as [number, number] };

export const XSS_MANAGER = '<b onmouseover="window.__xss=3">Bob</b>';
// Two names of one length in Cyrillic: ids made from names would clash.
export const MOCK_MANAGERS = ['Kate Wilson', 'Алексей Смирнов', XSS_MANAGER, 'Олег Морозов', 'Анна Петрова'];
export const MOCK_USER = 'me@example.com';

export const MOCK_TODAY = '2024-06-30';
export const XSS_HEADER = '<img src=x onerror="window.__xss=1">';
export const XSS_VALUE = '<script>window.__xss=2</script>';
export const XSS_SHEET = 'Notes <b>bold</b>';

const SEGMENT_KEYS = [
  'new_active',
  'new_sleeping',
  'new_lapsed',
  'prospective_active',
  'prospective_sleeping',
  'prospective_lapsed',
  'regular_active',
  'regular_sleeping',
  'regular_lapsed',
];
const SEGMENT_COUNTS = [12, 30, 101, 7, 11, 21, 5, 3, 1];

/** Each campaign's list for the export, by campaign id: the win-back one with hostile cells (a formula name, phones +7 … and +1+2); the others list nobody. */
export const MOCK_EXPORT_LISTS: Record<string, ExportCustomer[]> = {
  win_back: [
    {
      name: 'ООО "Ромашка"; Москва',
      email: 'info@romashka.example',
      phone: '+7 998 123-45-67',
      segment: 'Regular Lapsed',
      manager: 'Олег Морозов',
    },
    { name: '=HYPERLINK("http://evil.example")', email: '@SUM(A1)', phone: '+1+2', segment: 'New Active', manager: '' },
  ],
};

export const MOCK_DEFAULTS: ReportSettings = {
  ordersSheet: null,
  mapping: null,
  asOf: null,
  countBands: [2, 4],
  recencyBands: [60, 180],
  abcBounds: [0.8, 0.95],
  xyzBasis: 'intervals',
  xyzBounds: [0.5],
  xyzPeriod: 'month',
  comparison: null,
  lostFactor: 4 / 3,
  lostPeriodDays: 365,
  // As the real server: default texts come from the `report.action.*` messages.
  actions: {},
  abcBasis: 'revenue',
  planGrowth: 0.1,
  keyCustomersTop: 20,
  npsSheet: null,
  npsMapping: null,
};

const HEADERS = ['Дата', 'Клиент', 'Сумма', 'Менеджер', XSS_HEADER, 'Email'];
const DETECTED: Mapping = { date: 0, customer: 1, amount: 2, manager: 3, email: 5 };

/** The part of the server API the mock answers. */
export type SidebarApi = Pick<
  ServerApi,
  | 'sidebarLoad'
  | 'sidebarInspect'
  | 'sidebarSaveSettings'
  | 'sidebarSetLanguage'
  | 'sidebarBuild'
  | 'sidebarSuggestBands'
  | 'scheduleLoad'
  | 'scheduleSave'
  | 'scheduleTurnOn'
  | 'scheduleTurnOff'
  | 'scheduleSendTest'
  | 'campaignsLoad'
  | 'campaignSave'
  | 'campaignSetEnabled'
  | 'campaignDelete'
  | 'npsLoad'
  | 'exportCampaignCsv'
>;

export type MockServer = SidebarApi & {
  calls: { name: string; args: unknown[] }[];
  settings: ReportSettings;
  schedule: ScheduleSettings;
  /** Weekly triggers made (turning on replaces the one there is). */
  triggers: number;
  /** Test e-mails "sent". */
  tests: string[];
};

export function createMockServer(options: MockOptions = {}): MockServer {
  let langChoice: Lang | null = options.lang ?? null;
  let settings: ReportSettings = structuredClone(MOCK_DEFAULTS);
  const reports = [...(options.reports ?? [])];
  let warning = options.settingsWarning ?? null;
  const calls: { name: string; args: unknown[] }[] = [];
  const lang = (): Lang => langChoice ?? 'ru';
  let schedule: ScheduleSettings = { ...defaultSchedule(), ...options.schedule };
  let triggers = options.scheduleOn ? 1 : 0;
  let quota = options.quota ?? 100;
  let lastRun: ScheduleRun | null = options.lastRun ?? null;
  const tests: string[] = [];
  const user = options.user ?? MOCK_USER;
  let campaigns = defaultCampaigns(options.lang ?? 'en');
  const campaignState = () => ({
    campaigns: structuredClone(campaigns.campaigns),
    blank: blankCampaign(),
    managers: [...(options.managers ?? MOCK_MANAGERS)],
  });
  const scheduleState = (): ScheduleState => ({
    schedule: structuredClone(schedule),
    defaults: defaultSchedule(),
    on: triggers > 0,
    managers: [...(options.managers ?? MOCK_MANAGERS)],
    lastRun,
    quota,
    user,
    authorization: options.authorization ?? null,
  });
  const saveSchedule = (next: ScheduleSettings): Record<string, string> => {
    const errors = { ...scheduleErrors(next, lang()), ...options.scheduleErrors };
    if (Object.keys(errors).length === 0) schedule = normaliseSchedule(next);
    return errors;
  };

  const inspect = (sheet: string | null, mapping: Mapping | null): DataInfo => {
    const name = sheet ?? 'Orders';
    const used = mapping ?? DETECTED;
    const info: DataInfo = {
      sheets: ['Orders', XSS_SHEET, 'Лист 3'],
      ordersSheet: name,
      headers: name === 'Orders' ? HEADERS : [],
      mapping: used,
      detected: name === 'Orders' ? DETECTED : {},
      missing: (['date', 'customer', 'amount'] as const).filter((f) => used[f] === undefined),
      rows: 1200,
      readRows: 1190,
      unreadableRows: 8,
      blankRows: 2,
      afterAsOf: settings.asOf ? 4 : 0,
      customers: 191,
      firstDate: '2021-01-04',
      lastDate: '2024-06-28',
      problems: [
        // Values come quoted as the server's quote() writes them ("..." or empty).
        { row: 17, column: 'Дата', value: '"32.13.2024"', reason: 'не дата' },
        { row: 40, column: 'Сумма', value: `"${XSS_VALUE}"`, reason: 'не число' },
        { row: 41, column: 'Сумма', value: '"12,3,4"', reason: 'не число' },
        { row: 98, column: 'Клиент', value: 'empty', reason: 'пусто' },
        { row: 120, column: 'Дата', value: '"вчера"', reason: 'не дата' },
        { row: 121, column: 'Дата', value: '"завтра"', reason: 'не дата' },
      ],
      duplicates: [],
      stale: options.stale && !settings.asOf ? { days: 886, suggestedAsOf: '2024-06-29' } : null,
      error: null,
    };
    if (name !== 'Orders') {
      return {
        ...info,
        rows: 0,
        readRows: 0,
        unreadableRows: 0,
        blankRows: 0,
        customers: 0,
        firstDate: null,
        lastDate: null,
        problems: [],
        duplicates: [],
        missing: ['date', 'customer', 'amount'],
        error: `No header row naming a date and a customer in "${name}"`,
      };
    }
    return info;
  };

  const state = (): SidebarState => {
    const messages = messagesOf(lang());
    const s: SidebarState = {
      lang: lang(),
      langChoice,
      // The mock spreadsheet is an en_US one, as a new spreadsheet is by default.
      locale: 'en_US',
      messages,
      settings: structuredClone(settings),
      defaults: structuredClone(MOCK_DEFAULTS),
      settingsWarning: warning,
      data: inspect(settings.ordersSheet, settings.mapping),
      today: MOCK_TODAY,
      segments: SEGMENT_KEYS.map((key, i) => {
        const [count, recency] = key.split('_');
        return {
          key,
          label: `${messages[`count.${count}` as MessageKey]} ${messages[`recency.${recency}` as MessageKey]}`.replace(/ (\S)/, (m) =>
            m.toLowerCase(),
          ),
          customers: SEGMENT_COUNTS[i],
        };
      }),
      reports: [...reports],
    };
    warning = null;
    return s;
  };

  const server: MockServer = {
    calls,
    get settings() {
      return settings;
    },
    get schedule() {
      return schedule;
    },
    get triggers() {
      return triggers;
    },
    tests,
    sidebarLoad() {
      calls.push({ name: 'sidebarLoad', args: [] });
      if (options.failLoad) throw new Error(options.failLoad);
      return state();
    },
    sidebarInspect(sheet, mapping) {
      calls.push({ name: 'sidebarInspect', args: [sheet, mapping] });
      return inspect(sheet, mapping);
    },
    sidebarSaveSettings(next): SaveResult {
      calls.push({ name: 'sidebarSaveSettings', args: [next] });
      const errors: Record<string, string> = {};
      if (next.asOf && next.asOf > MOCK_TODAY) errors.asOf = `The as-of date ${next.asOf} is after today`;
      if (next.lostFactor > 10) errors.lostFactor = 'Factor above 10 makes nobody lost';
      if (Object.keys(errors).length === 0) settings = structuredClone(next);
      return { settings: structuredClone(settings), errors };
    },
    sidebarSetLanguage(next) {
      calls.push({ name: 'sidebarSetLanguage', args: [next] });
      langChoice = next;
      return state();
    },
    sidebarBuild(request: BuildRequest): BuildResult {
      calls.push({ name: 'sidebarBuild', args: [request] });
      const failure = options.failBuilds?.[request.kind];
      if (failure) throw new Error(failure);
      // The migration writes two sheets, as the real one does; the campaigns a worklist each and the results.
      const sheetNames =
        request.kind === 'segmentList'
          ? [`List: ${request.segment}`]
          : request.kind === 'migration'
            ? ['Lifecycle migration', 'ABC-XYZ migration']
            : request.kind === 'campaigns'
              ? ['Worklist: Call', 'Campaign results']
              : [`Report ${request.kind}`];
      const sheetName = sheetNames.join(', ');
      const key = request.kind === 'segmentList' ? `segmentList:${request.segment}` : request.kind;
      if (!reports.some((r) => r.key === key)) reports.push({ key, name: sheetName });
      if (request.kind === 'modelCheck') {
        const split = request.splitDate ?? 'default';
        return {
          kind: 'modelCheck',
          sheetName,
          sheetNames,
          summary: `Predicted <b>412.5</b>, actual 398 repeat purchases from ${split}`,
          millis: 2345,
        };
      }
      return { kind: request.kind, sheetName, sheetNames, summary: `Built ${request.kind} for <b>191</b> customers`, millis: 1234 };
    },
    sidebarSuggestBands(): BandSuggestion {
      calls.push({ name: 'sidebarSuggestBands', args: [] });
      if (options.failSuggest) throw new Error(options.failSuggest);
      const [prospectiveFrom, regularFrom] = MOCK_SUGGESTION.countBands;
      const [activeTo, sleepingTo] = MOCK_SUGGESTION.recencyBands;
      const L = lang();
      return {
        countBands: [prospectiveFrom, regularFrom],
        recencyBands: [activeTo, sleepingTo],
        explanations: {
          prospective: t(L, 'model.bands.why.prospective', { share: 63 }),
          regular: t(L, 'model.bands.why.regular', { share: 52, median: regularFrom - 1, from: regularFrom, regularShare: 11 }),
          active: t(L, 'model.bands.why.active', { share: 80, days: activeTo }),
          sleeping: t(L, 'model.bands.why.sleeping', { share: 95, days: sleepingTo }),
          ...options.suggestExplanations,
        },
      };
    },
    scheduleLoad() {
      calls.push({ name: 'scheduleLoad', args: [] });
      if (options.failScheduleLoad) throw new Error(options.failScheduleLoad);
      return scheduleState();
    },
    scheduleSave(next) {
      calls.push({ name: 'scheduleSave', args: [next] });
      const errors = saveSchedule(next);
      return { state: scheduleState(), errors, authorization: null };
    },
    scheduleTurnOn(next) {
      calls.push({ name: 'scheduleTurnOn', args: [next] });
      const errors = saveSchedule(next);
      if (Object.keys(errors).length) return { state: scheduleState(), errors, authorization: null };
      if (Object.keys(schedule.recipients).length === 0 && !schedule.fallbackEmail)
        return { state: scheduleState(), errors: { recipients: t(lang(), 'sched.err.noRecipients') }, authorization: null };
      if (options.authorization) return { state: scheduleState(), errors: {}, authorization: options.authorization };
      triggers = 1;
      return { state: scheduleState(), errors: {}, authorization: null };
    },
    scheduleTurnOff() {
      calls.push({ name: 'scheduleTurnOff', args: [] });
      triggers = 0;
      return scheduleState();
    },
    scheduleSendTest() {
      calls.push({ name: 'scheduleSendTest', args: [] });
      if (options.authorization) return { run: null, authorization: options.authorization };
      const run: ScheduleRun = {
        at: '2024-06-30T09:15:00.000Z',
        period: '2024-W26',
        sent: quota > 0 ? 1 : 0,
        skipped: 0,
        notSent: quota > 0 ? 0 : 1,
        failed: 0,
        customers: quota > 0 ? 42 : 0,
        test: true,
        error: null,
      };
      if (quota > 0) {
        quota--;
        tests.push(user);
      }
      lastRun = run;
      return { run, authorization: null };
    },
    // The campaigns: the server's own checks and id rules (src/addon/campaignSettings.ts).
    campaignsLoad() {
      calls.push({ name: 'campaignsLoad', args: [] });
      return campaignState();
    },
    campaignSave(input) {
      calls.push({ name: 'campaignSave', args: [input] });
      const { campaign, errors } = checkCampaign(input, lang());
      if (Object.keys(errors).length) return { state: campaignState(), errors, id: null };
      const put = putCampaign(campaigns, input.id, campaign);
      if (!put) throw new Error(t(lang(), 'camp.err.unknown', { id: String(input.id) }));
      campaigns = put.settings;
      return { state: campaignState(), errors: {}, id: put.id };
    },
    campaignSetEnabled(id, enabled) {
      calls.push({ name: 'campaignSetEnabled', args: [id, enabled] });
      campaigns = { ...campaigns, campaigns: campaigns.campaigns.map((c) => (c.id === id ? { ...c, enabled } : c)) };
      return campaignState();
    },
    campaignDelete(id) {
      calls.push({ name: 'campaignDelete', args: [id] });
      campaigns = removeCampaign(campaigns, id);
      return campaignState();
    },
    npsLoad() {
      calls.push({ name: 'npsLoad', args: [] });
      const headers = ['Respondent', 'Date', 'Score', 'Why'];
      const mapping = settings.npsMapping ?? { customer: 0, date: 1, score: 2 };
      return {
        sheets: ['Orders', 'NPS'],
        npsSheet: settings.npsSheet,
        found: 'NPS',
        columns: (['customer', 'date', 'score', 'comment'] as const)
          .filter((f) => mapping[f] !== undefined)
          .map((field) => ({ field, column: `${headers[mapping[field]!]} (${'ABCD'[mapping[field]!]})` })),
        headers,
        mapping: { ...mapping },
        mapped: settings.npsMapping !== null,
        readRows: 120,
        unreadableRows: 1,
        problems: [`row 7, Score (C): "${XSS_VALUE}" is not a whole score from 0 to 10`],
        error: null,
      };
    },
    exportCampaignCsv(id) {
      calls.push({ name: 'exportCampaignCsv', args: [id] });
      const campaign = campaigns.campaigns.find((c) => c.id === id);
      if (!campaign) throw new Error(t(lang(), 'export.unknownCampaign', { id }));
      const customers = Object.prototype.hasOwnProperty.call(MOCK_EXPORT_LISTS, id) ? MOCK_EXPORT_LISTS[id] : [];
      const L = lang();
      const header: ExportHeader = [
        t(L, 'export.col.name'),
        t(L, 'export.col.email'),
        t(L, 'export.col.phone'),
        t(L, 'export.col.segment'),
        t(L, 'export.col.manager'),
      ];
      // The spreadsheet's locale follows the language here: ru and uk as ru_RU and uk_UA, en as en_US.
      const dialect = csvDialectOfLocale(localeRules(L === 'en' ? 'en_US' : L === 'ru' ? 'ru_RU' : 'uk_UA'));
      return {
        fileName: exportFileName(campaign.name, MOCK_TODAY),
        text: campaignCsv(customers, header, dialect),
        customers: customers.length,
      };
    },
  };
  return server;
}

/**
 * When calls answer. A number: after that many milliseconds. `'held'`: only when
 * the test says so (`release()`), so that a test can look at the sidebar while a
 * call is running without racing a timer on a slow machine.
 */
export type MockTiming = number | 'held';

/** The calls waiting for `release()` under `'held'` timing. */
export interface MockGate {
  pending(): number;
  /** Answers the oldest waiting call (or all of them); returns how many were answered. */
  release(all?: boolean): number;
}

/**
 * Puts a `google.script.run` over `server` on `target` (window or globalThis): each
 * call answers as `timing` says, and a thrown error reaches the failure handler as
 * an Error whose message starts with "Exception: ", as in Apps Script.
 */
export function installMockRun(target: object, server: Partial<ServerApi>, timing: MockTiming = 10): MockGate {
  const waiting: (() => void)[] = [];
  const makeRunner = (onSuccess?: (v: unknown) => void, onFailure?: (e: unknown) => void): ScriptRunner => {
    const runner: Record<string, unknown> = {
      withSuccessHandler: (f: (v: unknown) => void) => makeRunner(f, onFailure),
      withFailureHandler: (f: (e: unknown) => void) => makeRunner(onSuccess, f),
    };
    for (const name of Object.keys(server) as (keyof ServerApi)[]) {
      const fn = server[name];
      if (typeof fn !== 'function') continue;
      runner[name] = (...args: unknown[]) => {
        // Like google.script.run: arguments and results cross as JSON.
        const sent = JSON.parse(JSON.stringify(args)) as unknown[];
        const answer = (): void => {
          try {
            const value = (fn as (...a: unknown[]) => unknown).apply(server, sent);
            onSuccess?.(value === undefined ? undefined : JSON.parse(JSON.stringify(value)));
          } catch (e) {
            onFailure?.(new Error(`Exception: ${e instanceof Error ? e.message : String(e)}`));
          }
        };
        if (timing === 'held') waiting.push(answer);
        else setTimeout(answer, timing);
      };
    }
    return runner as unknown as ScriptRunner;
  };
  (target as { google?: unknown }).google = { script: { run: makeRunner() } };
  return {
    pending: () => waiting.length,
    release(all = false) {
      const answers = waiting.splice(0, all ? waiting.length : 1);
      for (const answer of answers) answer();
      return answers.length;
    },
  };
}
