/**
 * The line between the bundle (running in a `vm` context, as in Apps Script)
 * and the stand-ins (ordinary Node objects). Every stand-in reaches the bundle
 * through a Proxy that
 * - counts each method call (`Range.setValues` ...), the figure the benchmark
 *   reports as "Apps Script calls per rebuild";
 * - hands back values made in the bundle's realm: arrays, plain objects, Dates
 *   and errors, so `instanceof Date`/`Array` and `e instanceof Error` behave as in
 *   Apps Script (a Date made outside a vm context fails `instanceof Date` inside it);
 * - unwraps stand-ins passed back in (`ss.deleteSheet(sheet)`);
 * - exposes only public methods and enum objects (capitalised names), not the
 *   stand-ins' internal fields (names starting with `_`).
 * Errors thrown by stand-ins become `Exception`s of the bundle's realm with the
 * same message, as Apps Script's service errors are.
 */
import { isDate } from './values';

/** An error a service raises: the message is what Apps Script says. */
export class GasError extends Error {
  override name = 'Exception';
}

/** Calls made on the stand-ins: the total and per `Class.method`. */
export class CallCounter {
  total = 0;
  byMethod: Record<string, number> = {};
  count(key: string): void {
    this.total++;
    this.byMethod[key] = (this.byMethod[key] ?? 0) + 1;
  }
  reset(): void {
    this.total = 0;
    this.byMethod = {};
  }
  /** A copy, sorted by count. */
  snapshot(): { total: number; byMethod: Record<string, number> } {
    const entries = Object.entries(this.byMethod).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
    return { total: this.total, byMethod: Object.fromEntries(entries) };
  }
}

/**
 * Faults to inject, for tests of what the add-on does when a service call fails
 * (Apps Script services throw on quota, timeouts, a sheet deleted by another
 * editor ...): the calls are numbered across executions from 1, in the order they
 * are made, so that a test can make "call N" throw for every N a run makes.
 */
export class FaultPlan {
  /** Calls made since the plan was last reset (every stand-in call, counted before it runs). */
  seen = 0;
  private rules: Array<{ when: (index: number, key: string) => boolean; message: string; times: number }> = [];
  /** Throw at the N-th call from now (1 = the next call). */
  failAt(n: number, message = 'Service error (injected fault)'): void {
    const at = this.seen + n;
    this.failWhen((index) => index === at, message, 1);
  }
  /** Throw on every call that matches, e.g. `(i, key) => key === 'MailApp.sendEmail'`, at most `times` times. */
  failWhen(when: (index: number, key: string) => boolean, message = 'Service error (injected fault)', times = Infinity): void {
    this.rules.push({ when, message, times });
  }
  clear(): void {
    this.rules = [];
  }
  reset(): void {
    this.rules = [];
    this.seen = 0;
  }
  /** Called before each stand-in call: throws a service error when a rule matches. */
  check(key: string): void {
    const index = ++this.seen;
    for (const rule of this.rules) {
      if (rule.times > 0 && rule.when(index, key)) {
        rule.times--;
        throw new GasError(rule.message);
      }
    }
  }
}

/** Constructors of one realm (a vm context) to build values in it. */
export interface Realm {
  Array: ArrayConstructor;
  Object: ObjectConstructor;
  Date: DateConstructor;
  Error: ErrorConstructor;
  JSON: JSON;
}

/** Base class of every stand-in; `label` names it in call counts. */
export abstract class StandIn {
  abstract readonly _label: string;
}

export class Boundary {
  private proxies = new WeakMap<object, object>();
  private targets = new WeakMap<object, object>();
  /** Realm of the execution in progress; null means the host (tests calling stand-ins directly). */
  realm: Realm | null = null;

  /** Runs before every call of a stand-in method: throws when Apps Script would refuse it (scopes, auth mode). */
  guard: ((label: string, method: string) => void) | null = null;

  /** Injected faults (tests): checked before each call, after the guard. */
  readonly faults = new FaultPlan();

  constructor(readonly calls: CallCounter) {}

