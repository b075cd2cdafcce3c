import { deleteTableIfExists } from '../aws/dynamoDbCalls.js';
import type { TableRef } from '../aws/tableRef.js';
import { diffTables } from '../diff/diffTables.js';
import { VerificationError } from '../errors.js';
import { restoreRunKey, type RestoreRun } from '../restore/restoreRun.js';
import { workerEngine } from '../restore/restoreSegments.js';
import { readTableRun, recordTable } from '../runs/tableRun.js';
import { compareTables } from '../sync/compareTables.js';
import { reportedKey } from '../sync/reportedKeys.js';
import { sharedKeySchema } from '../sync/sharedKeySchema.js';
import { awaitRestoredTable, startTableRestore, type TableRestoreSource } from '../tableRestore/tableRestore.js';
import type { TableRevertPlan } from './revertPlan.js';
import type { RevertStepContext } from './revertStepContext.js';

/** Differing keys named in a failed full verification. */
const SAMPLE_KEYS = 5;

/*
 * `--verify full`: after the reverted keys are read back, the whole table is compared with a PITR restore of
 * it at the time, made into the plan's temporary table. Each step does nothing unless the plan asks for it,
 * or once it is recorded as equal (a resumed run).
 */

const source = (plan: TableRevertPlan): TableRestoreSource => ({
  kind: 'pitr',
  tableName: plan.tableName,
  restoreTime: plan.restoreTime,
});

async function wanted(ctx: RevertStepContext, plan: TableRevertPlan): Promise<boolean> {
  if (plan.verify !== 'full') return false;
  return !(await readTableRun<RestoreRun>(ctx.journal, restoreRunKey(plan)))?.fullVerification?.equal;
}

/** Starts the PITR restore of the table at the time into the temporary table (none twice). */
export async function startFullVerification(ctx: RevertStepContext, plan: TableRevertPlan): Promise<void> {
  if (await wanted(ctx, plan)) await startTableRestore(ctx.dynamodb, source(plan), plan.restoredTableName);
}

/** Returns once the temporary table is ACTIVE and this restore; throws `NotReadyError` before (poll it). */
export async function awaitFullVerificationTable(
  ctx: RevertStepContext,
  plan: TableRevertPlan,
  deadline: string,
): Promise<void> {
  if (await wanted(ctx, plan)) await awaitRestoredTable(ctx.dynamodb, source(plan), plan.restoredTableName, deadline);
}

/**
 * Digests the table and the restore at the time; when they differ, diffs them key by key for how many keys
 * differ and a sample. Records the outcome, deletes the temporary table (unless kept), and throws
 * {@link VerificationError} naming the count and the sample when they differ.
 */
export async function verifyAgainstRestore(ctx: RevertStepContext, plan: TableRevertPlan): Promise<void> {
  if (!(await wanted(ctx, plan))) return;
  const live: TableRef = { client: ctx.engineClient, tableName: plan.tableName };
  const atTime: TableRef = { client: ctx.engineClient, tableName: plan.restoredTableName };
  const comparison = await compareTables(atTime, live, { sensitive: plan.sensitive });
  const sample: unknown[] = [];
  let differing = 0;
  if (!comparison.equal) {
    const schema = await sharedKeySchema({ source: atTime, destination: live });
    const counts = await diffTables(
      atTime,
      live,
      schema,
      plan.segments,
      async (change) => {
        if (sample.length < SAMPLE_KEYS) sample.push(reportedKey(change.key, plan.sensitive));
      },
      ctx.engine?.context ?? workerEngine('digest', plan),
    );
    differing = counts.added + counts.removed + counts.changed;
  }
  await recordTable<RestoreRun>(ctx.journal, restoreRunKey(plan), (t) => ({
    ...t,
    fullVerification: { equal: comparison.equal, ...comparison.b, differing },
  }));
  if (!plan.keepRestoredTable) await deleteTableIfExists(ctx.dynamodb, plan.restoredTableName);
  if (!comparison.equal) {
    throw new VerificationError(
      `${differing} key(s) of ${plan.tableName} differ from a PITR restore of it at ${plan.restoreTime} (first: ${JSON.stringify(sample)})`,
      comparison.a,
      comparison.b,
    );
  }
}
