/**
 * The tables both migration reports share: the transition matrix (coloured by the
 * direction of each move), moves per manager, transitions per manager as a long
 * table, and the customers who moved.
 */
import { CLASS_COUNT, type Migration, type Move, NONE, compareManagers, migrationByManager } from '../core/migration';
import { type Lang, t } from '../i18n/catalogue';
import { COLOUR, FORMAT, type SheetGrid, type TablePlace, managerName, writeSection, writeTable } from './layout';
import { type Cell } from './sheetSpec';

export interface MigrationLabels {
  /** Label of class 0..8, and of NONE as a row (moment 1) and as a column (moment 2). */
  classLabel: (c: number) => string;
  noneRow: string;
  noneCol: string;
  /** Top-left cell of the transition matrix, e.g. "Date 1 \\ date 2". */
  corner: string;
  /** Headers of the class columns of the moved-customers table. */
  from: string;
  to: string;
  moveOf: (from: number, to: number) => Move;
}

const MOVE_COLOUR: Partial<Record<Move, string>> = { same: COLOUR.same, better: COLOUR.good, worse: COLOUR.bad, gone: COLOUR.bad };

/** Worse moves first: they need attention. */
const MOVE_ORDER: Record<Move, number> = { worse: 0, gone: 1, mixed: 2, better: 3, new: 4, same: 5 };

export function moveLabel(lang: Lang, move: Move): string {
  return t(lang, `report.move.${move}`);
}

/**
 * The transition matrix: rows = class at moment 1 (then NONE), columns = class at
 * moment 2 (then NONE when `noneColumn`), with totals. Only non-empty cells are
 * coloured, so the number of style areas stays at most 100.
 */
export function writeTransitionMatrix(
  g: SheetGrid,
  lang: Lang,
  top: number,
  m: { matrix: number[][] },
  labels: MigrationLabels,
  noneColumn: boolean,
): TablePlace {
  const classes = Array.from({ length: CLASS_COUNT }, (_, c) => c);
  const rowClasses = [...classes, NONE];
  const colClasses = noneColumn ? [...classes, NONE] : classes;
  const header = [labels.corner, ...colClasses.map((c) => (c === NONE ? labels.noneCol : labels.classLabel(c))), t(lang, 'report.total')];
  const rows: Cell[][] = rowClasses.map((f) => {
    const counts = colClasses.map((to) => m.matrix[f][to]);
    return [f === NONE ? labels.noneRow : labels.classLabel(f), ...counts, counts.reduce((a, b) => a + b, 0)];
  });
  const colTotals = colClasses.map((to) => rowClasses.reduce((s, f) => s + m.matrix[f][to], 0));
  const total: Cell[] = [t(lang, 'report.total'), ...colTotals, colTotals.reduce((a, b) => a + b, 0)];
  const place = writeTable(
    g,
    top,
    1,
    [{ header: header[0] }, ...header.slice(1).map((h) => ({ header: h, format: FORMAT.count, align: 'center' as const }))],
    rows,
    total,
  );
  g.style({ row: place.first, col: 1, rows: rowClasses.length + 1, cols: 1 }, { bold: true });
  rowClasses.forEach((f, r) =>
    colClasses.forEach((to, c) => {
      const colour = MOVE_COLOUR[labels.moveOf(f, to)];
      if (colour && m.matrix[f][to] > 0) g.style({ row: place.first + r, col: 2 + c, rows: 1, cols: 1 }, { background: colour });
    }),
  );
  g.put(place.last + 1, 1, [t(lang, 'report.migration.legend')]);
  g.style({ row: place.last + 1, col: 1, rows: 1, cols: 1 }, { italic: true, fontColor: '#5f6368' });
  return { ...place, last: place.last + 1 };
}

/** Per manager: customers, and how many stayed, moved up, moved down ... */
export function writeManagerMoves(g: SheetGrid, lang: Lang, top: number, m: Migration, labels: MigrationLabels): TablePlace {
  const perManager = migrationByManager(m, labels.moveOf);
  const moves: Move[] = ['same', 'better', 'worse', 'mixed', 'new', 'gone'];
  writeSection(g, top, 1, t(lang, 'report.migration.byManager'), moves.length + 2);
  const rows: Cell[][] = perManager.map((p) => [managerName(lang, p.manager), p.customers, ...moves.map((mv) => p.moves[mv])]);
  const total: Cell[] = [t(lang, 'report.total'), m.size, ...moves.map((mv) => perManager.reduce((s, p) => s + p.moves[mv], 0))];
  return writeTable(
    g,
    top + 1,
    1,
    [
      { header: t(lang, 'report.manager') },
      { header: t(lang, 'report.customers'), format: FORMAT.count },
      ...moves.map((mv) => ({ header: moveLabel(lang, mv), format: FORMAT.count })),
    ],
    rows,
    total,
  );
}

