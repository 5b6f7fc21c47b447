/**
 * The what-if sheet (docs/definitions.md: repeat sales share, what-if): yellow input cells pre-filled from the
 * data (or with the source articles' examples) and kept across rebuilds once the user changes them
 * (src/reports/inputs.ts), and results as live formulas over them:
 * revenue now vs at a target share of regular customers, profit of a new sale vs a
 * repeat one, and N new customers vs one new customer buying N times.
 */
import { checkBands } from '../core/lifecycle';
import { WHAT_IF_INPUTS, type WhatIfInput, type WhatIfInputs, whatIfInputsFrom, whatIfResults } from '../core/whatIf';
import { type MessageKey, t } from '../i18n/catalogue';
import { type ReportContext } from './context';
import { COLOUR, FORMAT, moneyFormat, SheetGrid, formatNumber, keptInputsWords, writeHeader, writeSection, writeTable } from './layout';
import { type Cell, type Formula, type SheetSpec, a1 } from './sheetSpec';

/** Each input's pattern; money in the spreadsheet's money format. */
const inputFormats = (money: string): Record<WhatIfInput, string> => ({
  customers: FORMAT.count,
  averageCheck: money,
  purchasesNew: FORMAT.decimal,
  purchasesProspective: FORMAT.decimal,
  purchasesRegular: FORMAT.decimal,
  shareNew: FORMAT.percent,
  shareProspective: FORMAT.percent,
  shareRegular: FORMAT.percent,
  targetShareRegular: FORMAT.percent,
  margin: FORMAT.percent,
  costPerLead: money,
  conversion: FORMAT.percent,
  bonusNew: money,
  bonusRepeat: money,
  fixNew: money,
  fixRepeat: money,
  sales: FORMAT.count,
});

const f = (formula: string): Formula => ({ formula });

/** The what-if sheet with inputs from the data, the source articles' examples where the data has none. */
export function buildWhatIf(ctx: ReportContext): SheetSpec {
  return buildWhatIfWith(ctx, {});
}

