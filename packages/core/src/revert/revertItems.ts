import { createHash } from 'node:crypto';
import type { WriteRequest } from '@aws-sdk/client-dynamodb';
import { keyOf, type KeySchema } from '../aws/describeTableShape.js';
import type { Item, TableRef } from '../aws/tableRef.js';
import { DrError, VerificationError } from '../errors.js';
import {
  isVerified,
  restoreRunKey,
  type RecordedExport,
  type RestoreRun,
  type RevertedSegmentCheck,
} from '../restore/restoreRun.js';
import { workerEngine } from '../restore/restoreSegments.js';
import { prepareSync } from '../restore/syncSegments.js';
import { phaseEnded, phaseStarted } from '../runs/runRecord.js';
import { readTableRun, recordTable } from '../runs/tableRun.js';
import { canonicalItem } from '../sync/canonicalItem.js';
import type { EngineContext } from '../sync/engineContext.js';
import { readItems } from '../sync/readItems.js';
import { reportedKey } from '../sync/reportedKeys.js';
import { addCounts, NO_COUNTS } from '../sync/segmentCounts.js';
import { currentPace, resumePace, type SegmentPace } from '../sync/segmentPace.js';
import { sharedKeySchema } from '../sync/sharedKeySchema.js';
import { combineDigests, DigestAccumulator, EMPTY_DIGEST } from '../sync/tableDigest.js';
import { writeItems } from '../sync/writeItems.js';
import { readExportChanges, type ChangesShare } from './exportChanges.js';
import { revertChanges, type RevertAction, type RevertChanges } from './revertChanges.js';
import type { TableRevertPlan } from './revertPlan.js';
import type { RevertStepContext } from './revertStepContext.js';

/** Writes are journaled after every this many keys: a resumed run repeats at most one chunk. */
const CHUNK = 500;

/** The most conflicting keys a run record lists (a journal item holds 400 KB at most); `conflictCount` counts all. */
export const RECORDED_CONFLICTS = 100;

/**
 * What the completed exports say to write: read from S3, in the chain's order; of one segment's share only when
 * `segment` is given, which is all a step then holds and reads. One export (the window of at most 24 hours, nothing
 * kept after it) holds each changed key once: the segments take its data files in turn (file i to segment i mod
 * segments), so each reads only its files. A chain of exports may hold a key in several: the segments take the keys
 * by hash ({@link segmentOf}), so a key's changes in every export fall in the same segment, and each reads the whole
 * chain. Either way a share is decided exactly as the whole would be.
 */
export async function loadRevertChanges(
  ctx: RevertStepContext,
  plan: TableRevertPlan,
  exports: readonly RecordedExport[],
  segment?: number,
): Promise<RevertChanges> {
  const share = segmentShare(plan, exports, segment);
  const read = (part: RecordedExport['part']) =>
    Promise.all(
      exports
        .filter((e) => e.part === part)
        .map((e) => readExportChanges(ctx.s3, plan.exportBucket, e.manifestKey!, share)),
    );
  return revertChanges(await read('window'), await read('later'), plan.onConflict);
}

/**
 * The gate of the writes: refuses to touch the table unless the forensic backup is AVAILABLE and the exports
 * are recorded as completed; records the sync as started. Each segment counts and lists its own share.
 */
export async function prepareRevert(ctx: RevertStepContext, plan: TableRevertPlan): Promise<void> {
  await prepareSync(ctx, plan);
  exportsOf(await readTableRun<RestoreRun>(ctx.journal, restoreRunKey(plan)), plan);
}

/**
 * Writes the image at the time (or deletes) of each changed key of one segment (keys are spread over the
 * segments by a hash), through the sync engine's write queue, paced by the table's write rate; journals how
 * far it got after every chunk, so that a resumed run goes on from there. Returns unfinished when its time
 * budget runs out (on Lambda); the state machine calls it again with the `pace` returned. Holds only the
 * segment's share of the changes. Once done, records its counts (the keys it wrote, deleted, found unchanged or
 * skipped as conflicts) and its conflicts (as the journal may show keys).
 */