/** Per manager, every non-empty transition as a row: manager, from, to, customers. */
export function writeManagerTransitions(g: SheetGrid, lang: Lang, top: number, m: Migration, labels: MigrationLabels): TablePlace {
  const perManager = migrationByManager(m, labels.moveOf);
  writeSection(g, top, 1, t(lang, 'report.migration.transitions'), 5);
  const rows: Cell[][] = [];
  const name = (c: number, none: string): string => (c === NONE ? none : labels.classLabel(c));
  for (const p of perManager) {
    for (let f = 0; f <= NONE; f++) {
      for (let to = 0; to <= NONE; to++) {
        const n = p.matrix[f][to];
        if (n > 0)
          rows.push([
            managerName(lang, p.manager),
            name(f, labels.noneRow),
            name(to, labels.noneCol),
            moveLabel(lang, labels.moveOf(f, to)),
            n,
          ]);
      }
    }
  }
  return writeTable(
    g,
    top + 1,
    1,
    [
      { header: t(lang, 'report.manager') },
      { header: labels.from },
      { header: labels.to },
      { header: t(lang, 'report.migration.move') },
      { header: t(lang, 'report.customers'), format: FORMAT.count },
    ],
    rows,
  );
}

/** Customers whose class changed, by manager, worse moves first. Returns the place and how many moved. */
export function writeMovedCustomers(
  g: SheetGrid,
  lang: Lang,
  top: number,
  m: Migration,
  labels: MigrationLabels,
): TablePlace & { moved: number } {
  // Sort keys and labels per distinct value, computed once: managers in `compareManagers` order, the
  // move of each of the 10 x 10 transitions, the label of each class.
  const managerRank = new Map<string, number>();
  const managerShown: string[] = [];
  let count = 0;
  for (let k = 0; k < m.size; k++) {
    if (m.from[k] === m.to[k]) continue;
    count++;
    if (!managerRank.has(m.manager[k])) managerRank.set(m.manager[k], 0);
  }
  [...managerRank.keys()].sort(compareManagers).forEach((name, r) => {
    managerRank.set(name, r);
    managerShown.push(managerName(lang, name));
  });
  const side = NONE + 1;
  const transitionOrder = new Float64Array(side * side);
  const transitionLabel: string[] = new Array<string>(side * side);
  const moveLabels = new Map<Move, string>();
  for (let f = 0; f < side; f++) {
    for (let to = 0; to < side; to++) {
      const move = labels.moveOf(f, to);
      let label = moveLabels.get(move);
      if (label === undefined) {
        label = moveLabel(lang, move);
        moveLabels.set(move, label);
      }
      transitionOrder[f * side + to] = MOVE_ORDER[move] * side * side + f * side + to;
      transitionLabel[f * side + to] = label;
    }
  }
  const fromName: string[] = [];
  const toName: string[] = [];
  for (let c = 0; c < side; c++) {
    fromName.push(c === NONE ? labels.noneRow : labels.classLabel(c));
    toName.push(c === NONE ? labels.noneCol : labels.classLabel(c));
  }
  // One number per moved customer: manager, move, from, to, then the customer's place (unique, so the sort is total).
  const n = m.size;
  const keys = new Float64Array(count);
  for (let k = 0, p = 0; k < n; k++) {
    const f = m.from[k];
    const to = m.to[k];
    if (f === to) continue;
    const sortKey = (managerRank.get(m.manager[k]) as number) * (6 * side * side) + transitionOrder[f * side + to];
    keys[p++] = sortKey * n + k;
  }
  keys.sort();
  writeSection(g, top, 1, t(lang, 'report.migration.moved'), 5);
  const rows: Cell[][] = new Array<Cell[]>(count);
  for (let p = 0; p < count; p++) {
    const k = keys[p] % n;
    const f = m.from[k];
    const to = m.to[k];
    rows[p] = [m.name[k], managerShown[managerRank.get(m.manager[k]) as number], fromName[f], toName[to], transitionLabel[f * side + to]];
  }
  const place = writeTable(
    g,
    top + 1,
    1,
    [
      { header: t(lang, 'col.customer'), format: FORMAT.text },
      { header: t(lang, 'report.manager'), format: FORMAT.text },
      { header: labels.from },
      { header: labels.to },
      { header: t(lang, 'report.migration.move') },
    ],
    rows,
  );
  return { ...place, moved: count };
}
