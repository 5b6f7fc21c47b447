/**
 * The campaigns a rebuild works with. Until campaigns are saved in the document's
 * settings (src/addon/campaignSettings.ts), these are the defaults from the seeds
 * (S0's client campaigns, S3's win-back): onboard New Active, wake up Prospective
 * Sleeping, reactivate Regular Sleeping and Lapsed, win back lost A and B customers
 * by return priority. Their actions are the segment
 * actions the user may have changed (settings.actions), else the defaults.
 */
import type { Campaign, CampaignTarget } from '../core/campaigns/campaign';
import { type Lang, type MessageKey, t } from '../i18n/catalogue';
import type { ReportSettings } from './api';

const ANY: CampaignTarget = {
  segments: [],
  abc: [],
  xyz: [],
  lost: null,
  pAlive: null,
  minPurchases: null,
  daysSince: null,
  managers: [],
  npsDetractorsDays: null,
};

function actionOf(settings: ReportSettings, lang: Lang, segments: string[]): string {
  return segments
    .map((s) => {
      const own = settings.actions[s];
      return typeof own === 'string' && own.trim() !== '' ? own.trim() : t(lang, `report.action.${s}` as MessageKey);
    })
    .join(' / ');
}

/** The default campaigns, named in the user's language. */
export function defaultCampaigns(settings: ReportSettings, lang: Lang): Campaign[] {
  const base = { controlShare: 0, resultsWindowDays: 30, enabled: true };
  const name = (id: string): string => t(lang, `campaign.default.${id}` as MessageKey);
  return [
    {
      ...base,
      id: 'onboard_new',
      name: name('onboard_new'),
      target: { ...ANY, segments: ['new_active'] },
      action: actionOf(settings, lang, ['new_active']),
      channel: 'email',
      cadence: { kind: 'weekly', weekday: 1 },
    },
    {
      ...base,
      id: 'wake_prospective',
      name: name('wake_prospective'),
      target: { ...ANY, segments: ['prospective_sleeping'] },
      action: actionOf(settings, lang, ['prospective_sleeping']),
      channel: 'email',
      cadence: { kind: 'weekly', weekday: 1 },
    },
    {
      ...base,
      id: 'reactivate_regular',
      name: name('reactivate_regular'),
      target: { ...ANY, segments: ['regular_sleeping', 'regular_lapsed'] },
      action: actionOf(settings, lang, ['regular_sleeping', 'regular_lapsed']),
      channel: 'call',
      cadence: { kind: 'weekly', weekday: 1 },
    },
    {
      ...base,
      id: 'win_back_lost',
      name: name('win_back_lost'),
      target: { ...ANY, lost: true, abc: ['A', 'B'] },
      action: t(lang, 'campaign.default.win_back_lost.action'),
      channel: 'call',
      cadence: { kind: 'weekly', weekday: 1 },
    },
  ];
}

/** The campaigns of the document: the defaults while settings hold none (the "daily" branch replaces this body with the stored ones). */
export function campaignsOf(settings: ReportSettings, lang: Lang): Campaign[] {
  return defaultCampaigns(settings, lang);
}
