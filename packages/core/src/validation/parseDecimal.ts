import { InputError } from '../errors.js';

/**
 * The decimal number a flag's text spells (digits with an optional sign and fraction: no exponent, hex or
 * spaces), when inside `min`..`max`; else an {@link InputError} naming the flag, the text and the range.
 *
 * @example
 * parseDecimal('--budget', '12.50', { min: 0, max: 1e9 }); // 12.5
 */
export function parseDecimal(
  field: string,
  text: string,
  range: { readonly min: number; readonly max: number; readonly example: string },
): number {
  const value = /^-?\d{1,12}(\.\d{1,6})?$/.test(text) ? Number(text) : Number.NaN;
  if (!(value >= range.min && value <= range.max)) {
    throw new InputError(
      field,
      text,
      `is not a number from ${range.min} to ${range.max}`,
      `Give e.g. ${field} ${range.example}.`,
    );
  }
  return value;
}