  /** The bundle's view of a stand-in. */
  wrap<T extends object>(raw: T): T {
    const known = this.proxies.get(raw);
    if (known) return known as T;
    const label = (raw as unknown as StandIn)._label ?? raw.constructor.name;
    const methods = new Map<PropertyKey, (...args: unknown[]) => unknown>();
    const proxy = new Proxy(raw, {
      get: (target, prop) => {
        if (typeof prop !== 'string' || prop.startsWith('_') || prop === 'constructor') return undefined;
        const value = Reflect.get(target, prop, target) as unknown;
        if (typeof value === 'function') {
          let fn = methods.get(prop);
          if (!fn) {
            fn = (...args: unknown[]) => this.invoke(target, label, prop, value as (...a: unknown[]) => unknown, args);
            methods.set(prop, fn);
          }
          return fn;
        }
        // Enums (SpreadsheetApp.DeveloperMetadataVisibility, ScriptApp.AuthMode ...)
        if (/^[A-Z]/.test(prop) && value !== undefined) return this.out(value);
        return undefined;
      },
      set: () => false,
      has: (target, prop) => typeof prop === 'string' && !prop.startsWith('_') && prop in target,
      ownKeys: () => [],
      getOwnPropertyDescriptor: () => undefined,
    });
    this.proxies.set(raw, proxy);
    this.targets.set(proxy, raw);
    return proxy as T;
  }

  private invoke(target: object, label: string, method: string, fn: (...a: unknown[]) => unknown, args: unknown[]): unknown {
    this.calls.count(`${label}.${method}`);
    let result: unknown;
    try {
      this.guard?.(label, method);
      this.faults.check(`${label}.${method}`);
      result = fn.apply(
        target,
        args.map((a) => this.in(a)),
      );
    } catch (e) {
      throw this.error(e);
    }
    return this.out(result);
  }

  /** An error of the current realm carrying a stand-in's message. */
  error(e: unknown): unknown {
    if (!(e instanceof GasError)) return e; // a bug in a stand-in: keep its stack
    if (!this.realm) return e;
    const err = new this.realm.Error(e.message);
    err.name = 'Exception';
    return err;
  }

  /** Arguments from the bundle: stand-ins unwrapped, arrays and plain objects walked. */
  in(value: unknown, depth = 0): unknown {
    if (typeof value !== 'object' || value === null) return value;
    const raw = this.targets.get(value);
    if (raw) return raw;
    if (depth > 3 || isDate(value)) return value;
    if (Array.isArray(value)) {
      // 2-D value grids are large and hold no stand-ins: copy only when needed. A grid of stand-ins
      // (Range.setDataValidations' rules) has one in its first row: then its cells are unwrapped.
      if (value.length && Array.isArray(value[0])) {
        const isStandIn = (c: unknown): boolean => typeof c === 'object' && c !== null && this.targets.has(c);
        if (!(value[0] as unknown[]).some(isStandIn)) return value;
        return value.map((row) => (row as unknown[]).map((c) => (isStandIn(c) ? this.targets.get(c as object) : c)));
      }
      return value.map((v) => this.in(v, depth + 1));
    }
    const proto = Object.getPrototypeOf(value);
    if (proto === null || Object.prototype.toString.call(value) === '[object Object]') {
      const copy: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(value)) copy[k] = this.in(v, depth + 1);
      return copy;
    }
    return value;
  }

  /** Results for the bundle: stand-ins wrapped, arrays/objects/Dates rebuilt in its realm. */
  out(value: unknown): unknown {
    if (typeof value !== 'object' || value === null) return value;
    if (value instanceof StandIn) return this.wrap(value);
    if (this.targets.has(value)) return value;
    const realm = this.realm;
    if (isDate(value)) return realm ? new realm.Date(value.getTime()) : value;
    if (Array.isArray(value)) {
      if (!realm) return value.map((v) => this.out(v));
      const arr = new realm.Array(value.length);
      for (let i = 0; i < value.length; i++) arr[i] = this.out(value[i]);
      return arr;
    }
    if (
      Object.prototype.toString.call(value) === '[object Object]' &&
      (Object.getPrototypeOf(value) === Object.prototype || Object.getPrototypeOf(value) === null)
    ) {
      const obj: Record<string, unknown> = realm ? (new realm.Object() as Record<string, unknown>) : {};
      for (const [k, v] of Object.entries(value)) obj[k] = this.out(v);
      return obj;
    }
    return value;
  }
}
