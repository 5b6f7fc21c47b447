/**
 * One rebuild or e-mail run at a time per spreadsheet. A second click while a
 * rebuild runs gets a clear message at once instead of waiting out Apps Script's
 * 6-minute limit; the weekly trigger, which nobody watches, waits longer.
 */
import { UserError } from '../core/errors';

/** A click: answer within seconds. */
export const CLICK_WAIT_MS = 2_000;

/**
 * The weekly trigger. tryLock blocks for up to its timeout
 * (https://developers.google.com/apps-script/reference/lock/lock#tryLock(Integer)),
 * and every execution, the rebuild holding the lock included, stops at 6 minutes
 * (https://developers.google.com/apps-script/guides/services/quotas#current_limitations).
 * Three minutes outlast a rebuild of the sizes the add-on supports (1M rows take
 * 12 s on the local runtime, BENCHMARKS.md; Sheets' own calls add to that) and
 * leave the trigger's other three minutes to read the orders and send. A lock
 * still held after that belongs to an unusually long run: the daily trigger tries
 * again the next day rather than risk being stopped halfway through its sends.
 */
export const TRIGGER_WAIT_MS = 180_000;

/** The lock could not be had within the wait. */
export class BusyError extends UserError {}

export function withDocumentLock<T>(busyMessage: string, body: () => T, waitMs: number = CLICK_WAIT_MS): T {
  // A trigger running with no open document gets no document lock: the script lock
  // (one per user and project) still keeps two runs apart.
  const lock = LockService.getDocumentLock() ?? LockService.getScriptLock();
  if (!lock.tryLock(waitMs)) throw new BusyError(busyMessage);
  try {
    return body();
  } finally {
    try {
      lock.releaseLock();
    } catch {
      // "The lock is automatically released when the script terminates"
      // (https://developers.google.com/apps-script/reference/lock/lock#releaseLock()):
      // a failed release must not turn finished work, or the body's own error, into this one.
    }
  }
}
