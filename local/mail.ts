/**
 * MailApp: each e-mail becomes a real multipart .eml file in the outbox folder
 * (text, an HTML alternative with inline images, attachments; UTF-8 headers
 * encoded per RFC 2047, file names per RFC 2231), which any mail client opens.
 * The daily quota goes down by one per recipient (to, cc and bcc), as in Apps Script.
 */
import { randomUUID } from 'node:crypto';
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { GasError, StandIn } from './boundary';
import { FakeBlob } from './services';

export interface MailPart {
  name: string;
  contentType: string;
  bytes: Buffer;
}

export interface SentMail {
  from: string;
  name: string | null;
  to: string[];
  cc: string[];
  bcc: string[];
  replyTo: string | null;
  subject: string;
  body: string;
  htmlBody: string | null;
  attachments: MailPart[];
  inlineImages: (MailPart & { cid: string })[];
  date: Date;
  /** The .eml text. */
  eml: string;
  /** Where it was written; null when the runtime has no outbox. */
  file: string | null;
}

export interface MailHost {
  from: string;
  outbox: string | null;
  /** Recipients left today. */
  quota: { remaining: number };
  sent: SentMail[];
  /**
   * Addresses Google refuses ("Invalid email: ..."): its check is its own and wider
   * than the add-on's, so a test names the addresses that a real account would
   * bounce at sendEmail. Compared without case.
   */
  rejected: Set<string>;
  now(): Date;
}

