/*
 * The public API of @dynamo-dr/core: every runtime name below is documented with an example, and a test
 * keeps it so (test/architecture/publicApi.test.ts). Types are public where their module's are. Internals
 * (the engine's parts, the workflow handlers, the journal's helpers) are reached by relative import only.
 * The Lambda handler is the separate entry `@dynamo-dr/core/lambda`.
 */

// Errors: one hierarchy.
export {
  AwsEnvironmentError,
  AwsValidationError,
  DeadlineExceededError,
  DrError,
  InputError,
  isAwsServiceError,
  NotReadyError,
  UnwritableItemsError,
  VerificationError,
} from './errors.js';

// Names, ids and numbers checked before use.
export type * from './validation/index.js';
export {
  assertGiven,
  assertName,
  assertPathSyntax,
  assertWritableFile,
  backupArnRule,
  environmentNameRule,
  followsRule,
  incidentIdRule,
  parameterNameRule,
  MAX_SEGMENTS,
  parseDecimal,
  parseSegmentCount,
  parseWholeNumber,
  regionRule,
  runIdRule,
  tableNameRule,
} from './validation/index.js';

// Configuration file.
export type * from './config/index.js';
export { findTable, loadConfig, parseConfig } from './config/index.js';

// AWS clients, resolved as the AWS CLI resolves them.
export type { AwsClientOptions } from './aws/createDynamoDbClient.js';
export type { Item, TableRef } from './aws/tableRef.js';
export type { KeySchema } from './aws/describeTableShape.js';
export { createDynamoDbClient } from './aws/createDynamoDbClient.js';
export { assertAwsOptions } from './aws/assertAwsOptions.js';
export { convertAwsError } from './aws/awsErrors.js';
export { clientRegion } from './aws/clientRegion.js';

// The sync engine: whole tables in one process, or one segment per Lambda invocation.
export type * from './sync/index.js';
export type { CheckpointStore, SegmentCheckpoint, SegmentCounts } from './checkpoint/checkpointStore.js';
export {
  CHECKPOINT_KEY_VARIABLE,
  combineSegmentResults,
  compareTables,
  copyTable,
  deltaSync,
  digestTable,
  emptyTable,
  itemFromJson,
  itemToJson,
  syncSegment,
} from './sync/index.js';
export { DynamoDbCheckpointStore } from './checkpoint/dynamoDbCheckpointStore.js';
export { FileCheckpointStore } from './checkpoint/fileCheckpointStore.js';
export { MemoryCheckpointStore } from './checkpoint/memoryCheckpointStore.js';

// Runs and locks.
export type * from './journal/runJournal.js';
export type * from './runs/runRecord.js';
export type { RunContext, RunProgress } from './runs/runContext.js';
export type { RunRecord, TableRun } from './runRecord.js';
export { DEFAULT_STATE_DIR, FileRunJournal } from './journal/fileRunJournal.js';
export { DynamoDbRunJournal } from './journal/dynamoDbRunJournal.js';
export { MemoryRunJournal } from './journal/memoryRunJournal.js';
export { measuredRto } from './runs/runRecord.js';
export { runRecordOf } from './runRecord.js';

// Restore in place: plan, then run (in-process); the state machines and their permissions (AWS).
export type * from './restore/restoreInput.js';
export type * from './restore/restorePlan.js';
export type * from './restore/restoreNames.js';
export type * from './restore/restoreRun.js';
export type { RestoreRequest } from './restore/planRestore.js';
export type { RestoreContext, RunRestoreOptions } from './restore/runRestore.js';
export type { RecoveryPermissions, RecoveryResourceNames } from './restore/recoveryPermissions.js';
export type { AslDefinition, AslState } from './workflow/aslStates.js';
export type { WorkflowResources } from './workflow/workflowResources.js';
export type { PermissionStatement } from './workflow/permissions.js';
export type { StepFailure } from './workflow/steps.js';
export type { RestoreHandlerName } from './restore/restoreHandlers.js';
export { HANDLER_TIMEOUT_SECONDS } from './workflow/aslStates.js';
export { JOURNAL_TABLE_VARIABLE } from './lambda/workflowLambdaHandler.js';
export { defaultRestoreSettings } from './restore/restorePlan.js';
export { parseRestoreTime } from './restore/restoreTime.js';
export { restoreNames } from './restore/restoreNames.js';
export { planRestore } from './restore/planRestore.js';
export { runRestore } from './restore/runRestore.js';
export { restoreStateMachineDefinition, syncStateMachineDefinition } from './restore/restoreStateMachines.js';
export { recoveryPermissions } from './restore/recoveryPermissions.js';
export {
  logicalNameOf,
  restoreStateMachineName,
  revertStateMachineName,
  syncStateMachineName,
} from './workflow/stateMachineNames.js';
export { errorFromStepFailure } from './workflow/stepFailure.js';

