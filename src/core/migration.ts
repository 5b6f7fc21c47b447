/**
 * Migration (docs/definitions.md: lifecycle segments; ABC / XYZ): the class of every customer at two
 * moments (lifecycle segment as of two dates, ABC/XYZ class over two periods), as
 * a transition table, per customer and per manager, and each manager's portfolio
 * quality (share of A and of X customers) in both periods.
 */
import { type AbcXyzOptions, abcXyz } from './abcXyz';
import { type LifecycleBands, lifecycleSegments } from './lifecycle';
import { type OrderRows } from './orders';
import { type CustomerSummary, buildSummary, customerRank } from './summary';

/** Nine classes (segments 0..8 or AX..CZ as abc x 3 + xyz) and `NONE` for "not there". */
export const CLASS_COUNT = 9;
export const NONE = 9;

export interface Migration {
  /** Customers present at either moment, sorted by key. */
  size: number;
  ref: Int32Array;
  key: string[];
  name: string[];
  manager: string[];
  /** Class at moment 1 and 2, `NONE` where the customer was not there. */
  from: Uint8Array;
  to: Uint8Array;
  /** 10 x 10 counts, matrix[from][to]; row and column 9 are `NONE`. */
  matrix: number[][];
}

/** How a customer moved: toward the better classes on both axes, away on both, or one of each. */
export type Move = 'same' | 'better' | 'worse' | 'mixed' | 'new' | 'gone';
export const MOVES: readonly Move[] = ['same', 'better', 'worse', 'mixed', 'new', 'gone'];

function emptyMatrix(): number[][] {
  return Array.from({ length: CLASS_COUNT + 1 }, () => new Array<number>(CLASS_COUNT + 1).fill(0));
}

/**
 * Joins two summaries of the same orders by customer. Both list their customers in
 * key order (`customerRank`), so the merge compares ranks, not key strings.
 */
function join(orders: OrderRows, s1: CustomerSummary, c1: ArrayLike<number>, s2: CustomerSummary, c2: ArrayLike<number>): Migration {
  const rank = customerRank(orders);
  const r1 = s1.ref;
  const r2 = s2.ref;
  const n1 = s1.size;
  const n2 = s2.size;
  const ref = new Int32Array(n1 + n2);
  const from = new Uint8Array(n1 + n2);
  const to = new Uint8Array(n1 + n2);
  // A customer counts for their manager as of the later moment (else the earlier one), in both.
  const manager = new Array<string>(n1 + n2);
  let i = 0;
  let j = 0;
  let size = 0;
  while (i < n1 && j < n2) {
    const a = r1[i];
    const b = r2[j];
    if (a === b) {
      ref[size] = a;
      manager[size] = s2.manager[j] || s1.manager[i];
      from[size] = c1[i++];
      to[size++] = c2[j++];
    } else if (rank[a] < rank[b]) {
      ref[size] = a;
      manager[size] = s1.manager[i];
      from[size] = c1[i++];
      to[size++] = NONE;
    } else {
      ref[size] = b;
      manager[size] = s2.manager[j];
      from[size] = NONE;
      to[size++] = c2[j++];
    }
  }
  for (; i < n1; i++, size++) {
    ref[size] = r1[i];
    manager[size] = s1.manager[i];
    from[size] = c1[i];
    to[size] = NONE;
  }
  for (; j < n2; j++, size++) {
    ref[size] = r2[j];
    manager[size] = s2.manager[j];
    from[size] = NONE;
    to[size] = c2[j];
  }
  const matrix = emptyMatrix();
  for (let k = 0; k < size; k++) matrix[from[k]][to[k]]++;
  const dir = orders.customers;
  const key = new Array<string>(size);
  const name = new Array<string>(size);
  for (let k = 0; k < size; k++) {
    const c = ref[k];
    key[k] = dir.key[c];
    name[k] = dir.name[c];
  }
  manager.length = size;
  return {
    size,
    ref: ref.slice(0, size),
    key,
    name,
    manager,
    from: from.slice(0, size),
    to: to.slice(0, size),
    matrix,
  };
}

/** Lifecycle segment of every customer as of date 1 and as of date 2 (epoch days, exclusive). */
export function lifecycleMigration(orders: OrderRows, date1: number, date2: number, bands: LifecycleBands): Migration {
  const s1 = buildSummary(orders, { asOf: date1 });
  const s2 = buildSummary(orders, { asOf: date2 });
  return join(orders, s1, lifecycleSegments(s1, bands), s2, lifecycleSegments(s2, bands));
}

