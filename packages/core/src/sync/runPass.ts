import type { WriteRequest } from '@aws-sdk/client-dynamodb';
import { keyOf, type KeySchema } from '../aws/describeTableShape.js';
import type { Item, TableRef } from '../aws/tableRef.js';
import type { CheckpointStore, SegmentCheckpoint, SegmentCounts } from '../checkpoint/checkpointStore.js';
import { InputError } from '../errors.js';
import { canonicalItem } from './canonicalItem.js';
import type { EngineContext } from './engineContext.js';
import { readItems, readPage } from './readItems.js';
import type { SegmentStateCodec } from './segmentState.js';
import { DigestAccumulator, itemHash, type TableDigest } from './tableDigest.js';
import { writeItems } from './writeItems.js';
import { addCounts, NO_COUNTS } from './segmentCounts.js';

/**
 * One pass over one scan segment:
 * - `copy`: put every source item (and digest the source);
 * - `empty`: delete every destination item;
 * - `delta-put`: put source items the destination lacks or holds differently (and digest the source);
 * - `delta-delete`: delete destination items the source lacks;
 * - `digest`: digest the source.
 */
export type Pass = 'copy' | 'empty' | 'delta-put' | 'delta-delete' | 'digest';

export interface PassTask {
  readonly pass: Pass;
  readonly source?: TableRef;
  readonly destination?: TableRef;
  readonly schema: KeySchema;
  readonly segment: number;
  readonly totalSegments: number;
}

/** Where a pass keeps its checkpoints (absent: it does not checkpoint). */
export interface PassCheckpointing {
  readonly store: CheckpointStore;
  readonly runId: string;
  readonly codec: SegmentStateCodec;
}

export interface PassResult {
  readonly done: boolean;
  readonly counts: SegmentCounts;
  /** Digest of the source segment (copy, delta-put, digest). */
  readonly digest?: TableDigest;
}

/** The checkpoint key of a pass over a segment. */
export function checkpointKey(task: {
  readonly pass: string;
  readonly segment: number;
  readonly totalSegments: number;
}): string {
  return `${task.pass}-${task.segment}-of-${task.totalSegments}`;
}

/**
 * Runs a pass from its last checkpoint to the segment's end, saving a
 * checkpoint after each page whose writes DynamoDB has all accepted — so a
 * kill at any moment loses at most one page of work, which a resume redoes
 * (puts and deletes are idempotent). Stops early, at a page boundary, once
 * `deadline` (epoch ms) has passed.
 */
export async function runPass(
  task: PassTask,
  ctx: EngineContext,
  checkpointing?: PassCheckpointing,
  deadline?: number,
): Promise<PassResult> {
  const scanned = task.pass === 'empty' || task.pass === 'delta-delete' ? task.destination! : task.source!;
  const tables = [task.source?.tableName, task.destination?.tableName].filter((t): t is string => !!t);
  const key = checkpointKey(task);
  const saved = checkpointing && (await checkpointing.store.load(checkpointing.runId, key));
  if (saved && saved.tables.join('\n') !== tables.join('\n')) {
    throw new InputError(
      'runId',
      checkpointing!.runId,
      `was used for tables ${saved.tables.join(' -> ')}, not ${tables.join(' -> ')}`,
      'Use a new run id for a different pair of tables.',
    );
  }
  const state = saved?.state !== undefined ? checkpointing!.codec.decode(saved.state) : {};
  let counts = saved?.counts ?? NO_COUNTS;
  const hasDigest = task.pass === 'copy' || task.pass === 'delta-put' || task.pass === 'digest';
  const digest = new DigestAccumulator(state.digest);
  if (saved?.done) return { done: true, counts, digest: hasDigest ? digest.value() : undefined };

  let cursor = state.cursor;
  const keysOnly = task.pass === 'empty' || task.pass === 'delta-delete';
  const keyAttributes = [task.schema.partitionKey, ...(task.schema.sortKey ? [task.schema.sortKey] : [])];
  for (;;) {
    const page = await readPage(
      scanned,
      {
        segment: task.segment,
        totalSegments: task.totalSegments,
        startKey: cursor,
        attributes: keysOnly ? keyAttributes : undefined,
      },
      ctx,
    );
    const delta = await applyPage(task, page.items, digest, keyAttributes, ctx);
    counts = addCounts(counts, delta);
    ctx.progress.add(delta);
    cursor = page.lastKey;
    const done = cursor === undefined;
    if (checkpointing) {
      const checkpoint: SegmentCheckpoint = {
        pass: task.pass,
        tables,
        segment: task.segment,
        totalSegments: task.totalSegments,
        done,
        counts,
        state: checkpointing.codec.encode({ cursor, digest: hasDigest ? digest.value() : undefined }),
      };
      await checkpointing.store.save(checkpointing.runId, key, checkpoint);
    }
    if (done) ctx.progress.segmentDone();
    if (done || (deadline !== undefined && Date.now() >= deadline)) {
      return { done, counts, digest: hasDigest ? digest.value() : undefined };
    }
  }
}

async function applyPage(
  task: PassTask,
  items: Item[],
  digest: DigestAccumulator,
  keyAttributes: readonly string[],
  ctx: EngineContext,
): Promise<SegmentCounts> {
  const scanned = items.length;
  switch (task.pass) {
    case 'digest':
      for (const item of items) digest.add(item);
      return { ...NO_COUNTS, scanned };
    case 'copy': {
      for (const item of items) digest.add(item);
      await writeItems(task.destination!, items.map(put), task.schema, ctx);
      return { ...NO_COUNTS, scanned, written: scanned };
    }
    case 'empty':
      await writeItems(task.destination!, items.map(remove), task.schema, ctx);
      return { ...NO_COUNTS, scanned, deleted: scanned };
    case 'delta-put': {
      const existing = await readItems(
        task.destination!,
        items.map((i) => keyOf(i, task.schema)),
        undefined,
        ctx,
      );
      const destinationHashes = new Map(existing.map((i) => [canonicalItem(keyOf(i, task.schema)), itemHash(i)]));
      const puts: WriteRequest[] = [];
      for (const item of items) {
        const hash = itemHash(item);
        digest.addHash(hash);
        if (destinationHashes.get(canonicalItem(keyOf(item, task.schema))) !== hash) puts.push(put(item));
      }
      await writeItems(task.destination!, puts, task.schema, ctx);
      return { ...NO_COUNTS, scanned, written: puts.length, unchanged: scanned - puts.length };
    }
    case 'delta-delete': {
      const inSource = await readItems(task.source!, items, keyAttributes, ctx);
      const present = new Set(inSource.map(canonicalItem));
      const deletes = items.filter((k) => !present.has(canonicalItem(k))).map(remove);
      await writeItems(task.destination!, deletes, task.schema, ctx);
      return { ...NO_COUNTS, scanned, deleted: deletes.length };
    }
  }
}

function put(item: Item): WriteRequest {
  return { PutRequest: { Item: item } };
}

function remove(key: Item): WriteRequest {
  return { DeleteRequest: { Key: key } };
}
