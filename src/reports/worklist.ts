/**
 * A campaign's worklist sheet (docs/definitions.md: campaigns, the worklist): one
 * row per customer the campaign lists, most worth working first, with the add-on's
 * columns and the manager's (status and reason as drop-down lists, next step date,
 * note). What a manager types is kept by customer across rebuilds: the manager's
 * columns of the list and of the history block are one input block (id `work`,
 * row key = customer key, src/reports/inputs.ts), so a customer who leaves the list
 * takes what was typed to the history block, with the day they left and why, and
 * brings it back if listed again. The control group is listed apart, for the
 * analyst, marked "control: do not contact".
 */
import { type Campaign, EXIT_CAUSES, LEAVE_REASONS, type LeaveReason, WORK_STATUSES, type WorkStatus } from '../core/campaigns/campaign';
import type { CampaignPlan } from '../core/campaigns/plan';
import { summaryRows, type Typed } from '../core/campaigns/results';
import type { CustomerSummary } from '../core/summary';
import type { CustomerFacts } from '../core/campaigns/target';
import { LANGS, type Lang, type MessageKey, t } from '../i18n/catalogue';
import type { ReportContext } from './context';
import { type Carried, keyOfText } from './inputs';
import {
  COLOUR,
  FORMAT,
  SheetGrid,
  dateCache,
  dateFormat,
  formatNumber,
  keptInputsWords,
  managerName,
  segmentName,
  writeHeader,
  writeSection,
  writeTable,
  moneyFormat,
} from './layout';
import { SEGMENT_KEYS } from '../core/lifecycle';
import type { Cell, InputBlock, SheetSpec, Validation } from './sheetSpec';

/** The input block's id and columns: keys that never depend on the language. */
export const WORK_BLOCK = 'work';
export const WORK_COLUMNS = ['status', 'reason', 'next', 'note'] as const;

/** The worklist sheet's report key: by campaign id, so the sheet is found again whatever its name. */
export const worklistKey = (campaignId: string): string => `worklist:${campaignId}`;

/**
 * The sheet's name: at most 31 characters, so that it survives a download as .xlsx
 * (Excel's limit; Sheets takes 100), with Excel's forbidden characters replaced.
 */
export function worklistSheetName(lang: Lang, campaign: Campaign): string {
  const name = t(lang, 'campaign.worklist.name', { name: campaign.name.replace(/[\\/?*[\]:]/g, ' ') });
  return name.length > 31 ? `${name.slice(0, 30)}…` : name;
}

export const statusLabel = (lang: Lang, s: WorkStatus): string => t(lang, `campaign.status.${s}` as MessageKey);
export const reasonLabel = (lang: Lang, r: LeaveReason): string => t(lang, `campaign.reason.${r}` as MessageKey);

// Labels of every language, so that a status typed before the user switched languages still counts.
const norm = (v: unknown): string => (typeof v === 'string' ? v.trim().toLowerCase() : '');
const STATUS_BY_LABEL = new Map<string, WorkStatus>();
const REASON_BY_LABEL = new Map<string, LeaveReason>();
for (const lang of LANGS) {
  for (const s of WORK_STATUSES) STATUS_BY_LABEL.set(norm(statusLabel(lang, s)), s);
  for (const r of LEAVE_REASONS) REASON_BY_LABEL.set(norm(reasonLabel(lang, r)), r);
}

/** The status and reason typed per customer, from what the writer read off the old worklist (src/gas/writeSheet.ts readTypedInputs). */
export function typedOnWorklist(carried: ReadonlyMap<string, Carried>): Map<string, Typed> {
  const out = new Map<string, Typed>();
  for (const [text, typed] of carried) {
    const [block, customer, col] = keyOfText(text);
    if (block !== WORK_BLOCK || (col !== 'status' && col !== 'reason')) continue;
    const entry = out.get(customer) ?? { status: null, reason: null };
    if (col === 'status') entry.status = STATUS_BY_LABEL.get(norm(typed.value)) ?? null;
    else entry.reason = REASON_BY_LABEL.get(norm(typed.value)) ?? null;
    out.set(customer, entry);
  }
  return out;
}

// One summary serves every worklist and the results of a rebuild: its key -> row index is built once.
const SUMMARY_ROWS = new WeakMap<CustomerSummary, ReadonlyMap<string, number>>();

/** Customer key -> row of the summary (src/core/campaigns/results.ts summaryRows), built once per summary. */
export function rowsOfSummary(summary: CustomerSummary): ReadonlyMap<string, number> {
  let rows = SUMMARY_ROWS.get(summary);
  if (rows === undefined) SUMMARY_ROWS.set(summary, (rows = summaryRows(summary)));
  return rows;
}