export async function revertChangedSegment(
  ctx: RevertStepContext,
  plan: TableRevertPlan,
  segment: number,
  pace?: SegmentPace,
): Promise<{ done: boolean; pace: SegmentPace }> {
  const key = restoreRunKey(plan);
  const done = `revert:${segment}`;
  const run = await readTableRun<RestoreRun>(ctx.journal, key);
  if (isVerified(run) || run?.segmentsDone.includes(done)) return { done: true, pace: {} };
  const changes = await loadRevertChanges(ctx, plan, exportsOf(run, plan), segment);
  const { actions } = changes;
  const { table, schema, engine } = await destination(ctx, plan, pace);
  const stopAt = ctx.segmentBudgetMs === undefined ? undefined : Date.now() + ctx.segmentBudgetMs;
  const paceNow = () => (!ctx.engine && currentPace(engine, plan.tableName)) || {};
  for (let through = run?.revertedKeys?.[segment] ?? 0; through < actions.length;) {
    if (stopAt !== undefined && Date.now() >= stopAt) return { done: false, pace: paceNow() };
    const chunk = actions.slice(through, through + CHUNK);
    await writeItems(table, chunk.map(writeRequest), schema, engine);
    through += chunk.length;
    const written = through;
    await recordTable<RestoreRun>(ctx.journal, key, (t) => ({
      ...t,
      revertedKeys: { ...t.revertedKeys, [segment]: written },
    }));
  }
  const deleted = actions.filter((a) => !a.image).length;
  const skipped = plan.onConflict === 'skip' ? changes.conflicts.length : 0;
  const counts = {
    scanned: actions.length + changes.unchanged + skipped,
    written: actions.length - deleted,
    deleted,
    unchanged: changes.unchanged,
  };
  const conflicts = changes.conflicts.map((k) => reportedKey(k, plan.sensitive));
  await recordTable<RestoreRun>(ctx.journal, key, (t) => ({
    ...t,
    segmentsDone: [...t.segmentsDone, done],
    conflicts: [...(t.conflicts ?? []), ...conflicts].slice(0, RECORDED_CONFLICTS),
    conflictCount: (t.conflictCount ?? t.conflicts?.length ?? 0) + conflicts.length,
    counts: { ...t.counts, revert: addCounts(t.counts.revert ?? NO_COUNTS, counts) },
  }));
  return { done: true, pace: paceNow() };
}

/** Which of the exports' changes segment `segment` takes (see {@link loadRevertChanges}); all without a segment. */
export function segmentShare(
  plan: Pick<TableRevertPlan, 'segments'>,
  exports: readonly RecordedExport[],
  segment?: number,
): ChangesShare {
  if (segment === undefined) return {};
  if (exports.length === 1) return { file: (index) => index % plan.segments === segment };
  return { keys: (keys) => segmentOf(keys, plan.segments) === segment };
}

/** The segment a key's write belongs to: the first four bytes of a hash of the key, modulo the segments. */
export function segmentOf(key: Item, segments: number): number {
  return createHash('sha256').update(canonicalItem(key)).digest().readUInt32BE(0) % segments;
}

/** Keys read back per journaled chunk of a segment's verification: a resumed call repeats at most one chunk. */
const VERIFY_CHUNK = 1_000;
/** The differing keys a segment's verification keeps, to name them in the error. */
const DIFFERING_SAMPLE = 5;

const NOT_VERIFIED: RevertedSegmentCheck = {
  checked: 0,
  expected: EMPTY_DIGEST,
  actual: EMPTY_DIGEST,
  differing: 0,
  sample: [],
  done: false,
};

/**
 * Reads one segment's reverted keys back (BatchGetItem) and compares each with its image at the time, holding
 * only the segment's share of the changes; journals after every chunk how far it got, both digests so far and the
 * keys that differ (a count and a sample), so a resumed call goes on from there. Returns unfinished when its
 * time budget runs out (on Lambda). {@link recordRevertVerification} then adds the segments up.
 */
