import type { RestoreHandlerName } from '@dynamo-dr/core';
import { permissionUnion } from './permissionUnion.js';

/**
 * Which resources of a table's recovery an IAM statement is about:
 * - `table`: the table rolled back in place;
 * - `restoredTables`: the temporary tables its PITR restores create (`{table}-dr-{incident}`);
 * - `backups`: the table's on-demand backups (`table/{table}/backup/*`), where the forensic backup is;
 * - `journal`: the run-journal table (runs and recovery locks);
 * - `account`: actions without resource-level permissions (IAM accepts only `*`).
 */
export type RecoveryResource = 'table' | 'restoredTables' | 'backups' | 'journal' | 'account';

/** IAM actions on one kind of resource. */
export interface RecoveryPermission {
  readonly actions: readonly string[];
  readonly on: RecoveryResource;
}

/**
 * What the workflow handlers (`@dynamo-dr/core`, `createWorkflowHandlers`) call, by handler, as IAM actions
 * (https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazondynamodb.html). The worker
 * role of a table gets their union and nothing else; a handler added to core without an entry here fails the
 * typecheck.
 */
export const HANDLER_PERMISSIONS = {
  // planTableRestore reads the table and its restorable window; assertIncidentMatches reads the run.
  validateRestoreInput: [
    { actions: ['dynamodb:DescribeTable', 'dynamodb:DescribeContinuousBackups'], on: 'table' },
    { actions: ['dynamodb:GetItem'], on: 'journal' },
  ],
  // The recovery lock is a conditional put; the run record a versioned put.
  beginRestoreRun: [{ actions: ['dynamodb:GetItem', 'dynamodb:PutItem'], on: 'journal' }],
  // A re-run finds its backup by name (ListBackups has no resource-level permission) before creating one.
  startForensicBackup: [
    { actions: ['dynamodb:ListBackups'], on: 'account' },
    { actions: ['dynamodb:CreateBackup'], on: 'table' },
    { actions: ['dynamodb:GetItem', 'dynamodb:PutItem'], on: 'journal' },
  ],
  awaitForensicBackup: [
    { actions: ['dynamodb:DescribeBackup'], on: 'backups' },
    { actions: ['dynamodb:GetItem', 'dynamodb:PutItem'], on: 'journal' },
  ],
  // AWS requires the restore action on the source and on the target, and read and write actions on the
  // target (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/backuprestore_IAM.html). The
  // source's description gives the key the restored table is encrypted with.
  startPointInTimeRestore: [
    { actions: ['dynamodb:RestoreTableToPointInTime', 'dynamodb:DescribeTable'], on: 'table' },
    {
      actions: [
        'dynamodb:RestoreTableToPointInTime',
        'dynamodb:BatchWriteItem',
        'dynamodb:DeleteItem',
        'dynamodb:GetItem',
        'dynamodb:PutItem',
        'dynamodb:Query',
        'dynamodb:Scan',
        'dynamodb:UpdateItem',
      ],
      on: 'restoredTables',
    },
    { actions: ['dynamodb:GetItem', 'dynamodb:PutItem'], on: 'journal' },
  ],
  awaitRestoredTable: [
    { actions: ['dynamodb:DescribeTable'], on: 'restoredTables' },
    { actions: ['dynamodb:GetItem', 'dynamodb:PutItem'], on: 'journal' },
  ],
  // The gate: the forensic backup must be AVAILABLE before anything is deleted.
  prepareSync: [
    { actions: ['dynamodb:DescribeBackup'], on: 'backups' },
    { actions: ['dynamodb:GetItem', 'dynamodb:PutItem'], on: 'journal' },
  ],
  // The sync engine reads both tables (parallel scans, batch reads for the delta) and writes the live one only.
  syncTableSegment: [
    { actions: ['dynamodb:DescribeTable', 'dynamodb:Scan', 'dynamodb:BatchGetItem'], on: 'restoredTables' },
    {
      actions: ['dynamodb:DescribeTable', 'dynamodb:Scan', 'dynamodb:BatchGetItem', 'dynamodb:BatchWriteItem'],
      on: 'table',
    },
    { actions: ['dynamodb:GetItem', 'dynamodb:PutItem'], on: 'journal' },
  ],
  startVerification: [{ actions: ['dynamodb:GetItem', 'dynamodb:PutItem'], on: 'journal' }],
  verifyTableSegment: [
    { actions: ['dynamodb:DescribeTable', 'dynamodb:Scan'], on: 'restoredTables' },
    { actions: ['dynamodb:DescribeTable', 'dynamodb:Scan'], on: 'table' },
    { actions: ['dynamodb:GetItem', 'dynamodb:PutItem'], on: 'journal' },
  ],
  // A verified table's segment checkpoints are cleared: found with a Scan of the journal, then deleted.
  verifyTableData: [
    { actions: ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:Scan', 'dynamodb:DeleteItem'], on: 'journal' },
  ],
  cleanUpRestoredTable: [
    { actions: ['dynamodb:DeleteTable'], on: 'restoredTables' },
    { actions: ['dynamodb:GetItem', 'dynamodb:PutItem'], on: 'journal' },
  ],
  // Ending a run releases the lock (a conditional delete).
  recordRestoreSuccess: [{ actions: ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:DeleteItem'], on: 'journal' }],
  recordRestoreFailure: [{ actions: ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:DeleteItem'], on: 'journal' }],
} as const satisfies Record<RestoreHandlerName, readonly RecoveryPermission[]>;

/**
 * The union of the handlers' permissions, one entry per kind of resource, actions sorted and unique.
 *
 * @example
 * recoveryPermissions().find((p) => p.on === 'backups'); // { on: 'backups', actions: ['dynamodb:DescribeBackup'] }
 */
export function recoveryPermissions(): RecoveryPermission[] {
  return permissionUnion(HANDLER_PERMISSIONS);
}
