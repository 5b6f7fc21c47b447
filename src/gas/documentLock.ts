/**
 * One rebuild at a time per spreadsheet. A second click while a rebuild runs gets a
 * clear message at once instead of waiting out Apps Script's 6-minute limit.
 */
import { UserError } from '../core/errors';

const WAIT_MS = 2_000;

export function withDocumentLock<T>(busyMessage: string, body: () => T): T {
  // A trigger running with no open document gets no document lock: the script lock
  // (one per user and project) still keeps two runs apart.
  const lock = LockService.getDocumentLock() ?? LockService.getScriptLock();
  if (!lock.tryLock(WAIT_MS)) throw new UserError(busyMessage);
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
