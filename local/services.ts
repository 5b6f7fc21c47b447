/**
 * LockService, PropertiesService, Session, ScriptApp (triggers) and Utilities.
 *
 * Each `runtime.call` is one execution, as each google.script.run call or trigger
 * run is in Apps Script: locks belong to an execution and are let go when it
 * ends; another execution's lock (`runtime.holdLock`) makes tryLock fail.
 */
import { randomUUID } from 'node:crypto';
import type { AuthState } from './authorization';
import { GasError, StandIn } from './boundary';
import { NAMES } from './numberFormat';
import { enumOf, real } from './spreadsheet';
import { isDate, wallMsOf } from './values';

// ------------------------------------------------------------------ locks

export type LockKind = 'document' | 'script' | 'user';

/** Who holds which lock; shared by all executions of one runtime. */
export class LockTable {
  private holders = new Map<LockKind, { execution: number; releaseAt: number | null }>();
  /** The execution in progress (0 outside calls). */
  execution = 0;
  /** `advance` moves the runtime clock on: a waiting tryLock spends the time it waits. */
  constructor(
    readonly now: () => number,
    readonly advance: (ms: number) => void = () => {},
  ) {}
  holder(kind: LockKind): { execution: number; releaseAt: number | null } | undefined {
    const h = this.holders.get(kind);
    if (h && h.releaseAt !== null && h.releaseAt <= this.now()) {
      this.holders.delete(kind);
      return undefined;
    }
    return h;
  }
  take(kind: LockKind, execution: number, releaseAt: number | null = null): void {
    this.holders.set(kind, { execution, releaseAt });
  }
  release(kind: LockKind, execution: number): void {
    if (this.holders.get(kind)?.execution === execution) this.holders.delete(kind);
  }
  /** Apps Script lets go of an execution's locks when it ends. */
  releaseAll(execution: number): void {
    for (const [kind, h] of this.holders) if (h.execution === execution) this.holders.delete(kind);
  }
}

export class FakeLockService
  extends StandIn
  implements Pick<GoogleAppsScript.Lock.LockService, 'getDocumentLock' | 'getScriptLock' | 'getUserLock'>
{
  readonly _label = 'LockService';
  constructor(readonly _table: LockTable) {
    super();
  }
  getDocumentLock(): GoogleAppsScript.Lock.Lock {
    return new FakeLock(this._table, 'document', this._table.execution);
  }
  getScriptLock(): GoogleAppsScript.Lock.Lock {
    return new FakeLock(this._table, 'script', this._table.execution);
  }
  getUserLock(): GoogleAppsScript.Lock.Lock {
    return new FakeLock(this._table, 'user', this._table.execution);
  }
}

export class FakeLock extends StandIn implements GoogleAppsScript.Lock.Lock {
  readonly _label = 'Lock';
  constructor(
    readonly _table: LockTable,
    readonly _kind: LockKind,
    readonly _execution: number,
  ) {
    super();
  }
  /**
   * True when the lock is free, already this execution's, or let go by its holder
   * within the timeout. Waiting is simulated: nothing else runs meanwhile, but the
   * runtime clock moves on by the time waited (until the holder lets go, or the
   * whole timeout when it does not), as Apps Script's tryLock blocks the execution:
   * https://developers.google.com/apps-script/reference/lock/lock#tryLock(Integer)
   */
  tryLock(timeoutInMillis: number): boolean {
    if (typeof timeoutInMillis !== 'number' || !Number.isFinite(timeoutInMillis) || timeoutInMillis < 0)
      throw new GasError('Invalid argument: timeoutInMillis');
    const h = this._table.holder(this._kind);
    const now = this._table.now();
    if (!h || h.execution === this._execution || (h.releaseAt !== null && h.releaseAt <= now + timeoutInMillis)) {
      if (h && h.execution !== this._execution && h.releaseAt !== null) this._table.advance(h.releaseAt - now);
      this._table.take(this._kind, this._execution);
      return true;
    }
    this._table.advance(timeoutInMillis);
    return false;
  }
  waitLock(timeoutInMillis: number): void {
    if (!this.tryLock(timeoutInMillis)) throw new GasError('Lock timeout: another process was holding the lock for too long.');
  }
  releaseLock(): void {
    this._table.release(this._kind, this._execution);
  }
  hasLock(): boolean {
    return this._table.holder(this._kind)?.execution === this._execution;
  }
}