/** The what-if sheet with some inputs given (the rest from the data or the examples), e.g. the source articles' 55,000 sale. */
export function buildWhatIfWith(ctx: ReportContext, given: Partial<WhatIfInputs>): SheetSpec {
  const L = ctx.lang;
  const { inputs: fromSummary, fromData } = whatIfInputsFrom(ctx.summary, checkBands(ctx.params.bands));
  const inputs: WhatIfInputs = { ...fromSummary, ...given };
  const g = new SheetGrid();
  let row = writeHeader(g, ctx, t(L, 'report.whatIf.title'));

  // Inputs: label, value (yellow), where the value came from.
  writeSection(g, row, 1, t(L, 'report.whatIf.inputs'), 3);
  const inputRows: Cell[][] = WHAT_IF_INPUTS.map((key) => [
    t(L, `report.whatIf.in.${key}` as MessageKey),
    inputs[key],
    key in given ? t(L, 'report.whatIf.given') : fromData.has(key) ? t(L, 'report.whatIf.fromData') : t(L, 'report.whatIf.example'),
  ]);
  const table = writeTable(
    g,
    row + 1,
    1,
    [{ header: t(L, 'report.whatIf.input') }, { header: t(L, 'report.health.value') }, { header: t(L, 'report.whatIf.source') }],
    inputRows,
  );
  g.style({ row: table.first, col: 2, rows: WHAT_IF_INPUTS.length, cols: 1 }, { background: COLOUR.input, bold: true });
  g.style({ row: table.first, col: 3, rows: WHAT_IF_INPUTS.length, cols: 1 }, { italic: true, fontColor: '#5f6368' });
  const formats = inputFormats(moneyFormat(ctx));
  formatRuns(
    g,
    table.first,
    2,
    WHAT_IF_INPUTS.map((k) => formats[k]),
  );
  // What the user types into the yellow cells is kept across rebuilds, by the input's name.
  g.inputs = {
    blocks: [
      {
        id: 'whatIf',
        row: table.first,
        col: 2,
        rowKeys: [...WHAT_IF_INPUTS],
        colKeys: [''],
        label: t(L, 'report.whatIf.label'),
        rowLabels: inputRows.map((r) => r[0] as string),
        colLabels: [''],
        mark: { col: 3, text: t(L, 'report.whatIf.yours') },
      },
    ],
    kept: keptInputsWords(L),
  };
  const at: Record<WhatIfInput, string> = {} as Record<WhatIfInput, string>;
  WHAT_IF_INPUTS.forEach((key, k) => (at[key] = a1(table.first + k, 2, true)));
  row = table.last + 2;

  // Revenue now and at the target share of regulars; New and Prospective keep their proportion.
  writeSection(g, row, 1, t(L, 'report.whatIf.shareSection'), 4);
  const top = row + 1;
  const r = {
    shareNew: top + 1,
    shareProspective: top + 2,
    shareRegular: top + 3,
    perCustomer: top + 4,
    revenue: top + 5,
    profit: top + 6,
    growth: top + 7,
  };
  const cell = (rr: number, col: number): string => a1(rr, col);
  const perCustomer = (col: number): Formula =>
    f(
      `=${cell(r.shareNew, col)}*${at.purchasesNew}+${cell(r.shareProspective, col)}*${at.purchasesProspective}+${cell(r.shareRegular, col)}*${at.purchasesRegular}`,
    );
  const change = (rr: number): Formula => f(`=${cell(rr, 3)}-${cell(rr, 2)}`);
  const others = `(${at.shareNew}+${at.shareProspective})`;
  const rest = `(1-${at.targetShareRegular})`;
  writeTable(
    g,
    top,
    1,
    [
      { header: t(L, 'report.whatIf.measure') },
      { header: t(L, 'report.whatIf.now') },
      { header: t(L, 'report.whatIf.atTarget') },
      { header: t(L, 'report.whatIf.change') },
    ],
    [
      [
        t(L, 'report.whatIf.in.shareNew'),
        f(`=${at.shareNew}`),
        f(`=IFERROR(${at.shareNew}*${rest}/${others},${rest})`),
        change(r.shareNew),
      ],
      [
        t(L, 'report.whatIf.in.shareProspective'),
        f(`=${at.shareProspective}`),
        f(`=IFERROR(${at.shareProspective}*${rest}/${others},0)`),
        change(r.shareProspective),
      ],
      [t(L, 'report.whatIf.in.shareRegular'), f(`=${at.shareRegular}`), f(`=${at.targetShareRegular}`), change(r.shareRegular)],
      [t(L, 'report.whatIf.perCustomer'), perCustomer(2), perCustomer(3), change(r.perCustomer)],
      [
        t(L, 'report.whatIf.revenue'),
        f(`=${at.customers}*${at.averageCheck}*${cell(r.perCustomer, 2)}`),
        f(`=${at.customers}*${at.averageCheck}*${cell(r.perCustomer, 3)}`),
        change(r.revenue),
      ],
      [t(L, 'report.whatIf.profit'), f(`=${cell(r.revenue, 2)}*${at.margin}`), f(`=${cell(r.revenue, 3)}*${at.margin}`), change(r.profit)],
      [t(L, 'report.whatIf.growth'), '', f(`=IFERROR(${cell(r.revenue, 3)}/${cell(r.revenue, 2)}-1,"")`), ''],
    ],
  );
  formatRuns(
    g,
    r.shareNew,
    2,
    [FORMAT.percent, FORMAT.percent, FORMAT.percent, FORMAT.decimal, moneyFormat(ctx), moneyFormat(ctx), FORMAT.percent],
    3,
  );
  g.style({ row: r.revenue, col: 1, rows: 2, cols: 4 }, { bold: true });
  row = r.growth + 2;

  // Profit of one sale to a new customer and to a known one.
  writeSection(g, row, 1, t(L, 'report.whatIf.saleSection'), 3);
  const s = { top: row + 1, sale: row + 2, margin: row + 3, acquisition: row + 4, bonus: row + 5, fix: row + 6, profit: row + 7 };
  const both = (make: (col: number) => Cell): Cell[] => [make(2), make(3)];
  writeTable(
    g,
    s.top,
    1,
    [
      { header: t(L, 'report.whatIf.measure') },
      { header: t(L, 'report.whatIf.newSale'), format: moneyFormat(ctx) },
      { header: t(L, 'report.whatIf.repeatSale'), format: moneyFormat(ctx) },
    ],
    [
      [t(L, 'report.whatIf.sale'), ...both(() => f(`=${at.averageCheck}`))],
      [t(L, 'report.whatIf.saleMargin'), ...both((col) => f(`=ROUND(${cell(s.sale, col)}*${at.margin},2)`))],
      [t(L, 'report.whatIf.acquisition'), f(`=ROUND(${at.costPerLead}/${at.conversion},2)`), 0],
      [t(L, 'report.whatIf.bonus'), f(`=${at.bonusNew}`), f(`=${at.bonusRepeat}`)],
      [t(L, 'report.whatIf.fix'), f(`=${at.fixNew}`), f(`=${at.fixRepeat}`)],
      [
        t(L, 'report.whatIf.profitPerSale'),
        ...both((col) => f(`=${cell(s.margin, col)}-${cell(s.acquisition, col)}-${cell(s.bonus, col)}-${cell(s.fix, col)}`)),
      ],
    ],
  );
  g.style({ row: s.profit, col: 1, rows: 1, cols: 3 }, { bold: true, background: COLOUR.good });
  row = s.profit + 2;

  // N sales: N new customers once each, or one new customer N times.
  writeSection(g, row, 1, t(L, 'report.whatIf.salesSection'), 2);
  const n = { top: row + 1, many: row + 2, one: row + 3 };
  writeTable(
    g,
    n.top,
    1,
    [{ header: t(L, 'report.whatIf.measure') }, { header: t(L, 'report.whatIf.profit'), format: moneyFormat(ctx) }],
    [
      [t(L, 'report.whatIf.manyNew'), f(`=${at.sales}*${cell(s.profit, 2)}`)],
      [t(L, 'report.whatIf.oneMany'), f(`=${cell(s.profit, 2)}+(${at.sales}-1)*${cell(s.profit, 3)}`)],
      [t(L, 'report.whatIf.difference'), f(`=${cell(n.one, 2)}-${cell(n.many, 2)}`)],
    ],
  );
  g.style({ row: n.many, col: 1, rows: 3, cols: 2 }, { bold: true });
  g.put(n.one + 3, 1, [t(L, 'report.whatIf.note')]);
  g.style({ row: n.one + 3, col: 1, rows: 1, cols: 1 }, { italic: true, fontColor: '#5f6368' });

  const results = whatIfResults(inputs);
  return g.spec({
    kind: 'whatIf',
    key: 'whatIf',
    name: t(L, 'report.whatIf.name'),
    summary: t(L, 'report.whatIf.summary', {
      newSale: formatNumber(ctx, results.saleProfit[0]),
      repeatSale: formatNumber(ctx, results.saleProfit[1]),
    }),
    columnWidths: [340, 150, 150, 150],
  });
}

/** Number formats of consecutive cells down a column, one style per run of equal formats. */
function formatRuns(g: SheetGrid, firstRow: number, col: number, formats: string[], cols = 1): void {
  let start = 0;
  for (let k = 1; k <= formats.length; k++) {
    if (k === formats.length || formats[k] !== formats[start]) {
      g.style({ row: firstRow + start, col, rows: k - start, cols }, { numberFormat: formats[start] });
      start = k;
    }
  }
}
