/**
 * The campaign e-mail as text: subject, a phone-readable HTML body (a section per
 * campaign due with its action, channel and a link to its worklist sheet; a stacked
 * block per customer, inline styles, every value escaped, a link back to the
 * spreadsheet), a plain-text alternative, and the full lists as a CSV attachment in the
 * spreadsheet locale's separators (formula-like cells neutralised). Words follow the
 * e-mail's language; numbers and dates, in the body and the attachment, the spreadsheet's
 * locale (docs/definitions.md §19, the locale rule). Pure.
 */
import { dayText, moneyText as localeMoneyText, sentenceNumber } from '../core/localeFormats';
import { localeMessage } from '../core/localeMessages';
import { isoWeek } from '../core/campaigns/cadence';
import { attachmentDialect, csvDate, csvField, csvPhone, csvText, PHONE_SHAPED } from '../core/csv';
import { type Lang, type MessageKey, t } from '../i18n/catalogue';
import type { Digest, DigestCustomer } from './digest';

export { isoWeek };

/** HTML-escapes text for element content and attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

// ------------------------------------------------------------------ CSV

// One CSV module for the attachment and the campaign export (src/core/csv.ts).
export { attachmentDialect, csvDate, type CsvDialect, csvField, csvPhone, INVISIBLE_TEXT_MARK, neutralise } from '../core/csv';

// ------------------------------------------------------------------ values in the body

/** A date in a sentence or a list: as the spreadsheet's date cells show it, in its locale (12/1/2026, 01.12.2026), never ISO. */
export function dateText(day: number, ctx: Pick<RenderContext, 'locale'>): string {
  return dayText(ctx.locale, day);
}

/** An ISO 4217 code, checked: anything else shows no sign. */
export function isCurrencyCode(code: string): boolean {
  return /^[A-Z]{3}$/.test(code);
}

/**
 * Whole money as the report sheets' money cells show it (src/core/localeFormats.ts):
 * the spreadsheet locale's marks, the currency's sign where the locale puts it;
 * spaces never break (12 346 ₽, -$12,346).
 */
export function moneyText(amount: number, ctx: Pick<RenderContext, 'locale' | 'currency'>): string {
  const currency = ctx.currency !== null && isCurrencyCode(ctx.currency) ? ctx.currency : null;
  return localeMoneyText(ctx.locale, amount, currency);
}

