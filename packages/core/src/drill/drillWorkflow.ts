import type { AslDefinition } from '../workflow/aslStates.js';
import { stateMachineDefinition } from '../workflow/stateMachineDefinition.js';
import type { Workflow } from '../workflow/steps.js';
import type { DrillTargets } from './drillPlan.js';

/** What a scheduled drill's state machine has baked in: the staging table, its targets and the report bucket. */
export interface ScheduledDrillSettings {
  /** The physical table drilled (restore-as: restored into `<table>-drill-<id>`, then deleted). */
  readonly tableName: string;
  readonly environment: string;
  readonly targets: DrillTargets;
  /** Where the JSON report is put (`<prefix>YYYY-MM-DD-<environment>-<table>-<drill id>.json`). */
  readonly reports: { readonly s3Bucket: string; readonly s3Prefix: string };
  /** How long the drill may wait for T to become restorable and for the restore. */
  readonly deadlineMinutes: number;
}

/**
 * The name of a table's drill state machine.
 *
 * @example
 * drillStateMachineName('StagingOrders'); // 'DRDrillDynamoDbTableStagingOrdersStateMachine'
 */
export function drillStateMachineName(logicalName: string): string {
  return `DRDrillDynamoDbTable${logicalName}StateMachine`;
}

/**
 * A restore-as drill as steps, run by Step Functions on a schedule: plan it (any input: the schedule's is empty),
 * record it; write the canaries around T and record the digest at T; wait until T is restorable; restore the table
 * at T into a new table and wait until it is ACTIVE; verify, clean up and put the JSON report in S3 (a failed
 * verification fails the execution, its report put first). A failure on the way cleans up and puts a failed report.
 *
 * @example
 * drillWorkflow(settings).steps.map((s) => s.name); // ['PlantDrillCanaries', 'AwaitDrillPointInTime', 'StartDrillRestore', 'AwaitDrillRestore']
 */
export function drillWorkflow(settings: ScheduledDrillSettings): Workflow {
  const deadlineSeconds = settings.deadlineMinutes * 60;
  return {
    comment: `Drills a restore of ${settings.tableName} to a point in time (dynamo-dr)`,
    // Both waits, and an hour for the canaries, the verification and the cleanup.
    timeoutSeconds: 2 * deadlineSeconds + 3600,
    validate: {
      kind: 'task',
      name: 'PlanDrill',
      handler: 'planScheduledDrill',
      parameters: { settings: { ...settings } },
    },
    begin: { kind: 'task', name: 'RecordDrillStart', handler: 'beginScheduledDrill', withExecutionId: true },
    steps: [
      { kind: 'task', name: 'PlantDrillCanaries', handler: 'plantDrillCanaries' },
      { kind: 'poll', name: 'AwaitDrillPointInTime', handler: 'awaitDrillPointInTime', deadlineSeconds },
      { kind: 'task', name: 'StartDrillRestore', handler: 'startDrillRestore' },
      { kind: 'poll', name: 'AwaitDrillRestore', handler: 'awaitDrillRestore', deadlineSeconds },
    ],
    succeed: {
      kind: 'task',
      name: 'VerifyAndReportDrill',
      handler: 'finishScheduledDrill',
      parameters: { reports: { ...settings.reports } },
    },
    fail: {
      kind: 'task',
      name: 'ReportDrillFailure',
      handler: 'recordScheduledDrillFailure',
      parameters: { reports: { ...settings.reports } },
    },
    failedState: 'DrillFailed',
    rejectedState: 'DrillRejected',
  };
}

/**
 * The ASL of a table's drill state machine, generated from {@link drillWorkflow}: every Task calls
 * `handlerFunctionArn` (the worker, `event.handler` naming the step).
 *
 * @example
 * const asl = drillStateMachineDefinition(settings, worker.functionArn);
 */
export function drillStateMachineDefinition(
  settings: ScheduledDrillSettings,
  handlerFunctionArn: string,
): AslDefinition {
  // The drill starts no child state machine: no state of its definition names a sync machine.
  return stateMachineDefinition(drillWorkflow(settings), { handlerFunctionArn, syncStateMachineArn: '' });
}
