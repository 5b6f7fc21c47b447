/**
 * The least and the greatest UTC offset a time zone has had or will have between
 * 1970 and 2100, by Intl (the same tz database as DuckDB's ICU). Wherever two
 * instants' candidate days agree under both offsets, the day in the zone needs no
 * time-zone look-up: the DuckDB rendering of the day of an instant (dialect.ts)
 * uses this to call ICU only for the hours near midnight where the offset decides.
 */

/** The range the offsets are read over: instants outside it always take the look-up. */
export const ZONE_SCAN_FROM_MS = Date.UTC(1970, 0, 2);
export const ZONE_SCAN_TO_MS = Date.UTC(2100, 0, 1);
const STEP_MS = 86_400_000;

export interface OffsetRange {
  /** Seconds east of UTC. */
  min: number;
  max: number;
}

const cache = new Map<string, OffsetRange | null>();

/** "GMT", "GMT+03:00", "GMT-09:30", "GMT+05:45" (Intl's longOffset) in seconds east of UTC. */
export function offsetSeconds(longOffset: string): number {
  const m = /GMT(?:([+-])(\d{1,2}):(\d{2})(?::(\d{2}))?)?$/.exec(longOffset);
  if (!m) throw new RangeError(`not an offset: ${longOffset}`);
  if (m[1] === undefined) return 0;
  return (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 3600 + Number(m[3]) * 60 + Number(m[4] ?? 0));
}

/**
 * The zone's offsets over 1970-2100, read once a day (a period of another offset that
 * lasts less than a day and falls between two readings would be missed; the tz
 * database has none in that range). Null for a zone Intl does not know.
 */
export function zoneOffsetRange(timeZone: string): OffsetRange | null {
  const known = cache.get(timeZone);
  if (known !== undefined) return known;
  let range: OffsetRange | null;
  try {
    const format = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'longOffset', hour: 'numeric' });
    const seen = new Map<string, number>();
    let min = Infinity;
    let max = -Infinity;
    for (let ms = ZONE_SCAN_FROM_MS; ms < ZONE_SCAN_TO_MS; ms += STEP_MS) {
      const text = format.format(ms);
      const name = text.slice(text.indexOf('GMT'));
      let offset = seen.get(name);
      if (offset === undefined) {
        offset = offsetSeconds(name);
        seen.set(name, offset);
      }
      if (offset < min) min = offset;
      if (offset > max) max = offset;
    }
    range = { min, max };
  } catch {
    range = null;
  }
  cache.set(timeZone, range);
  return range;
}
