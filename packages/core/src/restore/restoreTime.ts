import { InputError } from '../errors.js';

/** ISO 8601 date-time with a mandatory offset or `Z`: a time without one is ambiguous. */
const ISO_WITH_OFFSET =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-](\d{2}):?(\d{2}))$/;

/**
 * Parses the time to restore to. Rejects dates that do not exist (e.g.
 * February 30) instead of letting `Date` roll them over.
 *
 * @example
 * parseRestoreTime('2025-01-15T09:00:00+01:00').toISOString(); // '2025-01-15T08:00:00.000Z'
 */
export function parseRestoreTime(value: string, field = 'pitrBackupTime'): Date {
  const match = ISO_WITH_OFFSET.exec(value);
  const problem = 'is not an ISO 8601 date-time with an offset';
  const hint = 'Write it like 2025-01-15T09:00:00Z or 2025-01-15T10:00:00+01:00.';
  if (!match) throw new InputError(field, value, problem, hint);
  const [, y, mo, d, h, mi, s = '0', fraction = '', zone, oh = '0', om = '0'] = match;
  const fields = [Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s)] as const;
  const local = new Date(Date.UTC(...fields));
  const valid =
    local.getUTCFullYear() === fields[0] &&
    local.getUTCMonth() === fields[1] &&
    local.getUTCDate() === fields[2] &&
    local.getUTCHours() === fields[3] &&
    local.getUTCMinutes() === fields[4] &&
    local.getUTCSeconds() === fields[5] &&
    Number(oh) <= 23 &&
    Number(om) <= 59;
  if (!valid) throw new InputError(field, value, `${problem} (no such date or time)`, hint);
  const offsetMinutes = zone === 'Z' ? 0 : (zone!.startsWith('-') ? -1 : 1) * (Number(oh) * 60 + Number(om));
  const millis = Number(fraction.padEnd(3, '0').slice(0, 3));
  return new Date(local.getTime() + millis - offsetMinutes * 60_000);
}
