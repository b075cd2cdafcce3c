import { workflowHandlers } from '../workflow/steps.js';
import { mergedStatements, stateMachinePermissions, type PermissionStatement } from '../workflow/permissions.js';
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

/** The ARNs one handler's AWS calls touch. */
export interface HandlerResources {
  readonly table: string;
  /** The temporary tables of the table's incidents (`TABLE-dr-INCIDENT`). */
  readonly restoredTables: string;
  readonly backups: string;
  readonly journal: string;
}

/** The journal: runs and locks (conditional puts, deletes), segment checkpoints (cleared with a Scan). */
export const JOURNAL = ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:DeleteItem', 'dynamodb:Scan'];

/**
 * What a PITR restore needs on the table it creates: the restore action itself and the read and write actions AWS
 * requires on a restore's target (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/backuprestore_IAM.html).
 */
export const RESTORE_TARGET_ACTIONS = [
  'dynamodb:RestoreTableToPointInTime',
  'dynamodb:PutItem',
  'dynamodb:UpdateItem',
  'dynamodb:DeleteItem',
  'dynamodb:GetItem',
  'dynamodb:Query',
  'dynamodb:Scan',
  'dynamodb:BatchWriteItem',
];

/**
 * The AWS calls of each restore handler beyond the journal, as IAM actions
 * (https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazondynamodb.html): keep it beside
 * the handlers' calls. A PITR restore needs read and write on the new table besides RestoreTableToPointInTime
 * on the source (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/backuprestore_IAM.html), and
 * the restore action is authorized on the new table too.
 */
export const HANDLER_PERMISSIONS: Readonly<Record<RestoreHandlerName, (r: HandlerResources) => PermissionStatement[]>> =
  {
    validateRestoreInput: (r) => [
      { actions: ['dynamodb:DescribeTable', 'dynamodb:DescribeContinuousBackups'], resources: [r.table] },
    ],
    beginRestoreRun: () => [],
    // ListBackups names no resource type: it is allowed on * only.
    startForensicBackup: (r) => [
      { actions: ['dynamodb:ListBackups'], resources: ['*'] },
      { actions: ['dynamodb:CreateBackup'], resources: [r.table] },
    ],
    awaitForensicBackup: (r) => [{ actions: ['dynamodb:DescribeBackup'], resources: [r.backups] }],
    startPointInTimeRestore: (r) => [
      { actions: ['dynamodb:RestoreTableToPointInTime'], resources: [r.table] },
      { actions: RESTORE_TARGET_ACTIONS, resources: [r.restoredTables] },
    ],
    awaitRestoredTable: (r) => [{ actions: ['dynamodb:DescribeTable'], resources: [r.restoredTables] }],
    prepareSync: (r) => [{ actions: ['dynamodb:DescribeBackup'], resources: [r.backups] }],
    syncTableSegment: (r) => [
      { actions: ['dynamodb:DescribeTable', 'dynamodb:Scan', 'dynamodb:BatchGetItem'], resources: [r.restoredTables] },
      {
        actions: ['dynamodb:DescribeTable', 'dynamodb:Scan', 'dynamodb:BatchGetItem', 'dynamodb:BatchWriteItem'],
        resources: [r.table],
      },
    ],
    startVerification: () => [],
    verifyTableSegment: (r) => [
      { actions: ['dynamodb:DescribeTable', 'dynamodb:Scan'], resources: [r.table, r.restoredTables] },
    ],
    verifyTableData: () => [],
    cleanUpRestoredTable: (r) => [{ actions: ['dynamodb:DeleteTable'], resources: [r.restoredTables] }],
    recordRestoreSuccess: () => [],
    recordRestoreFailure: () => [],
  };

/**
 * The IAM permissions a table's recovery needs on AWS, per role, derived from the same step lists that
 * generate the state machines: the worker's from the handlers the steps call, each state machine's from its
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
  const resources: HandlerResources = {
    table: tableArn(settings.tableName),
    restoredTables: tableArn(`${settings.tableName}-dr-*`),
    backups: `${tableArn(settings.tableName)}/backup/*`,
    journal: tableArn(names.journalTableName),
  };
  const restore = restoreWorkflow(settings);
  const sync = syncWorkflow(settings);
  const handlers = [...new Set([...workflowHandlers(restore), ...workflowHandlers(sync)])] as RestoreHandlerName[];
  const worker = mergedStatements([
    { actions: JOURNAL, resources: [resources.journal] },
    ...handlers.flatMap((handler) => HANDLER_PERMISSIONS[handler](resources)),
  ]);
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