export async function verifyRevertedSegment(
  ctx: RevertStepContext,
  plan: TableRevertPlan,
  segment: number,
): Promise<{ done: boolean; pace: SegmentPace }> {
  const key = restoreRunKey(plan);
  const run = await readTableRun<RestoreRun>(ctx.journal, key);
  let check = run?.revertChecked?.[segment] ?? NOT_VERIFIED;
  if (isVerified(run) || check.done) return { done: true, pace: {} };
  await recordTable<RestoreRun>(ctx.journal, key, (t) =>
    t.phases.verify ? t : phaseStarted(phaseEnded(t, 'sync', new Date()), 'verify', new Date()),
  );
  const { actions } = await loadRevertChanges(ctx, plan, exportsOf(run, plan), segment);
  const { table, schema, engine } = await destination(ctx, plan);
  const stopAt = ctx.segmentBudgetMs === undefined ? undefined : Date.now() + ctx.segmentBudgetMs;
  const record = (next: RevertedSegmentCheck) =>
    recordTable<RestoreRun>(ctx.journal, key, (t) => ({
      ...t,
      revertChecked: { ...t.revertChecked, [segment]: next },
    }));
  // At least one chunk a call, whatever the budget left after reading the exports: every call makes progress.
  while (check.checked < actions.length) {
    const chunk = actions.slice(check.checked, check.checked + VERIFY_CHUNK);
    const found = await readItems(
      table,
      chunk.map((a) => a.key),
      undefined,
      engine,
    );
    const byKey = new Map(found.map((item) => [canonicalItem(keyOf(item, schema)), item]));
    const expected = new DigestAccumulator(check.expected);
    const actual = new DigestAccumulator(check.actual);
    const differing: unknown[] = [];
    for (const action of chunk) {
      const item = byKey.get(canonicalItem(action.key));
      if (action.image) expected.add(action.image);
      if (item) actual.add(item);
      const same = item && action.image ? canonicalItem(item) === canonicalItem(action.image) : !item && !action.image;
      if (!same) differing.push(reportedKey(action.key, plan.sensitive));
    }
    check = {
      checked: check.checked + chunk.length,
      expected: expected.value(),
      actual: actual.value(),
      differing: check.differing + differing.length,
      sample: [...check.sample, ...differing].slice(0, DIFFERING_SAMPLE),
      done: false,
    };
    await record(check);
    if (stopAt !== undefined && Date.now() >= stopAt && check.checked < actions.length)
      return { done: false, pace: {} };
  }
  await record({ ...check, done: true });
  return { done: true, pace: {} };
}

/**
 * Adds up the segments' read-backs: records the verification (equal, the images' digest, how many keys were read
 * back) and throws {@link VerificationError} naming the first keys that differ.
 */
export async function recordRevertVerification(ctx: RevertStepContext, plan: TableRevertPlan): Promise<void> {
  const key = restoreRunKey(plan);
  const run = await readTableRun<RestoreRun>(ctx.journal, key);
  if (isVerified(run)) return;
  const checks = Array.from({ length: plan.segments }, (_, segment) => run?.revertChecked?.[segment]);
  if (!checks.every((c): c is RevertedSegmentCheck => c?.done === true)) {
    throw new DrError(`The read-back of ${plan.tableName}'s reverted keys is not recorded for every segment.`, {
      hint: 'Run the same command again with the same incident: it reads back the segments not yet read.',
    });
  }
  const expected = combineDigests(...checks.map((c) => c.expected));
  const actual = combineDigests(...checks.map((c) => c.actual));
  const differing = checks.reduce((sum, c) => sum + c.differing, 0);
  const count = checks.reduce((sum, c) => sum + c.checked, 0);
  const verification = { equal: differing === 0, ...expected, count };
  // A failed read-back is not kept: run again (once the cause is fixed), the segments read every key back anew.
  await recordTable<RestoreRun>(ctx.journal, key, (t) => {
    const { revertChecked, ...rest } = t;
    return phaseEnded({ ...rest, verification, ...(!differing && { revertChecked }) }, 'verify', new Date());
  });
  if (differing) {
    const sample = checks.flatMap((c) => c.sample).slice(0, DIFFERING_SAMPLE);
    throw new VerificationError(
      `${differing} reverted key(s) of ${plan.tableName} differ from their image at ${plan.restoreTime} (first: ${JSON.stringify(sample)})`,
      expected,
      actual,
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

/**
 * The destination as the engine writes to it: in-process one client, one key schema, one pace for the whole
 * run; on Lambda an engine of this call's own, starting at the pace of the segment's previous call.
 */
async function destination(
  ctx: RevertStepContext,
  plan: TableRevertPlan,
  pace?: SegmentPace,
): Promise<{ table: TableRef; schema: KeySchema; engine: EngineContext }> {
  const table = { client: ctx.engineClient, tableName: plan.tableName };
  if (ctx.engine) {
    return { table, schema: await ctx.engine.keySchema({ destination: plan.tableName }), engine: ctx.engine.context };
  }
  const engine = workerEngine('delta', plan);
  resumePace(engine, plan.tableName, pace);
  return { table, schema: await sharedKeySchema({ destination: table }), engine };
}
