/**
 * A small evaluator for the formulas the report builders emit, so that the local
 * runtime can store computed values and tests can check what a live sheet shows.
 *
 * Subset: numbers, strings "..", TRUE/FALSE, + - * / ^ & % unary minus,
 * comparisons (= <> < > <= >=), parentheses, references A1 / $A$1, ranges A1:B3
 * inside functions, and SUM MIN MAX AVERAGE COUNT ROUND ABS IF IFERROR AND OR NOT.
 * Semantics follow Google Sheets where they matter: unary minus binds tighter than
 * `^` (-2^2 = 4), `^` is left-associative, a blank cell is 0 in arithmetic and "" in
 * text, aggregate functions skip text in ranges, cycles give #REF!, unknown
 * functions #NAME?, a formula that does not parse #ERROR!.
 */
import { type Cell, type CellValue, isFormula } from '../src/reports/sheetSpec';

export const FORMULA_ERRORS = ['#REF!', '#NAME?', '#VALUE!', '#DIV/0!', '#ERROR!', '#NUM!', '#N/A'] as const;
export type FormulaErrorCode = (typeof FORMULA_ERRORS)[number];

class FormulaError {
  constructor(readonly code: FormulaErrorCode) {}
}

/** A computed scalar; null is a blank cell. */
type Scalar = number | string | boolean | null;

interface RangeRef {
  kind: 'range';
  r1: number;
  c1: number;
  r2: number;
  c2: number;
}

type Node =
  | { t: 'num'; v: number }
  | { t: 'str'; v: string }
  | { t: 'bool'; v: boolean }
  | { t: 'ref'; row: number; col: number }
  | { t: 'range'; range: RangeRef }
  | { t: 'neg'; e: Node }
  | { t: 'pct'; e: Node }
  | { t: 'bin'; op: string; l: Node; r: Node }
  | { t: 'call'; name: string; args: Node[] };

// ---------- tokens and parser ----------

type Token =
  | { k: 'num'; v: number }
  | { k: 'str'; v: string }
  | { k: 'ref'; row: number; col: number }
  | { k: 'name'; v: string }
  | { k: 'op'; v: string };

