import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.js';
import { parseRestoreTime } from '../../src/restore/restoreTime.js';

describe('the time to restore to', () => {
  it.each([
    ['2025-01-15T09:00:00Z', '2025-01-15T09:00:00.000Z'],
    ['2025-01-15T09:00:00+00:00', '2025-01-15T09:00:00.000Z'],
    ['2025-01-15T10:30:00+01:30', '2025-01-15T09:00:00.000Z'],
    ['2025-01-15T04:00:00-0500', '2025-01-15T09:00:00.000Z'],
    ['2025-01-15T09:00Z', '2025-01-15T09:00:00.000Z'],
    ['2025-01-15T09:00:00.123456Z', '2025-01-15T09:00:00.123Z'],
    ['2025-01-01T00:30:00+01:00', '2024-12-31T23:30:00.000Z'],
  ])('reads %s as %s UTC', (text, utc) => {
    expect(parseRestoreTime(text).toISOString()).toBe(utc);
  });

  it.each([
    ['no offset', '2025-01-15T09:00:00'],
    ['a date only', '2025-01-15'],
    ['a date that does not exist', '2025-02-30T09:00:00Z'],
    ['hour 24', '2025-01-15T24:00:00Z'],
    ['words', 'yesterday'],
  ])('refuses %s, with an example of the format', (_, text) => {
    expect(() => parseRestoreTime(text, '--to')).toThrow(InputError);
    expect(() => parseRestoreTime(text, '--to')).toThrow(
      /^--to ".*" is not an ISO 8601 date-time with an offset.*2025-01-15T09:00:00Z/,
    );
  });
});
