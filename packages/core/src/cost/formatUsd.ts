/**
 * Dollars for people: cents from a cent up, three significant digits below (a small table's backups cost
 * fractions of a cent a month), `$0.00` for nothing.
 *
 * @example
 * formatUsd(12.345); // '$12.35'
 * formatUsd(0.00000132); // '$0.00000132'
 */
export function formatUsd(value: number): string {
  if (value === 0 || Math.abs(value) >= 0.01) return `$${value.toFixed(2)}`;
  return `$${value.toPrecision(3)}`;
}