// ------------------------------------------------------------------ properties

export type PropertyScope = 'document' | 'user' | 'script';
export type PropertyStores = Record<PropertyScope, Record<string, string>>;

/** Apps Script's limits: 9 KB a value, 500 KB a store. */
const MAX_VALUE = 9 * 1024;
const MAX_STORE = 500 * 1024;

export class FakePropertiesService
  extends StandIn
  implements Pick<GoogleAppsScript.Properties.PropertiesService, 'getDocumentProperties' | 'getUserProperties' | 'getScriptProperties'>
{
  readonly _label = 'PropertiesService';
  constructor(
    readonly _stores: PropertyStores,
    readonly _changed: () => void,
  ) {
    super();
  }
  getDocumentProperties(): GoogleAppsScript.Properties.Properties {
    return real<GoogleAppsScript.Properties.Properties>(new FakeProperties(this._stores, 'document', this._changed));
  }
  getUserProperties(): GoogleAppsScript.Properties.Properties {
    return real<GoogleAppsScript.Properties.Properties>(new FakeProperties(this._stores, 'user', this._changed));
  }
  getScriptProperties(): GoogleAppsScript.Properties.Properties {
    return real<GoogleAppsScript.Properties.Properties>(new FakeProperties(this._stores, 'script', this._changed));
  }
}

type Props = GoogleAppsScript.Properties.Properties;

export class FakeProperties
  extends StandIn
  implements
    Pick<Props, 'getProperty' | 'setProperty' | 'setProperties' | 'getProperties' | 'getKeys' | 'deleteProperty' | 'deleteAllProperties'>
{
  readonly _label = 'Properties';
  constructor(
    readonly _stores: PropertyStores,
    readonly _scope: PropertyScope,
    readonly _changed: () => void,
  ) {
    super();
  }
  private get _store(): Record<string, string> {
    return this._stores[this._scope];
  }
  /** `written`: the values this call writes; only they are held to the size of a value (what is stored already was checked when written). */
  private _save(next: Record<string, string>, written: readonly string[] = []): Props {
    for (const v of written) if (Buffer.byteLength(v) > MAX_VALUE) throw new GasError('Argument too large: value');
    let size = 0;
    for (const [k, v] of Object.entries(next)) size += Buffer.byteLength(k) + Buffer.byteLength(v);
    if (size > MAX_STORE) throw new GasError('You have exceeded the property storage quota. Please remove some properties and try again.');
    this._stores[this._scope] = next;
    this._changed();
    return real<Props>(this);
  }
  getProperty(key: string): string | null {
    return Object.prototype.hasOwnProperty.call(this._store, key) ? this._store[key] : null;
  }
  /** Values are stored as strings, as Apps Script does (`5` comes back as "5"). */
  setProperty(key: string, value: string): Props {
    if (typeof key !== 'string' || key === '') throw new GasError('Invalid argument: key');
    return this._save({ ...this._store, [key]: String(value) }, [String(value)]);
  }
  setProperties(properties: { [key: string]: string }, deleteAllOthers?: boolean): Props {
    if (typeof properties !== 'object' || properties === null) throw new GasError('Invalid argument: properties');
    const next = deleteAllOthers ? {} : { ...this._store };
    for (const [k, v] of Object.entries(properties)) next[k] = String(v);
    return this._save(next, Object.values(properties).map(String));
  }
  getProperties(): { [key: string]: string } {
    return { ...this._store };
  }
  getKeys(): string[] {
    return Object.keys(this._store);
  }
  deleteProperty(key: string): Props {
    const next = { ...this._store };
    delete next[key];
    return this._save(next);
  }
  deleteAllProperties(): Props {
    return this._save({});
  }
}

// ------------------------------------------------------------------ Session

export interface SessionInfo {
  user: string;
  userLocale: string;
  scriptTimeZone: string;
}

export class FakeUser extends StandIn implements Pick<GoogleAppsScript.Base.User, 'getEmail'> {
  readonly _label = 'User';
  constructor(readonly _email: string) {
    super();
  }
  getEmail(): string {
    return this._email;
  }
}

