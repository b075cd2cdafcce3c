import { InputError } from '../errors.js';

/**
 * The syntax of one kind of name or id, as data: one engine ({@link assertName}) turns it into the same
 * error everywhere, naming the field, the value and the rule.
 */
export interface NameRule {
  /** What the value is: "table name" (errors say "is not a valid table name", "table names have ..."). */
  readonly noun: string;
  /** The characters and form allowed (the length is checked on its own, so that it is named as such). */
  readonly pattern: RegExp;
  readonly minLength: number;
  readonly maxLength: number;
  /** The rule in words, for the hint: "Use 3 to 255 letters, digits, _ . or -". */
  readonly syntax: string;
  /** A valid value, for the hint. */
  readonly example: string;
}

/**
 * Returns `value` when it is a string that follows `rule`; else throws an {@link InputError} naming `field`,
 * the value (shortened when long) and the rule. A NUL byte, a slash or `..` fails every rule whose pattern
 * does not allow them, so a checked value is safe as a file name component.
 *
 * @example
 * assertName(tableNameRule, '--table', 'Prod-Orders'); // 'Prod-Orders'
 * assertName(tableNameRule, '--table', '../../package'); // throws: --table "../../package" is not a valid table name. ...
 */
export function assertName(rule: NameRule, field: string, value: unknown): string {
  const hint = `${rule.syntax} (e.g. ${rule.example}).`;
  if (value === undefined || value === null) throw new InputError(field, null, 'is required', hint);
  if (value === '') throw new InputError(field, null, 'is empty', hint);
  if (typeof value !== 'string') throw new InputError(field, value, `is not a valid ${rule.noun}`, hint);
  const invalid = `is not a valid ${rule.noun}`;
  // The form first: a length is worth naming only for a value of the right form.
  if (!rule.pattern.test(value)) throw new InputError(field, value, invalid, hint);
  if (value.length < rule.minLength || value.length > rule.maxLength) {
    const limit = value.length < rule.minLength ? `at least ${rule.minLength}` : `at most ${rule.maxLength}`;
    throw new InputError(field, value, `${invalid}: ${rule.noun}s have ${limit} characters`, hint);
  }
  return value;
}

/**
 * Whether `value` follows `rule` (for values read back, which are dropped rather than refused when they do not).
 *
 * @example
 * followsRule(tableNameRule, 'Prod-Orders'); // true
 */
export function followsRule(rule: NameRule, value: unknown): value is string {
  return (
    typeof value === 'string' &&
    value.length >= rule.minLength &&
    value.length <= rule.maxLength &&
    rule.pattern.test(value)
  );
}
