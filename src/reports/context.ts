/**
 * What every report builder gets: the orders as read, the per-customer summary as
 * of the as-of date, the parameters in core terms, and the user's language. The
 * add-on (src/addon) makes one of these per rebuild; tests make them from literals.
 */
import type { AbcXyzOptions } from '../core/abcXyz';
import type { LostOptions } from '../core/churn';
import type { NpsResponses } from '../core/npsResponses';
import type { LifecycleBands } from '../core/lifecycle';
import type { OrderRows } from '../core/orders';
import type { CustomerSummary } from '../core/summary';
import type { Lang } from '../i18n/catalogue';

/** A period [from, to) in epoch days. */
export interface DayRange {
  from: number;
  to: number;
}

export interface ReportParams {
  bands: LifecycleBands;
  abcXyz: AbcXyzOptions;
  /** Migration: period 1 vs period 2 (lifecycle as of each `to`, ABC/XYZ over each range). */
  comparison: { period1: DayRange; period2: DayRange };
  lost: LostOptions;
  /** The lost ratio's period [from, to): by default the 365 days before the as-of date. */
  lostPeriod: DayRange;
  /** Suggested action per segment key (`new_active` ...) where the user changed it. */
  actions: Record<string, string>;
  /** The Managers sheet's plan: the same month a year earlier x (1 + this); 0.1 (+10%) when not given. */
  planGrowth?: number;
  /** How many customers the Key customers sheet lists, 20 or 50 (the sheet refuses others); 20 when not given. */
  keyCustomersTop?: number;
}

export interface ReportContext {
  /** The user's language: the words on the sheets. */
  lang: Lang;
  /** The spreadsheet's locale (`en_US`, `ru_RU`): the date and money formats (docs/definitions.md: the locale rule). */
  locale: string;
  /** The ISO 4217 code the orders' amount column shows in its format, or null: the sign of money cells. */
  currency: string | null;
  /** Every readable order row, so that builders can summarise other windows. */
  orders: OrderRows;
  /** Customers with a purchase before the as-of date. */
  summary: CustomerSummary;
  /** As-of date, epoch day; rows on or after it are left out. */
  asOf: number;
  /** Epoch day -> a Date at midnight of that day in the spreadsheet's time zone, for date cells. */
  dateOf(day: number): Date;
  params: ReportParams;
  /** Where the data came from, shown on every report: rows read into the figures, and rows left out as unreadable. */
  source: { sheetName: string; rows: number; unreadableRows: number };
  /** The NPS answers when the spreadsheet has an NPS tab (null or absent: no NPS figures anywhere). */
  nps?: NpsSource | null;
}

/**
 * What a sheet's layout needs beyond its figures: everything of the context but the
 * orders and the summary. The warehouse edition (issue 16) fills it without either:
 * its figures come back from the warehouse, computed there.
 */
export type SheetContext = Omit<ReportContext, 'orders' | 'summary'>;

/**
 * The NPS tab as read: its answers and what could not be read (each problem a line
 * naming the row, the column and the value), or why the tab could not be read at all.
 */
export type NpsSource =
  | { sheetName: string; responses: NpsResponses; unreadableRows: number; problems: string[]; error?: undefined }
  | { sheetName: string | null; error: string };