export class FakeSession
  extends StandIn
  implements
    Pick<
      GoogleAppsScript.Base.Session,
      'getActiveUser' | 'getEffectiveUser' | 'getActiveUserLocale' | 'getScriptTimeZone' | 'getTemporaryActiveUserKey'
    >
{
  readonly _label = 'Session';
  constructor(readonly _info: SessionInfo) {
    super();
  }
  getActiveUser(): GoogleAppsScript.Base.User {
    return real<GoogleAppsScript.Base.User>(new FakeUser(this._info.user));
  }
  getEffectiveUser(): GoogleAppsScript.Base.User {
    return real<GoogleAppsScript.Base.User>(new FakeUser(this._info.user));
  }
  getActiveUserLocale(): string {
    return this._info.userLocale;
  }
  getScriptTimeZone(): string {
    return this._info.scriptTimeZone;
  }
  getTemporaryActiveUserKey(): string {
    return Buffer.from(this._info.user).toString('base64url');
  }
}

// ------------------------------------------------------------------ ScriptApp

export const AuthMode = enumOf<keyof typeof GoogleAppsScript.Script.AuthMode>('NONE', 'CUSTOM_FUNCTION', 'LIMITED', 'FULL');
export const EventType = enumOf<keyof typeof GoogleAppsScript.Script.EventType>(
  'CLOCK',
  'ON_OPEN',
  'ON_EDIT',
  'ON_FORM_SUBMIT',
  'ON_CHANGE',
  'ON_EVENT_UPDATED',
);
export const TriggerSource = enumOf<keyof typeof GoogleAppsScript.Script.TriggerSource>(
  'SPREADSHEETS',
  'CLOCK',
  'FORMS',
  'DOCUMENTS',
  'CALENDAR',
);
export const AuthorizationStatus = enumOf<keyof typeof GoogleAppsScript.Script.AuthorizationStatus>('REQUIRED', 'NOT_REQUIRED');
export const WeekDay = enumOf<keyof typeof GoogleAppsScript.Base.Weekday>(
  'SUNDAY',
  'MONDAY',
  'TUESDAY',
  'WEDNESDAY',
  'THURSDAY',
  'FRIDAY',
  'SATURDAY',
);

export interface TriggerModel {
  uid: string;
  handler: string;
  eventType: keyof typeof EventType;
  source: keyof typeof TriggerSource;
  /** Spreadsheet id for spreadsheet triggers; null for clock triggers. */
  sourceId: string | null;
  /** The clock schedule as given to the builder. */
  schedule: {
    weekDay?: string;
    hour?: number;
    nearMinute?: number;
    everyWeeks?: number;
    everyDays?: number;
    everyHours?: number;
    everyMinutes?: number;
    monthDay?: number;
    at?: string;
    after?: number;
    timeZone?: string;
  };
  user: string;
}

/** What ScriptApp needs from the runtime. */
export interface TriggerHost {
  triggers: TriggerModel[];
  spreadsheetId: string;
  user: string;
  scriptId: string;
  auth: AuthState;
  changed(): void;
}

/** Apps Script allows 20 triggers per user per script. */
const MAX_TRIGGERS = 20;

