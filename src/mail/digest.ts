/**
 * Who gets which customers in the weekly e-mail: each manager the customers they
 * own in the chosen segments, grouped by address; customers without a manager (or
 * whose manager has no address) go to the fallback address. Pure and stable: the
 * same data gives the same e-mails in the same order.
 */
import type { CustomerSummary } from '../core/summary';
import { recipientMap, type ScheduleSettings } from './schedule';
import { segmentKey } from '../core/lifecycle';

export interface DigestCustomer {
  name: string;
  manager: string;
  purchases: number;
  /** Epoch day. */
  lastPurchase: number;
  revenue: number;
  email: string;
  phone: string;
}

export interface DigestSection {
  segment: string;
  customers: DigestCustomer[];
}

export interface Digest {
  /** Address, or null when nobody has one (the run reports it). */
  to: string | null;
  /** Managers whose customers are in it ('' = customers without a manager). */
  managers: string[];
  sections: DigestSection[];
  customers: number;
}

const fold = (s: string): string => s.replace(/\s+/g, ' ').trim().toLowerCase();

/** Address of a manager: exact name first, then the same name ignoring case and spacing. */
export function addressOf(manager: string, recipients: ReadonlyMap<string, string>): string | null {
  const exact = recipients.get(manager);
  if (exact) return exact;
  const key = fold(manager);
  for (const [name, address] of recipients) if (fold(name) === key && address) return address;
  return null;
}

export function buildDigests(summary: CustomerSummary, segments: Uint8Array, schedule: ScheduleSettings): Digest[] {
  const wanted = new Set(schedule.segments);
  const recipients = recipientMap(schedule.recipients);
  // One look-up per manager name, not per customer.
  const addresses = new Map<string, string | null>();
  const addressFor = (manager: string): string | null => {
    let address = addresses.get(manager);
    if (address === undefined)
      addresses.set(manager, (address = (manager && addressOf(manager, recipients)) || schedule.fallbackEmail || null));
    return address;
  };
  const byAddress = new Map<string | null, Digest>();
  const digestFor = (address: string | null): Digest => {
    let d = byAddress.get(address);
    if (!d) {
      d = { to: address, managers: [], sections: schedule.segments.map((segment) => ({ segment, customers: [] })), customers: 0 };
      byAddress.set(address, d);
    }
    return d;
  };
  for (let i = 0; i < summary.size; i++) {
    const segment = segmentKey(segments[i]);
    if (!wanted.has(segment)) continue;
    const manager = summary.manager[i];
    const address = addressFor(manager);
    const digest = digestFor(address);
    if (!digest.managers.includes(manager)) digest.managers.push(manager);
    digest.sections
      .find((s) => s.segment === segment)!
      .customers.push({
        name: summary.name[i],
        manager,
        purchases: summary.purchases[i],
        lastPurchase: summary.lastPurchase[i],
        revenue: summary.revenue[i],
        email: summary.email[i],
        phone: summary.phone[i],
      });
    digest.customers++;
  }
  // Managers with an address and nothing to do: an empty digest, for the optional "all clear".
  for (const address of recipients.values()) if (address) digestFor(address);
  const digests = [...byAddress.values()];
  for (const d of digests) {
    d.managers.sort();
    for (const s of d.sections) s.customers.sort((a, b) => b.revenue - a.revenue || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    d.sections = d.sections.filter((s) => s.customers.length > 0);
  }
  // Stable order: addresses alphabetically, the address-less last.
  return digests.sort((a, b) => (a.to === b.to ? 0 : a.to === null ? 1 : b.to === null ? -1 : a.to < b.to ? -1 : 1));
}

/** One digest with every customer of all the others: what a test e-mail shows. */
export function combineDigests(digests: Digest[], to: string, segmentOrder: string[]): Digest {
  const sections = segmentOrder.map((segment) => ({ segment, customers: [] as DigestCustomer[] }));
  const managers = new Set<string>();
  for (const d of digests) {
    d.managers.forEach((m) => managers.add(m));
    for (const s of d.sections) sections.find((x) => x.segment === s.segment)!.customers.push(...s.customers);
  }
  for (const s of sections) s.customers.sort((a, b) => b.revenue - a.revenue || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const nonEmpty = sections.filter((s) => s.customers.length > 0);
  return { to, managers: [...managers].sort(), sections: nonEmpty, customers: nonEmpty.reduce((n, s) => n + s.customers.length, 0) };
}
