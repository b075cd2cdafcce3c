import { randomBytes, randomUUID } from 'node:crypto';

/** AWS's export and import ids: the start time in ms on 14 digits, then 8 random hex digits. */
export function transferId(nowMs: number): string {
  return `${String(nowMs).padStart(14, '0')}-${randomBytes(4).toString('hex')}`;
}

/** The token the SDKs generate when a caller gives none (ClientToken is an idempotency token). */
export const defaultClientToken = (): string => randomUUID();
