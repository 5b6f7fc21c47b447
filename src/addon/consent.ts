/**
 * What an action needs the user to have granted, as a request the sidebar shows
 * with a "Grant access" link (granular consent lets a user grant only some scopes).
 */
import { type Lang, type MessageKey, t } from '../i18n/catalogue';
import { missingScopes, SCOPES, type ScopeName } from '../gas/authorization';
import type { AuthorizationRequest } from './api';

/** What each action needs. */
export const NEEDS = {
  // The trigger opens the spreadsheet by id, creates itself, sends, and tells the owner of a failure.
  turnOn: ['spreadsheets', 'triggers', 'sendMail', 'userEmail'],
  // A test goes to the current user's own address.
  test: ['sendMail', 'userEmail'],
  // The weekly run: open the spreadsheet and send.
  trigger: ['spreadsheets', 'sendMail'],
} as const satisfies Record<string, readonly ScopeName[]>;

export type ConsentAction = keyof typeof NEEDS;

/** "send e-mail as you, see your e-mail address" */
export function missingText(lang: Lang, missing: readonly ScopeName[]): string {
  return missing.map((name) => t(lang, `auth.scope.${name}` as MessageKey)).join(', ');
}

/** null when everything the action needs is granted. */
export function authorizationFor(lang: Lang, action: ConsentAction): AuthorizationRequest | null {
  const { missing, url } = missingScopes(NEEDS[action]);
  if (missing.length === 0) return null;
  return {
    message: t(lang, 'auth.needed', { action: t(lang, `auth.action.${action}` as MessageKey), what: missingText(lang, missing) }),
    url,
    scopes: missing.map((name) => SCOPES[name]),
  };
}
