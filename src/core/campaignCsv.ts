/**
 * A campaign's list as a CSV file for a mailing tool (docs/definitions.md: CSV
 * files): one line per listed customer with name, e-mail, phone, segment and
 * manager, in the conventions of the spreadsheet's locale (csvDialectOfLocale).
 * Every text field is neutralised (csvField); the phone goes out as typed when it is
 * phone-shaped (importPhone), so the tool imports "+7 998 123-45-67" unchanged.
 */
import { type CsvDialect, csvField, csvText, importPhone } from './csv';

/** One customer of the list, as the file shows them. */
export interface ExportCustomer {
  name: string;
  email: string;
  phone: string;
  /** The segment's name in the user's language. */
  segment: string;
  /** '' for no manager: a mailing tool gets an empty field, not a label. */
  manager: string;
}

/** The five column headings in the user's language: name, e-mail, phone, segment, manager. */
export type ExportHeader = readonly [string, string, string, string, string];

/** The whole file: the header line, then one line per customer in the order given. */
export function campaignCsv(customers: readonly ExportCustomer[], header: ExportHeader, dialect: CsvDialect): string {
  const field = (text: string): string => csvField(text, dialect);
  const lines: string[][] = [header.map(field)];
  for (const c of customers) lines.push([field(c.name), field(c.email), importPhone(c.phone, dialect), field(c.segment), field(c.manager)]);
  return csvText(lines, dialect);
}

/**
 * A file name from a campaign's name and a date: characters that file systems
 * refuse (/ \ : * ? " < > |, control characters) become "_", and it is never empty.
 */
export function exportFileName(campaign: string, isoDate: string): string {
  // eslint-disable-next-line no-control-regex
  const safe = campaign.replace(/[/\\:*?"<>|\u0000-\u001f\u007f]/g, '_').trim() || 'campaign';
  return `${safe.slice(0, 80)} ${isoDate}.csv`;
}
