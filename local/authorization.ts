/**
 * Authorization as Apps Script applies it, for the local runtime:
 *
 * - The manifest's `oauthScopes` are all a script may ever use: a method whose
 *   scopes (local/scopes.ts) are not in it throws "Specified permissions are not
 *   sufficient to call X. Required permissions: ..." at the call.
 * - With granular consent the user may grant only some of them; a method whose
 *   scope was not granted throws "You do not have permission to call X. Required
 *   permissions: ...". `ScriptApp.getAuthorizationInfo(authMode, scopes)` tells
 *   which are granted; `ScriptApp.requireScopes` ends the execution and shows the
 *   consent prompt when some are missing.
 *   https://developers.google.com/apps-script/concepts/scopes (granular consent)
 *   https://developers.google.com/apps-script/reference/script/authorization-info
 *   https://developers.google.com/apps-script/reference/script/script-app#requireScopes(AuthMode,String)
 * - The auth mode of an execution limits it further. NONE (onOpen before the
 *   add-on is used in the file) "does not allow access to any services that
 *   require authorization": no scoped method and no properties. LIMITED (onOpen
 *   of an add-on enabled in the file) reaches the open file and its UI only.
 *   https://developers.google.com/apps-script/reference/script/auth-mode
 *
 * The error texts are those Apps Script shows (seen in execution logs; see
 * test/scopes.test.ts for the cases).
 */
import { GasError } from './boundary';
import { scopesFor, withImplied } from './scopes';

export type AuthModeName = 'NONE' | 'CUSTOM_FUNCTION' | 'LIMITED' | 'FULL';

const CURRENT_ONLY = 'https://www.googleapis.com/auth/spreadsheets.currentonly';
const CONTAINER_UI = 'https://www.googleapis.com/auth/script.container.ui';
/** Classes that need authorization though no scope is listed for them. */
const NEEDS_AUTHORIZATION = new Set(['PropertiesService', 'Properties', 'LockService', 'Lock', 'CacheService', 'Cache']);

export class AuthState {
  /** The scopes the user has granted (granular consent may leave some out); null: whatever the script needs. */
  granted: Set<string> | null;
  /** Consent prompts shown by requireScopes / requireAllScopes. */
  readonly prompts: { scopes: string[] }[] = [];
  /** The auth mode of the execution in progress. */
  mode: AuthModeName = 'FULL';
  /** Set when requireScopes ended the execution: every later call of it fails. */
  ended = false;

  /**
   * `manifest` null: the manifest sets no oauthScopes, so Apps Script detects them
   * from the code and asks for all of them; nothing is refused then unless
   * `granted` leaves it out.
   */
  constructor(
    readonly manifest: ReadonlySet<string> | null,
    granted: Iterable<string> | null = manifest,
    readonly scriptId = 'script',
  ) {
    this.granted = granted === null ? null : new Set(granted);
  }

  /** What the execution may use now: the granted scopes, narrowed by the auth mode. */
  usable(scopes: readonly string[]): Set<string> {
    const granted = this.granted === null ? new Set(scopes) : withImplied(this.granted);
    if (this.mode === 'FULL') return granted;
    if (this.mode === 'LIMITED') return new Set([CONTAINER_UI, CURRENT_ONLY].filter((s) => granted.has(s)));
    return new Set();
  }

  /** Throws as Apps Script does when `Class.method` may not run. */
  check(label: string, method: string): void {
    const name = `${label}.${method}`;
    if (this.ended) throw new GasError('Authorization is required to perform that action.');
    if (this.mode === 'NONE' && NEEDS_AUTHORIZATION.has(label)) {
      throw new GasError(`You do not have permission to call ${name}`);
    }
    const scopes = scopesFor(name);
    if (!scopes || scopes.length === 0) return;
    const required = scopes.length === 1 ? scopes[0] : `(${scopes.join(' || ')})`;
    if (this.manifest !== null && !scopes.some((s) => withImplied(this.manifest!).has(s))) {
      throw new GasError(`Specified permissions are not sufficient to call ${name}. Required permissions: ${required}`);
    }
    const usable = this.usable(scopes);
    if (!scopes.some((s) => usable.has(s)))
      throw new GasError(`You do not have permission to call ${name}. Required permissions: ${required}`);
  }

  /** The URL of the consent page for the missing scopes (Apps Script's own, here a placeholder with the same shape). */
  authorizationUrl(): string {
    return `https://script.google.com/macros/d/${this.scriptId}/authorize`;
  }

  /** The manifest scopes of `asked` (default all) that the user has not granted. */
  missing(asked?: readonly string[]): string[] {
    if (this.granted === null) return [];
    const granted = withImplied(this.granted);
    return [...(asked ?? this.manifest ?? [])].filter((s) => !granted.has(s));
  }

  /** requireScopes: scopes outside the manifest are an error; missing ones end the execution with a prompt. */
  require(asked: readonly string[]): void {
    const declared = this.manifest === null ? null : withImplied(this.manifest);
    const unknown = declared === null ? [] : asked.filter((s) => !declared.has(s));
    if (unknown.length > 0) throw new GasError(`Invalid argument: oAuthScopes. Not required by the script: ${unknown.join(', ')}`);
    const missing = this.missing(asked);
    if (missing.length === 0) return;
    this.prompts.push({ scopes: missing });
    this.ended = true;
    throw new GasError('Authorization is required to perform that action.');
  }
}
