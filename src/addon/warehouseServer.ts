/**
 * The server side of the warehouse edition's sidebar section (sidebar/warehouse.ts):
 * each function is a global of src/main.warehouse.js. Errors reach the sidebar as one
 * line in the user's language (a BigQuery failure says what to do about it).
 */
import { errorMessageIn, UserError } from '../core/errors';
import { SEGMENT_KEYS } from '../core/lifecycle';
import { type Lang } from '../i18n/plural';
import { warehouseMessages, wt } from '../i18n/messages/warehouse';
import { columnsFromSchema } from '../sql/source';
import { appsScriptBigQuery } from '../gas/bigquery';
import { loadWarehouseSourceText, saveWarehouseSourceText } from '../gas/bigquerySettings';
import { type AddonSession, openSession } from './session';
import { type WarehouseServerApi, type WarehouseSourceSettings } from './warehouseApi';
import { checkWarehouseSettings, schemaMapping, sourceSchema, warehouseBuild, warehouseDryRun } from './warehouseRun';

/** Runs `body` with the session; any failure becomes a UserError in the user's language. */
function inSession<T>(body: (session: AddonSession) => T): T {
  let lang: Lang = 'en';
  try {
    const session = openSession();
    lang = session.lang;
    return body(session);
  } catch (e) {
    if (e instanceof UserError) throw new UserError(errorMessageIn(e, lang));
    throw e;
  }
}

function storedSource(lang: Lang): WarehouseSourceSettings | null {
  const text = loadWarehouseSourceText();
  if (text === null) return null;
  try {
    return checkWarehouseSettings(JSON.parse(text), lang);
  } catch {
    // A stored source that no longer reads is asked for again.
    return null;
  }
}

export const warehouseServer: WarehouseServerApi = {
  warehouseLoad() {
    return inSession((session) => ({
      lang: session.lang,
      messages: { ...warehouseMessages[session.lang] },
      source: storedSource(session.lang),
      segments: [...SEGMENT_KEYS],
    }));
  },

  warehouseSchema(input) {
    return inSession((session) => {
      const settings = checkWarehouseSettings(input, session.lang);
      const host = appsScriptBigQuery();
      const fields = sourceSchema(host, settings);
      return { fields, mapping: schemaMapping(columnsFromSchema(fields, settings.columns, 'bigquery')) };
    });
  },

  warehouseDryRun(input) {
    return inSession((session) => {
      const settings = checkWarehouseSettings(input, session.lang);
      saveWarehouseSourceText(JSON.stringify(settings));
      return warehouseDryRun(session, appsScriptBigQuery(), settings);
    });
  },

  warehouseBuild(input, segments) {
    return inSession((session) => {
      const given = input ?? storedSource(session.lang);
      if (!given) throw new UserError(wt(session.lang, 'wh.err.noSource'));
      const settings = checkWarehouseSettings(given, session.lang);
      saveWarehouseSourceText(JSON.stringify(settings));
      return warehouseBuild(session, appsScriptBigQuery(), settings, Array.isArray(segments) ? segments.map(String) : []);
    });
  },
};
