// The warehouse reports' parameters at the add-on's defaults, as of a date: what a test
// that is about one report (and not its settings) builds the plan with.
import { DEFAULT_ABC_XYZ } from '../../src/core/abcXyz';
import { DEFAULT_CHURN, DEFAULT_LOST } from '../../src/core/churn';
import { DEFAULT_BANDS } from '../../src/core/lifecycle';
import { type WarehouseParams } from '../../src/sql/reports';

export function defaultWarehouseParams(asOf: number): WarehouseParams {
  return {
    asOf,
    bands: DEFAULT_BANDS,
    abcXyz: DEFAULT_ABC_XYZ,
    churn: DEFAULT_CHURN,
    lost: DEFAULT_LOST,
    lostPeriod: { from: asOf - 365, to: asOf },
  };
}
