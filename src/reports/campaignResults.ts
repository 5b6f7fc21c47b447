/**
 * The Campaign results sheet (docs/definitions.md: campaign results): per campaign
 * and per period sent, the customers listed, contacted, bought again within the
 * results window and their revenue, the same for the control group, and the uplift
 * with its 95% interval and a verdict in plain words; then per manager the lost
 * customers won back and the reasons recorded. Built from the campaign log, the
 * statuses typed on the worklists and the orders (src/core/campaigns/results.ts).
 */
import { type Campaign, type CampaignLogEntry, LEAVE_REASONS } from '../core/campaigns/campaign';
import { campaignResults, managerResults, type PeriodResult, type Typed } from '../core/campaigns/results';
import { type MessageKey, t } from '../i18n/catalogue';
import type { ReportContext } from './context';
import {
  COLOUR,
  FORMAT,
  SheetGrid,
  dateCache,
  dateFormat,
  formatPercent,
  managerName,
  writeHeader,
  writeSection,
  writeTable,
  moneyFormat,
} from './layout';
import type { Cell, SheetSpec } from './sheetSpec';
import { reasonLabel, rowsOfSummary } from './worklist';

export const RESULTS_KEY = 'campaignResults';

export interface ResultsInput {
  campaigns: readonly Campaign[];
  log: readonly CampaignLogEntry[];
  /** Per campaign id: what was typed on its worklist, by customer. */
  typed: ReadonlyMap<string, ReadonlyMap<string, Typed>>;
  /** Damaged log lines skipped on reading, and entries dropped to fit the document's room. */
  logSkipped: number;
  logDropped: number;
}

const rate = (k: number, n: number): Cell => (n > 0 ? k / n : '');

export function buildCampaignResults(ctx: ReportContext, input: ResultsInput): SheetSpec {
  const L = ctx.lang;
  const { summary } = ctx;
  const rows = rowsOfSummary(summary);
  const dateOf = dateCache(ctx);
  const df = dateFormat(ctx);
  const g = new SheetGrid();
  let row = writeHeader(g, ctx, t(L, 'campaign.results.title'));
  g.put(row - 1, 1, [t(L, 'campaign.results.how')]);
  g.style({ row: row - 1, col: 1, rows: 1, cols: 1 }, { italic: true, fontColor: '#5f6368' });
  const warnings: string[] = [];
  if (input.logSkipped > 0) warnings.push(t(L, 'campaign.results.logSkipped', { n: input.logSkipped }));
  if (input.logDropped > 0) warnings.push(t(L, 'campaign.results.logDropped', { n: input.logDropped }));
  for (const w of warnings) {
    g.put(row, 1, [w]);
    g.style({ row, col: 1, rows: 1, cols: 1 }, { bold: true, fontColor: '#cc0000' });
    row++;
  }
  if (warnings.length) row++;

  const columns = [
    { header: t(L, 'campaign.results.from'), format: df },
    { header: t(L, 'campaign.results.to'), format: df },
    { header: t(L, 'campaign.results.listed'), format: FORMAT.count, wrap: true },
    { header: t(L, 'campaign.results.contacted'), format: FORMAT.count, wrap: true },
    { header: t(L, 'campaign.results.returned'), format: FORMAT.count, wrap: true },
    { header: t(L, 'campaign.results.rate'), format: FORMAT.percent, wrap: true },
    { header: t(L, 'campaign.results.revenue'), format: moneyFormat(ctx), wrap: true },
    { header: t(L, 'campaign.results.controlListed'), format: FORMAT.count, wrap: true },
    { header: t(L, 'campaign.results.controlReturned'), format: FORMAT.count, wrap: true },
    { header: t(L, 'campaign.results.controlRate'), format: FORMAT.percent, wrap: true },
    { header: t(L, 'campaign.results.controlRevenue'), format: moneyFormat(ctx), wrap: true },
    { header: t(L, 'campaign.results.uplift'), format: '+0.0%;-0.0%;0.0%', wrap: true },
    { header: t(L, 'campaign.results.lower'), format: '+0.0%;-0.0%;0.0%', wrap: true },
    { header: t(L, 'campaign.results.upper'), format: '+0.0%;-0.0%;0.0%', wrap: true },
    { header: t(L, 'campaign.results.verdict'), wrap: true },
  ];
  const line = (p: PeriodResult, from: Cell, to: Cell): Cell[] => [
    from,
    to,
    p.worklist.listed,
    p.worklist.contacted,
    p.worklist.returned,
    rate(p.worklist.returned, p.worklist.listed),
    p.worklist.revenue,
    p.control.listed,
    p.control.returned,
    rate(p.control.returned, p.control.listed),
    p.control.revenue,
    p.uplift ? p.uplift.difference : '',
    p.uplift ? p.uplift.lower : '',
    p.uplift ? p.uplift.upper : '',
    t(L, `campaign.verdict.${p.verdict}` as MessageKey),
  ];
  let listedTotal = 0;
  for (const campaign of input.campaigns) {
    const result = campaignResults(campaign, input.log, input.typed.get(campaign.id) ?? new Map(), summary, rows);
    const title = t(L, 'campaign.results.campaign', {
      name: campaign.name,
      days: campaign.resultsWindowDays,
      share: formatPercent(ctx, campaign.controlShare),
    });
    writeSection(g, row, 1, title, columns.length);
    if (result.periods.length === 0) {
      g.put(row + 1, 1, [t(L, 'campaign.results.none')]);
      row += 3;
      continue;
    }
    for (const p of result.periods) listedTotal += p.worklist.listed + p.control.listed;
    const table = writeTable(
      g,
      row + 1,
      1,
      columns,
      result.periods.map((p) => line(p, dateOf(p.from), dateOf(p.to - 1))),
      line(result.closed, t(L, 'campaign.results.closed'), ''),
    );
    // Verdicts that say something: green when it works, red when it harms.
    result.periods.forEach((p, k) => {
      if (p.verdict === 'works' || p.verdict === 'harms') {
        g.style({ row: table.first + k, col: 15, rows: 1, cols: 1 }, { background: p.verdict === 'works' ? COLOUR.good : COLOUR.bad });
      }
    });
    row = table.last + 3;
  }

  // Per manager, over every campaign.
  const managers = managerResults(input.campaigns, input.log, input.typed, summary, rows);
  writeSection(g, row, 1, t(L, 'campaign.results.managers'), 3 + LEAVE_REASONS.length);
  writeTable(
    g,
    row + 1,
    1,
    [
      { header: t(L, 'report.manager'), format: FORMAT.text },
      { header: t(L, 'campaign.results.lostListed'), format: FORMAT.count, wrap: true },
      { header: t(L, 'campaign.results.wonBack'), format: FORMAT.count, wrap: true },
      ...LEAVE_REASONS.map((r) => ({ header: reasonLabel(L, r), format: FORMAT.count, wrap: true })),
    ],
    managers.map((m) => [managerName(L, m.manager), m.listedLost, m.wonBack, ...LEAVE_REASONS.map((r) => m.reasons[r])]),
  );

  return g.spec({
    kind: 'campaignResults',
    key: RESULTS_KEY,
    name: t(L, 'campaign.results.name'),
    summary: t(L, 'campaign.results.summary', { n: input.campaigns.length, listed: listedTotal }),
    columnWidths: [120, 110, 90, 90, 90, 90, 110, 90, 90, 90, 110, 90, 90, 90, 260],
  });
}