export class FakeScriptApp
  extends StandIn
  implements
    Pick<
      GoogleAppsScript.Script.ScriptApp,
      | 'newTrigger'
      | 'getProjectTriggers'
      | 'getUserTriggers'
      | 'deleteTrigger'
      | 'getScriptId'
      | 'getAuthorizationInfo'
      | 'requireScopes'
      | 'requireAllScopes'
    >
{
  readonly _label = 'ScriptApp';
  readonly AuthMode = AuthMode;
  readonly AuthorizationStatus = AuthorizationStatus;
  readonly EventType = EventType;
  readonly TriggerSource = TriggerSource;
  readonly WeekDay = WeekDay;
  constructor(readonly _host: TriggerHost) {
    super();
  }
  newTrigger(functionName: string): GoogleAppsScript.Script.TriggerBuilder {
    if (typeof functionName !== 'string' || functionName === '') throw new GasError('Invalid argument: functionName');
    return real<GoogleAppsScript.Script.TriggerBuilder>(new FakeTriggerBuilder(this._host, functionName));
  }
  /** This user's triggers of this script. */
  getProjectTriggers(): GoogleAppsScript.Script.Trigger[] {
    return this._host.triggers.filter((t) => t.user === this._host.user).map((t) => new FakeTrigger(t));
  }
  /** As documented: this user's triggers installed on the given spreadsheet (clock triggers are not). */
  getUserTriggers(container: unknown): GoogleAppsScript.Script.Trigger[] {
    const id = (container as { getId?: () => string })?.getId?.();
    if (typeof id !== 'string') throw new GasError('Invalid argument: spreadsheet');
    return this._host.triggers.filter((t) => t.user === this._host.user && t.sourceId === id).map((t) => new FakeTrigger(t));
  }
  deleteTrigger(trigger: GoogleAppsScript.Script.Trigger): void {
    const t = trigger as unknown as FakeTrigger;
    if (!(t instanceof FakeTrigger)) throw new GasError('Invalid argument: trigger');
    const i = this._host.triggers.findIndex((m) => m.uid === t._model.uid);
    if (i < 0) throw new GasError('Invalid argument: trigger');
    this._host.triggers.splice(i, 1);
    this._host.changed();
  }
  getScriptId(): string {
    return this._host.scriptId;
  }
  /** With a list of scopes, about those only (granular consent). */
  getAuthorizationInfo(authMode: GoogleAppsScript.Script.AuthMode, oAuthScopes?: string[]): GoogleAppsScript.Script.AuthorizationInfo {
    if (String(authMode) !== 'FULL' && String(authMode) !== 'LIMITED' && String(authMode) !== 'NONE')
      throw new GasError('Invalid argument: authMode');
    if (oAuthScopes !== undefined && !Array.isArray(oAuthScopes)) throw new GasError('Invalid argument: oAuthScopes');
    return real<GoogleAppsScript.Script.AuthorizationInfo>(new FakeAuthorizationInfo(this._host.auth, oAuthScopes ?? null));
  }
  requireScopes(authMode: GoogleAppsScript.Script.AuthMode, oAuthScopes: string[]): void {
    if (String(authMode) !== 'FULL') throw new GasError('Invalid argument: authMode');
    if (!Array.isArray(oAuthScopes) || oAuthScopes.some((s) => typeof s !== 'string')) throw new GasError('Invalid argument: oAuthScopes');
    this._host.auth.require(oAuthScopes);
  }
  requireAllScopes(authMode: GoogleAppsScript.Script.AuthMode): void {
    if (String(authMode) !== 'FULL') throw new GasError('Invalid argument: authMode');
    this._host.auth.require([...(this._host.auth.manifest ?? [])]);
  }
}

export class FakeAuthorizationInfo
  extends StandIn
  implements Pick<GoogleAppsScript.Script.AuthorizationInfo, 'getAuthorizationStatus' | 'getAuthorizationUrl' | 'getAuthorizedScopes'>
{
  readonly _label = 'AuthorizationInfo';
  constructor(
    readonly _auth: AuthState,
    readonly _asked: string[] | null,
  ) {
    super();
  }
  private _missing(): string[] {
    return this._auth.missing(this._asked ?? undefined);
  }
  getAuthorizationStatus(): GoogleAppsScript.Script.AuthorizationStatus {
    return (this._missing().length > 0 ? 'REQUIRED' : 'NOT_REQUIRED') as unknown as GoogleAppsScript.Script.AuthorizationStatus;
  }
  /** null when nothing is missing, as documented (@types 2.0.13 still says string). */
  getAuthorizationUrl(): string {
    return (this._missing().length > 0 ? this._auth.authorizationUrl() : null) as string;
  }
  /** The granted scopes among those asked about (all granted ones without a list). */
  getAuthorizedScopes(): string[] {
    const missing = new Set(this._missing());
    return (this._asked ?? [...(this._auth.manifest ?? [])]).filter((s) => !missing.has(s));
  }
}

