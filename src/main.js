// Apps Script entry points. Plain JavaScript on purpose: webpack keeps its
// comments (esbuild would drop them), and gas-webpack-plugin emits each JSDoc
// block below directly above a top-level `function NAME() {}` stub in
// dist/Code.js, which is what Sheets reads for custom-function help.
// Only `global.NAME = impl;` statements in this file become globals.
import { lifecycleSegment } from './functions/lifecycleSegment';
import { abcXyzFunction } from './functions/abcXyzFunction';
import { ltvFunction } from './functions/ltvFunction';
import { npsFunction } from './functions/npsFunction';
import { churnRate } from './functions/churnRate';
import { onOpen, onInstall, showSidebar, showHelp, rebuildAllReports } from './addon/menu';
import { sidebarServer } from './addon/sidebarServer';
import { scheduleServer, runScheduledDigest } from './addon/scheduleServer';
import { campaignServer } from './addon/campaignServer';
import { exportServerOf } from './addon/exportServer';
import { PLANNED_CAMPAIGNS } from './addon/campaignSource';
import { npsServer } from './addon/npsServer';

// The export takes the campaigns and their worklists from the campaign layer.
const exportServer = exportServerOf(PLANNED_CAMPAIGNS);

// ---- Add-on menu, sidebar and its server calls (camelCase: never custom functions).

/** Builds the add-on menu; runs without authorisation on open. */
global.onOpen = onOpen;
/** Runs when the add-on is installed: the same menu. */
global.onInstall = onInstall;
/** Menu: opens the sidebar. */
global.showSidebar = showSidebar;
/** Menu: short help. */
global.showHelp = showHelp;
/** Menu: rebuilds every report sheet from the orders tab. */
global.rebuildAllReports = rebuildAllReports;
/** Sidebar: settings, orders tab and segments in one call. */
global.sidebarLoad = sidebarServer.sidebarLoad;
/** Sidebar: reads an orders tab with a column mapping, saves nothing. */
global.sidebarInspect = sidebarServer.sidebarInspect;
/** Sidebar: validates and saves the document's report settings. */
global.sidebarSaveSettings = sidebarServer.sidebarSaveSettings;
/** Sidebar: sets the user's language (null follows the locale). */
global.sidebarSetLanguage = sidebarServer.sidebarSetLanguage;
/** Sidebar: builds one report. */
global.sidebarBuild = sidebarServer.sidebarBuild;
/** Sidebar: lifecycle bands suggested by the data, with the reason for each. */
global.sidebarSuggestBands = sidebarServer.sidebarSuggestBands;
/** Sidebar: the weekly e-mail schedule, its last run and the mail quota. */
global.scheduleLoad = scheduleServer.scheduleLoad;
/** Sidebar: checks every address and saves the schedule. */
global.scheduleSave = scheduleServer.scheduleSave;
/** Sidebar: saves the schedule and creates this document's one daily trigger. */
global.scheduleTurnOn = scheduleServer.scheduleTurnOn;
/** Sidebar: removes this document's daily trigger. */
global.scheduleTurnOff = scheduleServer.scheduleTurnOff;
/** Sidebar: sends every campaign's lists to the current user only. */
global.scheduleSendTest = scheduleServer.scheduleSendTest;
/** Sidebar: the NPS tab as the reports will read it. */
global.npsLoad = npsServer.npsLoad;
/** Sidebar: a campaign's worklist as CSV in the spreadsheet's locale, for a mailing tool. */
global.exportCampaignCsv = exportServer.exportCampaignCsv;
/** Time-driven trigger (daily): the campaign e-mails due that day, after refreshing the reports when asked. */
global.runScheduledDigest = runScheduledDigest;
/** Sidebar: the campaigns. */
global.campaignsLoad = campaignServer.campaignsLoad;
/** Sidebar: checks every field and saves a campaign (a new one gets its id). */
global.campaignSave = campaignServer.campaignSave;
/** Sidebar: turns a campaign on or off. */
global.campaignSetEnabled = campaignServer.campaignSetEnabled;
/** Sidebar: deletes a campaign (its id is never reused). */
global.campaignDelete = campaignServer.campaignDelete;

// ---- Custom functions.

