/**
 * Revenue what-if (docs/definitions.md: repeat sales share, what-if): revenue and profit if the share of regular
 * customers rose to a target, and the profit of a new sale against a repeat one.
 * The what-if sheet computes the same with live formulas; this module gives its
 * starting inputs from the data and the reference results the formulas must match.
 */
import { fromCents, toCents } from './money';
import { type LifecycleBands, lifecycleMatrix, lifecycleSegments } from './lifecycle';
import { type CustomerSummary } from './summary';

export interface WhatIfInputs {
  customers: number;
  averageCheck: number;
  /** Average purchases of a New, Prospective and Regular customer. */
  purchasesNew: number;
  purchasesProspective: number;
  purchasesRegular: number;
  /** Current shares of customers (0..1). */
  shareNew: number;
  shareProspective: number;
  shareRegular: number;
  targetShareRegular: number;
  /** Profit before selling costs as a share of the sale. */
  margin: number;
  costPerLead: number;
  /** Share of leads that buy. */
  conversion: number;
  bonusNew: number;
  bonusRepeat: number;
  /** Cost of fixing mistakes in a sale to a new and to a known customer. */
  fixNew: number;
  fixRepeat: number;
  /** How many sales the "five new customers vs one customer five times" comparison counts. */
  sales: number;
}

export type WhatIfInput = keyof WhatIfInputs;

/** Order in which the sheet lists the inputs. */
export const WHAT_IF_INPUTS: readonly WhatIfInput[] = [
  'customers',
  'averageCheck',
  'purchasesNew',
  'purchasesProspective',
  'purchasesRegular',
  'shareNew',
  'shareProspective',
  'shareRegular',
  'targetShareRegular',
  'margin',
  'costPerLead',
  'conversion',
  'bonusNew',
  'bonusRepeat',
  'fixNew',
  'fixRepeat',
  'sales',
];

/**
 * The source articles' example figures, used where the data cannot tell: a 55,000 sale with
 * 15,000 margin before selling costs, 500 per lead at 10% conversion, bonuses
 * 5,000 / 3,000 and mistakes 3,000 / 1,000 (2,000 profit new, 11,000 repeat).
 */
export const EXAMPLE_INPUTS: WhatIfInputs = {
  customers: 1000,
  averageCheck: 55_000,
  purchasesNew: 1,
  purchasesProspective: 2.5,
  purchasesRegular: 5,
  shareNew: 0.7,
  shareProspective: 0.23,
  shareRegular: 0.07,
  targetShareRegular: 0.25,
  margin: 15_000 / 55_000,
  costPerLead: 500,
  conversion: 0.1,
  bonusNew: 5000,
  bonusRepeat: 3000,
  fixNew: 3000,
  fixRepeat: 1000,
  sales: 5,
};

/** Money examples that follow the average check. */
const SCALED_EXAMPLES = ['costPerLead', 'bonusNew', 'bonusRepeat', 'fixNew', 'fixRepeat'] as const;

/** Target share of regulars: 25% as in the source articles, or 5 points above a base that already has that. */
export function defaultTarget(current: number): number {
  if (current < 0.25) return 0.25;
  return Math.min(1, (Math.ceil(current * 20 - 1e-9) + 1) / 20);
}

