import { randomBytes } from 'node:crypto';
import { backupDetails } from '../backupViews.js';
import { tableInUse } from '../dynamoErrors.js';
import { backupSourceTable } from '../liveTable.js';
import type { DynamoContext } from '../service.js';
import { tableDefinition } from '../store/tableDefinition.js';
import { tableSizes } from '../tableSizes.js';
import { validateRequest } from '../../validateRequest.js';
import { TABLE_NAME } from '../dynaliteRules.js';

const RULES = {
  TableName: TABLE_NAME,
  BackupName: {
    type: 'String',
    notNull: true,
    lengthGreaterThanOrEqual: 3,
    lengthLessThanOrEqual: 255,
    regex: '[a-zA-Z0-9_.-]+',
  },
};

/**
 * CreateBackup: the backup holds the table's state when the call was made
 * (its journal up to now), and is CREATING for the configured time.
 * https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_CreateBackup.html
 */
export async function createBackup(request: Record<string, unknown>, ctx: DynamoContext): Promise<unknown> {
  const data = validateRequest(request, RULES);
  const { table, instance } = await backupSourceTable(ctx, data.TableName as string);
  if (ctx.store.isCreating(instance)) throw tableInUse(instance.name, 'created');
  const journal = ctx.store.journal(instance);
  const now = ctx.store.now();
  const backup = {
    // AWS's backup ids: the creation time in ms, zero-padded to 14 digits, then 8 random hex digits
    // (`…/backup/01576616366715-b4e58d3a`, https://docs.aws.amazon.com/cli/latest/reference/dynamodb/list-backups.html).
    id: `${String(now).padStart(14, '0')}-${randomBytes(4).toString('hex')}`,
    name: data.BackupName as string,
    tableName: instance.name,
    instanceId: instance.id,
    tableCreatedMs: instance.createdMs,
    createdMs: now,
    availableMs: now + ctx.store.timings.backupCreateMs,
    journalEntries: journal.length,
    itemCount: journal.itemCount,
    sizeBytes: tableSizes(journal, table).tableSizeBytes,
    definition: tableDefinition(table),
  };
  ctx.store.addBackup(backup);
  return { BackupDetails: backupDetails(backup, ctx.region) };
}
