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

/** How the destination is brought to the restored data. */
export type SyncMode = 'delta' | 'reset';