/**
 * Customer lifecycle segment (New/Prospective/Regular x Active/Sleeping/Lapsed).
 * From order rows, or the whole orders table with its header row: a table per
 * customer. From per-customer figures (purchases, last purchase, as_of): one segment per row.
 * Example: =LIFECYCLE_SEGMENT(Orders!A1:G, H1) or =LIFECYCLE_SEGMENT(A2:A, B2:B, C2:C, H1)
 *
 * @param {A2:A} customers Customer of each order row, or the whole orders table with its header row (then as_of second), or purchases per customer.
 * @param {B2:B} dates Order date of each row (or last purchase per customer).
 * @param {C2:C} amounts Order amount of each row, optional (or the as-of date in the per-customer form).
 * @param {H1} as_of Date to measure recency from; rows on or after it are left out. Put =TODAY() in a cell and pass the cell.
 * @param {"2;4"} count_bands Fewest purchases of Prospective and of Regular, default 2;4.
 * @param {"60;180"} recency_bands Most days since last purchase for Active and for Sleeping, default 60;180.
 * @param {"en"} language Labels in en, ru or uk; default the spreadsheet's locale.
 * @return A table per customer with a header row, or one segment per row.
 * @customfunction
 */
global.LIFECYCLE_SEGMENT = lifecycleSegment;

/**
 * ABC (by revenue, or by profit) and XYZ (by regularity of purchases) class of each customer, AX .. CZ.
 * From order rows, or the whole orders table: a table per customer sorted by revenue (or profit).
 * From customers plus a table of revenue per period (one column per month): one class per row.
 * Example: =ABCXYZ(Orders!A1:G, H1) or =ABCXYZ(A2:A, B2:B, C2:C, H1)
 *
 * @param {A2:A} customers Customer of each order row, or the whole orders table with its header row (then as_of second), or each customer.
 * @param {B2:B} dates Order date of each row (or revenue per period, several columns).
 * @param {C2:C} amounts Order amount of each row; negative amounts are returns.
 * @param {H1} as_of End of the analysis window; rows on or after it are left out.
 * @param {"80%;95%"} abc_bounds Cumulative revenue shares closing A and B, default 80%;95%.
 * @param {0.5} xyz_bounds Coefficient of variation bound: X up to it, default 0.5 (two bounds with a revenue basis give X, Y, Z).
 * @param {"intervals"} xyz_basis intervals (regularity of the gaps between purchases, default) or revenue (per month); or week, quarter, year for revenue per that period.
 * @param {"revenue"} abc_basis What ABC ranks by: revenue (default) or profit (needs the whole orders table with a profit or margin column).
 * @param {"en"} language Labels in en, ru or uk; default the spreadsheet's locale.
 * @return A table per customer with a header row, or one class per row.
 * @customfunction
 */
global.ABCXYZ = abcXyzFunction;

/**
 * Lifetime value by the formula LTV = S x C x P x t. From order rows, or the whole
 * orders table: a table per customer with the base figure (from totals) in its first
 * row. From the parts S, C, P, t per row: LTV per row.
 * Example: =LTV(Orders!A1:G, H1) or =LTV(A2:A, B2:B, C2:C, H1, 25%)
 *
 * @param {A2:A} customers Customer of each order row, or the whole orders table with its header row (then as_of second), or S, the average check.
 * @param {B2:B} dates Order date of each row (or C, purchases per month).
 * @param {C2:C} amounts Order amount of each row (or P, profit as a share of the check).
 * @param {H1} as_of Rows on or after this date are left out (or t, lifetime in months).
 * @param {25%} margin Profit share of revenue for P, from 0 to 100% (25%, 0.25 or 25), optional; without it P comes from the table's profit column, else 1 (LTV in revenue).
 * @param {"en"} language Labels in en, ru or uk; default the spreadsheet's locale.
 * @return A table per customer with a header row, or one LTV per row.
 * @customfunction
 */
global.LTV = ltvFunction;

/**
 * Net Promoter Score: % promoters (9-10) minus % detractors (0-6), -100 to 100.
 * From a column of scores: the score. From respondents, dates, scores and an
 * as-of date: a table per period with a total row.
 * Example: =NPS(D2:D)
 *
 * @param {D2:D} scores Scores 0-10 (or respondents, in the per-period form).
 * @param {A2:A} dates Date of each answer, for the per-period form.
 * @param {D2:D} scores_by_date Scores 0-10, for the per-period form.
 * @param {H1} as_of Answers on or after this date are left out.
 * @param {"month"} period week, month, quarter or year; default month.
 * @param {"en"} language Labels in en, ru or uk; default the spreadsheet's locale.
 * @return The NPS, or a table per period.
 * @customfunction
 */
