/**
 * Export for a mailing tool (docs/definitions.md: CSV files): a campaign's worklist
 * (its target without the control group, in worklist order) as a CSV file with
 * name, e-mail, phone, segment and manager, in the conventions of the
 * spreadsheet's locale. The sidebar downloads the text (sidebar/exportControl.ts).
 */
import { campaignCsv, type ExportCustomer, exportFileName } from '../core/campaignCsv';
import type { Campaign } from '../core/campaigns/campaign';
import type { CustomerFacts } from '../core/campaigns/target';
import { csvDialectOfLocale } from '../core/csv';
import { isoOfDay } from '../core/isoDates';
import { SEGMENT_KEYS } from '../core/lifecycle';
import type { LocaleRules } from '../core/values';
import { t } from '../i18n/catalogue';
import type { ReportContext } from '../reports/context';
import { segmentName } from '../reports/layout';
import type { CampaignCsv } from './api';

/** The listed customers as the file shows them: contacts from the orders (latest e-mail and phone), the segment by name. */
export function exportCustomers(ctx: ReportContext, listed: readonly CustomerFacts[]): ExportCustomer[] {
  const row = new Map<string, number>();
  ctx.summary.key.forEach((key, i) => row.set(key, i));
  return listed.map((f) => {
    const i = row.get(f.key);
    const segment = SEGMENT_KEYS.indexOf(f.segment);
    return {
      name: i === undefined ? f.key : ctx.summary.name[i],
      email: i === undefined ? '' : ctx.summary.email[i],
      phone: i === undefined ? '' : ctx.summary.phone[i],
      segment: segment < 0 ? f.segment : segmentName(ctx.lang, segment),
      manager: f.manager,
    };
  });
}

/** The file of one campaign's worklist: header in the user's language, dialect of the spreadsheet's locale. */
export function campaignCsvOf(ctx: ReportContext, campaign: Campaign, listed: readonly CustomerFacts[], rules: LocaleRules): CampaignCsv {
  const L = ctx.lang;
  const header = [
    t(L, 'export.col.name'),
    t(L, 'export.col.email'),
    t(L, 'export.col.phone'),
    t(L, 'export.col.segment'),
    t(L, 'export.col.manager'),
  ] as const;
  return {
    fileName: exportFileName(campaign.name, isoOfDay(ctx.asOf)),
    text: campaignCsv(exportCustomers(ctx, listed), header, csvDialectOfLocale(rules)),
    customers: listed.length,
  };
}