// "AX" .. "CZ": nine texts shared by every row rather than one joined per row.
const CLASS_LABELS: Readonly<Record<string, Readonly<Record<string, string>>>> = Object.freeze({
  A: { X: 'AX', Y: 'AY', Z: 'AZ' },
  B: { X: 'BX', Y: 'BY', Z: 'BZ' },
  C: { X: 'CX', Y: 'CY', Z: 'CZ' },
});
const classLabel = (f: CustomerFacts): string => CLASS_LABELS[f.abc][f.xyz];

function cadenceText(lang: Lang, campaign: Campaign): string {
  const c = campaign.cadence;
  return c.kind === 'weekly' ? t(lang, 'campaign.cadence.weekly', { day: c.weekday }) : t(lang, 'campaign.cadence.monthly', { day: c.day });
}

export function buildWorklist(ctx: ReportContext, plan: CampaignPlan, pAliveFits: boolean): SheetSpec {
  const L = ctx.lang;
  const { campaign } = plan;
  const { summary } = ctx;
  const dateOf = dateCache(ctx);
  const df = dateFormat(ctx);
  const g = new SheetGrid();
  let row = writeHeader(g, ctx, t(L, 'campaign.worklist.title', { name: campaign.name }), [
    [t(L, 'campaign.worklist.action'), campaign.action],
    [t(L, 'campaign.worklist.channel'), t(L, `campaign.channel.${campaign.channel}` as MessageKey)],
    [t(L, 'campaign.worklist.cadence'), cadenceText(L, campaign)],
  ]);
  g.put(row - 1, 1, [t(L, 'campaign.worklist.how')]);
  g.style({ row: row - 1, col: 1, rows: 1, cols: 1 }, { italic: true, fontColor: '#5f6368' });

  const segmentLabels = new Map(SEGMENT_KEYS.map((k, s) => [k, segmentName(L, s)]));
  const noManager = managerName(L, '');
  const todo = statusLabel(L, 'todo');
  const statusList = WORK_STATUSES.map((s) => statusLabel(L, s));
  const reasonList = LEAVE_REASONS.map((r) => reasonLabel(L, r));
  const manager = (m: string): string => (m === '' ? noManager : m);
  // A customer's summary row: the one their facts carry when it is theirs, else found by key.
  const rowOf = (f: CustomerFacts): number | undefined =>
    f.row !== undefined && summary.key[f.row] === f.key ? f.row : rowsOfSummary(summary).get(f.key);
  const nameAt = (i: number | undefined, key: string): string => (i === undefined ? key : summary.name[i]);
  const nameOf = (key: string): string => nameAt(rowsOfSummary(summary).get(key), key);
  const inputColumns = [
    { header: t(L, 'campaign.col.status') },
    { header: t(L, 'campaign.col.reason') },
    { header: t(L, 'campaign.col.next'), format: df },
    { header: t(L, 'campaign.col.note'), wrap: true },
  ];
  const colLabels = inputColumns.map((c) => c.header);
  const blocks: InputBlock[] = [];
  const validations: Validation[] = [];
  const inputArea = (first: number, col: number, rows: number): void => {
    if (rows === 0) return;
    g.style({ row: first, col, rows, cols: WORK_COLUMNS.length }, { background: COLOUR.input });
    validations.push({ area: { row: first, col, rows, cols: 1 }, list: statusList });
    validations.push({ area: { row: first, col: col + 1, rows, cols: 1 }, list: reasonList });
  };
  const block = (first: number, col: number, keys: string[], labels: string[]): void => {
    if (keys.length === 0) return;
    blocks.push({
      id: WORK_BLOCK,
      row: first,
      col,
      rowKeys: keys,
      colKeys: [...WORK_COLUMNS],
      label: campaign.name,
      rowLabels: labels,
      colLabels,
    });
  };

  // The list, in priority order.
  const listed = plan.worklist;
  const rows: Cell[][] = new Array<Cell[]>(listed.length);
  const listedKeys: string[] = new Array<string>(listed.length);
  const listedNames: string[] = new Array<string>(listed.length);
  for (let k = 0; k < listed.length; k++) {
    const f = listed[k];
    const at = rowOf(f);
    const i = at!;
    listedKeys[k] = f.key;
    listedNames[k] = nameAt(at, f.key);
    rows[k] = [
      summary.name[i],
      manager(f.manager),
      segmentLabels.get(f.segment) ?? f.segment,
      classLabel(f),
      f.purchases,
      dateOf(summary.lastPurchase[i]),
      f.daysSince,
      summary.revenue[i],
      pAliveFits && f.pAlive !== null ? f.pAlive : '',
      summary.email[i],
      summary.phone[i],
      dateOf(plan.worklistSince[k]),
      todo,
      '',
      '',
      '',
    ];
  }
  writeSection(g, row, 1, t(L, 'campaign.worklist.list', { n: listed.length }), 16);
  const list = writeTable(
    g,
    row + 1,
    1,
    [
      { header: t(L, 'col.customer'), format: FORMAT.text },
      { header: t(L, 'report.manager'), format: FORMAT.text },
      { header: t(L, 'col.segment') },
      { header: t(L, 'col.class'), align: 'center' },
      { header: t(L, 'col.purchases'), format: FORMAT.count },
      { header: t(L, 'col.lastPurchase'), format: df },
      { header: t(L, 'col.daysSince'), format: FORMAT.count },
      { header: t(L, 'col.revenue'), format: moneyFormat(ctx) },
      { header: t(L, 'model.col.pAlive'), format: '0%' },
      { header: t(L, 'report.email'), format: FORMAT.text },
      { header: t(L, 'report.phone'), format: FORMAT.text },
      { header: t(L, 'campaign.col.listedSince'), format: df },
      ...inputColumns,
    ],
    rows,
  );
  block(list.first, 13, listedKeys, listedNames);
  inputArea(list.first, 13, listed.length);
  row = list.last + 3;

  // Who left the list, with what was typed: the same block id and the same columns, so the typed cells follow the customer here.
  const history = plan.history;
  writeSection(g, row, 1, t(L, 'campaign.worklist.history', { n: history.length }), 16);
  const gap = Array.from({ length: 7 }, () => ({ header: '' }));
  const causeLabels = new Map(EXIT_CAUSES.map((c) => [c, t(L, `campaign.exit.${c}` as MessageKey)]));
  const historyRows: Cell[][] = new Array<Cell[]>(history.length);
  const historyKeys: string[] = new Array<string>(history.length);
  const historyNames: string[] = new Array<string>(history.length);
  for (let k = 0; k < history.length; k++) {
    const h = history[k];
    historyKeys[k] = h.customer;
    historyNames[k] = nameOf(h.customer);
    // The gap's seven blank cells keep the manager's columns under those of the list.
    historyRows[k] = [
      historyNames[k],
      manager(h.manager),
      dateOf(h.listed),
      dateOf(h.left),
      causeLabels.get(h.cause) ?? t(L, `campaign.exit.${h.cause}` as MessageKey),
      '',
      '',
      '',
      '',
      '',
      '',
      '',
      '',
      '',
      '',
      '',
    ];
  }
  const past = writeTable(
    g,
    row + 1,
    1,
    [
      { header: t(L, 'col.customer'), format: FORMAT.text },
      { header: t(L, 'report.manager'), format: FORMAT.text },
      { header: t(L, 'campaign.col.listedSince'), format: df },
      { header: t(L, 'campaign.col.left'), format: df },
      { header: t(L, 'campaign.col.cause') },
      ...gap,
      ...inputColumns,
    ],
    historyRows,
  );
  block(past.first, 13, historyKeys, historyNames);
  inputArea(past.first, 13, history.length);
  row = past.last + 3;

  // The control group: never on the list above, never e-mailed.
  const control = plan.control;
  const mark = t(L, 'campaign.worklist.controlMark');
  writeSection(g, row, 1, t(L, 'campaign.worklist.control', { n: control.length }), 6);
  const ctl = writeTable(
    g,
    row + 1,
    1,
    [
      { header: t(L, 'col.customer'), format: FORMAT.text },
      { header: t(L, 'report.manager'), format: FORMAT.text },
      { header: t(L, 'col.segment') },
      { header: t(L, 'col.class'), align: 'center' },
      { header: t(L, 'campaign.col.listedSince'), format: df },
      { header: t(L, 'campaign.col.group') },
    ],
    control.map((f, k) => [
      nameAt(rowOf(f), f.key),
      manager(f.manager),
      segmentLabels.get(f.segment) ?? f.segment,
      classLabel(f),
      dateOf(plan.controlSince[k]),
      mark,
    ]),
  );
  g.style({ row: ctl.first, col: 6, rows: control.length, cols: 1 }, { fontColor: '#cc0000', bold: true });

  g.inputs = { blocks, kept: { ...keptInputsWords(L), row: ctl.last + 3, col: 1 } };
  const spec = g.spec({
    kind: 'worklist',
    key: worklistKey(campaign.id),
    name: worklistSheetName(L, campaign),
    summary: t(L, 'campaign.worklist.summary', {
      count: formatNumber(ctx, listed.length),
      control: formatNumber(ctx, control.length),
      history: formatNumber(ctx, history.length),
    }),
    columnWidths: [200, 140, 150, 70, 90, 110, 100, 100, 90, 200, 140, 110, 120, 170, 120, 240],
    frozenRows: 0,
  });
  return { ...spec, validations };
}
