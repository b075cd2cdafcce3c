import { randomUUID } from 'node:crypto';
import type { AwsError } from '../awsError.js';
import { restoreLimitExceeded, tableAlreadyExists, tableInUse } from './dynamoErrors.js';
import { loadRestoredItems } from './restoreLoader.js';
import type { DynamoContext } from './service.js';
import { restoreCreateRequest, type RestoreOverrides, type TableDefinition } from './store/tableDefinition.js';
import type { RestoreState, TableInstance } from './store/tableInstance.js';
import { describeTable, keyNamesOf } from './tableDescription.js';

/** AWS's limit of concurrent restores per account (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/ServiceQuotas.html). */
export const MAX_CONCURRENT_RESTORES = 50;

/** What a restore makes: a new table with this definition holding exactly these items. */
export interface RestorePlan {
  readonly targetTableName: string;
  /** The table restored (a backup's table), whose restore faults apply; none for an import. */
  readonly sourceTableName?: string;
  readonly definition: TableDefinition;
  /** key → item JSON. */
  readonly items: ReadonlyMap<string, string>;
  readonly overrides: RestoreOverrides;
  readonly summary: Pick<RestoreState, 'sourceTableArn' | 'sourceBackupArn' | 'restoreDateTimeMs'>;
}

/**
 * Creates the restore target, shared by RestoreTableToPointInTime and
 * RestoreTableFromBackup. Every check comes before the table is created, so a
 * refused restore leaves nothing behind. The new table is CREATING while its
 * items load and for the configured restore time; it inherits no tags, TTL,
 * streams, PITR or deletion protection.
 * https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/CreateBackup.html
 */
export async function restoreTable(ctx: DynamoContext, plan: RestorePlan): Promise<Record<string, unknown>> {
  const { store } = ctx;
  const name = plan.targetTableName;
  await assertTargetFree(ctx, name);
  if (store.restoresInProgress() >= MAX_CONCURRENT_RESTORES) {
    throw restoreLimitExceeded(MAX_CONCURRENT_RESTORES);
  }
  let created: Record<string, unknown>;
  store.restoresStarting++;
  try {
    ({ TableDescription: created } = await ctx.dynalite.call<{ TableDescription: Record<string, unknown> }>(
      'CreateTable',
      restoreCreateRequest(name, plan.definition, plan.overrides),
    ));
  } catch (error) {
    if ((error as AwsError).type === 'ResourceInUseException') throw tableAlreadyExists(name);
    throw error;
  } finally {
    store.restoresStarting--;
  }
  const now = store.now();
  const { restoreBaseMs, restorePerItemMs } = store.timings;
  const instance: TableInstance = {
    id: randomUUID(),
    name,
    createdMs: now,
    key: keyNamesOf(created),
    deletionProtection: false,
    tags: [],
    restore: {
      ...plan.summary,
      startedMs: now,
      readyMs: now + restoreBaseMs + restorePerItemMs * plan.items.size,
      loaded: false,
    },
  };
  store.register(instance);
  const journal = store.journal(instance);
  const items =
    plan.sourceTableName === undefined
      ? plan.items
      : ctx.restoredItems(plan.sourceTableName, plan.items, plan.definition);
  for (const [key, item] of items) journal.append(now, key, item);
  void loadRestoredItems(store, instance);
  return describeTable(store, created, instance, ctx.region);
}

/** TableAlreadyExistsException for a live table, TableInUseException for one being created or deleted. */
async function assertTargetFree(ctx: DynamoContext, name: string): Promise<void> {
  const known = ctx.store.table(name);
  if (known && ctx.store.isCreating(known)) throw tableInUse(name, 'created');
  let status: string;
  try {
    ({
      Table: { TableStatus: status },
    } = await ctx.dynalite.call<{ Table: { TableStatus: string } }>('DescribeTable', { TableName: name }));
  } catch (error) {
    if ((error as AwsError).type === 'ResourceNotFoundException') return;
    throw error;
  }
  if (status === 'DELETING') throw tableInUse(name, 'deleted');
  if (status === 'CREATING') throw tableInUse(name, 'created');
  throw tableAlreadyExists(name);
}
