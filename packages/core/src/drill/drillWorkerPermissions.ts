import { RESTORE_TARGET_ACTIONS } from '../restore/recoveryPermissions.js';
import { mergedStatements, type PermissionStatement } from '../workflow/permissions.js';
import { workflowHandlers } from '../workflow/steps.js';
import type { DrillHandlerName } from './drillHandlers.js';
import { drillWorkflow, type ScheduledDrillSettings } from './drillWorkflow.js';

/** The ARNs a scheduled drill's handlers touch (CDK tokens allowed). */
export interface DrillResources {
  /** The staging table drilled: its canaries are written and removed there. */
  readonly table: string;
  /** The tables its restores create (`{table}-drill-{id}`) and their indexes. */
  readonly drillTables: string;
  /** The run-journal table: the drill's run and what it recorded at T. */
  readonly journal: string;
  /** The reports' objects (`{bucket}/{prefix}*`). */
  readonly reports: string;
}

const journal = (r: DrillResources): PermissionStatement => ({
  actions: ['dynamodb:GetItem', 'dynamodb:PutItem'],
  resources: [r.journal],
});

/**
 * What each drill handler (`drillHandlers.ts`) calls, as IAM actions
 * (https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazondynamodb.html): keep it beside
 * the handlers' calls; a handler without an entry fails the typecheck.
 */
const DRILL_HANDLER_PERMISSIONS: Readonly<Record<DrillHandlerName, (r: DrillResources) => PermissionStatement[]>> = {
  // planDrill reads the table, its restorable window, the journal's earlier drills (a Scan) and checks that the
  // restored table's name is free.
  planScheduledDrill: (r) => [
    { actions: ['dynamodb:DescribeTable', 'dynamodb:DescribeContinuousBackups'], resources: [r.table] },
    { actions: ['dynamodb:DescribeTable'], resources: [r.drillTables] },
    { actions: ['dynamodb:Scan'], resources: [r.journal] },
  ],
  beginScheduledDrill: (r) => [{ actions: ['dynamodb:DescribeContinuousBackups'], resources: [r.table] }, journal(r)],
  // The canaries are put and deleted; the digest at T is a parallel scan of the table.
  plantDrillCanaries: (r) => [
    {
      actions: ['dynamodb:DeleteItem', 'dynamodb:DescribeTable', 'dynamodb:PutItem', 'dynamodb:Scan'],
      resources: [r.table],
    },
    journal(r),
  ],
  awaitDrillPointInTime: (r) => [
    { actions: ['dynamodb:DescribeContinuousBackups', 'dynamodb:DescribeTable'], resources: [r.table] },
    journal(r),
  ],
  // The restore action on the source, and what a restore needs on its target.
  startDrillRestore: (r) => [
    { actions: ['dynamodb:DescribeTable', 'dynamodb:RestoreTableToPointInTime'], resources: [r.table] },
    { actions: RESTORE_TARGET_ACTIONS, resources: [r.drillTables] },
    journal(r),
  ],
  awaitDrillRestore: (r) => [{ actions: ['dynamodb:DescribeTable'], resources: [r.drillTables] }, journal(r)],
  // Verification reads every canary, scans for the digest and queries each index; cleanup deletes the restored
  // table and the canaries; the report is put in S3.
  finishScheduledDrill: (r) => [
    { actions: ['dynamodb:DeleteItem', 'dynamodb:DescribeTable'], resources: [r.table] },
    {
      actions: [
        'dynamodb:DeleteTable',
        'dynamodb:DescribeTable',
        'dynamodb:GetItem',
        'dynamodb:Query',
        'dynamodb:Scan',
      ],
      resources: [r.drillTables],
    },
    journal(r),
    { actions: ['s3:PutObject'], resources: [r.reports] },
  ],
  recordScheduledDrillFailure: (r) => [
    { actions: ['dynamodb:DeleteItem', 'dynamodb:DescribeTable'], resources: [r.table] },
    { actions: ['dynamodb:DeleteTable', 'dynamodb:DescribeTable'], resources: [r.drillTables] },
    journal(r),
    { actions: ['s3:PutObject'], resources: [r.reports] },
  ],
};

/**
 * The drill worker's IAM statements, derived from the drill workflow's steps (the same list that generates its
 * state machine): the union of what the handlers they call declare, one statement per resource.
 *
 * @example
 * const statements = drillWorkerPermissions(settings, { table, drillTables, journal, reports });
 * for (const s of statements) role.addToPolicy(new PolicyStatement({ actions: [...s.actions], resources: [...s.resources] }));
 */
export function drillWorkerPermissions(
  settings: ScheduledDrillSettings,
  resources: DrillResources,
): PermissionStatement[] {
  const handlers = workflowHandlers(drillWorkflow(settings)) as DrillHandlerName[];
  return mergedStatements(handlers.flatMap((handler) => DRILL_HANDLER_PERMISSIONS[handler](resources)));
}