// Revert in place: undo the writes since a time through incremental exports (in-process or its state machine).
export type * from './revert/revertPlan.js';
export type { RevertRequest } from './revert/planRevert.js';
export type { RevertPreview } from './revert/runRevert.js';
export type { RevertInput } from './revert/revertInput.js';
export type { RevertHandlerName } from './revert/revertHandlers.js';
export { assertRevertOptions, planRevert } from './revert/planRevert.js';
export { previewRevert, runRevert } from './revert/runRevert.js';
export type { RevertPermissions } from './revert/revertPermissions.js';
export { revertStateMachineDefinition } from './revert/revertStateMachineDefinition.js';
export { revertPermissions } from './revert/revertPermissions.js';

// Recovery mode: hold the application's writers during a recovery.
export type * from './recoveryMode/index.js';
export {
  assertWritesAllowed,
  describeChange,
  endRecoveryMode,
  operatorName,
  recoveryModeClients,
  recoveryModeSettings,
  recoveryModeStatus,
  startRecoveryMode,
} from './recoveryMode/index.js';

// Item files: export and diff files, their manifests.
export type * from './itemFile/index.js';
export {
  createChangeFileWriter,
  createItemFileWriter,
  readItemChanges,
  readItemFile,
  readItemFileManifest,
  verifyItemFile,
} from './itemFile/index.js';

// Selective restore, diff, export, restore to a new table.
export type * from './restoreItems/index.js';
export {
  ITEM_FATES,
  planExportItems,
  planFileItems,
  planPointInTimeItems,
  runRestoreItems,
} from './restoreItems/index.js';
export type * from './diff/index.js';
export { planDiff, runDiff } from './diff/index.js';
export type * from './export/index.js';
export { planExport, planS3Export, runExport, runS3Export, verifyS3Export } from './export/index.js';
export type * from './restoreAs/index.js';
export {
  planRestoreAs,
  recordRollback,
  restoreAsClients,
  rollbackSwitch,
  runRestoreAs,
  SECRET_NOT_RECORDED,
} from './restoreAs/index.js';

// Backup health: PITR, checks, cost, the monitor, drill reports.
export type * from './health/index.js';
export type * from './pitr/index.js';
export type * from './cost/index.js';
export type * from './monitor/index.js';
export type * from './drillReports/index.js';
export { CHECK_TITLES, checkReportMarkdown, healthClients, requireConfig, runBackupCheck } from './health/index.js';
export { pitrTargets, planPitrEnable, runPitrEnable } from './pitr/index.js';
export { formatUsd, runCostEstimate } from './cost/index.js';
export type * from './report/index.js';
export { drReportHtml, drReportMarkdown, runDrReport } from './report/index.js';

// Recovery drills: canaries, the scenario, verification, RTO and RPO, reports; the monthly plan with its access check.
export type * from './drill/index.js';
export type { DrillTableRun, DrillRun } from './drill/drillRun.js';
export { DEFAULT_DRILL_TARGETS, drillClients, planDrill, runDrill, tableRecoveryPlan } from './drill/index.js';
export {
  drillStateMachineDefinition,
  drillStateMachineName,
  type ScheduledDrillSettings,
} from './drill/drillWorkflow.js';
export type { DrillHandlerName } from './drill/drillHandlers.js';
export { drillWorkerPermissions, type DrillResources } from './drill/drillWorkerPermissions.js';
export { directoryDrillReports, readDrillReports } from './drillReports/index.js';

// What a deployment of the backup monitoring is made of (the CDK construct builds on these).
export {
  backupPolicy,
  DEFAULT_DRILL_MAX_AGE_DAYS,
  DEFAULT_DRILL_REPORT_DIRECTORY,
  DEFAULT_MAX_RESTORABLE_LAG_SECONDS,
  DEFAULT_RETENTION_DAYS,
  DEFAULT_WINDOW_TOLERANCE_SECONDS,
} from './backupPolicy/backupPolicy.js';
export {
  backupAlarmSpecs,
  MONITOR_SETTINGS_VARIABLE,
  monitorPolicyStatements,
  recoveryWeakeningPattern,
} from './monitor/index.js';

// Deploy the recovery stack (change sets), and restore on its Step Functions.
export type * from './deploy/index.js';
export type * from './stepFunctions/index.js';
export { deployClients, deployStack } from './deploy/index.js';
export {
  deployedRecovery,
  listDeployedRuns,
  prepareStepFunctionsRestore,
  prepareStepFunctionsRevert,
  restoreExecutionName,
  runRestoreOnStepFunctions,
  stepFunctionsClients,
} from './stepFunctions/index.js';