function install(host: TriggerHost, model: Omit<TriggerModel, 'uid' | 'user'>): GoogleAppsScript.Script.Trigger {
  if (host.triggers.filter((t) => t.user === host.user).length >= MAX_TRIGGERS)
    throw new GasError('This script has too many triggers. Triggers must be deleted from the script before more can be added.');
  // Unique ids look like Apps Script's: a long number as a string.
  const last = host.triggers.reduce((m, t) => Math.max(m, Number(t.uid) || 0), 1_000_000_000_000);
  const trigger: TriggerModel = { ...model, uid: String(last + 1), user: host.user };
  host.triggers.push(trigger);
  host.changed();
  return new FakeTrigger(trigger);
}

export class FakeTriggerBuilder extends StandIn implements Pick<GoogleAppsScript.Script.TriggerBuilder, 'timeBased' | 'forSpreadsheet'> {
  readonly _label = 'TriggerBuilder';
  constructor(
    readonly _host: TriggerHost,
    readonly _handler: string,
  ) {
    super();
  }
  timeBased(): GoogleAppsScript.Script.ClockTriggerBuilder {
    return new FakeClockTriggerBuilder(this._host, this._handler);
  }
  forSpreadsheet(sheet: GoogleAppsScript.Spreadsheet.Spreadsheet | string): GoogleAppsScript.Script.SpreadsheetTriggerBuilder {
    const id = typeof sheet === 'string' ? sheet : sheet.getId();
    return real<GoogleAppsScript.Script.SpreadsheetTriggerBuilder>(new FakeSpreadsheetTriggerBuilder(this._host, this._handler, id));
  }
}

export class FakeSpreadsheetTriggerBuilder
  extends StandIn
  implements Pick<GoogleAppsScript.Script.SpreadsheetTriggerBuilder, 'onOpen' | 'onEdit' | 'onChange' | 'onFormSubmit' | 'create'>
{
  readonly _label = 'SpreadsheetTriggerBuilder';
  _event: keyof typeof EventType | null = null;
  constructor(
    readonly _host: TriggerHost,
    readonly _handler: string,
    readonly _id: string,
  ) {
    super();
  }
  private _on(event: keyof typeof EventType): GoogleAppsScript.Script.SpreadsheetTriggerBuilder {
    this._event = event;
    return real<GoogleAppsScript.Script.SpreadsheetTriggerBuilder>(this);
  }
  onOpen(): GoogleAppsScript.Script.SpreadsheetTriggerBuilder {
    return this._on('ON_OPEN');
  }
  onEdit(): GoogleAppsScript.Script.SpreadsheetTriggerBuilder {
    return this._on('ON_EDIT');
  }
  onChange(): GoogleAppsScript.Script.SpreadsheetTriggerBuilder {
    return this._on('ON_CHANGE');
  }
  onFormSubmit(): GoogleAppsScript.Script.SpreadsheetTriggerBuilder {
    return this._on('ON_FORM_SUBMIT');
  }
  create(): GoogleAppsScript.Script.Trigger {
    if (!this._event) throw new GasError('Missing trigger event type.');
    return install(this._host, {
      handler: this._handler,
      eventType: this._event,
      source: 'SPREADSHEETS',
      sourceId: this._id,
      schedule: {},
    });
  }
}

