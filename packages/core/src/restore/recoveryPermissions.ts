import { workflowHandlers } from '../workflow/steps.js';
import { stateMachinePermissions, type PermissionStatement } from '../workflow/permissions.js';
import { restoreStateMachineName, syncStateMachineName } from '../workflow/stateMachineNames.js';
import type { RestoreHandlerName } from './restoreHandlers.js';
import type { TableRestoreSettings } from './restorePlan.js';
import { restoreWorkflow, syncWorkflow } from './restoreWorkflow.js';

/** Where a table's recovery runs on AWS: the names its permissions are built from (CDK tokens allowed). */
export interface RecoveryResourceNames {
  /** @default 'aws' */
  readonly partition?: string;
  readonly region: string;
  readonly account: string;
  /** The DynamoDB table of runs, locks and segment checkpoints (`DYNAMO_DR_JOURNAL_TABLE`). */
  readonly journalTableName: string;
  /** The Lambda function running the handlers (`@dynamo-dr/core/lambda`). */
  readonly handlerFunctionArn: string;
}

/** The IAM permissions of a table's recovery, per role. */
export interface RecoveryPermissions {
  /** The Lambda function's role: every handler step runs as it. */
  readonly worker: readonly PermissionStatement[];
  /** The role of `DRRestoreDynamoDbTable{Table}StateMachine`. */
  readonly restoreStateMachine: readonly PermissionStatement[];
  /** The role of `{Table}DRSyncTableDataStateMachine`. */
  readonly syncStateMachine: readonly PermissionStatement[];
}

/**
 * Which resources of a table's recovery a worker permission is about:
 * - `table`: the table rolled back in place;
 * - `restoredTables`: the temporary tables its PITR restores create (`{table}-dr-{incident}`);
 * - `backups`: the table's on-demand backups (`table/{table}/backup/*`), where the forensic backup is;
 * - `journal`: the run-journal table (runs, recovery locks, segment checkpoints);
 * - `account`: actions without resource-level permissions (IAM accepts only `*`).
 */
export type RecoveryResource = 'table' | 'restoredTables' | 'backups' | 'journal' | 'account';

/** IAM actions on one kind of resource of a table's recovery. */
export interface WorkerPermission {
  readonly actions: readonly string[];
  readonly on: RecoveryResource;
}

/**
 * What each restore handler calls, as IAM actions
 * (https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazondynamodb.html): the one
 * declaration of the worker's permissions, beside the handlers. A handler added to `restoreHandlers` without an
 * entry here fails the typecheck; once a step of a workflow calls it, its actions reach the worker's role (see
 * {@link workerPermissions}) in core, in the CDK construct and in the access check alike.
 */
const HANDLER_PERMISSIONS = {
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
} as const satisfies Record<RestoreHandlerName, readonly WorkerPermission[]>;

/**
 * The worker's permissions for a table's recovery, derived from the steps of the workflows its state machines
 * run (`restoreWorkflow`, and its child `syncWorkflow`): the union of the permissions each called handler
 * declares, one entry per kind of resource (in the order first needed), actions sorted and unique. A step added
 * to a workflow brings its handler's actions here with no other edit; the CDK construct maps the kinds to its
 * ARNs, {@link recoveryPermissions} to plain ones.
 *
 * @example
 * workerPermissions(settings).find((p) => p.on === 'backups'); // { on: 'backups', actions: ['dynamodb:DescribeBackup'] }
 */
export function workerPermissions(settings: TableRestoreSettings): WorkerPermission[] {
  const handlers = new Set([
    ...workflowHandlers(restoreWorkflow(settings)),
    ...workflowHandlers(syncWorkflow(settings)),
  ]) as Set<RestoreHandlerName>;
  const byResource = new Map<RecoveryResource, Set<string>>();
  for (const handler of handlers) {
    for (const { actions, on } of HANDLER_PERMISSIONS[handler]) {
      byResource.set(on, new Set([...(byResource.get(on) ?? []), ...actions]));
    }
  }
  return [...byResource].map(([on, actions]) => ({ on, actions: [...actions].sort() }));
}

/**
 * The IAM permissions a table's recovery needs on AWS, per role, derived from the same step lists that
 * generate the state machines: the worker's from the handlers the steps call ({@link workerPermissions}), each state machine's from its
 * own kinds of step. The CDK construct grants these; an access check (`drill --plan`) tests them.
 *
 * @example
 * const { worker, restoreStateMachine, syncStateMachine } = recoveryPermissions(settings, {
 *   region: 'eu-west-1', account: '111122223333', journalTableName: 'dynamo-dr-journal', handlerFunctionArn,
 * });
 * for (const s of worker) fn.addToRolePolicy(new PolicyStatement({ actions: [...s.actions], resources: [...s.resources] }));
 */
export function recoveryPermissions(settings: TableRestoreSettings, names: RecoveryResourceNames): RecoveryPermissions {
  const partition = names.partition ?? 'aws';
  const tableArn = (name: string) => `arn:${partition}:dynamodb:${names.region}:${names.account}:table/${name}`;
  const arnOf: Record<RecoveryResource, string> = {
    table: tableArn(settings.tableName),
    restoredTables: tableArn(`${settings.tableName}-dr-*`),
    backups: `${tableArn(settings.tableName)}/backup/*`,
    journal: tableArn(names.journalTableName),
    account: '*',
  };
  const restore = restoreWorkflow(settings);
  const sync = syncWorkflow(settings);
  const worker = workerPermissions(settings).map(({ actions, on }) => ({ actions, resources: [arnOf[on]] }));
  const arns = {
    partition,
    region: names.region,
    account: names.account,
    handlerFunctionArn: names.handlerFunctionArn,
  };
  const syncName = syncStateMachineName(settings.logicalName);
  return {
    worker,
    restoreStateMachine: stateMachinePermissions(restore, {
      ...arns,
      stateMachineName: restoreStateMachineName(settings.logicalName),
      childStateMachineNames: { syncStateMachineArn: syncName },
    }),
    syncStateMachine: stateMachinePermissions(sync, {
      ...arns,
      stateMachineName: syncName,
      childStateMachineNames: {},
    }),
  };
}
