import { InputError } from '../errors.js';

/**
 * Returns `value` when it was given (a non-empty string); else an {@link InputError}: "`field` is required.
 * `hint`".
 *
 * @example
 * const incidentId = assertGiven('--incident', opts.incident, 'Give the incident id, e.g. --incident incident-2025-001.');
 */
export function assertGiven(field: string, value: string | undefined, hint: string): string {
  if (value === undefined || value === '') throw new InputError(field, value || null, 'is required', hint);
  return value;
}