/** A link only to a web address: anything else is shown as text. */
function safeUrl(url: string | null | undefined): string | null {
  return url && /^https:\/\/[^\s"'<>]+$/.test(url) ? url : null;
}

/** A tel: address from the digits of a phone and its leading +; null without enough digits to dial. */
export function telHref(phone: string): string | null {
  const digits = phone.replace(/[^0-9]/g, '');
  if (digits.length < 5 || !PHONE_SHAPED.test(phone.replace(/^\+/, ''))) return null;
  return `tel:${phone.trim().startsWith('+') ? '+' : ''}${digits}`;
}

const EMAILISH = /^[^\s@<>"']+@[^\s@<>"']+\.[^\s@<>"']+$/;

export interface RenderContext {
  /** The language of the words. */
  lang: Lang;
  /** The spreadsheet's locale: the numbers, dates and money (docs/definitions.md: the locale rule). */
  locale: string;
  /** ISO week, e.g. 2026-W48. */
  week: string;
  asOf: number;
  spreadsheetName: string;
  /** The spreadsheet's address (Spreadsheet.getUrl()), linked from every e-mail. */
  spreadsheetUrl: string;
  /** ISO 4217 code of the amounts (from the amount column's format), or null: no sign. */
  currency: string | null;
  /**
   * The address of a campaign's worklist sheet (the spreadsheet's URL with
   * `#gid=<sheet id>`), linked under its section; null while it has none (no rebuild yet).
   */
  worklistUrl(campaign: string): string | null;
  test: boolean;
}

export interface RenderedMail {
  subject: string;
  text: string;
  html: string;
  csv: string;
  attachmentName: string;
}

/** Rows per campaign in the HTML body; the CSV always has everyone. */
export const HTML_ROWS = 50;

// Inline styles are the base (Gmail keeps them; it supports <style> and media queries
// too but may drop what it does not know: https://developers.google.com/workspace/gmail/design/css).
// The layout needs no media query: each customer is a stacked block as wide as the screen,
// not a row of a wide table, so a 375 px phone never scrolls sideways.
const NOWRAP = 'white-space:nowrap';
const BREAK_ANYWHERE = 'overflow-wrap:anywhere;word-break:break-word';

function span(cls: string, text: string, style = NOWRAP): string {
  return `<span class="${cls}" style="${style}">${escapeHtml(text)}</span>`;
}

function customerBlock(c: DigestCustomer, lang: Lang, ctx: RenderContext, showManager: boolean): string {
  const label = (key: MessageKey, value: string, cls: string): string => `${escapeHtml(t(lang, key))}:&nbsp;${span(cls, value)}`;
  const facts = [
    label('mail.col.purchases', sentenceNumber(ctx.locale, c.purchases), 'num'),
    label('mail.col.lastPurchase', dateText(c.lastPurchase, ctx), 'date'),
    ...(showManager ? [`${escapeHtml(t(lang, 'mail.col.manager'))}:&nbsp;${escapeHtml(c.manager || t(lang, 'mail.noManager'))}`] : []),
  ];
  const contacts: string[] = [];
  if (c.email) {
    const style = `${BREAK_ANYWHERE};word-break:break-all;color:#1a73e8`;
    contacts.push(
      EMAILISH.test(c.email)
        ? `<a class="email" href="mailto:${escapeHtml(c.email)}" style="${style}">${escapeHtml(c.email)}</a>`
        : span('email', c.email, style),
    );
  }
  if (c.phone) {
    const tel = telHref(c.phone);
    contacts.push(
      tel
        ? `<a class="phone" href="${tel}" style="${NOWRAP};color:#1a73e8">${escapeHtml(c.phone)}</a>`
        : span('phone', c.phone, BREAK_ANYWHERE),
    );
  }
  return [
    '<table role="presentation" cellpadding="0" cellspacing="0" style="width:100%;border-collapse:collapse;border-bottom:1px solid #e8eaed">',
    `<tr><td class="customer" style="padding:8px 0 2px;font-weight:bold;${BREAK_ANYWHERE}">${escapeHtml(c.name)}</td>`,
    `<td style="padding:8px 0 2px 12px;text-align:right;vertical-align:top;font-weight:bold">${span('money', moneyText(c.revenue, ctx))}</td></tr>`,
    `<tr><td colspan="2" style="padding:0 0 8px;color:#5f6368;font-size:13px;line-height:20px">${facts.join(' · ')}` +
      (contacts.length ? `<br>${contacts.join(' · ')}` : '') +
      '</td></tr>',
    '</table>',
  ].join('');
}

export function renderDigest(digest: Digest, ctx: RenderContext): RenderedMail {
  const { lang } = ctx;
  const weekNo = ctx.week.slice(ctx.week.indexOf('W') + 1);
  let subject =
    digest.customers === 0
      ? t(lang, 'mail.subjectAllClear', { week: weekNo })
      : localeMessage(lang, ctx.locale, 'mail.subject', { week: weekNo, n: digest.customers });
  if (ctx.test) subject = t(lang, 'mail.subjectTest', { subject });
  const named = digest.managers.filter((m) => m !== '');
  const greeting = !ctx.test && named.length === 1 ? t(lang, 'mail.greeting', { name: named[0] }) : t(lang, 'mail.greetingTeam');
  const showManager = ctx.test || digest.managers.length > 1;
  const textRow = (c: DigestCustomer): string[] => [
    c.name,
    ...(showManager ? [c.manager || t(lang, 'mail.noManager')] : []),
    sentenceNumber(ctx.locale, c.purchases),
    dateText(c.lastPurchase, ctx),
    moneyText(c.revenue, ctx),
    c.email,
    c.phone,
  ];
  const footer = t(lang, 'mail.footer', { name: ctx.spreadsheetName });
  const links: { label: string; url: string }[] = [];
  const sheetUrl = safeUrl(ctx.spreadsheetUrl);
  if (sheetUrl) links.push({ label: t(lang, 'mail.openSpreadsheet', { name: ctx.spreadsheetName }), url: sheetUrl });
  const link = (l: { label: string; url: string }, style = ''): string =>
    `<a href="${escapeHtml(l.url)}" style="color:#1a73e8;font-weight:bold;${BREAK_ANYWHERE}${style}">${escapeHtml(l.label)}</a>`;

  const text: string[] = [greeting, ''];
  const html: string[] = [
    '<!DOCTYPE html><html><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"></head>',
    '<body style="margin:0;padding:12px;font-family:Arial,Helvetica,sans-serif;font-size:14px;line-height:20px;color:#202124;background:#ffffff">',
    '<div style="max-width:640px;margin:0 auto">',
  ];
  if (ctx.test) {
    text.push(t(lang, 'mail.testNote'), '');
    html.push(`<p style="background:#fef7e0;padding:8px;border-radius:4px">${escapeHtml(t(lang, 'mail.testNote'))}</p>`);
  }
  html.push(`<p>${escapeHtml(greeting)}</p>`);
  if (digest.customers === 0) {
    text.push(t(lang, 'mail.allClear'));
    html.push(`<p>${escapeHtml(t(lang, 'mail.allClear'))}</p>`);
  } else {
    const intro = t(lang, 'mail.intro', { date: dateText(ctx.asOf, ctx) });
    text.push(intro);
    html.push(`<p>${escapeHtml(intro)}</p>`);
    for (const section of digest.sections) {
      const title = localeMessage(lang, ctx.locale, 'mail.campaignSection', { name: section.name, n: section.customers.length });
      const action = t(lang, 'mail.campaignAction', { channel: t(lang, `camp.channel.${section.channel}`), action: section.action });
      text.push('', title, action);
      html.push(`<h3 style="font-size:16px;margin:20px 0 4px;${BREAK_ANYWHERE}">${escapeHtml(title)}</h3>`);
      html.push(`<p style="margin:0 0 4px;color:#1a73e8;${BREAK_ANYWHERE}">${escapeHtml(action)}</p>`);
      const worklist = safeUrl(ctx.worklistUrl(section.campaign));
      const worklistLink = worklist ? { label: t(lang, 'mail.openCampaignWorklist', { name: section.name }), url: worklist } : null;
      section.customers.forEach((c, i) => {
        text.push(
          `- ${textRow(c)
            .filter((v) => v !== '')
            .join(' · ')}`,
        );
        if (i < HTML_ROWS) html.push(customerBlock(c, lang, ctx, showManager));
      });
      if (section.customers.length > HTML_ROWS) {
        html.push(
          `<p style="color:#5f6368">${escapeHtml(localeMessage(lang, ctx.locale, 'mail.more', { n: section.customers.length - HTML_ROWS }))}</p>`,
        );
      }
      if (worklistLink) {
        text.push(`${worklistLink.label}: ${worklistLink.url}`);
        html.push(`<p class="worklist" style="margin:8px 0 0">${link(worklistLink)}</p>`);
      }
    }
  }
  if (links.length) {
    text.push('', ...links.map((l) => `${l.label}: ${l.url}`));
    html.push(`<p style="margin-top:24px">${links.map((l) => link(l)).join('<br>')}</p>`);
  }
  text.push('', '--', footer);
  html.push(`<p style="color:#5f6368;font-size:12px;margin-top:24px">${escapeHtml(footer)}</p>`, '</div></body></html>');

  const dialect = attachmentDialect(ctx.locale);
  const csvHeader = [
    t(lang, 'mail.col.campaign'),
    t(lang, 'mail.col.customer'),
    t(lang, 'mail.col.manager'),
    t(lang, 'mail.col.purchases'),
    t(lang, 'mail.col.lastPurchase'),
    t(lang, 'mail.col.revenue'),
    t(lang, 'mail.col.email'),
    t(lang, 'mail.col.phone'),
  ];
  const field = (v: string | number): string => csvField(v, dialect);
  const csv: string[][] = [csvHeader.map(field)];
  for (const section of digest.sections) {
    for (const c of section.customers) {
      csv.push([
        field(section.name),
        field(c.name),
        field(c.manager),
        field(c.purchases),
        field(csvDate(c.lastPurchase, ctx.locale)),
        field(Math.round(c.revenue * 100) / 100),
        field(c.email),
        csvPhone(c.phone, dialect),
      ]);
    }
  }
  // A byte-order mark so that Excel opens the Cyrillic names as UTF-8.
  return {
    subject,
    text: text.join('\n'),
    html: html.join('\n'),
    csv: csvText(csv, dialect),
    attachmentName: t(lang, 'mail.attachment', { week: ctx.week }),
  };
}
