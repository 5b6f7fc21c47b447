/**
 * The one door to the server: a promise wrapper over `google.script.run`, typed by
 * the server's `ServerApi`, so a renamed or re-typed server function breaks the
 * sidebar's build instead of a user's click. Every call has a failure handler.
 */
import type { ServerApi } from '../src/addon/api';

type Handler = (value: unknown) => void;

/** The part of `google.script.run` the sidebar uses. */
export interface ScriptRunner {
  withSuccessHandler(handler: Handler): ScriptRunner;
  withFailureHandler(handler: (error: unknown) => void): ScriptRunner;
}

interface ScriptGlobal {
  google?: { script?: { run?: ScriptRunner } };
}

/** Calls a server function; resolves with its result, rejects with an Error carrying the server's message. */
export function call<K extends keyof ServerApi>(name: K, ...args: Parameters<ServerApi[K]>): Promise<ReturnType<ServerApi[K]>> {
  return new Promise((resolve, reject) => {
    const run = (globalThis as ScriptGlobal).google?.script?.run;
    if (!run) {
      reject(new Error(`google.script.run is missing: ${name} cannot reach the server`));
      return;
    }
    const runner = run
      .withSuccessHandler((value) => resolve(value as ReturnType<ServerApi[K]>))
      .withFailureHandler((error) => reject(new Error(errorText(error)))) as unknown as Record<K, (...a: unknown[]) => void>;
    runner[name](...args);
  });
}

/**
 * The text to show for a failure: the server's message without the `Exception:` /
 * `Error:` / `UserError:` prefixes Apps Script puts in front of it.
 */
export function errorText(error: unknown): string {
  const raw =
    error instanceof Error
      ? error.message
      : typeof error === 'object' && error && 'message' in error
        ? String((error as { message: unknown }).message)
        : String(error);
  return raw.replace(/^(?:\s*(?:Exception|Error|UserError|ScriptError|TypeError):\s*)+/, '').trim() || raw;
}