/** Inputs taken from the data where it has them, the source articles' examples elsewhere; `fromData` names the former. */
export function whatIfInputsFrom(summary: CustomerSummary, bands: LifecycleBands): { inputs: WhatIfInputs; fromData: Set<WhatIfInput> } {
  const inputs: WhatIfInputs = { ...EXAMPLE_INPUTS };
  const fromData = new Set<WhatIfInput>();
  const set = <K extends WhatIfInput>(key: K, value: WhatIfInputs[K]): void => {
    inputs[key] = value;
    fromData.add(key);
  };
  if (summary.size === 0) return { inputs, fromData };

  let revenue = 0;
  let purchases = 0;
  let profit = 0;
  const bandPurchases = [0, 0, 0];
  const bandCustomers = [0, 0, 0];
  const segments = lifecycleSegments(summary, bands);
  for (let i = 0; i < summary.size; i++) {
    revenue += toCents(summary.revenue[i]);
    purchases += summary.purchases[i];
    if (summary.profit) profit += toCents(summary.profit[i]);
    const band = Math.floor(segments[i] / 3);
    bandPurchases[band] += summary.purchases[i];
    bandCustomers[band]++;
  }
  revenue = fromCents(revenue);
  profit = fromCents(profit);
  const matrix = lifecycleMatrix(summary, segments);
  set('customers', summary.size);
  if (revenue > 0) {
    set('averageCheck', revenue / purchases);
    // The source articles' selling costs are for a 55,000 sale: keep their proportions to the data's check.
    const scale = inputs.averageCheck / EXAMPLE_INPUTS.averageCheck;
    for (const key of SCALED_EXAMPLES) inputs[key] = roundMoney(EXAMPLE_INPUTS[key] * scale);
  }
  const perBand: WhatIfInput[] = ['purchasesNew', 'purchasesProspective', 'purchasesRegular'];
  const lowest = [1, bands.prospectiveFrom, bands.regularFrom];
  for (let b = 0; b < 3; b++) {
    if (bandCustomers[b] > 0) set(perBand[b], bandPurchases[b] / bandCustomers[b]);
    else inputs[perBand[b]] = lowest[b];
  }
  set('shareNew', matrix.countShares[0]);
  set('shareProspective', matrix.countShares[1]);
  set('shareRegular', matrix.countShares[2]);
  inputs.targetShareRegular = defaultTarget(matrix.countShares[2]);
  if (summary.profit && revenue > 0) set('margin', profit / revenue);
  return { inputs, fromData };
}

/** Rounds money to cents, as the sheet's ROUND(.., 2) does. */
export function roundMoney(x: number): number {
  return (Math.round((Math.abs(x) + Number.EPSILON) * 100) / 100) * Math.sign(x);
}

export interface WhatIfResults {
  /** Shares of New, Prospective and Regular at the target (others keep their proportion). */
  targetShares: [number, number, number];
  purchasesPerCustomer: [number, number];
  /** Now and at the target share. */
  revenue: [number, number];
  profit: [number, number];
  /** Per sale, [new, repeat]. */
  saleMargin: [number, number];
  acquisition: [number, number];
  bonus: [number, number];
  fix: [number, number];
  saleProfit: [number, number];
  /** `sales` new customers buying once, and one new customer buying `sales` times. */
  manyNewCustomers: number;
  oneCustomerManyTimes: number;
}

/** The what-if figures by plain arithmetic: what the sheet's formulas show for these inputs. */
export function whatIfResults(i: WhatIfInputs): WhatIfResults {
  const others = i.shareNew + i.shareProspective;
  const rest = 1 - i.targetShareRegular;
  const targetShares: [number, number, number] =
    others > 0
      ? [(i.shareNew * rest) / others, (i.shareProspective * rest) / others, i.targetShareRegular]
      : [rest, 0, i.targetShareRegular];
  const perCustomer = (s: readonly number[]): number => s[0] * i.purchasesNew + s[1] * i.purchasesProspective + s[2] * i.purchasesRegular;
  const purchasesPerCustomer: [number, number] = [perCustomer([i.shareNew, i.shareProspective, i.shareRegular]), perCustomer(targetShares)];
  const revenue: [number, number] = [
    i.customers * i.averageCheck * purchasesPerCustomer[0],
    i.customers * i.averageCheck * purchasesPerCustomer[1],
  ];
  const profit: [number, number] = [revenue[0] * i.margin, revenue[1] * i.margin];
  const m = roundMoney(i.averageCheck * i.margin);
  const saleMargin: [number, number] = [m, m];
  const acquisition: [number, number] = [roundMoney(i.costPerLead / i.conversion), 0];
  const bonus: [number, number] = [i.bonusNew, i.bonusRepeat];
  const fix: [number, number] = [i.fixNew, i.fixRepeat];
  const saleProfit: [number, number] = [0, 1].map((k) => saleMargin[k] - acquisition[k] - bonus[k] - fix[k]) as [number, number];
  return {
    targetShares,
    purchasesPerCustomer,
    revenue,
    profit,
    saleMargin,
    acquisition,
    bonus,
    fix,
    saleProfit,
    manyNewCustomers: i.sales * saleProfit[0],
    oneCustomerManyTimes: saleProfit[0] + (i.sales - 1) * saleProfit[1],
  };
}
