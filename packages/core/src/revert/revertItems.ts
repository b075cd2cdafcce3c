import type { WriteRequest } from '@aws-sdk/client-dynamodb';
import { keyOf, type KeySchema } from '../aws/describeTableShape.js';
import type { TableRef } from '../aws/tableRef.js';
import { DrError, VerificationError } from '../errors.js';
import { restoreRunKey, type RecordedExport, type RestoreRun } from '../restore/restoreRun.js';
import { phaseEnded, phaseStarted } from '../runs/runRecord.js';
import { readTableRun, recordTable } from '../runs/tableRun.js';
import { canonicalItem } from '../sync/canonicalItem.js';
import { readItems } from '../sync/readItems.js';
import { reportedKey } from '../sync/reportedKeys.js';
import { DigestAccumulator } from '../sync/tableDigest.js';
import { writeItems } from '../sync/writeItems.js';
import { readExportChanges } from './exportChanges.js';
import { revertChanges, type RevertAction, type RevertChanges } from './revertChanges.js';
import type { TableRevertPlan } from './revertPlan.js';
import type { RevertStepContext } from './revertStepContext.js';

/** Writes are journaled after every this many keys: a resumed run repeats at most one chunk. */
const CHUNK = 500;

/** What the completed exports say to write: read from S3, in the chain's order. */
export async function loadRevertChanges(
  ctx: RevertStepContext,
  plan: TableRevertPlan,
  exports: readonly RecordedExport[],
): Promise<RevertChanges> {
  const read = (part: RecordedExport['part']) =>
    Promise.all(
      exports.filter((e) => e.part === part).map((e) => readExportChanges(ctx.s3, plan.exportBucket, e.manifestKey!)),
    );
  return revertChanges(await read('window'), await read('later'), plan.onConflict);
}

/**
 * Writes each changed key's image at the time (or deletes it) through the sync engine's write queue, paced
 * by the table's write rate; journals the counts and how far it got after every chunk, so that a resumed run
 * goes on from there. Conflicts are recorded (as the journal may show keys).
 */
export async function revertChangedItems(ctx: RevertStepContext, plan: TableRevertPlan): Promise<void> {
  const key = restoreRunKey(plan);
  const run = await readTableRun<RestoreRun>(ctx.journal, key);
  const changes = await loadRevertChanges(ctx, plan, exportsOf(run, plan));
  const { table, schema, engine } = await destination(ctx, plan);
  await recordTable<RestoreRun>(ctx.journal, key, (t) => ({
    ...phaseStarted(t, 'sync', new Date()),
    conflicts: changes.conflicts.map((k) => reportedKey(k, plan.sensitive)),
  }));
  const actions = changes.actions;
  for (let done = run?.revertedKeys ?? 0; done < actions.length;) {
    const chunk = actions.slice(done, done + CHUNK);
    await writeItems(table, chunk.map(writeRequest), schema, engine);
    done += chunk.length;
    const through = done;
    await recordTable<RestoreRun>(ctx.journal, key, (t) => ({ ...t, revertedKeys: through }));
  }
  const deleted = actions.filter((a) => !a.image).length;
  const counts = {
    scanned: actions.length + changes.unchanged + (plan.onConflict === 'skip' ? changes.conflicts.length : 0),
    written: actions.length - deleted,
    deleted,
    unchanged: changes.unchanged,
  };
  await recordTable<RestoreRun>(ctx.journal, key, (t) =>
    phaseEnded({ ...t, counts: { ...t.counts, revert: counts } }, 'sync', new Date()),
  );
}

/**
 * Reads every reverted key back (BatchGetItem) and compares it with its image at the time; records the
 * verification, and throws {@link VerificationError} naming the first keys that differ.
 */
export async function verifyRevertedItems(ctx: RevertStepContext, plan: TableRevertPlan): Promise<void> {
  const key = restoreRunKey(plan);
  const run = await readTableRun<RestoreRun>(ctx.journal, key);
  await recordTable<RestoreRun>(ctx.journal, key, (t) => phaseStarted(t, 'verify', new Date()));
  const { actions } = await loadRevertChanges(ctx, plan, exportsOf(run, plan));
  const { table, schema, engine } = await destination(ctx, plan);
  const found = await readItems(
    table,
    actions.map((a) => a.key),
    undefined,
    engine,
  );
  const byKey = new Map(found.map((item) => [canonicalItem(keyOf(item, schema)), item]));
  const expected = new DigestAccumulator();
  const actual = new DigestAccumulator();
  const differing: unknown[] = [];
  for (const action of actions) {
    const item = byKey.get(canonicalItem(action.key));
    if (action.image) expected.add(action.image);
    if (item) actual.add(item);
    const same = item && action.image ? canonicalItem(item) === canonicalItem(action.image) : !item && !action.image;
    if (!same) differing.push(reportedKey(action.key, plan.sensitive));
  }
  const verification = { equal: differing.length === 0, ...expected.value() };
  await recordTable<RestoreRun>(ctx.journal, key, (t) =>
    phaseEnded({ ...t, verification: { ...verification, count: actions.length } }, 'verify', new Date()),
  );
  if (differing.length) {
    throw new VerificationError(
      `${differing.length} reverted key(s) of ${plan.tableName} differ from their image at ${plan.restoreTime} (first: ${JSON.stringify(differing.slice(0, 5))})`,
      expected.value(),
      actual.value(),
    );
  }
}

function exportsOf(run: RestoreRun['tables'][string] | undefined, plan: TableRevertPlan): readonly RecordedExport[] {
  const exports = run?.exports ?? [];
  if (exports.length === 0 || exports.some((e) => !e.manifestKey)) {
    throw new DrError(`The exports of ${plan.tableName} are not recorded as completed in the run ${plan.incidentId}.`, {
      hint: 'Run the same command again: it waits for the exports before it writes.',
    });
  }
  return exports;
}

function writeRequest(action: RevertAction): WriteRequest {
  return action.image ? { PutRequest: { Item: action.image } } : { DeleteRequest: { Key: action.key } };
}

/** The destination as the engine writes to it: one client, one key schema, one pace for the whole run. */
async function destination(
  ctx: RevertStepContext,
  plan: TableRevertPlan,
): Promise<{ table: TableRef; schema: KeySchema; engine: NonNullable<RevertStepContext['engine']>['context'] }> {
  if (!ctx.engine) throw new DrError('A revert runs in-process only: its engine context is missing.');
  const schema = await ctx.engine.keySchema({ destination: plan.tableName });
  return { table: { client: ctx.engineClient, tableName: plan.tableName }, schema, engine: ctx.engine.context };
}
