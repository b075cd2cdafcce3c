import type { DrillHandlerName } from '@dynamo-dr/core';
import { permissionUnion } from '../permissionUnion.js';

/**
 * Which resources of a scheduled drill an IAM statement is about:
 * - `table`: the staging table drilled (its canaries are written and removed there);
 * - `drillTables`: the tables its restores create (`{table}-drill-{id}`) and their indexes;
 * - `journal`: the run-journal table (the drill's run, what it recorded at T);
 * - `reports`: the reports' objects (`{bucket}/{prefix}*`).
 */
export type DrillResource = 'table' | 'drillTables' | 'journal' | 'reports';

/** IAM actions on one kind of resource. */
export interface DrillPermission {
  readonly actions: readonly string[];
  readonly on: DrillResource;
}

const JOURNAL: DrillPermission = { actions: ['dynamodb:GetItem', 'dynamodb:PutItem'], on: 'journal' };

/**
 * What the drill workflow's handlers (`@dynamo-dr/core`, `drillHandlers`) call, by handler, as IAM actions
 * (https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazondynamodb.html). The drill worker's
 * role gets their union and nothing else; a handler added to core without an entry here fails the typecheck.
 */
export const DRILL_HANDLER_PERMISSIONS = {
  // planDrill reads the table, its restorable window, the journal's earlier drills (a Scan) and checks that the
  // restored table's name is free.
  planScheduledDrill: [
    { actions: ['dynamodb:DescribeTable', 'dynamodb:DescribeContinuousBackups'], on: 'table' },
    { actions: ['dynamodb:DescribeTable'], on: 'drillTables' },
    { actions: ['dynamodb:Scan'], on: 'journal' },
  ],
  beginScheduledDrill: [{ actions: ['dynamodb:DescribeContinuousBackups'], on: 'table' }, JOURNAL],
  // The canaries are put and deleted; the digest at T is a parallel scan of the table.
  plantDrillCanaries: [
    { actions: ['dynamodb:DeleteItem', 'dynamodb:DescribeTable', 'dynamodb:PutItem', 'dynamodb:Scan'], on: 'table' },
    JOURNAL,
  ],
  awaitDrillPointInTime: [
    { actions: ['dynamodb:DescribeContinuousBackups', 'dynamodb:DescribeTable'], on: 'table' },
    JOURNAL,
  ],
  // AWS requires the restore action on the source and on the target, and read and write actions on the target
  // (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/backuprestore_IAM.html).
  startDrillRestore: [
    { actions: ['dynamodb:DescribeTable', 'dynamodb:RestoreTableToPointInTime'], on: 'table' },
    {
      actions: [
        'dynamodb:BatchWriteItem',
        'dynamodb:DeleteItem',
        'dynamodb:GetItem',
        'dynamodb:PutItem',
        'dynamodb:Query',
        'dynamodb:RestoreTableToPointInTime',
        'dynamodb:Scan',
        'dynamodb:UpdateItem',
      ],
      on: 'drillTables',
    },
    JOURNAL,
  ],
  awaitDrillRestore: [{ actions: ['dynamodb:DescribeTable'], on: 'drillTables' }, JOURNAL],
  // Verification reads every canary, scans for the digest and queries each index; cleanup deletes the restored
  // table and the canaries; the report is put in S3.
  finishScheduledDrill: [
    { actions: ['dynamodb:DeleteItem', 'dynamodb:DescribeTable'], on: 'table' },
    {
      actions: [
        'dynamodb:DeleteTable',
        'dynamodb:DescribeTable',
        'dynamodb:GetItem',
        'dynamodb:Query',
        'dynamodb:Scan',
      ],
      on: 'drillTables',
    },
    JOURNAL,
    { actions: ['s3:PutObject'], on: 'reports' },
  ],
  recordScheduledDrillFailure: [
    { actions: ['dynamodb:DeleteItem', 'dynamodb:DescribeTable'], on: 'table' },
    { actions: ['dynamodb:DeleteTable', 'dynamodb:DescribeTable'], on: 'drillTables' },
    JOURNAL,
    { actions: ['s3:PutObject'], on: 'reports' },
  ],
} as const satisfies Record<DrillHandlerName, readonly DrillPermission[]>;

/**
 * The union of the drill handlers' permissions, one entry per kind of resource, actions sorted and unique.
 *
 * @example
 * drillPermissions().find((p) => p.on === 'reports'); // { on: 'reports', actions: ['s3:PutObject'] }
 */
export function drillPermissions(): DrillPermission[] {
  return permissionUnion(DRILL_HANDLER_PERMISSIONS);
}
