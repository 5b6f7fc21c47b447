/**
 * The custom functions the add-on defines, in the order src/main.js defines them:
 * the one list Help names them from. test/cli.test.ts checks it against the
 * `global.NAME = ...` lines of src/main.js, so a new function cannot be left out.
 */
export const CUSTOM_FUNCTIONS = [
  'LIFECYCLE_SEGMENT',
  'ABCXYZ',
  'LTV',
  'NPS',
  'CHURN_RATE',
  'P_ALIVE',
  'EXPECTED_PURCHASES',
  'CLV',
  'CLV_MODEL',
  'SUGGEST_BANDS',
  'REPEAT_FUNNEL',
] as const;