global.NPS = npsFunction;

/**
 * Churn: customers who bought in the look-back window before the period but not
 * in the period; lost customers (silent longer than 4/3 of their usual interval);
 * and the lost ratio of the year before as_of with the customers won back.
 * From order rows, or the whole orders table: a table per customer, or the summary
 * with output "summary" (per manager too, over a table with a manager column).
 * From customers at start and customers lost per row: the rate per row.
 * Example: =CHURN_RATE(Orders!A1:G, H1, 90, 180, "summary")
 *
 * @param {A2:A} customers Customer of each order row, or the whole orders table with its header row (then as_of second), or customers at start per row.
 * @param {B2:B} dates Order date of each row (or customers lost per row).
 * @param {C2:C} amounts Order amount of each row, optional.
 * @param {H1} as_of The period ends the day before this date.
 * @param {90} period_days Length of the period in days, default 90.
 * @param {180} lookback_days Length of the window before the period that makes the base, default 180.
 * @param {"customers"} output customers (a table per customer) or summary; default customers.
 * @param {365} lost_period_days Length of the lost ratio's period before as_of, default 365 (a yearly rate).
 * @param {"en"} language Labels in en, ru or uk; default the spreadsheet's locale.
 * @return A table with a header row, or one rate per row.
 * @customfunction
 */
global.CHURN_RATE = churnRate;

// Predictive customer value (BG/NBD + Gamma-Gamma) and suggested lifecycle bands.
// Imports are hoisted, so appending them here is the same as listing them on top.
import { pAliveFunction, expectedPurchasesFunction, clvFunction, clvModelFunction } from './functions/predictive';
import { suggestBandsFunction } from './functions/predictiveBands';

/**
 * Chance that each customer is still a customer (has not stopped buying), from
 * the BG/NBD model fitted on the orders. From order rows: a table per customer
 * with x, t_x, T in days and P(alive). From x, t_x, T per row and a fitted
 * model (r, alpha in days, a, b, e.g. the value column of CLV_MODEL): one value per row.
 * Example: =P_ALIVE(A2:A, B2:B, C2:C, H1)
 *
 * @param {A2:A} customers Customer of each order row, or the whole orders table with its header row (then as_of second), or x, repeat purchases per customer.
 * @param {B2:B} dates Order date of each row (or t_x, days from first to last purchase).
 * @param {C2:C} amounts Order amount of each row, optional (or T, days from first purchase to the period end).
 * @param {H1} as_of Rows on or after this date are left out (or the model: r, alpha in days, a, b).
 * @param {"en"} language Labels in en, ru or uk; default the spreadsheet's locale.
 * @return A table per customer with a header row, or P(alive) per row.
 * @customfunction
 */
global.P_ALIVE = pAliveFunction;

/**
 * Expected purchases of each customer in the next days (BG/NBD model fitted on
 * the orders). From order rows: a table per customer. From x, t_x, T per row
 * and a fitted model: one value per row (x = t_x = T = 0 gives a brand-new customer).
 * Example: =EXPECTED_PURCHASES(A2:A, B2:B, C2:C, H1, 90)
 *
 * @param {A2:A} customers Customer of each order row, or the whole orders table with its header row (then as_of second), or x, repeat purchases per customer.
 * @param {B2:B} dates Order date of each row (or t_x, days from first to last purchase).
 * @param {C2:C} amounts Order amount of each row, optional (or T, days from first purchase to the period end).
 * @param {H1} as_of Rows on or after this date are left out (or the model: r, alpha in days, a, b).
 * @param {90} days Horizon in days, default 90.
 * @param {"en"} language Labels in en, ru or uk; default the spreadsheet's locale.
 * @return A table per customer with a header row, or expected purchases per row.
 * @customfunction
 */
global.EXPECTED_PURCHASES = expectedPurchasesFunction;

