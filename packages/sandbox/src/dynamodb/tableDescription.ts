import { streamArn, tableArn } from './arns.js';
import type { DynamoStore } from './store/dynamoStore.js';
import type { KeyNames, TableInstance } from './store/tableInstance.js';
import { tableSizes, type TableSizes } from './tableSizes.js';

type Description = Record<string, unknown>;

const NO_ITEMS: TableSizes = { itemCount: 0, tableSizeBytes: 0, indexes: new Map() };

/** The key attribute names of a DescribeTable `Table`. */
export function keyNamesOf(table: Description): KeyNames {
  const schema = table.KeySchema as { AttributeName: string; KeyType: string }[];
  const hash = schema.find((k) => k.KeyType === 'HASH')?.AttributeName as string;
  const range = schema.find((k) => k.KeyType === 'RANGE')?.AttributeName;
  return range === undefined ? { hash } : { hash, range };
}

/**
 * Completes dynalite's TableDescription with what the sandbox keeps: its TableId (a UUID, as AWS's; dynalite's
 * is too short), ARNs in the client's region, item counts and sizes of the table and its indexes from the journal
 * (tableSizes.ts), deletion protection, stream settings, and a restored table's status and RestoreSummary
 * (https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_TableDescription.html).
 * A table being restored reports 0 items and 0 bytes until it is ACTIVE, as AWS's do
 * (https://docs.aws.amazon.com/cli/latest/reference/dynamodb/restore-table-from-backup.html, example output).
 */
export function describeTable(
  store: DynamoStore,
  table: Description,
  instance: TableInstance,
  region: string,
): Description {
  const arn = tableArn(region, instance.name);
  const creating = store.isCreating(instance);
  // A table being restored reports no items until it is ACTIVE: its items are still loading.
  const sizes = creating ? NO_ITEMS : tableSizes(store.journal(instance), table);
  const withIndexArns = (list: unknown) =>
    Array.isArray(list)
      ? (list as Description[]).map((index) => ({
          ...index,
          IndexArn: `${arn}/index/${String(index.IndexName)}`,
          IndexSizeBytes: sizes.indexes.get(String(index.IndexName))?.indexSizeBytes ?? 0,
          ItemCount: sizes.indexes.get(String(index.IndexName))?.itemCount ?? 0,
          ...(creating && index.IndexStatus ? { IndexStatus: 'CREATING' } : {}),
        }))
      : undefined;
  const described: Description = {
    ...table,
    TableArn: arn,
    TableId: instance.id,
    ItemCount: sizes.itemCount,
    TableSizeBytes: sizes.tableSizeBytes,
    DeletionProtectionEnabled: instance.deletionProtection,
  };
  if (creating) described.TableStatus = 'CREATING';
  const gsis = withIndexArns(table.GlobalSecondaryIndexes);
  if (gsis) described.GlobalSecondaryIndexes = gsis;
  const lsis = withIndexArns(table.LocalSecondaryIndexes);
  if (lsis) described.LocalSecondaryIndexes = lsis;
  if (instance.stream) {
    const { StreamEnabled, StreamViewType, label } = instance.stream;
    described.StreamSpecification = { StreamEnabled, ...(StreamViewType ? { StreamViewType } : {}) };
    described.LatestStreamLabel = label;
    described.LatestStreamArn = streamArn(region, instance.name, label);
  }
  // An imported table is loaded the way a restored one is, but has no RestoreSummary: it restores nothing.
  const r = instance.restore;
  if (r && (r.sourceTableArn || r.sourceBackupArn)) {
    described.RestoreSummary = {
      ...(r.sourceBackupArn ? { SourceBackupArn: r.sourceBackupArn } : {}),
      ...(r.sourceTableArn ? { SourceTableArn: r.sourceTableArn } : {}),
      RestoreDateTime: r.restoreDateTimeMs / 1000,
      RestoreInProgress: creating,
    };
  }
  return described;
}
