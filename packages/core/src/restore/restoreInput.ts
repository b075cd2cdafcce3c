/**
 * The input of one recovery, exactly as the restore state machine takes it: the recovery workflow's input
 * contract.
 *
 * @example
 * const input: RestoreInput = {
 *   incidentId: 'incident-2025-001',
 *   pitrBackupTime: '2025-01-15T09:00:00+00:00',
 *   tableNameRecoveryConfirmation: 'Prod-ProviderTable-ABC',
 * };
 */
export interface RestoreInput {
  readonly incidentId: string;
  /** ISO 8601 with an offset or `Z`. */
  readonly pitrBackupTime: string;
  /** The destination table's exact physical name, typed by the operator. */
  readonly tableNameRecoveryConfirmation: string;
}

/** JSON Schema of {@link RestoreInput}: exactly its three fields, each a non-empty string. */
export const restoreInputSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['incidentId', 'pitrBackupTime', 'tableNameRecoveryConfirmation'],
  properties: {
    incidentId: { type: 'string', minLength: 1 },
    pitrBackupTime: { type: 'string', minLength: 1 },
    tableNameRecoveryConfirmation: { type: 'string', minLength: 1 },
  },
} as const;

/** How the destination is brought to the restored data. */
export type SyncMode = 'delta' | 'reset';