export class FakeClockTriggerBuilder extends StandIn implements GoogleAppsScript.Script.ClockTriggerBuilder {
  readonly _label = 'ClockTriggerBuilder';
  readonly _schedule: TriggerModel['schedule'] = {};
  constructor(
    readonly _host: TriggerHost,
    readonly _handler: string,
  ) {
    super();
  }
  private _set(patch: TriggerModel['schedule']): GoogleAppsScript.Script.ClockTriggerBuilder {
    Object.assign(this._schedule, patch);
    return this;
  }
  private _int(n: unknown, what: string, min: number, max: number): number {
    if (typeof n !== 'number' || !Number.isInteger(n) || n < min || n > max) throw new GasError(`Invalid argument: ${what}`);
    return n;
  }
  after(durationMilliseconds: number): GoogleAppsScript.Script.ClockTriggerBuilder {
    return this._set({ after: this._int(durationMilliseconds, 'durationMilliseconds', 0, Number.MAX_SAFE_INTEGER) });
  }
  at(date: GoogleAppsScript.Base.Date): GoogleAppsScript.Script.ClockTriggerBuilder {
    if (!isDate(date)) throw new GasError('Invalid argument: date');
    return this._set({ at: (date as Date).toISOString() });
  }
  atDate(year: number, month: number, day: number): GoogleAppsScript.Script.ClockTriggerBuilder {
    return this._set({ at: `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}` });
  }
  atHour(hour: number): GoogleAppsScript.Script.ClockTriggerBuilder {
    return this._set({ hour: this._int(hour, 'hour', 0, 23) });
  }
  nearMinute(minute: number): GoogleAppsScript.Script.ClockTriggerBuilder {
    return this._set({ nearMinute: this._int(minute, 'minute', 0, 59) });
  }
  everyDays(n: number): GoogleAppsScript.Script.ClockTriggerBuilder {
    return this._set({ everyDays: this._int(n, 'n', 1, 10_000) });
  }
  everyHours(n: number): GoogleAppsScript.Script.ClockTriggerBuilder {
    return this._set({ everyHours: this._int(n, 'n', 1, 10_000) });
  }
  /** Apps Script takes 1, 5, 10, 15 or 30. */
  everyMinutes(n: number): GoogleAppsScript.Script.ClockTriggerBuilder {
    if (![1, 5, 10, 15, 30].includes(n))
      throw new GasError('The value you passed to everyMinutes was invalid. Valid values are 1, 5, 10, 15 or 30.');
    return this._set({ everyMinutes: n });
  }
  everyWeeks(n: number): GoogleAppsScript.Script.ClockTriggerBuilder {
    return this._set({ everyWeeks: this._int(n, 'n', 1, 10_000) });
  }
  inTimezone(timezone: string): GoogleAppsScript.Script.ClockTriggerBuilder {
    try {
      new Intl.DateTimeFormat('en', { timeZone: timezone });
    } catch {
      throw new GasError(`Invalid argument: timezone`);
    }
    return this._set({ timeZone: timezone });
  }
  onMonthDay(day: number): GoogleAppsScript.Script.ClockTriggerBuilder {
    return this._set({ monthDay: this._int(day, 'day', 1, 31) });
  }
  onWeekDay(day: GoogleAppsScript.Base.Weekday): GoogleAppsScript.Script.ClockTriggerBuilder {
    const d = String(day);
    if (!(d in WeekDay)) throw new GasError('Invalid argument: day');
    return this._set({ weekDay: d });
  }
  create(): GoogleAppsScript.Script.Trigger {
    const s = this._schedule;
    const kinds = [
      s.weekDay !== undefined || s.everyWeeks !== undefined,
      s.everyDays !== undefined,
      s.everyHours !== undefined,
      s.everyMinutes !== undefined,
      s.monthDay !== undefined,
      s.at !== undefined || s.after !== undefined,
    ];
    if (!kinds.some(Boolean))
      throw new GasError('Missing schedule: call onWeekDay, everyDays, everyHours, everyMinutes, onMonthDay, at or after before create().');
    if (kinds.filter(Boolean).length > 1) throw new GasError('Already chosen to schedule the trigger in a different way.');
    if (s.everyWeeks !== undefined && s.weekDay === undefined) s.weekDay = 'MONDAY';
    return install(this._host, { handler: this._handler, eventType: 'CLOCK', source: 'CLOCK', sourceId: null, schedule: { ...s } });
  }
}

export class FakeTrigger
  extends StandIn
  implements
    Pick<GoogleAppsScript.Script.Trigger, 'getUniqueId' | 'getHandlerFunction' | 'getEventType' | 'getTriggerSource' | 'getTriggerSourceId'>
{
  readonly _label = 'Trigger';
  constructor(readonly _model: TriggerModel) {
    super();
  }
  getUniqueId(): string {
    return this._model.uid;
  }
  getHandlerFunction(): string {
    return this._model.handler;
  }
  getEventType(): GoogleAppsScript.Script.EventType {
    return this._model.eventType as unknown as GoogleAppsScript.Script.EventType;
  }
  getTriggerSource(): GoogleAppsScript.Script.TriggerSource {
    return this._model.source as unknown as GoogleAppsScript.Script.TriggerSource;
  }
  /** The spreadsheet's id; null for a clock trigger, as Apps Script gives. */
  getTriggerSourceId(): string {
    return this._model.sourceId as string;
  }
}

