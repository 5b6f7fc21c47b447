/**
 * Who gets which customers in the daily campaign e-mail: for each campaign due,
 * each manager the customers of its list they own (the list comes without its
 * control group: those customers are never in any e-mail), grouped by address;
 * customers without a manager (or whose manager has no address) go to the fallback
 * address. One section per campaign, in the campaigns' order, its customers in the
 * worklist's order. Pure and stable: the same lists give the same e-mails in the
 * same order.
 */
import type { Channel } from '../core/campaigns/campaign';
import { recipientMap, type ScheduleSettings } from './schedule';

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

/** A campaign due today and whom it lists (its worklist, the control group left out). */
export interface CampaignList {
  campaign: string;
  name: string;
  action: string;
  channel: Channel;
  /** The period it serves, e.g. `2026-W48` or `2026-11`. */
  period: string;
  /** Customers in worklist order, never one of the control group. */
  customers: DigestCustomer[];
}

export interface DigestSection {
  campaign: string;
  name: string;
  action: string;
  channel: Channel;
  period: string;
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

const sectionOf = (list: CampaignList): DigestSection => ({
  campaign: list.campaign,
  name: list.name,
  action: list.action,
  channel: list.channel,
  period: list.period,
  customers: [],
});

export function buildDigests(lists: readonly CampaignList[], schedule: ScheduleSettings): Digest[] {
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
      d = { to: address, managers: [], sections: lists.map(sectionOf), customers: 0 };
      byAddress.set(address, d);
    }
    return d;
  };
  lists.forEach((list, at) => {
    for (const c of list.customers) {
      const digest = digestFor(addressFor(c.manager));
      if (!digest.managers.includes(c.manager)) digest.managers.push(c.manager);
      digest.sections[at].customers.push(c);
      digest.customers++;
    }
  });
  // Managers with an address and nothing to do: an empty digest, for the optional "all clear".
  for (const address of recipients.values()) if (address) digestFor(address);
  const digests = [...byAddress.values()];
  for (const d of digests) {
    d.managers.sort();
    d.sections = d.sections.filter((s) => s.customers.length > 0);
  }
  // Stable order: addresses alphabetically, the address-less last.
  return digests.sort((a, b) => (a.to === b.to ? 0 : a.to === null ? 1 : b.to === null ? -1 : a.to < b.to ? -1 : 1));
}

/** A digest without the sections already served (the rest of a period a run left unfinished). */
export function withoutSections(digest: Digest, served: (section: DigestSection) => boolean): Digest {
  const sections = digest.sections.filter((s) => !served(s));
  const managers = new Set<string>();
  for (const s of sections) for (const c of s.customers) managers.add(c.manager);
  return {
    to: digest.to,
    managers: sections.length ? [...managers].sort() : digest.managers,
    sections,
    customers: sections.reduce((n, s) => n + s.customers.length, 0),
  };
}

/** One digest with every customer of all the others: what a test e-mail shows. */
export function combineDigests(digests: Digest[], to: string, lists: readonly CampaignList[]): Digest {
  const sections = lists.map(sectionOf);
  const managers = new Set<string>();
  for (const d of digests) {
    d.managers.forEach((m) => managers.add(m));
    for (const s of d.sections) sections.find((x) => x.campaign === s.campaign)!.customers.push(...s.customers);
  }
  // Back in each list's order (the worklist's), whoever's they are.
  lists.forEach((list, i) => {
    const rank = new Map(list.customers.map((c, at) => [c, at]));
    sections[i].customers.sort((a, b) => rank.get(a)! - rank.get(b)!);
  });
  const nonEmpty = sections.filter((s) => s.customers.length > 0);
  return { to, managers: [...managers].sort(), sections: nonEmpty, customers: nonEmpty.reduce((n, s) => n + s.customers.length, 0) };
}
