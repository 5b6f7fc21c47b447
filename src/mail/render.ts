/**
 * The weekly e-mail as text: subject, a phone-readable HTML body (one table per
 * segment, inline styles, every value escaped), a plain-text alternative, and the
 * full lists as a CSV attachment (formula-like cells neutralised). Pure.
 */
import { civilFromDays } from '../core/calendar';
import { type Lang, t } from '../i18n/catalogue';
import type { Digest, DigestCustomer } from './digest';
import type { Weekday } from './schedule';

/** HTML-escapes text for element content and attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** One CSV field: quoted when needed, and text that a spreadsheet would run as a formula kept as text. */
export function csvField(value: string | number): string {
  let text = typeof value === 'number' ? String(value) : value;
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n;]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function dateText(day: number, lang: Lang): string {
  const { year, month, day: d } = civilFromDays(day);
  const dd = String(d).padStart(2, '0');
  const mm = String(month).padStart(2, '0');
  return lang === 'en' ? `${year}-${mm}-${dd}` : `${dd}.${mm}.${year}`;
}

export function moneyText(amount: number, lang: Lang): string {
  const locale = lang === 'en' ? 'en-US' : lang === 'ru' ? 'ru-RU' : 'uk-UA';
  return new Intl.NumberFormat(locale, { maximumFractionDigits: 0 }).format(Math.round(amount));
}

export interface RenderContext {
  lang: Lang;
  /** ISO week, e.g. 2026-W48. */
  week: string;
  asOf: number;
  spreadsheetName: string;
  test: boolean;
  segmentLabel(key: string): string;
  action(key: string): string;
}

export interface RenderedMail {
  subject: string;
  text: string;
  html: string;
  csv: string;
  attachmentName: string;
}

/** Rows per segment in the HTML body; the CSV always has everyone. */
export const HTML_ROWS = 50;

