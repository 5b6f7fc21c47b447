/** Sending one e-mail: HTML with a plain-text alternative and a CSV attachment. */
import type { RenderedMail } from '../mail/render';
import { scheduleOwner } from './storage';

export function remainingQuota(): number {
  return MailApp.getRemainingDailyQuota();
}

export function sendMail(to: string, mail: RenderedMail, senderName: string): void {
  MailApp.sendEmail({
    to,
    subject: mail.subject,
    body: mail.text,
    htmlBody: mail.html,
    name: senderName,
    attachments: [Utilities.newBlob(mail.csv, 'text/csv', mail.attachmentName)],
  });
}

export function sendPlain(to: string, subject: string, body: string, senderName: string): void {
  MailApp.sendEmail({ to, subject, body, name: senderName });
}

export function currentUserEmail(): string {
  try {
    return Session.getActiveUser().getEmail() || Session.getEffectiveUser().getEmail();
  } catch {
    return '';
  }
}

/** Who owns the trigger: the effective user, else the address recorded when the schedule was turned on. */
export function ownerEmail(spreadsheetId: string | null): string {
  try {
    const email = Session.getEffectiveUser().getEmail();
    if (email) return email;
  } catch {
    // Not granted (userinfo.email): the recorded address stands in.
  }
  return spreadsheetId ? (scheduleOwner(spreadsheetId) ?? '') : '';
}
