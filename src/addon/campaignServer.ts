/**
 * The Campaigns section of the sidebar: list, add, edit, turn on or off, delete.
 * Every change is checked strictly (campaignSettings.ts checkCampaign) and saved
 * with the rest of the document's settings; ids are given here, never by the
 * sidebar, so that they stay stable and are never reused.
 */
import { UserError } from '../core/errors';
import { t } from '../i18n/catalogue';
import { saveSettingsText } from '../gas/storage';
import type { CampaignInput, CampaignSaveResult, CampaignsState, ServerApi } from './api';
import { blankCampaign, type CampaignSettings, checkCampaign, putCampaign, removeCampaign } from './campaignSettings';
import { managersOf } from './scheduleServer';
import { type AddonSession, openSession } from './session';
import { serializeSettings } from './settings';

function stateOf(session: AddonSession): CampaignsState {
  return { campaigns: session.campaigns.campaigns, blank: blankCampaign(), managers: managersOf(session) };
}

function save(session: AddonSession, campaigns: CampaignSettings): void {
  session.campaigns = campaigns;
  saveSettingsText(session.spreadsheetId, serializeSettings({ reports: session.settings, schedule: session.schedule, campaigns }));
}

/** The campaign by id, or a clear error (another editor may have deleted it meanwhile). */
function existing(session: AddonSession, id: unknown): string {
  const found = typeof id === 'string' ? session.campaigns.campaigns.find((c) => c.id === id) : undefined;
  if (!found) throw new UserError(t(session.lang, 'camp.err.unknown', { id: String(id) }));
  return found.id;
}

export const campaignServer: Pick<ServerApi, 'campaignsLoad' | 'campaignSave' | 'campaignSetEnabled' | 'campaignDelete'> = {
  campaignsLoad(): CampaignsState {
    return stateOf(openSession());
  },

  campaignSave(input: CampaignInput): CampaignSaveResult {
    const session = openSession();
    const { campaign, errors } = checkCampaign(input, session.lang);
    if (Object.keys(errors).length > 0) return { state: stateOf(session), errors, id: null };
    const rawId = (input as { id?: unknown }).id;
    const id = rawId === null || rawId === undefined ? null : existing(session, rawId);
    const put = putCampaign(session.campaigns, id, campaign)!;
    save(session, put.settings);
    return { state: stateOf(session), errors: {}, id: put.id };
  },

  campaignSetEnabled(id: string, enabled: boolean): CampaignsState {
    const session = openSession();
    const found = existing(session, id);
    const campaigns = session.campaigns.campaigns.map((c) => (c.id === found ? { ...c, enabled: enabled === true } : c));
    save(session, { ...session.campaigns, campaigns });
    return stateOf(session);
  },

  campaignDelete(id: string): CampaignsState {
    const session = openSession();
    save(session, removeCampaign(session.campaigns, existing(session, id)));
    return stateOf(session);
  },
};
