/**
 * The one error type the add-on shows to users. Its message is complete
 * (function, argument, row and value) and never carries a stack into a cell.
 */
export class UserError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UserError';
  }
}

/** Shows a cell value in an error message the way the user typed it. */
export function quote(value: unknown): string {
  if (value === '' || value === null || value === undefined) return 'empty';
  if (isDateLike(value)) return Number.isNaN(value.getTime()) ? '"Invalid Date"' : `"${value.toISOString().slice(0, 10)}"`;
  const text = String(value);
  return `"${text.length > 40 ? text.slice(0, 37) + '...' : text}"`;
}

/** Dates from another JavaScript realm (Sheets, vm contexts) fail `instanceof Date`. */
export function isDateLike(value: unknown): value is Date {
  return Object.prototype.toString.call(value) === '[object Date]';
}
