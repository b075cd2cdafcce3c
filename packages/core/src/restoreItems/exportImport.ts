import { createHash } from 'node:crypto';
import type { TableRef } from '../aws/tableRef.js';
import { DrError, NotReadyError } from '../errors.js';
import type { RunContext } from '../runs/runContext.js';
import { describeExportImport, startExportImport } from '../s3Export/importCalls.js';
import { awaitTableActive } from '../tableRestore/awaitTableActive.js';
import { assertBeforeDeadline } from '../workflow/deadline.js';
import { untilReady } from '../workflow/untilReady.js';
import type { ExportItemsPlan } from './restoreItemsPlan.js';
import { targetKeys } from './targetKeys.js';

/** How long an import may take before the run gives up (a rerun starts a new one). */
const IMPORT_DEADLINE_MS = 24 * 60 * 60 * 1000;

/**
 * Loads the export's data files into a new table keyed like the target (ImportTable), so that DynamoDB
 * itself evaluates the selection's filter on the export's items, as it does on a point-in-time restore.
 * Returns the table once ACTIVE; the caller deletes it.
 */
export async function importExportForSelection(
  ctx: RunContext,
  plan: ExportItemsPlan & { readonly importedTableName: string },
  pollIntervalMs?: number,
): Promise<TableRef> {
  const { schema, keyTypes } = await targetKeys(ctx.dynamodb, plan.tableName);
  const keys = [schema.partitionKey, ...(schema.sortKey ? [schema.sortKey] : [])];
  const folder = plan.location.summaryKey.replace(/manifest-summary\.json$/, '');
  const importArn = await startExportImport(ctx.dynamodb, {
    bucket: plan.location.bucket,
    dataPrefix: `${folder}data/`,
    tableName: plan.importedTableName,
    keySchema: keys.map((name, i) => ({ AttributeName: name, KeyType: i === 0 ? 'HASH' : 'RANGE' })),
    attributeDefinitions: keys.map((name) => ({
      AttributeName: name,
      AttributeType: keyTypes[name] as 'S' | 'N' | 'B',
    })),
    clientToken: createHash('sha256').update(plan.incidentId).digest('hex').slice(0, 32),
  });
  const deadline = new Date(Date.now() + IMPORT_DEADLINE_MS).toISOString();
  await untilReady(async () => {
    const state = await describeExportImport(ctx.dynamodb, importArn);
    if (state.status === 'COMPLETED') return;
    if (state.status !== 'IN_PROGRESS') {
      throw new DrError(
        `The import ${importArn} of ${plan.exportArn} ended ${state.status} (${state.failure ?? 'no reason given'}).`,
        {
          hint: 'Check the export with dynamo-dr export verify, then run the same command again.',
        },
      );
    }
    assertBeforeDeadline(deadline, `the import ${importArn}`);
    throw new NotReadyError(`The import ${importArn} is IN_PROGRESS.`);
  }, pollIntervalMs);
  await untilReady(() => awaitTableActive(ctx.dynamodb, plan.importedTableName, deadline), pollIntervalMs);
  return { client: ctx.dynamodb, tableName: plan.importedTableName };
}
