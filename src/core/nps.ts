/**
 * Net Promoter Score (docs/definitions.md: NPS).
 */
import { UserError } from './errors';

export interface NpsResult {
  answers: number;
  promoters: number;
  passives: number;
  detractors: number;
  /** % promoters - % detractors, -100..100. */
  nps: number;
}

/** 0 detractor (0-6), 1 passive (7-8), 2 promoter (9-10). */
export function npsGroup(score: number): number {
  return score >= 9 ? 2 : score >= 7 ? 1 : 0;
}

export function isValidScore(score: number): boolean {
  return Number.isInteger(score) && score >= 0 && score <= 10;
}

/** NPS of valid scores (whole numbers 0..10); empty input is an error, not 0. */
export function nps(scores: ArrayLike<number>): NpsResult {
  const counts = [0, 0, 0];
  for (let i = 0; i < scores.length; i++) {
    if (!isValidScore(scores[i])) throw UserError.of('err.core.npsScore', { value: scores[i] });
    counts[npsGroup(scores[i])]++;
  }
  const answers = scores.length;
  if (answers === 0) throw UserError.of('err.core.npsEmpty');
  return {
    answers,
    detractors: counts[0],
    passives: counts[1],
    promoters: counts[2],
    nps: (100 * (counts[2] - counts[0])) / answers,
  };
}

/** The NPS benchmark (docs/definitions.md): 45 or more is good. */
export const GOOD_NPS = 45;
