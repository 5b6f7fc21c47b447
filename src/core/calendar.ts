/**
 * Calendar days as whole numbers ("epoch days": days since 1970-01-01), so that
 * every date rule of docs/definitions.md is integer arithmetic.
 */

const MS_PER_DAY = 86_400_000;

/** Days from 1970-01-01 to the given civil date (proleptic Gregorian). */
export function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const mp = (month + 9) % 12;
  const doy = Math.floor((153 * mp + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

export interface CivilDate {
  year: number;
  month: number; // 1..12
  day: number; // 1..31
}

/** The civil date of an epoch day. */
export function civilFromDays(days: number): CivilDate {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yoe + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

export function daysInMonth(year: number, month: number): number {
  return daysFromCivil(month === 12 ? year + 1 : year, month === 12 ? 1 : month + 1, 1) - daysFromCivil(year, month, 1);
}

/** Calendar periods used by XYZ and by period tables. */
export type PeriodUnit = 'week' | 'month' | 'quarter' | 'year';

/** A whole number that grows by one from each period to the next. */
export function periodIndex(days: number, unit: PeriodUnit): number {
  if (unit === 'week') return Math.floor((days + 3) / 7); // weeks start on Monday; 1970-01-01 was a Thursday
  const { year, month } = civilFromDays(days);
  if (unit === 'month') return year * 12 + month - 1;
  if (unit === 'quarter') return year * 4 + Math.floor((month - 1) / 3);
  return year;
}

/** The first epoch day of a period index. */
export function periodStart(index: number, unit: PeriodUnit): number {
  if (unit === 'week') return index * 7 - 3;
  if (unit === 'month') return daysFromCivil(Math.floor(index / 12), (index % 12) + 1, 1);
  if (unit === 'quarter') return daysFromCivil(Math.floor(index / 4), (index % 4) * 3 + 1, 1);
  return daysFromCivil(index, 1, 1);
}

/**
 * Converts between instants (Date) and calendar days in one time zone.
 * Sheets hands dates over as the instant of midnight in the spreadsheet's zone,
 * so the day must be read in that zone, not in the script's.
 */
export interface Calendar {
  dayOf(date: Date): number;
  dateOf(days: number): Date;
}

/** A calendar for an IANA zone ("Europe/Kyiv"), or the engine's local zone when none is given. */
export function calendarFor(timeZone?: string): Calendar {
  if (!timeZone) return localCalendar;
  let format: Intl.DateTimeFormat;
  try {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
  } catch {
    return localCalendar; // an unknown zone name: the script's own zone is the best guess left
  }
  // The offset changes a few times a year: cache it per hour of UTC.
  const offsetCache = new Map<number, number>();
  const offsetAt = (ms: number): number => {
    const hour = Math.floor(ms / 3_600_000);
    let offset = offsetCache.get(hour);
    if (offset === undefined) {
      // format() and its digits rather than formatToParts(): a fifth of the cost, and a
      // custom function meets about a thousand distinct hours (one per order day) per call.
      // en-US with h23 always writes month/day/year, hour:minute:second.
      const [month, day, year, h, minute, second] = digitRuns(format.format(hour * 3_600_000));
      const asUtc = Date.UTC(year, month - 1, day, h % 24, minute, second);
      offset = asUtc - hour * 3_600_000;
      offsetCache.set(hour, offset);
    }
    return offset;
  };
  // Orders tabs are mostly sorted by date: remember the last answer.
  let lastMs = NaN;
  let lastDay = NaN;
  return {
    dayOf(date) {
      const ms = date.getTime();
      if (ms !== lastMs) {
        lastMs = ms;
        lastDay = Math.floor((ms + offsetAt(ms)) / MS_PER_DAY);
      }
      return lastDay;
    },
    dateOf(days) {
      const guess = days * MS_PER_DAY;
      let ms = guess - offsetAt(guess);
      ms = guess - offsetAt(ms); // once more, in case midnight falls across a DST change
      return new Date(ms);
    },
  };
}

/** The numbers written in a text, in order: "12/31/2024, 23:00:00" gives 12, 31, 2024, 23, 0, 0. */
function digitRuns(text: string): number[] {
  const out: number[] = [];
  let value = -1;
  for (let i = 0; i < text.length; i++) {
    const digit = text.charCodeAt(i) - 48;
    if (digit >= 0 && digit <= 9) value = (value < 0 ? 0 : value * 10) + digit;
    else if (value >= 0) {
      out.push(value);
      value = -1;
    }
  }
  if (value >= 0) out.push(value);
  return out;
}

const localCalendar: Calendar = {
  dayOf(date) {
    return daysFromCivil(date.getFullYear(), date.getMonth() + 1, date.getDate());
  },
  dateOf(days) {
    const { year, month, day } = civilFromDays(days);
    return new Date(year, month - 1, day);
  },
};
