import { restoreInputSchema, type RestoreInput } from '../restore/restoreInput.js';
import type { ConflictPolicy, RevertVerification } from './revertPlan.js';

/**
 * The input of one revert, as the revert state machine takes it: the recovery workflow's input contract, and
 * optionally the end of the bad window and what to do with a key written again after it.
 *
 * @example
 * const input: RevertInput = {
 *   incidentId: 'incident-2025-001',
 *   pitrBackupTime: '2025-01-15T09:00:00Z',
 *   tableNameRecoveryConfirmation: 'Prod-Orders',
 *   untilTime: '2025-01-15T10:00:00Z',
 * };
 */
export interface RevertInput extends RestoreInput {
  /** ISO 8601: undo only the writes before it. @default the latest restorable time */
  readonly untilTime?: string;
  /** @default 'skip' */
  readonly onConflict?: ConflictPolicy;
  /** @default 'keys' */
  readonly verify?: RevertVerification;
}

/** JSON Schema of {@link RevertInput}: the restore's three fields, `untilTime`, `onConflict` and `verify`, nothing else. */
export const revertInputSchema = {
  type: 'object',
  additionalProperties: false,
  required: restoreInputSchema.required,
  properties: {
    ...restoreInputSchema.properties,
    untilTime: { type: 'string', minLength: 1 },
    onConflict: { type: 'string', enum: ['skip', 'overwrite'] },
    verify: { type: 'string', enum: ['keys', 'full'] },
  },
} as const;