export function renderDigest(digest: Digest, ctx: RenderContext): RenderedMail {
  const { lang } = ctx;
  const weekNo = ctx.week.slice(ctx.week.indexOf('W') + 1);
  let subject =
    digest.customers === 0
      ? t(lang, 'mail.subjectAllClear', { week: weekNo })
      : t(lang, 'mail.subject', { week: weekNo, n: digest.customers });
  if (ctx.test) subject = t(lang, 'mail.subjectTest', { subject });
  const named = digest.managers.filter((m) => m !== '');
  const greeting = !ctx.test && named.length === 1 ? t(lang, 'mail.greeting', { name: named[0] }) : t(lang, 'mail.greetingTeam');
  const showManager = ctx.test || digest.managers.length > 1;
  const cols = [
    t(lang, 'mail.col.customer'),
    ...(showManager ? [t(lang, 'mail.col.manager')] : []),
    t(lang, 'mail.col.purchases'),
    t(lang, 'mail.col.lastPurchase'),
    t(lang, 'mail.col.revenue'),
    t(lang, 'mail.col.email'),
    t(lang, 'mail.col.phone'),
  ];
  const rowOf = (c: DigestCustomer): string[] => [
    c.name,
    ...(showManager ? [c.manager || t(lang, 'mail.noManager')] : []),
    String(c.purchases),
    dateText(c.lastPurchase, lang),
    moneyText(c.revenue, lang),
    c.email,
    c.phone,
  ];
  const footer = t(lang, 'mail.footer', { name: ctx.spreadsheetName });

  const text: string[] = [greeting, ''];
  const html: string[] = [
    '<!DOCTYPE html><html><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"></head>',
    '<body style="margin:0;padding:12px;font-family:Arial,Helvetica,sans-serif;font-size:14px;color:#202124;background:#ffffff">',
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
    const intro = t(lang, 'mail.intro', { date: dateText(ctx.asOf, lang) });
    text.push(intro);
    html.push(`<p>${escapeHtml(intro)}</p>`);
    for (const section of digest.sections) {
      const title = t(lang, 'mail.section', { segment: ctx.segmentLabel(section.segment), n: section.customers.length });
      const action = t(lang, 'mail.action', { action: ctx.action(section.segment) });
      text.push('', title, action);
      html.push(`<h3 style="font-size:16px;margin:20px 0 4px">${escapeHtml(title)}</h3>`);
      html.push(`<p style="margin:0 0 8px;color:#1a73e8">${escapeHtml(action)}</p>`);
      html.push('<div style="overflow-x:auto"><table style="border-collapse:collapse;width:100%;font-size:13px">');
      html.push(
        `<tr>${cols.map((c) => `<th style="text-align:left;border-bottom:2px solid #dadce0;padding:4px 6px">${escapeHtml(c)}</th>`).join('')}</tr>`,
      );
      section.customers.forEach((c, i) => {
        const row = rowOf(c);
        text.push(`- ${row.filter((v) => v !== '').join(' · ')}`);
        if (i < HTML_ROWS)
          html.push(
            `<tr>${row.map((v) => `<td style="border-bottom:1px solid #eee;padding:4px 6px">${escapeHtml(v)}</td>`).join('')}</tr>`,
          );
      });
      html.push('</table></div>');
      if (section.customers.length > HTML_ROWS) {
        html.push(`<p style="color:#5f6368">${escapeHtml(t(lang, 'mail.more', { n: section.customers.length - HTML_ROWS }))}</p>`);
      }
    }
  }
  text.push('', '--', footer);
  html.push(`<p style="color:#5f6368;font-size:12px;margin-top:24px">${escapeHtml(footer)}</p>`, '</div></body></html>');

  const csvHeader = [
    t(lang, 'mail.col.segment'),
    t(lang, 'mail.col.customer'),
    t(lang, 'mail.col.manager'),
    t(lang, 'mail.col.purchases'),
    t(lang, 'mail.col.lastPurchase'),
    t(lang, 'mail.col.revenue'),
    t(lang, 'mail.col.email'),
    t(lang, 'mail.col.phone'),
  ];
  const csv: string[] = [csvHeader.map(csvField).join(',')];
  for (const section of digest.sections) {
    for (const c of section.customers) {
      csv.push(
        [
          ctx.segmentLabel(section.segment),
          c.name,
          c.manager,
          c.purchases,
          dateText(c.lastPurchase, 'en'),
          Math.round(c.revenue * 100) / 100,
          c.email,
          c.phone,
        ]
          .map(csvField)
          .join(','),
      );
    }
  }
  // A byte-order mark so that Excel opens the Cyrillic names as UTF-8.
  return {
    subject,
    text: text.join('\n'),
    html: html.join('\n'),
    csv: '\ufeff' + csv.join('\r\n') + '\r\n',
    attachmentName: t(lang, 'mail.attachment', { week: ctx.week }),
  };
}

/** ISO 8601 week of a day, e.g. 2026-W48 (weeks start on Monday; week 1 holds 4 January). */
export function isoWeek(day: number): string {
  const weekday = (((day + 3) % 7) + 7) % 7; // 0 = Monday; epoch day 0 was a Thursday
  const thursday = day - weekday + 3;
  const year = civilFromDays(thursday).year;
  const jan4 = Date.UTC(year, 0, 4) / 86_400_000;
  const jan4Weekday = (((jan4 + 3) % 7) + 7) % 7;
  const week = Math.floor((thursday - (jan4 - jan4Weekday + 3)) / 7) + 1;
  return `${year}-W${String(week).padStart(2, '0')}`;
}

const WEEKDAY_ORDER: readonly Weekday[] = ['MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY', 'SATURDAY', 'SUNDAY'];

/** The weekday of an epoch day. */
export function weekdayOf(day: number): Weekday {
  return WEEKDAY_ORDER[(((day + 3) % 7) + 7) % 7]; // epoch day 0 was a Thursday
}

/**
 * The week a run on `day` serves: the ISO week of the last scheduled weekday on or
 * before it. A week's e-mails go out on its day; the days after, until the next
 * one, only finish it (a Sunday schedule finishes its week on Monday to Saturday).
 */
export function runWeek(day: number, weekday: Weekday): string {
  const back = (WEEKDAY_ORDER.indexOf(weekdayOf(day)) - WEEKDAY_ORDER.indexOf(weekday) + 7) % 7;
  return isoWeek(day - back);
}
