import type { DrillScenario } from '../drillReports/drillReport.js';
import { recoveryPermissions as deployedPermissions } from '../restore/recoveryPermissions.js';
import { defaultRestoreSettings } from '../restore/restorePlan.js';

/** One IAM action a recovery needs, on one resource, and why. */
export interface RequiredPermission {
  readonly action: string;
  readonly resource: string;
  readonly why: string;
}

/** Where a recovery runs: the account, the source table's Region and the Region it restores into. */
export interface RecoveryResources {
  readonly partition?: string;
  readonly account: string;
  readonly region: string;
  /** The Region the restored table is made in. @default `region` */
  readonly targetRegion?: string;
  readonly tableName: string;
  /** The table the restore creates (restore-as: the new table; in-place: the temporary table). */
  readonly restoredTableName: string;
  /** The table's index names (a Query on an index needs the action on the index's ARN). */
  readonly indexNames: readonly string[];
}

/**
 * AWS requires these on the table a PITR restore creates, besides the restore action itself
 * (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/backuprestore_IAM.html).
 */
const RESTORE_TARGET_ACTIONS = ['BatchWriteItem', 'DeleteItem', 'GetItem', 'PutItem', 'Query', 'Scan', 'UpdateItem'];

/** A journal name no table has: the in-place restore's journal calls are left out by it. */
const DRILL_JOURNAL = 'dynamo-dr-drill-journal';
const IN_PLACE_WHY = 'a step of the restore in place (forensic backup, PITR restore, sync, verification)';

/**
 * Every IAM action a recovery of `scenario` needs, with the drill's own reads and writes (canaries, digests,
 * cleanup): what `dynamo-dr drill --plan` simulates for the caller. The restore in place needs what its workflow's
 * steps declare (`recoveryPermissions(...).worker` of `restore/`, the worker's role on AWS), so the two never drift. Action names: the Service Authorization
 * Reference for DynamoDB (https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazondynamodb.html).
 *
 * @example
 * recoveryPermissions('restore-as', { account: '123456789012', region: 'us-east-1', tableName: 'Orders', restoredTableName: 'Orders-drill-1', indexNames: [] });
 */
export function recoveryPermissions(scenario: DrillScenario, where: RecoveryResources): RequiredPermission[] {
  const partition = where.partition ?? 'aws';
  const tableArn = (region: string, name: string) =>
    `arn:${partition}:dynamodb:${region}:${where.account}:table/${name}`;
  const source = tableArn(where.region, where.tableName);
  const restored = tableArn(where.targetRegion ?? where.region, where.restoredTableName);
  const on = (resource: string, why: string, ...actions: string[]) =>
    actions.map((action) => ({ action: `dynamodb:${action}`, resource, why }));
  const indexQueries = (table: string, why: string) =>
    where.indexNames.flatMap((index) => on(`${table}/index/${index}`, why, 'Query'));
  const drill = [
    ...on(source, 'read the table and its restorable window', 'DescribeTable', 'DescribeContinuousBackups'),
    ...on(source, 'write, read and remove the canaries; digest the table', 'PutItem', 'GetItem', 'DeleteItem', 'Scan'),
    ...on(source, 'restore it to a point in time', 'RestoreTableToPointInTime'),
    ...on(restored, 'create the restored table', 'RestoreTableToPointInTime', ...RESTORE_TARGET_ACTIONS),
    ...on(restored, 'wait for the restored table, then delete it', 'DescribeTable', 'DeleteTable'),
  ];
  switch (scenario) {
    case 'restore-as':
      return [...drill, ...indexQueries(restored, 'check that each index of the restored table answers')];
    case 'in-place': {
      // What the deployed worker may do is what the restore's steps declare; a drill runs them in this process,
      // with its journal in local files, against the drill's own temporary table.
      const journal = `arn:${partition}:dynamodb:${where.region}:${where.account}:table/${DRILL_JOURNAL}`;
      const { worker } = deployedPermissions(
        { ...defaultRestoreSettings, tableName: where.tableName, logicalName: 'Drill' },
        {
          partition,
          region: where.region,
          account: where.account,
          journalTableName: DRILL_JOURNAL,
          handlerFunctionArn: '',
        },
      );
      const temporary = tableArn(where.region, `${where.tableName}-dr-*`);
      const steps = worker.flatMap(({ actions, resources }) =>
        resources
          .filter((resource) => resource !== journal)
          .flatMap((resource) => {
            const arn = resource === temporary ? restored : resource;
            return actions.map((action) => ({ action, resource: arn, why: IN_PLACE_WHY }));
          }),
      );
      return distinct([
        ...drill,
        ...steps,
        ...on(source, 'read the canaries back from the recovered table', 'Query'),
        ...indexQueries(source, 'check that each index of the recovered table answers'),
      ]);
    }
    case 'items':
      return [...drill, ...on(source, 'write the selected items back', 'BatchWriteItem', 'BatchGetItem')];
    case 'export':
      return [
        ...on(source, 'read the table and its restorable window', 'DescribeTable', 'DescribeContinuousBackups'),
        ...on(source, 'restore it to a point in time', 'RestoreTableToPointInTime'),
        ...on(restored, 'create and read the restored table', 'RestoreTableToPointInTime', ...RESTORE_TARGET_ACTIONS),
        ...on(restored, 'wait for the restored table, then delete it', 'DescribeTable', 'DeleteTable'),
      ];
  }
}

/** The permissions with each action on each resource once, the first reason kept. */
function distinct(permissions: readonly RequiredPermission[]): RequiredPermission[] {
  const seen = new Set<string>();
  return permissions.filter(({ action, resource }) => {
    const key = `${action} ${resource}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
