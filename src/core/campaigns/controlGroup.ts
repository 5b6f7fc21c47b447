/**
 * The control group (docs/definitions.md: campaigns, control group): customers of
 * a campaign's target kept off the worklist and out of every e-mail, so that their
 * return rate shows what would have happened without the campaign.
 *
 * Chosen by a hash of (campaign id, customer key) alone: a customer's group does
 * not depend on the run, the order of the rows, or who else is in the target, so it
 * never changes while the share stays; and raising the share only moves customers
 * into the control group (a customer is control when their hash is below the
 * share), never out. The hash is 32-bit FNV-1a over the UTF-16 code units
 * (http://www.isthe.com/chongo/tech/comp/fnv/), finished with MurmurHash3's fmix32
 * so that keys differing in their last characters spread over the whole range.
 * Not cryptographic, and need not be: nobody gains by steering a hash.
 */

import { UserError } from '../errors';

export const MAX_CONTROL_SHARE = 0.5;

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

/** FNV-1a's state after `text`, from `h`: FNV-1a reads a text left to right, so a common prefix is hashed once. */
function fnv(h: number, text: string): number {
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, FNV_PRIME);
  }
  return h;
}

/** MurmurHash3's fmix32: an unsigned 32-bit number. */
function avalanche(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** FNV-1a of a text, avalanched: an unsigned 32-bit number. */
export function hash32(text: string): number {
  return avalanche(fnv(FNV_OFFSET, text));
}

/** Where a customer falls in [0, 1) for a campaign. */
export function controlDraw(campaignId: string, customerKey: string): number {
  // The NUL keeps ("a", "bc") and ("ab", "c") apart.
  return hash32(`${campaignId}\u0000${customerKey}`) / 4294967296;
}

/**
 * controlDraw for one campaign and many customers: the campaign's part of the text
 * (id and NUL) is hashed once, and no text is joined per customer. The same draws.
 */
export function controlDrawer(campaignId: string): (customerKey: string) => number {
  const prefix = fnv(FNV_OFFSET, `${campaignId}\u0000`);
  return (customerKey) => avalanche(fnv(prefix, customerKey)) / 4294967296;
}

const clampShare = (share: number): number => Math.min(MAX_CONTROL_SHARE, Math.max(0, Number.isFinite(share) ? share : 0));

/** Whether the customer is in the campaign's control group at this share (0..0.5; out of range is clamped). */
export function isControl(campaignId: string, customerKey: string, share: number): boolean {
  const s = clampShare(share);
  return s > 0 && controlDraw(campaignId, customerKey) < s;
}

/** isControl for one campaign and share, over many customers (controlDrawer). */
export function controlTest(campaignId: string, share: number): (customerKey: string) => boolean {
  const s = clampShare(share);
  if (!(s > 0)) return () => false;
  const draw = controlDrawer(campaignId);
  return (customerKey) => draw(customerKey) < s;
}

/** The share, or a UserError naming the campaign and the value when it is not 0..50%. */
export function checkControlShare(campaign: string, share: number): number {
  if (!(Number.isFinite(share) && share >= 0 && share <= MAX_CONTROL_SHARE)) {
    throw UserError.of('err.core.controlShare', { campaign, value: { quote: share } });
  }
  return share;
}
