import type { WriteRequest } from '@aws-sdk/client-dynamodb';
import { keyOf } from '../aws/describeTableShape.js';
import type { Item } from '../aws/tableRef.js';
import type { SegmentCounts } from '../checkpoint/checkpointStore.js';
import { canonicalItem } from './canonicalItem.js';
import type { EngineContext } from './engineContext.js';
import { itemSize } from './itemSize.js';
import { loadResumePoint, saveResumePoint } from './segmentCheckpoint.js';
import { readItems, readPage } from './readItems.js';
import type { SegmentCheckpointing, SegmentOutcome, SegmentTask } from './runSegment.js';
import { keyAttributes, put, remove } from './writeRequests.js';
import { addCounts, NO_COUNTS } from './segmentCounts.js';
import { DigestAccumulator, itemHash } from './tableDigest.js';
import { writeItems } from './writeItems.js';

/** Page pairs between checkpoints (each checkpoint first settles every unmatched key). */
const PAGES_PER_CHECKPOINT = 8;
/** Unmatched items held in memory before they are settled early, so memory stays bounded. */
const MAX_PENDING_ITEMS = 20_000;
const MAX_PENDING_BYTES = 32 * 1024 * 1024;

interface Unmatched {
  readonly source: Map<string, { readonly item: Item; readonly hash: string }>;
  readonly destination: Map<string, { readonly key: Item; readonly hash: string }>;
  bytes: number;
}

/**
 * Makes one destination segment equal to the same source segment, reading
 * each table once with a scan and writing only the differences.
 *
 * Both segments are scanned side by side, and each item is matched by key
 * with the other side's items seen so far: equal hashes mean nothing to do,
 * different ones a put. Two tables with the same key schema return a
 * segment's keys in the same order (DynamoDB and dynalite both order a scan
 * by the partition key's hash), so nearly every key finds its match within a
 * page or two and the engine never has to fetch an item by key. Keys left
 * unmatched — a difference, or a key the other table keeps elsewhere — are
 * settled with BatchGetItem on the other table: put if missing or different
 * there, delete if the source lacks it. Correctness never rests on the scan
 * order: an order assumption that fails only costs reads.
 */
export async function runDeltaSegment(
  task: SegmentTask,
  ctx: EngineContext,
  checkpointing?: SegmentCheckpointing,
  deadline?: number,
): Promise<SegmentOutcome> {
  const resume = await loadResumePoint(task, checkpointing);
  const digest = new DigestAccumulator(resume.state.digest);
  let counts = resume.counts;
  if (resume.done) return { done: true, counts, digest: digest.value() };
  let sourceCursor = resume.state.cursor;
  let destinationCursor = resume.state.destinationCursor;
  let sourceDone = resume.state.sourceDone ?? false;
  let destinationDone = resume.state.destinationDone ?? false;
  const unmatched: Unmatched = { source: new Map(), destination: new Map(), bytes: 0 };
  const segment = { segment: task.segment, totalSegments: task.totalSegments };

  for (let pairs = 1; ; pairs++) {
    const [sourcePage, destinationPage] = await Promise.all([
      sourceDone ? undefined : readPage(task.source!, { ...segment, startKey: sourceCursor }, ctx),
      destinationDone ? undefined : readPage(task.destination!, { ...segment, startKey: destinationCursor }, ctx),
    ]);
    const puts: WriteRequest[] = [];
    let unchanged = 0;
    for (const item of sourcePage?.items ?? []) {
      const hash = itemHash(item);
      digest.addHash(hash);
      const key = canonicalItem(keyOf(item, task.schema));
      const other = unmatched.destination.get(key);
      if (other) {
        unmatched.destination.delete(key);
        if (other.hash === hash) unchanged += 1;
        else puts.push(put(item));
      } else {
        unmatched.source.set(key, { item, hash });
        unmatched.bytes += itemSize(item);
      }
    }
    for (const item of destinationPage?.items ?? []) {
      const hash = itemHash(item);
      const key = canonicalItem(keyOf(item, task.schema));
      const other = unmatched.source.get(key);
      if (other) {
        unmatched.source.delete(key);
        unmatched.bytes -= itemSize(other.item);
        if (other.hash === hash) unchanged += 1;
        else puts.push(put(other.item));
      } else {
        unmatched.destination.set(key, { key: keyOf(item, task.schema), hash });
      }
    }
    await writeItems(task.destination!, puts, task.schema, ctx);
    const scanned = (sourcePage?.items.length ?? 0) + (destinationPage?.items.length ?? 0);
    const page: SegmentCounts = { ...NO_COUNTS, scanned, written: puts.length, unchanged };
    counts = addCounts(counts, page);
    ctx.progress.add(page);
    if (sourcePage) sourceCursor = sourcePage.lastKey;
    if (destinationPage) destinationCursor = destinationPage.lastKey;
    sourceDone ||= sourceCursor === undefined;
    destinationDone ||= destinationCursor === undefined;

    const done = sourceDone && destinationDone;
    const pending = unmatched.source.size + unmatched.destination.size;
    const stop = done || (deadline !== undefined && Date.now() >= deadline);
    if (
      stop ||
      pairs % PAGES_PER_CHECKPOINT === 0 ||
      pending > MAX_PENDING_ITEMS ||
      unmatched.bytes > MAX_PENDING_BYTES
    ) {
      // A checkpoint holds cursors only, so everything read before them is settled first.
      const settled = await settle(task, unmatched, ctx);
      counts = addCounts(counts, settled);
      ctx.progress.add(settled);
      await saveResumePoint(task, checkpointing, {
        done,
        counts,
        state: { cursor: sourceCursor, destinationCursor, sourceDone, destinationDone, digest: digest.value() },
      });
    }
    if (done) ctx.progress.segmentDone();
    if (stop) return { done, counts, digest: digest.value() };
  }
}

/** Settles unmatched keys by reading them from the other table. */
async function settle(task: SegmentTask, unmatched: Unmatched, ctx: EngineContext): Promise<SegmentCounts> {
  const sources = [...unmatched.source.values()];
  const destinationKeys = [...unmatched.destination.values()].map((d) => d.key);
  unmatched.source.clear();
  unmatched.destination.clear();
  unmatched.bytes = 0;
  const [inDestination, inSource] = await Promise.all([
    readItems(
      task.destination!,
      sources.map((s) => keyOf(s.item, task.schema)),
      undefined,
      ctx,
    ),
    readItems(task.source!, destinationKeys, keyAttributes(task.schema), ctx),
  ]);
  const destinationHashes = new Map(inDestination.map((i) => [canonicalItem(keyOf(i, task.schema)), itemHash(i)]));
  const writes: WriteRequest[] = [];
  for (const { item, hash } of sources) {
    if (destinationHashes.get(canonicalItem(keyOf(item, task.schema))) !== hash) writes.push(put(item));
  }
  const puts = writes.length;
  const present = new Set(inSource.map(canonicalItem));
  for (const key of destinationKeys) if (!present.has(canonicalItem(key))) writes.push(remove(key));
  await writeItems(task.destination!, writes, task.schema, ctx);
  return { ...NO_COUNTS, written: puts, deleted: writes.length - puts, unchanged: sources.length - puts };
}
