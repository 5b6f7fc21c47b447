/**
 * Granular consent: a user may grant the add-on only some of the scopes of its
 * manifest. Entry points that need a scope check first, so that a missing grant
 * becomes a clear request instead of an error halfway through.
 * https://developers.google.com/apps-script/concepts/scopes
 * https://developers.google.com/apps-script/reference/script/authorization-info
 */

/** The scopes of appsscript.json, by what the add-on does with them (README, "Permissions"). */
export const SCOPES = {
  spreadsheets: 'https://www.googleapis.com/auth/spreadsheets',
  containerUi: 'https://www.googleapis.com/auth/script.container.ui',
  triggers: 'https://www.googleapis.com/auth/script.scriptapp',
  sendMail: 'https://www.googleapis.com/auth/script.send_mail',
  userEmail: 'https://www.googleapis.com/auth/userinfo.email',
} as const;

export type ScopeName = keyof typeof SCOPES;

/** Which of the scopes the user has not granted, and the page where they can. */
export function missingScopes(names: readonly ScopeName[]): { missing: ScopeName[]; url: string | null } {
  const info = ScriptApp.getAuthorizationInfo(
    ScriptApp.AuthMode.FULL,
    names.map((n) => SCOPES[n]),
  );
  const granted = new Set(info.getAuthorizedScopes() ?? []);
  const missing = names.filter((n) => !granted.has(SCOPES[n]));
  return { missing, url: missing.length > 0 ? info.getAuthorizationUrl() : null };
}

/**
 * For menu items: when a scope is missing, Apps Script ends this execution and
 * shows its consent prompt; the user then runs the item again.
 */
export function requireScopes(names: readonly ScopeName[]): void {
  ScriptApp.requireScopes(
    ScriptApp.AuthMode.FULL,
    names.map((n) => SCOPES[n]),
  );
}
