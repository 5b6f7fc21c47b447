/**
 * The repeat-purchase funnel sheet (docs/definitions.md: repeat-purchase funnel):
 * cohorts by month of first purchase, the share of each whose second purchase came
 * within 1 .. 12 months (blank while too young to tell) on a colour scale; then the
 * conversion from one purchase to the next and the median days to a second
 * purchase, in total and per manager.
 */
import { type FunnelConversion, type RepeatFunnel, repeatFunnel } from '../core/repeatFunnel';
import { t } from '../i18n/catalogue';
import { monthFormatOf } from '../core/localeFormats';
import { type ReportContext, type SheetContext } from './context';
import { FORMAT, SheetGrid, formatNumber, formatPercent, managerName, scaleColour, writeHeader, writeSection, writeTable } from './layout';
import { type Cell, type SheetSpec } from './sheetSpec';

/** A month of first purchases in the spreadsheet locale's order: 05/2024, 05.2024, 2024-05. */
export function monthFormat(ctx: Pick<ReportContext, 'locale'>): string {
  return monthFormatOf(ctx.locale);
}

export function buildRepeatFunnel(ctx: ReportContext): SheetSpec {
  return repeatFunnelSheet(ctx, repeatFunnel(ctx.summary));
}

/** The funnel sheet from its figures (the in-sheet summary's, or the warehouse edition's queries). */
export function repeatFunnelSheet(ctx: SheetContext, funnel: RepeatFunnel): SheetSpec {
  const L = ctx.lang;
  const g = new SheetGrid();
  let row = writeHeader(g, ctx, t(L, 'report.funnel.title'), [
    [t(L, 'report.funnel.cohortCount'), funnel.cohorts.length, FORMAT.count],
    [t(L, 'report.funnel.customersCount'), funnel.total.atLeast[0], FORMAT.count],
  ]);

  writeSection(g, row, 1, t(L, 'report.funnel.cohorts.title'), funnel.months + 3);
  const place = writeTable(
    g,
    row + 1,
    1,
    [
      { header: t(L, 'report.funnel.cohort'), format: monthFormat(ctx) },
      { header: t(L, 'report.funnel.customers'), format: FORMAT.count },
      ...Array.from({ length: funnel.months }, (_, k) => ({
        header: t(L, 'report.funnel.within', { n: k + 1 }),
        format: FORMAT.percent,
        align: 'center' as const,
      })),
      { header: t(L, 'report.funnel.soFar'), format: FORMAT.percent },
    ],
    funnel.cohorts.map((c) => [ctx.dateOf(c.start), c.customers, ...c.share.map((s) => s ?? ''), c.repeatedShare ?? '']),
  );
  // Colour scale over the shares shown: the largest is the darkest green.
  let largest = 0;
  for (const c of funnel.cohorts) for (const s of c.share) if (s !== null && s > largest) largest = s;
  funnel.cohorts.forEach((c, r) =>
    c.share.forEach((s, k) => {
      if (s !== null)
        g.style({ row: place.first + r, col: 3 + k, rows: 1, cols: 1 }, { background: scaleColour(largest > 0 ? s / largest : 0) });
    }),
  );
  g.put(place.last + 1, 1, [t(L, 'report.funnel.cohorts.note')]);
  g.style({ row: place.last + 1, col: 1, rows: 1, cols: 1 }, { italic: true, fontColor: '#5f6368' });
  row = place.last + 3;

  const rate = (x: number): Cell => (Number.isFinite(x) ? x : '');
  const conversionRow = (c: FunnelConversion, label: string): Cell[] => [
    label,
    c.atLeast[0],
    ...c.rates.map(rate),
    c.atLeast[1],
    rate(c.medianDaysToSecond),
  ];
  writeSection(g, row, 1, t(L, 'report.funnel.conversion.title'), 7);
  writeTable(
    g,
    row + 1,
    1,
    [
      { header: t(L, 'report.manager'), format: FORMAT.text },
      { header: t(L, 'report.funnel.customers'), format: FORMAT.count },
      { header: '1 → 2', format: FORMAT.percent, align: 'center' },
      { header: '2 → 3', format: FORMAT.percent, align: 'center' },
      { header: '3 → 4', format: FORMAT.percent, align: 'center' },
      { header: t(L, 'report.funnel.repeaters'), format: FORMAT.count, wrap: true },
      { header: t(L, 'report.funnel.median'), format: FORMAT.decimal, wrap: true },
    ],
    funnel.managers.map((c) => conversionRow(c, managerName(L, c.manager))),
    conversionRow(funnel.total, t(L, 'report.total')),
  );

  const total = funnel.total;
  return g.spec({
    kind: 'funnel',
    key: 'funnel',
    name: t(L, 'report.funnel.name'),
    summary: t(L, 'report.funnel.summary', {
      n: funnel.cohorts.length,
      cohorts: formatNumber(ctx, funnel.cohorts.length),
      share: Number.isNaN(total.rates[0]) ? '—' : formatPercent(ctx, total.rates[0]),
    }),
    columnWidths: [130, 100, ...new Array<number>(funnel.months).fill(78), 90],
    frozenColumns: 1,
  });
}
