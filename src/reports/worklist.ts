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
import { type Campaign, LEAVE_REASONS, type LeaveReason, WORK_STATUSES, type WorkStatus } from '../core/campaigns/campaign';
import type { CampaignPlan } from '../core/campaigns/plan';
import type { Typed } from '../core/campaigns/results';
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

function cadenceText(lang: Lang, campaign: Campaign): string {
  const c = campaign.cadence;
  return c.kind === 'weekly' ? t(lang, 'campaign.cadence.weekly', { day: c.weekday }) : t(lang, 'campaign.cadence.monthly', { day: c.day });
}

export function buildWorklist(ctx: ReportContext, plan: CampaignPlan, pAliveFits: boolean): SheetSpec {
  const L = ctx.lang;
  const { campaign } = plan;
  const { summary } = ctx;
  const dateOf = dateCache(ctx);
  const df = dateFormat(L);
  const rowOf = new Map<string, number>();
  for (let i = 0; i < summary.size; i++) rowOf.set(summary.key[i], i);
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
  const nameOf = (key: string): string => {
    const i = rowOf.get(key);
    return i === undefined ? key : summary.name[i];
  };
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
  const block = (first: number, col: number, keys: string[]): void => {
    if (keys.length === 0) return;
    blocks.push({
      id: WORK_BLOCK,
      row: first,
      col,
      rowKeys: keys,
      colKeys: [...WORK_COLUMNS],
      label: campaign.name,
      rowLabels: keys.map(nameOf),
      colLabels,
    });
  };

  // The list, in priority order.
  const listed = plan.worklist;
  const pAlive = (f: CustomerFacts): Cell => (pAliveFits && f.pAlive !== null ? f.pAlive : '');
  const rows: Cell[][] = listed.map((f) => {
    const i = rowOf.get(f.key)!;
    return [
      summary.name[i],
      manager(f.manager),
      segmentLabels.get(f.segment) ?? f.segment,
      f.abc + f.xyz,
      f.purchases,
      dateOf(summary.lastPurchase[i]),
      f.daysSince,
      summary.revenue[i],
      pAlive(f),
      summary.email[i],
      summary.phone[i],
      dateOf(plan.since.get(f.key) ?? ctx.asOf),
      todo,
      '',
      '',
      '',
    ];
  });
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
      { header: t(L, 'col.revenue'), format: FORMAT.money },
      { header: t(L, 'model.col.pAlive'), format: '0%' },
      { header: t(L, 'report.email'), format: FORMAT.text },
      { header: t(L, 'report.phone'), format: FORMAT.text },
      { header: t(L, 'campaign.col.listedSince'), format: df },
      ...inputColumns,
    ],
    rows,
  );
  block(
    list.first,
    13,
    listed.map((f) => f.key),
  );
  inputArea(list.first, 13, listed.length);
  row = list.last + 3;

  // Who left the list, with what was typed: the same block id and the same columns, so the typed cells follow the customer here.
  const history = plan.history;
  writeSection(g, row, 1, t(L, 'campaign.worklist.history', { n: history.length }), 16);
  const gap = Array.from({ length: 7 }, () => ({ header: '' }));
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
    history.map((h) => [
      nameOf(h.customer),
      manager(h.manager),
      dateOf(h.listed),
      dateOf(h.left),
      t(L, `campaign.exit.${h.cause}` as MessageKey),
      ...gap.map(() => ''),
      '',
      '',
      '',
      '',
    ]),
  );
  block(
    past.first,
    13,
    history.map((h) => h.customer),
  );
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
    control.map((f) => [
      nameOf(f.key),
      manager(f.manager),
      segmentLabels.get(f.segment) ?? f.segment,
      f.abc + f.xyz,
      dateOf(plan.since.get(f.key) ?? ctx.asOf),
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
      count: formatNumber(L, listed.length),
      control: formatNumber(L, control.length),
      history: formatNumber(L, history.length),
    }),
    columnWidths: [200, 140, 150, 70, 90, 110, 100, 100, 90, 200, 140, 110, 120, 170, 120, 240],
    frozenRows: 0,
  });
  return { ...spec, validations };
}
