/**
 * When a campaign is sent (docs/definitions.md: campaign e-mails). A cadence cuts
 * the calendar into periods, each starting on its due day: weekly on the weekday
 * (1 Monday .. 7 Sunday), monthly on the day (a day the month does not have, 29,
 * 30 or 31, is the month's last day: 31 is always the last day). A period lasts
 * until the next due day, and a campaign is sent once per period: on its due day,
 * or, when that day's run did not happen or failed, by the first run after it
 * within the period (late, once). Days are epoch days in the spreadsheet's zone. Pure.
 */
import { civilFromDays, daysFromCivil, daysInMonth } from '../calendar';
import type { Cadence } from './campaign';

/** ISO weekday of an epoch day: 1 Monday .. 7 Sunday (epoch day 0 was a Thursday). */
export function isoWeekday(day: number): number {
  return ((((day + 3) % 7) + 7) % 7) + 1;
}

/** ISO 8601 week of a day, e.g. 2026-W48 (weeks start on Monday; week 1 holds 4 January). */
export function isoWeek(day: number): string {
  const thursday = day - isoWeekday(day) + 4;
  const year = civilFromDays(thursday).year;
  const jan4 = daysFromCivil(year, 1, 4);
  const week = Math.floor((thursday - (jan4 - isoWeekday(jan4) + 4)) / 7) + 1;
  return `${year}-W${String(week).padStart(2, '0')}`;
}

/** The due day of a monthly cadence in a month: the day, or the month's last day when it has fewer. */
export function monthlyDueDay(year: number, month: number, day: number): number {
  return daysFromCivil(year, month, Math.min(day, daysInMonth(year, month)));
}

/**
 * A period of a cadence: its label (`2026-W48`, `2026-11`), the day it starts (its
 * due day) and the day the next one starts: the days [dueDay, nextDueDay). The one
 * definition of a period: the send records key what was sent by it, and the
 * results count each listing in the period it was sent in.
 */
export interface CadencePeriod {
  label: string;
  dueDay: number;
  nextDueDay: number;
}

/** The period a day falls in: the one whose due day is the last on or before the day. */
export function periodOf(cadence: Cadence, day: number): CadencePeriod {
  if (cadence.kind === 'weekly') {
    const dueDay = day - ((isoWeekday(day) - cadence.weekday + 7) % 7);
    return { label: isoWeek(dueDay), dueDay, nextDueDay: dueDay + 7 };
  }
  let { year, month } = civilFromDays(day);
  let dueDay = monthlyDueDay(year, month, cadence.day);
  if (dueDay > day) {
    [year, month] = month === 1 ? [year - 1, 12] : [year, month - 1];
    dueDay = monthlyDueDay(year, month, cadence.day);
  }
  const [nextYear, nextMonth] = month === 12 ? [year + 1, 1] : [year, month + 1];
  return { label: `${year}-${String(month).padStart(2, '0')}`, dueDay, nextDueDay: monthlyDueDay(nextYear, nextMonth, cadence.day) };
}

/** Whether a day is a due day of the cadence. */
export function isDueDay(cadence: Cadence, day: number): boolean {
  return periodOf(cadence, day).dueDay === day;
}
