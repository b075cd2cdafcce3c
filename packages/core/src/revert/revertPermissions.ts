import {
  HANDLER_PERMISSIONS,
  JOURNAL,
  type HandlerResources,
  type RecoveryResourceNames,
} from '../restore/recoveryPermissions.js';
import type { TableRestoreSettings } from '../restore/restorePlan.js';
import { mergedStatements, stateMachinePermissions, type PermissionStatement } from '../workflow/permissions.js';
import { revertStateMachineName } from '../workflow/stateMachineNames.js';
import { workflowHandlers } from '../workflow/steps.js';
import type { RevertHandlerName } from './revertHandlers.js';
import type { RevertSettings } from './revertPlan.js';
import { revertWorkflow } from './revertWorkflow.js';

/** The ARNs a revert handler's calls touch besides a restore's. */
interface RevertResources extends HandlerResources {
  /** The table's exports (`table/{table}/export/*`: DescribeExport). */
  readonly exports: string;
  /** The exports' bucket (HeadBucket is `s3:ListBucket` on it). */
  readonly exportBucket: string;
  /** The objects under the exports' prefix: DynamoDB writes them with the caller's permissions. */
  readonly exportObjects: string;
}

/**
 * The AWS calls of each revert handler beyond the journal, as IAM actions. An export writes its objects with
 * the caller's permissions: `s3:AbortMultipartUpload`, `s3:PutObject` and `s3:PutObjectAcl` on them besides
 * `dynamodb:ExportTableToPointInTime` on the table
 * (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/S3DataExport_Requesting.html); DescribeExport
 * is allowed on the export's ARN; the writes and reads back are the sync engine's batch calls.
 */
const REVERT_HANDLER_PERMISSIONS: Readonly<Record<RevertHandlerName, (r: RevertResources) => PermissionStatement[]>> = {
  validateRevertInput: (r) => [
    ...HANDLER_PERMISSIONS.validateRestoreInput(r),
    { actions: ['s3:ListBucket'], resources: [r.exportBucket] },
  ],
  beginRestoreRun: HANDLER_PERMISSIONS.beginRestoreRun,
  startForensicBackup: HANDLER_PERMISSIONS.startForensicBackup,
  awaitForensicBackup: HANDLER_PERMISSIONS.awaitForensicBackup,
  startRevertExports: (r) => [
    { actions: ['dynamodb:ExportTableToPointInTime'], resources: [r.table] },
    { actions: ['s3:AbortMultipartUpload', 's3:PutObject', 's3:PutObjectAcl'], resources: [r.exportObjects] },
  ],
  awaitRevertExports: (r) => [{ actions: ['dynamodb:DescribeExport'], resources: [r.exports] }],
  prepareRevert: HANDLER_PERMISSIONS.prepareSync,
  revertChangedSegment: (r) => [
    { actions: ['s3:GetObject'], resources: [r.exportObjects] },
    { actions: ['dynamodb:DescribeTable', 'dynamodb:BatchWriteItem'], resources: [r.table] },
  ],
  verifyRevertedSegment: (r) => [
    { actions: ['s3:GetObject'], resources: [r.exportObjects] },
    { actions: ['dynamodb:DescribeTable', 'dynamodb:BatchGetItem'], resources: [r.table] },
  ],
  // The journal only: it adds up what the segments recorded.
  recordRevertVerification: () => [],
  // `--verify full`: the restore at the time into the temporary table, both tables read, the temporary one deleted.
  startFullVerification: HANDLER_PERMISSIONS.startPointInTimeRestore,
  awaitFullVerificationTable: HANDLER_PERMISSIONS.awaitRestoredTable,
  verifyAgainstRestore: (r) => [
    {
      actions: ['dynamodb:DescribeTable', 'dynamodb:Scan', 'dynamodb:BatchGetItem'],
      resources: [r.table, r.restoredTables],
    },
    { actions: ['dynamodb:DeleteTable'], resources: [r.restoredTables] },
  ],
  recordRestoreSuccess: HANDLER_PERMISSIONS.recordRestoreSuccess,
  recordRestoreFailure: HANDLER_PERMISSIONS.recordRestoreFailure,
};

/** The IAM permissions of a table's revert, per role. */
export interface RevertPermissions {
  /** The worker's: every revert handler runs as it. */
  readonly worker: readonly PermissionStatement[];
  /** The role of `DRRevertDynamoDbTable{Table}StateMachine`. */
  readonly revertStateMachine: readonly PermissionStatement[];
}

/**
 * The IAM permissions a table's revert needs on AWS, derived from the step list that generates its state
 * machine: the worker's from the handlers its steps call, on the table, its backups and exports, the journal,
 * and the exports' bucket and prefix only; the state machine's from its kinds of step.
 *
 * @example
 * const { worker } = revertPermissions(settings, { exportBucket: 'dr-exports' }, names);
 * // [..., { actions: ['dynamodb:ExportTableToPointInTime', ...], resources: ['arn:aws:dynamodb:…:table/Orders'] }]
 */
export function revertPermissions(
  settings: TableRestoreSettings,
  revert: RevertSettings,
  names: RecoveryResourceNames,
): RevertPermissions {
  const partition = names.partition ?? 'aws';
  const tableArn = (name: string) => `arn:${partition}:dynamodb:${names.region}:${names.account}:table/${name}`;
  const bucketArn = `arn:${partition}:s3:::${revert.exportBucket}`;
  const prefix = revert.exportPrefix ? `${revert.exportPrefix.replace(/\/$/, '')}/` : '';
  const resources: RevertResources = {
    table: tableArn(settings.tableName),
    restoredTables: tableArn(`${settings.tableName}-dr-*`),
    backups: `${tableArn(settings.tableName)}/backup/*`,
    journal: tableArn(names.journalTableName),
    exports: `${tableArn(settings.tableName)}/export/*`,
    exportBucket: bucketArn,
    exportObjects: `${bucketArn}/${prefix}*`,
  };
  const workflow = revertWorkflow(settings, revert);
  const handlers = workflowHandlers(workflow) as RevertHandlerName[];
  return {
    worker: mergedStatements([
      { actions: JOURNAL, resources: [resources.journal] },
      ...handlers.flatMap((handler) => REVERT_HANDLER_PERMISSIONS[handler](resources)),
    ]),
    revertStateMachine: stateMachinePermissions(workflow, {
      partition,
      region: names.region,
      account: names.account,
      handlerFunctionArn: names.handlerFunctionArn,
      stateMachineName: revertStateMachineName(settings.logicalName),
      childStateMachineNames: {},
    }),
  };
}