const REF = /^\$?([A-Za-z]{1,3})\$?(\d+)/;
const NUM = /^(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?/;
const NAME = /^[A-Za-z_][A-Za-z0-9_.]*/;
const OPS = ['<=', '>=', '<>', '=', '<', '>', '+', '-', '*', '/', '^', '&', '%', '(', ')', ',', ':'];

function columnNumber(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

function tokenize(text: string): Token[] {
  const out: Token[] = [];
  let s = text;
  while (s.length > 0) {
    const ws = /^\s+/.exec(s);
    if (ws) {
      s = s.slice(ws[0].length);
      continue;
    }
    if (s[0] === '"') {
      let i = 1;
      let v = '';
      for (;;) {
        if (i >= s.length) throw new FormulaError('#ERROR!');
        if (s[i] === '"') {
          if (s[i + 1] === '"') {
            v += '"';
            i += 2;
            continue;
          }
          break;
        }
        v += s[i++];
      }
      out.push({ k: 'str', v });
      s = s.slice(i + 1);
      continue;
    }
    const num = NUM.exec(s);
    if (num) {
      out.push({ k: 'num', v: Number(num[0]) });
      s = s.slice(num[0].length);
      continue;
    }
    const ref = REF.exec(s);
    // A reference is not followed by more name characters or a call: "ROUND(" and "LOG10(" are names.
    if (ref && !/^[A-Za-z0-9_.(]/.test(s.slice(ref[0].length))) {
      out.push({ k: 'ref', row: Number(ref[2]), col: columnNumber(ref[1]) });
      s = s.slice(ref[0].length);
      continue;
    }
    const name = NAME.exec(s);
    if (name) {
      out.push({ k: 'name', v: name[0].toUpperCase() });
      s = s.slice(name[0].length);
      continue;
    }
    const op = OPS.find((o) => s.startsWith(o));
    if (!op) throw new FormulaError('#ERROR!');
    out.push({ k: 'op', v: op });
    s = s.slice(op.length);
  }
  return out;
}

class Parser {
  private i = 0;
  constructor(private readonly tokens: Token[]) {}

  parse(): Node {
    const node = this.comparison();
    if (this.i !== this.tokens.length) throw new FormulaError('#ERROR!');
    return node;
  }

  private peekOp(...ops: string[]): string | undefined {
    const tok = this.tokens[this.i];
    return tok && tok.k === 'op' && ops.includes(tok.v) ? tok.v : undefined;
  }

  private expectOp(op: string): void {
    if (!this.peekOp(op)) throw new FormulaError('#ERROR!');
    this.i++;
  }

  private binary(next: () => Node, ops: string[]): Node {
    let l = next();
    for (let op = this.peekOp(...ops); op; op = this.peekOp(...ops)) {
      this.i++;
      l = { t: 'bin', op, l, r: next() };
    }
    return l;
  }

  private comparison = (): Node => this.binary(this.concat, ['=', '<>', '<', '>', '<=', '>=']);
  private concat = (): Node => this.binary(this.additive, ['&']);
  private additive = (): Node => this.binary(this.multiplicative, ['+', '-']);
  private multiplicative = (): Node => this.binary(this.power, ['*', '/']);
  private power = (): Node => this.binary(this.unary, ['^']);

  private unary = (): Node => {
    const op = this.peekOp('-', '+');
    if (op) {
      this.i++;
      const e = this.unary();
      return op === '-' ? { t: 'neg', e } : e;
    }
    let e = this.primary();
    while (this.peekOp('%')) {
      this.i++;
      e = { t: 'pct', e };
    }
    return e;
  };

  private primary(): Node {
    const tok = this.tokens[this.i++];
    if (!tok) throw new FormulaError('#ERROR!');
    switch (tok.k) {
      case 'num':
        return { t: 'num', v: tok.v };
      case 'str':
        return { t: 'str', v: tok.v };
      case 'ref': {
        if (this.peekOp(':')) {
          this.i++;
          const end = this.tokens[this.i++];
          if (!end || end.k !== 'ref') throw new FormulaError('#ERROR!');
          return {
            t: 'range',
            range: {
              kind: 'range',
              r1: Math.min(tok.row, end.row),
              c1: Math.min(tok.col, end.col),
              r2: Math.max(tok.row, end.row),
              c2: Math.max(tok.col, end.col),
            },
          };
        }
        return { t: 'ref', row: tok.row, col: tok.col };
      }
      case 'name': {
        if (!this.peekOp('(')) {
          if (tok.v === 'TRUE' || tok.v === 'FALSE') return { t: 'bool', v: tok.v === 'TRUE' };
          throw new FormulaError('#NAME?');
        }
        this.i++;
        const args: Node[] = [];
        if (!this.peekOp(')')) {
          for (;;) {
            args.push(this.comparison());
            if (!this.peekOp(',')) break;
            this.i++;
          }
        }
        this.expectOp(')');
        return { t: 'call', name: tok.v, args };
      }
      case 'op':
        if (tok.v === '(') {
          const e = this.comparison();
          this.expectOp(')');
          return e;
        }
        throw new FormulaError('#ERROR!');
    }
  }
}

/** Parses a formula (with or without the leading `=`); throws a FormulaError when it cannot. */
function parseFormula(formula: string): Node {
  const text = formula.trim().replace(/^=/, '');
  return new Parser(tokenize(text)).parse();
}

// ---------- values ----------

const SERIAL_EPOCH_MS = Date.UTC(1899, 11, 30);

/** A Date as a Sheets serial number, read in the engine's local zone (as the local runtime writes them). */
function serialOf(date: Date): number {
  const ms = Date.UTC(
    date.getFullYear(),
    date.getMonth(),
    date.getDate(),
    date.getHours(),
    date.getMinutes(),
    date.getSeconds(),
    date.getMilliseconds(),
  );
  return (ms - SERIAL_EPOCH_MS) / 86_400_000;
}

function isDate(v: unknown): v is Date {
  return Object.prototype.toString.call(v) === '[object Date]';
}

/** A stored (non-formula) cell as a formula sees it: blank strings are blank cells, dates are serials. */
function stored(value: CellValue | undefined): Scalar {
  if (value === undefined || value === null || value === '') return null;
  if (isDate(value)) return serialOf(value);
  return value;
}

function toNumber(v: Scalar): number {
  if (v === null) return 0;
  if (typeof v === 'number') return v;
  if (typeof v === 'boolean') return v ? 1 : 0;
  const text = v.trim();
  if (text === '') return 0;
  const n = Number(text);
  if (Number.isNaN(n)) throw new FormulaError('#VALUE!');
  return n;
}

function toText(v: Scalar): string {
  if (v === null) return '';
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  return String(v);
}

function toBoolean(v: Scalar): boolean {
  if (v === null) return false;
  if (typeof v === 'boolean') return v;
  if (typeof v === 'number') return v !== 0;
  const upper = v.trim().toUpperCase();
  if (upper === 'TRUE') return true;
  if (upper === 'FALSE') return false;
  throw new FormulaError('#VALUE!');
}

function checked(n: number): number {
  if (!Number.isFinite(n)) throw new FormulaError('#NUM!');
  return n;
}

/** Sheets orders numbers < text < booleans; text compares case-insensitively; a blank takes the other side's type. */
function compare(a: Scalar, b: Scalar): number {
  const blankLike = (x: Scalar, other: Scalar): Scalar =>
    x !== null ? x : typeof other === 'string' ? '' : typeof other === 'boolean' ? false : 0;
  const x = blankLike(a, b);
  const y = blankLike(b, a);
  const rank = (v: Scalar): number => (typeof v === 'number' ? 0 : typeof v === 'string' ? 1 : 2);
  if (rank(x) !== rank(y)) return rank(x) - rank(y);
  if (typeof x === 'string' && typeof y === 'string') {
    const p = x.toLowerCase();
    const q = y.toLowerCase();
    return p < q ? -1 : p > q ? 1 : 0;
  }
  return Number(x) - Number(y);
}

/** ROUND: half away from zero, without the binary noise of x * 10^d. */
function round(x: number, digits: number): number {
  const d = Math.trunc(digits);
  const sign = x < 0 ? -1 : 1;
  const shifted = Number(`${Math.abs(x)}e${d}`);
  const result = Number(`${Math.round(shifted)}e${-d}`);
  return sign * (Number.isFinite(result) ? result : Math.round(Math.abs(x) * 10 ** d) / 10 ** d);
}

// ---------- evaluation ----------

const enum State {
  Fresh,
  Running,
  Done,
}

class SheetEvaluator {
  private readonly state: State[][] = [];
  private readonly result: Scalar[][] = [];
  private readonly error: (FormulaErrorCode | null)[][] = [];
  private readonly onCycle: boolean[][] = [];
  private readonly stack: [number, number][] = [];

  constructor(private readonly cells: Cell[][]) {}

  /** Value of a 1-based cell; throws the cell's error. */
  value(row: number, col: number): Scalar {
    const line = this.cells[row - 1];
    const cell = line ? line[col - 1] : undefined;
    if (cell === undefined || !isFormula(cell)) return stored(cell as CellValue | undefined);
    const r = row - 1;
    const c = col - 1;
    const st = this.state[r]?.[c] ?? State.Fresh;
    if (st === State.Running) {
      // Every cell on the stack from this one up is part of the cycle.
      for (let k = this.stack.length - 1; k >= 0; k--) {
        const [sr, sc] = this.stack[k];
        (this.onCycle[sr] ??= [])[sc] = true;
        if (sr === r && sc === c) break;
      }
      throw new FormulaError('#REF!');
    }
    if (st === State.Fresh) this.compute(r, c, cell.formula);
    const err = this.error[r][c];
    if (err) throw new FormulaError(err);
    return this.result[r][c];
  }

  private compute(r: number, c: number, formula: string): void {
    (this.state[r] ??= [])[c] = State.Running;
    this.stack.push([r, c]);
    let value: Scalar = null;
    let err: FormulaErrorCode | null = null;
    try {
      const v = this.scalar(parseFormula(formula));
      value = typeof v === 'number' ? checked(v) : v;
    } catch (e) {
      if (!(e instanceof FormulaError)) throw e;
      err = e.code;
    }
    this.stack.pop();
    if (this.onCycle[r]?.[c]) err = '#REF!';
    (this.result[r] ??= [])[c] = value;
    (this.error[r] ??= [])[c] = err;
    this.state[r][c] = State.Done;
  }

  /** The computed value of a cell for the output grid: errors as their codes. */
  output(row: number, col: number): CellValue {
    try {
      return this.value(row, col);
    } catch (e) {
      if (e instanceof FormulaError) return e.code;
      throw e;
    }
  }

  private scalar(node: Node): Scalar {
    switch (node.t) {
      case 'num':
        return node.v;
      case 'str':
        return node.v;
      case 'bool':
        return node.v;
      case 'ref':
        return this.value(node.row, node.col);
      case 'range':
        throw new FormulaError('#VALUE!');
      case 'neg':
        return -toNumber(this.scalar(node.e));
      case 'pct':
        return toNumber(this.scalar(node.e)) / 100;
      case 'bin':
        return this.binary(node.op, node.l, node.r);
      case 'call':
        return this.call(node.name, node.args);
    }
  }

  private binary(op: string, ln: Node, rn: Node): Scalar {
    const l = this.scalar(ln);
    const r = this.scalar(rn);
    switch (op) {
      case '+':
        return checked(toNumber(l) + toNumber(r));
      case '-':
        return checked(toNumber(l) - toNumber(r));
      case '*':
        return checked(toNumber(l) * toNumber(r));
      case '/': {
        const d = toNumber(r);
        const n = toNumber(l);
        if (d === 0) throw new FormulaError('#DIV/0!');
        return checked(n / d);
      }
      case '^':
        return checked(toNumber(l) ** toNumber(r));
      case '&':
        return toText(l) + toText(r);
      case '=':
        return compare(l, r) === 0;
      case '<>':
        return compare(l, r) !== 0;
      case '<':
        return compare(l, r) < 0;
      case '>':
        return compare(l, r) > 0;
      case '<=':
        return compare(l, r) <= 0;
      default:
        return compare(l, r) >= 0;
    }
  }

  /** Numbers of an aggregate's arguments: ranges and references skip text, blanks and booleans; direct values are coerced. */
  private numbers(args: Node[]): number[] {
    const out: number[] = [];
    for (const a of args) {
      if (a.t === 'range' || a.t === 'ref') {
        const { r1, c1, r2, c2 } = a.t === 'range' ? a.range : { r1: a.row, c1: a.col, r2: a.row, c2: a.col };
        for (let r = r1; r <= r2; r++) {
          for (let c = c1; c <= c2; c++) {
            const v = this.value(r, c);
            if (typeof v === 'number') out.push(v);
          }
        }
      } else out.push(toNumber(this.scalar(a)));
    }
    return out;
  }

  private call(name: string, args: Node[]): Scalar {
    const arity = (min: number, max: number): void => {
      if (args.length < min || args.length > max) throw new FormulaError('#N/A');
    };
    switch (name) {
      case 'SUM':
        return this.numbers(args).reduce((s, v) => s + v, 0);
      case 'MIN': {
        const ns = this.numbers(args);
        return ns.length ? Math.min(...ns) : 0;
      }
      case 'MAX': {
        const ns = this.numbers(args);
        return ns.length ? Math.max(...ns) : 0;
      }
      case 'AVERAGE': {
        const ns = this.numbers(args);
        if (ns.length === 0) throw new FormulaError('#DIV/0!');
        return ns.reduce((s, v) => s + v, 0) / ns.length;
      }
      case 'COUNT':
        return this.numbers(args.filter((a) => a.t === 'range' || a.t === 'ref')).length;
      case 'ROUND':
        arity(1, 2);
        return round(toNumber(this.scalar(args[0])), args[1] ? toNumber(this.scalar(args[1])) : 0);
      case 'ABS':
        arity(1, 1);
        return Math.abs(toNumber(this.scalar(args[0])));
      case 'IF': {
        arity(2, 3);
        const cond = toBoolean(this.scalar(args[0]));
        if (cond) return this.scalar(args[1]);
        return args[2] ? this.scalar(args[2]) : false;
      }
      case 'IFERROR':
        arity(1, 2);
        try {
          const v = this.scalar(args[0]);
          return typeof v === 'number' ? checked(v) : v;
        } catch (e) {
          if (!(e instanceof FormulaError)) throw e;
          return args[1] ? this.scalar(args[1]) : '';
        }
      case 'AND':
        arity(1, 255);
        return args.map((a) => toBoolean(this.scalar(a))).every(Boolean);
      case 'OR':
        arity(1, 255);
        return args.map((a) => toBoolean(this.scalar(a))).some(Boolean);
      case 'NOT':
        arity(1, 1);
        return !toBoolean(this.scalar(args[0]));
      default:
        throw new FormulaError('#NAME?');
    }
  }
}

/**
 * Every cell's value as the sheet would show it: stored values as they are,
 * formula cells computed (errors as their codes, e.g. '#DIV/0!'). Same shape as
 * the input, ragged rows included.
 */
export function evaluateSheet(cells: Cell[][]): CellValue[][] {
  const ev = new SheetEvaluator(cells);
  return cells.map((line, r) => line.map((cell, c) => (isFormula(cell) ? ev.output(r + 1, c + 1) : cell)));
}

/** One formula's value over a grid, e.g. to check a formula before writing it. */
export function evaluateFormula(formula: string, cells: Cell[][] = []): CellValue {
  const grid = cells.map((line) => line.slice());
  grid.push([{ formula }]);
  return evaluateSheet(grid)[grid.length - 1][0];
}