/** The event object Apps Script passes to a clock trigger's handler. */
export function clockEvent(trigger: TriggerModel, at: Date, timeZone: string): Record<string, unknown> {
  const wall = new Date(wallMsOf(at.getTime(), timeZone));
  const start = Date.UTC(wall.getUTCFullYear(), 0, 1);
  return {
    authMode: 'FULL',
    triggerUid: trigger.uid,
    year: wall.getUTCFullYear(),
    month: wall.getUTCMonth() + 1,
    'day-of-month': wall.getUTCDate(),
    'day-of-week': wall.getUTCDay() || 7,
    'week-of-year': Math.ceil(((wall.getTime() - start) / 86_400_000 + new Date(start).getUTCDay() + 1) / 7),
    hour: wall.getUTCHours(),
    minute: wall.getUTCMinutes(),
    second: wall.getUTCSeconds(),
    timezone: timeZone,
  };
}

// ------------------------------------------------------------------ Utilities

type Blob = GoogleAppsScript.Base.Blob;

/** Apps Script bytes are signed (-128..127). */
export function signedBytes(buf: Uint8Array): number[] {
  return Array.from(buf, (b) => (b > 127 ? b - 256 : b));
}

export function bufferOf(data: unknown): Buffer {
  if (typeof data === 'string') return Buffer.from(data, 'utf8');
  if (Array.isArray(data)) return Buffer.from(data.map((b) => Number(b) & 0xff));
  if (data instanceof Uint8Array) return Buffer.from(data);
  throw new GasError('Invalid argument: data');
}

export class FakeBlob
  extends StandIn
  implements
    Pick<
      Blob,
      | 'getBytes'
      | 'setBytes'
      | 'getDataAsString'
      | 'setDataFromString'
      | 'getName'
      | 'setName'
      | 'getContentType'
      | 'setContentType'
      | 'copyBlob'
      | 'getBlob'
      | 'getAs'
      | 'isGoogleType'
    >
{
  readonly _label = 'Blob';
  constructor(
    public _bytes: Buffer,
    public _contentType: string | null,
    public _name: string | null,
  ) {
    super();
  }
  getBytes(): number[] {
    return signedBytes(this._bytes);
  }
  setBytes(data: number[]): Blob {
    this._bytes = bufferOf(data);
    return real<Blob>(this);
  }
  getDataAsString(charset?: string): string {
    const cs = (charset ?? 'utf-8').toLowerCase().replace('_', '-');
    return new TextDecoder(cs === 'utf8' ? 'utf-8' : cs).decode(this._bytes);
  }
  setDataFromString(string: string, charset?: string): Blob {
    void charset;
    this._bytes = Buffer.from(String(string), 'utf8');
    return real<Blob>(this);
  }
  getName(): string | null {
    return this._name;
  }
  setName(name: string): Blob {
    this._name = String(name);
    return real<Blob>(this);
  }
  getContentType(): string | null {
    return this._contentType;
  }
  setContentType(contentType: string | null): Blob {
    this._contentType = contentType;
    return real<Blob>(this);
  }
  copyBlob(): Blob {
    return real<Blob>(new FakeBlob(Buffer.from(this._bytes), this._contentType, this._name));
  }
  getBlob(): Blob {
    return real<Blob>(this);
  }
  /** Only the blob's own type: no conversions here. */
  getAs(contentType: string): Blob {
    if (contentType !== this._contentType) throw new GasError(`Converting from ${this._contentType} to ${contentType} is not supported.`);
    return this.copyBlob();
  }
  isGoogleType(): boolean {
    return false;
  }
}

/**
 * Java SimpleDateFormat letters that Apps Script's formatDate takes: y M d E a H
 * k K h m s S u D Z X z and 'quoted text'.
 */
