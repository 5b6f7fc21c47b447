import { type PeriodUnit, periodIndex, periodStart } from '../core/calendar';
import { isValidScore, nps } from '../core/nps';
import { isBlank, parseAmount, parseDay } from '../core/values';
import { t } from '../i18n/catalogue';
import {
  type CallContext,
  asOfArg,
  callContext,
  callError,
  choiceArg,
  columnValues,
  guarded,
  isOmitted,
  rowError,
  sameLengths,
  dateExpected,
} from './args';

const PERIODS: ReadonlyMap<string, PeriodUnit> = new Map<string, PeriodUnit>([
  ['week', 'week'],
  ['month', 'month'],
  ['quarter', 'quarter'],
  ['year', 'year'],
]);

function scoreOf(ctx: CallContext, v: unknown, row: number): number {
  const n = typeof v === 'number' ? v : parseAmount(v, ctx.rules);
  if (!isValidScore(n)) throw rowError(ctx, 'scores', row, v, 'err.expect.score');
  return n;
}

/**
 * NPS: scores -> the score; or respondents, dates, scores, as_of -> a table per period.
 */
export function npsFunction(
  respondentsOrScores: unknown,
  dates?: unknown,
  scores?: unknown,
  asOf?: unknown,
  period?: unknown,
  language?: unknown,
): unknown {
  return guarded('NPS', () => {
    const ctx = callContext('NPS', language);
    if (isOmitted(dates) && isOmitted(scores)) {
      const values = columnValues(ctx, 'scores', respondentsOrScores);
      const valid: number[] = [];
      values.forEach((v, i) => {
        if (!isBlank(v)) valid.push(scoreOf(ctx, v, i + 1));
      });
      if (valid.length === 0) throw callError(ctx, 'err.fn.npsNoScores');
      return nps(valid).nps;
    }
    const asOfDay = asOfArg(ctx, asOf);
    const unit = choiceArg(ctx, 'period', period, PERIODS, 'month');
    const who = columnValues(ctx, 'respondents', respondentsOrScores);
    const when = columnValues(ctx, 'dates', dates);
    const what = columnValues(ctx, 'scores', scores);
    const n = sameLengths(ctx, [
      ['dates', when],
      ['scores', what],
    ]);
    if (who.length > n)
      sameLengths(ctx, [
        ['respondents', who],
        ['dates', when],
      ]);
    const byPeriod = new Map<number, number[]>();
    const all: number[] = [];
    for (let i = 0; i < n; i++) {
      if (isBlank(what[i])) continue; // asked, not answered
      const d = parseDay(when[i], ctx.calendar, ctx.rules);
      if (Number.isNaN(d)) throw rowError(ctx, 'dates', i + 1, when[i], dateExpected(ctx, when[i]));
      const s = scoreOf(ctx, what[i], i + 1);
      if (d >= asOfDay) continue;
      const p = periodIndex(d, unit);
      if (!byPeriod.has(p)) byPeriod.set(p, []);
      byPeriod.get(p)!.push(s);
      all.push(s);
    }
    if (all.length === 0) throw callError(ctx, 'err.fn.npsNoScoresBeforeAsOf');
    const L = ctx.lang;
    const out: unknown[][] = [
      [t(L, 'col.period'), t(L, 'col.answers'), t(L, 'col.promoters'), t(L, 'col.passives'), t(L, 'col.detractors'), t(L, 'col.nps')],
    ];
    for (const p of [...byPeriod.keys()].sort((a, b) => a - b)) {
      const r = nps(byPeriod.get(p)!);
      out.push([ctx.calendar.dateOf(periodStart(p, unit)), r.answers, r.promoters, r.passives, r.detractors, r.nps]);
    }
    const total = nps(all);
    out.push(['*', total.answers, total.promoters, total.passives, total.detractors, total.nps]);
    return out;
  });
}
