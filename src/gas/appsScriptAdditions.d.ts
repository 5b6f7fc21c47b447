// Parts of the Apps Script API newer than @types/google-apps-script 2.0.13, as
// Google's reference documents them (granular consent, 2025):
// https://developers.google.com/apps-script/reference/script/authorization-info
// https://developers.google.com/apps-script/reference/script/script-app#getAuthorizationInfo(AuthMode,String)
declare namespace GoogleAppsScript {
  namespace Script {
    interface AuthorizationInfo {
      /** The granted scopes; with a list given to getAuthorizationInfo, the granted ones of that list. */
      getAuthorizedScopes(): string[] | null;
    }
    interface ScriptApp {
      /** Authorization information about the given scopes only. */
      getAuthorizationInfo(authMode: AuthMode, oAuthScopes: string[]): AuthorizationInfo;
    }
  }
}