const EMAIL = /^[^\s@<>,;"]+@[^\s@<>,;"]+\.[^\s@<>,;"]+$/;

// MailApp.sendEmail throws "Invalid email: <address>" for an address it refuses, and sends nothing:
// https://developers.google.com/apps-script/reference/mail/mail-app#sendEmail(Object)
function recipients(list: unknown, rejected: ReadonlySet<string>): string[] {
  if (list === undefined || list === null || list === '') return [];
  return String(list)
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .map((addr) => {
      const bare = /<([^>]+)>$/.exec(addr)?.[1] ?? addr;
      if (!EMAIL.test(bare) || rejected.has(bare.toLowerCase())) throw new GasError(`Invalid email: ${addr}`);
      return addr;
    });
}

function partOf(source: unknown, fallbackName: string): MailPart {
  const blob = (source as { getBlob?: () => unknown })?.getBlob?.() ?? source;
  if (!(blob instanceof FakeBlob)) throw new GasError('Invalid argument: attachments');
  return { name: blob._name ?? fallbackName, contentType: blob._contentType ?? 'application/octet-stream', bytes: blob._bytes };
}

export class FakeMailApp extends StandIn implements Pick<GoogleAppsScript.Mail.MailApp, 'sendEmail' | 'getRemainingDailyQuota'> {
  readonly _label = 'MailApp';
  constructor(readonly _host: MailHost) {
    super();
  }
  getRemainingDailyQuota(): number {
    return this._host.quota.remaining;
  }
  sendEmail(message: GoogleAppsScript.Mail.MailAdvancedParameters): void;
  sendEmail(recipient: string, subject: string, body: string): void;
  sendEmail(recipient: string, subject: string, body: string, options: GoogleAppsScript.Mail.MailAdvancedParameters): void;
  sendEmail(to: string, replyTo: string, subject: string, body: string): void;
  sendEmail(a: unknown, b?: unknown, c?: unknown, d?: unknown): void {
    let m: GoogleAppsScript.Mail.MailAdvancedParameters;
    if (typeof a === 'object' && a !== null) m = a as GoogleAppsScript.Mail.MailAdvancedParameters;
    else if (typeof d === 'string') m = { to: String(a), replyTo: String(b), subject: String(c), body: d };
    else
      m = {
        ...((d as GoogleAppsScript.Mail.MailAdvancedParameters | undefined) ?? {}),
        to: String(a),
        subject: String(b ?? ''),
        body: String(c ?? ''),
      };
    const rejected = new Set([...this._host.rejected].map((a) => a.toLowerCase()));
    const to = recipients(m.to, rejected);
    const cc = recipients(m.cc, rejected);
    const bcc = recipients(m.bcc, rejected);
    const count = to.length + cc.length + bcc.length;
    if (count === 0) throw new GasError('Failed to send email: no recipient');
    if (m.subject === undefined || m.subject === null) throw new GasError('Invalid argument: subject');
    if (count > this._host.quota.remaining) throw new GasError('Service invoked too many times for one day: email.');
    const mail: SentMail = {
      from: this._host.from,
      name: m.name ?? null,
      to,
      cc,
      bcc,
      replyTo: m.replyTo ?? null,
      subject: String(m.subject),
      body: String(m.body ?? ''),
      htmlBody: m.htmlBody === undefined || m.htmlBody === null ? null : String(m.htmlBody),
      attachments: (m.attachments ?? []).map((s, i) => partOf(s, `attachment${i + 1}`)),
      inlineImages: Object.entries(m.inlineImages ?? {}).map(([cid, s]) => ({ ...partOf(s, cid), cid })),
      date: this._host.now(),
      eml: '',
      file: null,
    };
    mail.eml = composeEml(mail);
    this._host.quota.remaining -= count;
    this._host.sent.push(mail);
    if (this._host.outbox) {
      mkdirSync(this._host.outbox, { recursive: true });
      const slug =
        mail.subject
          .replace(/[^\p{L}\p{N}]+/gu, '-')
          .replace(/^-|-$/g, '')
          .slice(0, 40) || 'mail';
      const file = path.join(this._host.outbox, `${String(nextNumber(this._host.outbox)).padStart(3, '0')}-${slug}.eml`);
      writeFileSync(file, mail.eml);
      mail.file = file;
    }
  }
}

/** The next number in an outbox: one past the highest `NNN-` there, so that runs go on numbering instead of starting at 001 again. */
export function nextNumber(outbox: string): number {
  let highest = 0;
  for (const name of readdirSync(outbox)) {
    const m = /^(\d+)-.*\.eml$/.exec(name);
    if (m) highest = Math.max(highest, Number(m[1]));
  }
  return highest + 1;
}

// ------------------------------------------------------------------ MIME

const CRLF = '\r\n';

/** RFC 2047 encoded words (UTF-8, base64) for non-ASCII header text, each at most 75 characters. */
export function encodeHeader(text: string): string {
  if (/^[\x20-\x7e]*$/.test(text)) return text;
  const words: string[] = [];
  let chunk = '';
  for (const ch of text) {
    // 45 bytes of UTF-8 make 60 base64 characters: with "=?UTF-8?B??=" that stays under 75.
    if (Buffer.byteLength(chunk + ch) > 45) {
      words.push(chunk);
      chunk = '';
    }
    chunk += ch;
  }
  if (chunk) words.push(chunk);
  return words.map((w) => `=?UTF-8?B?${Buffer.from(w, 'utf8').toString('base64')}?=`).join(`${CRLF} `);
}

function base64Lines(bytes: Buffer): string {
  return (bytes.toString('base64').match(/.{1,76}/g) ?? ['']).join(CRLF);
}

function address(addr: string): string {
  const m = /^(.*)<([^>]+)>$/.exec(addr);
  return m && m[1].trim() ? `${encodeHeader(m[1].trim().replace(/^"|"$/g, ''))} <${m[2]}>` : addr;
}

function attachmentHeaders(part: MailPart, disposition: 'attachment' | 'inline'): string[] {
  const ascii = /^[\x20-\x7e]*$/.test(part.name) && !part.name.includes('"');
  const filename = ascii ? `filename="${part.name}"` : `filename*=UTF-8''${encodeURIComponent(part.name)}`;
  const name = ascii ? `name="${part.name}"` : `name="${encodeHeader(part.name)}"`;
  return [
    `Content-Type: ${part.contentType}; ${name}`,
    `Content-Disposition: ${disposition}; ${filename}`,
    'Content-Transfer-Encoding: base64',
  ];
}

function textPart(type: 'plain' | 'html', text: string): string {
  return [
    `Content-Type: text/${type}; charset=UTF-8`,
    'Content-Transfer-Encoding: base64',
    '',
    base64Lines(Buffer.from(text, 'utf8')),
  ].join(CRLF);
}

function multipart(type: string, parts: string[]): string {
  const boundary = `=_${type}_${randomUUID()}`;
  return [
    `Content-Type: multipart/${type}; boundary="${boundary}"`,
    '',
    ...parts.map((p) => `--${boundary}${CRLF}${p}`),
    `--${boundary}--`,
    '',
  ].join(CRLF);
}

/** The whole message as RFC 5322 text with MIME parts. */
export function composeEml(mail: SentMail): string {
  const headers = [
    `From: ${mail.name ? `${encodeHeader(mail.name)} <${mail.from}>` : mail.from}`,
    mail.to.length ? `To: ${mail.to.map(address).join(', ')}` : null,
    mail.cc.length ? `Cc: ${mail.cc.map(address).join(', ')}` : null,
    mail.bcc.length ? `Bcc: ${mail.bcc.map(address).join(', ')}` : null,
    mail.replyTo ? `Reply-To: ${address(mail.replyTo)}` : null,
    `Subject: ${encodeHeader(mail.subject)}`,
    `Date: ${mail.date.toUTCString().replace('GMT', '+0000')}`,
    `Message-ID: <${randomUUID()}@local.apps-script>`,
    'MIME-Version: 1.0',
  ].filter((h): h is string => h !== null);
  let body = textPart('plain', mail.body);
  if (mail.htmlBody !== null) {
    let html = textPart('html', mail.htmlBody);
    if (mail.inlineImages.length) {
      const images = mail.inlineImages.map((img) =>
        [...attachmentHeaders(img, 'inline'), `Content-ID: <${img.cid}>`, '', base64Lines(img.bytes)].join(CRLF),
      );
      html = multipart('related', [html, ...images]);
    }
    body = multipart('alternative', [body, html]);
  }
  if (mail.attachments.length) {
    const files = mail.attachments.map((a) => [...attachmentHeaders(a, 'attachment'), '', base64Lines(a.bytes)].join(CRLF));
    body = multipart('mixed', [body, ...files]);
  }
  return `${headers.join(CRLF)}${CRLF}${body}${body.endsWith(CRLF) ? '' : CRLF}`;
}
