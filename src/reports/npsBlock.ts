/**
 * The NPS block of the lifecycle matrix and the Managers sheet (docs/definitions.md:
 * NPS joined with customers): answers, promoters, passives, detractors and NPS per
 * row, a total, and a note saying which answers count and which rows were not read.
 * Only where the spreadsheet has an NPS tab (ctx.nps); nothing otherwise.
 */
import { type NpsFigures, type NpsJoin, npsJoin } from '../core/npsResponses';
import { t } from '../i18n/catalogue';
import { type ReportContext, type SheetContext } from './context';
import { FORMAT, type SheetGrid, writeSection, writeTable } from './layout';
import { type Cell } from './sheetSpec';

/** NPS -100..100 with one decimal. */
export const NPS_FORMAT = '0.0';
/** The problems named on the sheet; the note counts them all. */
const SHOWN_PROBLEMS = 5;

/** The join of ctx.nps with the customers as of the as-of date, by segment and by the managers listed; null without answers. */
export function npsOfContext(ctx: ReportContext, segments: ArrayLike<number>, managers: readonly string[] = []): NpsJoin | null {
  const source = ctx.nps;
  if (!source || source.error !== undefined) return null;
  return npsJoin(source.responses, { key: ctx.summary.key, segment: segments, manager: ctx.summary.manager }, ctx.asOf, managers);
}

const figureCells = (f: NpsFigures): Cell[] => [f.answers, f.promoters, f.passives, f.detractors, f.nps === null ? '' : f.nps];

/**
 * Writes the block at (top, left): a section title, one row per label, the total,
 * and the note. Returns the last row written; `top - 1` when there is no NPS tab
 * (nothing is written).
 */
export function writeNpsBlock(
  g: SheetGrid,
  ctx: SheetContext,
  top: number,
  left: number,
  place: { title: string; rowHeader: string; labels: string[]; figures: NpsFigures[] },
  join: NpsJoin | null,
): number {
  const L = ctx.lang;
  const source = ctx.nps;
  if (!source) return top - 1;
  writeSection(g, top, left, place.title, 6);
  if (source.error !== undefined || join === null) {
    g.put(top + 1, left, [t(L, 'report.nps.error', { error: source.error ?? '' })]);
    return top + 1;
  }
  const table = writeTable(
    g,
    top + 1,
    left,
    [
      { header: place.rowHeader },
      { header: t(L, 'col.answers'), format: FORMAT.count },
      { header: t(L, 'col.promoters'), format: FORMAT.count },
      { header: t(L, 'col.passives'), format: FORMAT.count },
      { header: t(L, 'col.detractors'), format: FORMAT.count },
      { header: t(L, 'col.nps'), format: NPS_FORMAT },
    ],
    place.labels.map((label, k) => [label, ...figureCells(place.figures[k])]),
    [t(L, 'report.total'), ...figureCells(join.total)],
  );
  let row = table.last + 1;
  g.put(row, left, [
    t(L, 'report.nps.note', {
      name: source.sheetName,
      answers: join.total.answers,
      unmatched: join.unmatched,
      unreadable: source.unreadableRows,
    }),
  ]);
  g.style({ row, col: left, rows: 1, cols: 1 }, { italic: true, fontColor: '#5f6368' });
  if (source.problems.length > 0) {
    row++;
    g.put(row, left, [t(L, 'report.nps.problems', { problems: source.problems.slice(0, SHOWN_PROBLEMS).join('; ') })]);
    g.style({ row, col: left, rows: 1, cols: 1 }, { italic: true, fontColor: '#5f6368' });
  }
  return row;
}