export function formatDate(date: Date, timeZone: string, pattern: string): string {
  const wallMs = wallMsOf(date.getTime(), timeZone);
  const w = new Date(wallMs);
  const offsetMin = Math.round((wallMs - date.getTime()) / 60_000);
  const sign = offsetMin < 0 ? '-' : '+';
  const oh = String(Math.floor(Math.abs(offsetMin) / 60)).padStart(2, '0');
  const om = String(Math.abs(offsetMin) % 60).padStart(2, '0');
  const yearStart = Date.UTC(w.getUTCFullYear(), 0, 1);
  const field = (letter: string, n: number): string => {
    const pad = (v: number) => String(v).padStart(n, '0');
    const h = w.getUTCHours();
    switch (letter) {
      case 'y':
        return n === 2 ? String(w.getUTCFullYear() % 100).padStart(2, '0') : pad(w.getUTCFullYear());
      case 'M':
        return n >= 4 ? NAMES.MONTHS[w.getUTCMonth()] : n === 3 ? NAMES.MONTHS[w.getUTCMonth()].slice(0, 3) : pad(w.getUTCMonth() + 1);
      case 'd':
        return pad(w.getUTCDate());
      case 'E':
        return n >= 4 ? NAMES.DAYS[w.getUTCDay()] : NAMES.DAYS[w.getUTCDay()].slice(0, 3);
      case 'u':
        return pad(w.getUTCDay() || 7);
      case 'D':
        return pad(Math.floor((wallMs - yearStart) / 86_400_000) + 1);
      case 'a':
        return h < 12 ? 'AM' : 'PM';
      case 'H':
        return pad(h);
      case 'k':
        return pad(h || 24);
      case 'K':
        return pad(h % 12);
      case 'h':
        return pad(h % 12 || 12);
      case 'm':
        return pad(w.getUTCMinutes());
      case 's':
        return pad(w.getUTCSeconds());
      case 'S':
        return String(w.getUTCMilliseconds()).padStart(3, '0').slice(0, Math.max(n, 3));
      case 'Z':
        return `${sign}${oh}${om}`;
      case 'X':
        return offsetMin === 0 ? 'Z' : n === 1 ? `${sign}${oh}` : n === 2 ? `${sign}${oh}${om}` : `${sign}${oh}:${om}`;
      case 'z':
        return offsetMin === 0 ? 'GMT' : `GMT${sign}${oh}:${om}`;
      default:
        throw new GasError(`Illegal pattern character '${letter}'`);
    }
  };
  let out = '';
  for (let i = 0; i < pattern.length;) {
    const ch = pattern[i];
    if (ch === "'") {
      if (pattern[i + 1] === "'") {
        out += "'";
        i += 2;
        continue;
      }
      const end = pattern.indexOf("'", i + 1);
      out += pattern.slice(i + 1, end < 0 ? undefined : end);
      i = end < 0 ? pattern.length : end + 1;
      continue;
    }
    if (/[a-zA-Z]/.test(ch)) {
      let n = 1;
      while (pattern[i + n] === ch) n++;
      out += field(ch, n);
      i += n;
      continue;
    }
    out += ch;
    i++;
  }
  return out;
}

export class FakeUtilities
  extends StandIn
  implements Pick<GoogleAppsScript.Utilities.Utilities, 'newBlob' | 'formatDate' | 'sleep' | 'base64Encode' | 'base64Decode' | 'getUuid'>
{
  readonly _label = 'Utilities';
  constructor(readonly _sleep: (ms: number) => void) {
    super();
  }
  newBlob(data: string | number[], contentType?: string, name?: string): Blob {
    return real<Blob>(new FakeBlob(bufferOf(data), contentType ?? null, name ?? null));
  }
  formatDate(date: GoogleAppsScript.Base.Date, timeZone: string, format: string): string {
    if (!isDate(date)) throw new GasError('Invalid argument: date');
    return formatDate(date as Date, String(timeZone), String(format));
  }
  /** Does not wait: it moves the runtime's clock on. */
  sleep(milliseconds: number): void {
    this._sleep(Number(milliseconds) || 0);
  }
  base64Encode(data: string | number[]): string {
    return bufferOf(data).toString('base64');
  }
  base64Decode(encoded: string): number[] {
    return signedBytes(Buffer.from(String(encoded), 'base64'));
  }
  getUuid(): string {
    return randomUUID();
  }
}
