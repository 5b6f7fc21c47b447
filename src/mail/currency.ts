/** The currency of the amounts lives in src/core/currency.ts, where the report sheets read it too. */
export { currencyOfFormat, currencyOfFormats, currencySymbol } from '../core/currency';