/** ABC/XYZ class (abc x 3 + xyz) of every customer over period 1 and over period 2 ([from, to) in epoch days). */
export function abcXyzMigration(
  orders: OrderRows,
  period1: { from: number; to: number },
  period2: { from: number; to: number },
  options: AbcXyzOptions,
): Migration {
  const classes = (p: { from: number; to: number }): [CustomerSummary, Uint8Array] => {
    const s = buildSummary(orders, { from: p.from, asOf: p.to });
    const { abc, xyz } = abcXyz(s, options);
    const c = new Uint8Array(s.size);
    for (let i = 0; i < s.size; i++) c[i] = abc[i] * 3 + xyz[i];
    return [s, c];
  };
  const [s1, c1] = classes(period1);
  const [s2, c2] = classes(period2);
  return join(orders, s1, c1, s2, c2);
}

function moveBySigns(from: number, to: number, d1: number, d2: number): Move {
  if (from === NONE) return to === NONE ? 'same' : 'new';
  if (to === NONE) return 'gone';
  if (d1 === 0 && d2 === 0) return 'same';
  if (d1 >= 0 && d2 >= 0) return 'better';
  if (d1 <= 0 && d2 <= 0) return 'worse';
  return 'mixed';
}

/** Lifecycle: more purchases and a more recent purchase are better. */
export function lifecycleMove(from: number, to: number): Move {
  return moveBySigns(from, to, Math.floor(to / 3) - Math.floor(from / 3), (from % 3) - (to % 3));
}

/** ABC/XYZ: A over B over C, X over Y over Z. */
export function abcXyzMove(from: number, to: number): Move {
  return moveBySigns(from, to, Math.floor(from / 3) - Math.floor(to / 3), (from % 3) - (to % 3));
}

/** Managers in a fixed order: by name ignoring case, customers without a manager last. */
export function compareManagers(a: string, b: string): number {
  if (a === b) return 0;
  if (a === '') return 1;
  if (b === '') return -1;
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  return x < y ? -1 : x > y ? 1 : a < b ? -1 : 1;
}

export interface ManagerMigration {
  manager: string;
  /** Customers of the manager present at either moment. */
  customers: number;
  matrix: number[][];
  moves: Record<Move, number>;
}

/** The migration of each manager's customers, managers in `compareManagers` order. */
export function migrationByManager(m: Migration, moveOf: (from: number, to: number) => Move): ManagerMigration[] {
  const byManager = new Map<string, ManagerMigration>();
  for (let k = 0; k < m.size; k++) {
    let g = byManager.get(m.manager[k]);
    if (!g) {
      g = {
        manager: m.manager[k],
        customers: 0,
        matrix: emptyMatrix(),
        moves: { same: 0, better: 0, worse: 0, mixed: 0, new: 0, gone: 0 },
      };
      byManager.set(m.manager[k], g);
    }
    g.customers++;
    g.matrix[m.from[k]][m.to[k]]++;
    g.moves[moveOf(m.from[k], m.to[k])]++;
  }
  return [...byManager.values()].sort((a, b) => compareManagers(a.manager, b.manager));
}

export interface PortfolioQuality {
  /** '' for customers without a manager. */
  manager: string;
  /** Customers of the manager classed in period 1 and in period 2. */
  customers: [number, number];
  /** Share of A customers among them in each period (NaN without customers). */
  shareA: [number, number];
  shareX: [number, number];
}

/** Share of A and of X customers per manager and for the whole base, in each period of an ABC/XYZ migration. */
export function portfolioQuality(m: Migration): { managers: PortfolioQuality[]; total: PortfolioQuality } {
  type Tally = { n: [number, number]; a: [number, number]; x: [number, number] };
  const tallies = new Map<string, Tally>();
  const total: Tally = { n: [0, 0], a: [0, 0], x: [0, 0] };
  const count = (t: Tally, p: 0 | 1, c: number): void => {
    if (c === NONE) return;
    t.n[p]++;
    if (Math.floor(c / 3) === 0) t.a[p]++;
    if (c % 3 === 0) t.x[p]++;
  };
  for (let k = 0; k < m.size; k++) {
    let t = tallies.get(m.manager[k]);
    if (!t) {
      t = { n: [0, 0], a: [0, 0], x: [0, 0] };
      tallies.set(m.manager[k], t);
    }
    for (const t2 of [t, total]) {
      count(t2, 0, m.from[k]);
      count(t2, 1, m.to[k]);
    }
  }
  const share = (part: number, whole: number): number => (whole === 0 ? NaN : part / whole);
  const quality = (manager: string, t: Tally): PortfolioQuality => ({
    manager,
    customers: [t.n[0], t.n[1]],
    shareA: [share(t.a[0], t.n[0]), share(t.a[1], t.n[1])],
    shareX: [share(t.x[0], t.n[0]), share(t.x[1], t.n[1])],
  });
  const managers = [...tallies.entries()].sort((a, b) => compareManagers(a[0], b[0])).map(([name, t]) => quality(name, t));
  return { managers, total: quality('', total) };
}