/**
 * Predicted customer lifetime value: expected purchases (BG/NBD) times expected
 * amount per purchase (Gamma-Gamma), month by month over the next months,
 * discounted. From order rows: a table per customer. From x, t_x, T, the
 * average repeat purchase per row and the 7 model parameters: CLV per row.
 * Example: =CLV(A2:A, B2:B, C2:C, H1, 12, 1%)
 *
 * @param {A2:A} customers Customer of each order row, or the whole orders table with its header row (then as_of second), or x, repeat purchases per customer.
 * @param {B2:B} dates Order date of each row (or t_x, days from first to last purchase).
 * @param {C2:C} amounts Order amount of each row; negative amounts are returns (or T, days from first purchase to the period end).
 * @param {H1} as_of Rows on or after this date are left out (or the average repeat purchase per customer).
 * @param {12} months Horizon in whole months, default 12 (or the model: r, alpha in days, a, b, p, q, v).
 * @param {1%} monthly_discount_rate Discount per month, default 1% (or months, in the per-row form).
 * @param {"en"} language Labels in en, ru or uk; default the spreadsheet's locale (or the discount rate, in the per-row form).
 * @return A table per customer with a header row, or CLV per row.
 * @customfunction
 */
global.CLV = clvFunction;

/**
 * The fitted predictive model: BG/NBD parameters r, alpha (days), a, b and, with
 * amounts, Gamma-Gamma p, q, v, each with its standard error and meaning, then
 * alpha in weeks and figures for reading them. Pass its value column as the
 * model of P_ALIVE, EXPECTED_PURCHASES or CLV per row.
 * Example: =CLV_MODEL(A2:A, B2:B, C2:C, H1)
 *
 * @param {A2:A} customers Customer of each order row, or the whole orders table with its header row (then as_of second).
 * @param {B2:B} dates Order date of each row.
 * @param {C2:C} amounts Order amount of each row, optional; without it only the purchase model is fitted.
 * @param {H1} as_of Rows on or after this date are left out.
 * @param {"en"} language Labels in en, ru or uk; default the spreadsheet's locale.
 * @return A table of parameters with a header row.
 * @customfunction
 */
global.CLV_MODEL = clvModelFunction;

/**
 * Lifecycle bands suggested by the data: Active and Sleeping bounds from the
 * days between a customer's purchases (80% and 95% of repeat purchases came
 * within them), Regular from above the median purchase count of repeat buyers;
 * each with the default and the reason. Rows 2-3 are count_bands and rows 4-5
 * recency_bands of LIFECYCLE_SEGMENT.
 * Example: =SUGGEST_BANDS(A2:A, B2:B, C2:C, H1)
 *
 * @param {A2:A} customers Customer of each order row, or the whole orders table with its header row (then as_of second).
 * @param {B2:B} dates Order date of each row.
 * @param {C2:C} amounts Order amount of each row, optional; negative amounts are returns, not purchases.
 * @param {H1} as_of Rows on or after this date are left out.
 * @param {"en"} language Labels in en, ru or uk; default the spreadsheet's locale.
 * @return A table of four bounds with a header row.
 * @customfunction
 */
global.SUGGEST_BANDS = suggestBandsFunction;

// The repeat-purchase funnel (issue 13): the Repeat funnel sheet's cohort table as a formula.
import { repeatFunnelFunction } from './functions/repeatFunnelFunction';

/**
 * Repeat-purchase funnel: customers grouped by the month of their first purchase
 * (the last 24 months), and for each month the share whose second purchase came
 * within 1, 2 ... 12 months of their first (blank while too young to tell), and the
 * share who bought a second time so far. Two orders on one day are two purchases.
 * Example: =REPEAT_FUNNEL(Orders!A1:G, H1) or =REPEAT_FUNNEL(A2:A, B2:B, C2:C, H1)
 *
 * @param {A2:A} customers Customer of each order row, or the whole orders table with its header row (then as_of second).
 * @param {B2:B} dates Order date of each row.
 * @param {C2:C} amounts Order amount of each row, optional; negative amounts are returns, not purchases.
 * @param {H1} as_of Rows on or after this date are left out.
 * @param {"en"} language Labels in en, ru or uk; default the spreadsheet's locale.
 * @return A table of cohorts with a header row.
 * @customfunction
 */
global.REPEAT_FUNNEL = repeatFunnelFunction;
