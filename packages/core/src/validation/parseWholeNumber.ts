import { InputError } from '../errors.js';

/**
 * The whole number a flag's text spells (digits only: no sign, fraction, exponent or hex), when inside
 * `min`..`max`; else an {@link InputError} naming the flag, the text and the range.
 *
 * @example
 * parseWholeNumber('--segments', '8', { min: 1, max: 1000 }); // 8
 */
export function parseWholeNumber(
  field: string,
  text: string,
  range: { readonly min: number; readonly max: number },
): number {
  const value = /^\d{1,15}$/.test(text) ? Number(text) : Number.NaN;
  if (!(value >= range.min && value <= range.max)) {
    throw new InputError(
      field,
      text,
      `is not a whole number from ${range.min} to ${range.max}`,
      `Give e.g. ${field} ${Math.min(Math.max(range.min, 4), range.max)}.`,
    );
  }
  return value;
}
