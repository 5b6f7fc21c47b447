/**
 * One rebuild at a time per spreadsheet. A second click while a rebuild runs gets a
 * clear message at once instead of waiting out Apps Script's 6-minute limit.
 */
import { UserError } from '../core/errors';

const WAIT_MS = 2_000;

export function withDocumentLock<T>(busyMessage: string, body: () => T): T {
  const lock = LockService.getDocumentLock();
  if (!lock || !lock.tryLock(WAIT_MS)) throw new UserError(busyMessage);
  try {
    return body();
  } finally {
    lock.releaseLock();
  }
}
