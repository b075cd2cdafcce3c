import { InputError } from '../errors.js';
import type { SyncOptions } from './syncTypes.js';

/** Refuses unusable options before anything is read or written. */
export function validateSyncOptions(options: SyncOptions): void {
  const checks: [keyof SyncOptions, number | undefined, number, number, string][] = [
    // DynamoDB allows up to 1,000,000 scan segments.
    ['segments', options.segments, 1, 1_000_000, 'a whole number of scan segments from 1 to 1000000'],
    ['concurrency', options.concurrency, 1, 1024, 'a whole number of requests in flight from 1 to 1024'],
    ['pageSize', options.pageSize, 1, 1_000_000, 'a whole number of items per page'],
  ];
  for (const [field, value, min, max, what] of checks) {
    if (value !== undefined && (!Number.isInteger(value) || value < min || value > max)) {
      throw new InputError(field, value, `is not ${what}`, `Give ${what}.`);
    }
  }
  for (const field of ['maxWriteUnitsPerSecond', 'maxReadUnitsPerSecond'] as const) {
    const value = options[field];
    if (value !== undefined && !(Number.isFinite(value) && value > 0)) {
      throw new InputError(
        field,
        value,
        'is not a positive number of capacity units per second',
        'Give a number above 0, or leave it out to adapt to the table.',
      );
    }
  }
}
