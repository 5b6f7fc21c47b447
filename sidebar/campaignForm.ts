/**
 * The campaign form and its conversion to and from a campaign. Pure: the Campaigns
 * section keeps a `CampaignForm` in memory (numbers as typed, so that a re-render
 * never loses an edit), `readCampaignForm` turns it into what the server checks
 * (src/addon/campaignSettings.ts checkCampaign, whose errors come back by field).
 * Only what the server could not see is checked here: text in a number field.
 */
import type { Campaign, CampaignInput, Channel } from '../src/addon/api';
import type { MessageKey } from '../src/i18n/catalogue';

export interface CampaignForm {
  id: string | null;
  name: string;
  action: string;
  channel: Channel;
  cadenceKind: 'weekly' | 'monthly';
  /** 1..7 as text (the select's value). */
  weekday: string;
  /** 1..31 as typed. */
  day: string;
  /** Percent, 0..50, as typed. */
  controlPercent: string;
  resultsWindowDays: string;
  enabled: boolean;
  segments: string[];
  abc: string[];
  xyz: string[];
  /** '' either, 'lost', 'notLost'. */
  lost: '' | 'lost' | 'notLost';
  /** Percent, as typed; '' is open. */
  pAliveMin: string;
  pAliveMax: string;
  minPurchases: string;
  daysMin: string;
  daysMax: string;
  managers: string[];
  npsDays: string;
}

export interface CampaignProblem {
  key: MessageKey;
  params?: Record<string, string | number>;
}

const text = (n: number | null): string => (n === null ? '' : String(n));
/** A share as a percent without float noise (0.07 -> "7"). */
const percent = (share: number | null): string => (share === null ? '' : String(Math.round(share * 1e6) / 1e4));

export function campaignToForm(c: CampaignInput | Campaign): CampaignForm {
  return {
    id: c.id,
    name: c.name,
    action: c.action,
    channel: c.channel,
    cadenceKind: c.cadence.kind,
    weekday: c.cadence.kind === 'weekly' ? String(c.cadence.weekday) : '1',
    day: c.cadence.kind === 'monthly' ? String(c.cadence.day) : '1',
    controlPercent: percent(c.controlShare),
    resultsWindowDays: String(c.resultsWindowDays),
    enabled: c.enabled,
    segments: [...c.target.segments],
    abc: [...c.target.abc],
    xyz: [...c.target.xyz],
    lost: c.target.lost === null ? '' : c.target.lost ? 'lost' : 'notLost',
    pAliveMin: percent(c.target.pAlive?.min ?? null),
    pAliveMax: percent(c.target.pAlive?.max ?? null),
    minPurchases: text(c.target.minPurchases),
    daysMin: text(c.target.daysSince?.min ?? null),
    daysMax: text(c.target.daysSince?.max ?? null),
    managers: [...c.target.managers],
    npsDays: text(c.target.npsDetractorsDays),
  };
}

/**
 * The campaign to send, and the number fields whose text is not a number (keyed as the
 * server keys its errors: `controlShare`, `target.pAlive` ...). '' is "not set" (null).
 */
export function readCampaignForm(form: CampaignForm): { campaign: CampaignInput; problems: Record<string, CampaignProblem> } {
  const problems: Record<string, CampaignProblem> = {};
  const num = (value: string, field: string): number | null => {
    const t = value.trim().replace(',', '.');
    if (t === '') return null;
    const n = Number(t);
    if (!Number.isFinite(n)) {
      problems[field] = { key: 'sb.camp.notNumber', params: { value } };
      return null;
    }
    return n;
  };
  const share = (value: string, field: string): number | null => {
    const n = num(value, field);
    return n === null ? null : Math.round(n * 1e4) / 1e6;
  };
  const range = (min: number | null, max: number | null) => (min === null && max === null ? null : { min, max });
  const day = num(form.day, 'cadence');
  const weekday = num(form.weekday, 'cadence');
  const campaign: CampaignInput = {
    id: form.id,
    name: form.name,
    action: form.action,
    channel: form.channel,
    cadence: form.cadenceKind === 'weekly' ? { kind: 'weekly', weekday: weekday ?? 1 } : { kind: 'monthly', day: day ?? NaN },
    controlShare: share(form.controlPercent, 'controlShare') ?? 0,
    resultsWindowDays: num(form.resultsWindowDays, 'resultsWindowDays') ?? NaN,
    enabled: form.enabled,
    target: {
      segments: [...form.segments],
      abc: form.abc as ('A' | 'B' | 'C')[],
      xyz: form.xyz as ('X' | 'Y' | 'Z')[],
      lost: form.lost === '' ? null : form.lost === 'lost',
      pAlive: range(share(form.pAliveMin, 'target.pAlive'), share(form.pAliveMax, 'target.pAlive')),
      minPurchases: num(form.minPurchases, 'target.minPurchases'),
      daysSince: range(num(form.daysMin, 'target.daysSince'), num(form.daysMax, 'target.daysSince')),
      managers: [...form.managers],
      npsDetractorsDays: num(form.npsDays, 'target.npsDetractorsDays'),
    },
  };
  // A day left empty reaches the server as a value it names ("null"), not as a silent default.
  if (form.cadenceKind === 'monthly' && day === null && !problems.cadence)
    problems.cadence = { key: 'sb.camp.notNumber', params: { value: form.day } };
  if (form.resultsWindowDays.trim() === '') problems.resultsWindowDays = { key: 'sb.camp.notNumber', params: { value: '' } };
  return { campaign, problems };
}
