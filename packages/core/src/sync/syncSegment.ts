import { createDynamoDbClient, type AwsClientOptions } from '../aws/createDynamoDbClient.js';
import type { TableRef } from '../aws/tableRef.js';
import type { SegmentCheckpoint, SegmentCounts } from '../checkpoint/checkpointStore.js';
import { MemoryCheckpointStore } from '../checkpoint/memoryCheckpointStore.js';
import { InputError } from '../errors.js';
import { createEngineContext } from './engineContext.js';
import { runSegment } from './runSegment.js';
import { checkpointKey } from './segmentCheckpoint.js';
import { sharedKeySchema } from './sharedKeySchema.js';
import { currentPace, resumePace, validateSegmentPace, type SegmentPace } from './segmentPace.js';
import { SegmentStateCodec } from './segmentState.js';
import { SYNC_OPERATIONS, type SyncOperation } from './syncTypes.js';
import type { TableDigest } from './tableDigest.js';
import { validateSyncOptions } from './validateSyncOptions.js';

/** A table in a JSON payload: its name, and where to reach it (AWS CLI fallbacks for what is left out). */
export interface TableLocation extends AwsClientOptions {
  readonly tableName: string;
}

/**
 * One segment of an operation, as plain JSON (a Step Functions Map iteration
 * hands it to a Lambda worker). `copy` and `delta` read `source` and write
 * `destination`; `empty` writes `destination`; `digest` reads `source`.
 */
export interface SegmentRequest {
  readonly operation: SyncOperation;
  readonly source?: TableLocation;
  readonly destination?: TableLocation;
  readonly segment: number;
  readonly totalSegments: number;
  /** `checkpoints` of a previous result that was not done: continue from there. */
  readonly checkpoints?: readonly SegmentCheckpoint[];
  /** Return (not done) at the first page boundary after this many ms, e.g. well before a Lambda timeout. */
  readonly timeBudgetMs?: number;
  /** `pace` of the previous result of this segment: the next time slice paces on from there. */
  readonly pace?: SegmentPace;
  readonly sensitive?: boolean;
  /** Per worker: divide a table-wide cap by the Map's MaxConcurrency. */
  readonly maxWriteUnitsPerSecond?: number;
  readonly maxReadUnitsPerSecond?: number;
  readonly concurrency?: number;
  readonly pageSize?: number;
}

/** What one segment did, as plain JSON. Results of all segments combine with `combineSegmentResults`. */
export interface SegmentResult {
  readonly operation: SyncOperation;
  readonly segment: number;
  readonly totalSegments: number;
  /** False when the time budget ran out: call again with `checkpoints`. */
  readonly done: boolean;
  readonly counts: SegmentCounts;
  /** Digest of the source segment (copy, delta, digest), when done. */
  readonly digest?: TableDigest;
  /** Resume state (cursors encrypted for sensitive tables). */
  readonly checkpoints: readonly SegmentCheckpoint[];
  /** The pacing the segment ended with (absent when unpaced): pass it in the next request with `checkpoints`. */
  readonly pace?: SegmentPace;
}

const RUN = 'segment';

/**
 * Runs one scan segment of an operation: the same code the whole-table
 * functions run for each of their segments, with JSON in and out so it can
 * be a Lambda payload. Checkpoints travel in the request and the result (the
 * workflow state is the checkpoint store), and so does the write pace, so
 * that a segment run in many short calls paces like one long run.
 *
 * @example
 * // Lambda worker of a Map state over segments 0..N-1
 * export const handler = (event: SegmentRequest) => syncSegment(event);
 */
export async function syncSegment(request: SegmentRequest): Promise<SegmentResult> {
  validateSegmentRequest(request);
  const { operation, segment, totalSegments } = request;
  const source = request.source && tableRef(request.source);
  const destination = request.destination && tableRef(request.destination);
  const schema = await sharedKeySchema({ source, destination });
  const store = new MemoryCheckpointStore();
  for (const c of request.checkpoints ?? []) await store.save(RUN, checkpointKey(c), c);
  const codec = new SegmentStateCodec(request.sensitive ?? false);
  codec.assertCanStore();
  const ctx = createEngineContext(operation, totalSegments, { ...request, checkpoints: undefined });
  resumePace(ctx, destination?.tableName, request.pace);
  const outcome = await runSegment(
    { operation, source, destination, schema, segment, totalSegments },
    ctx,
    { store, runId: RUN, codec },
    request.timeBudgetMs === undefined ? undefined : Date.now() + request.timeBudgetMs,
  );
  const pace = currentPace(ctx, destination?.tableName);
  return { operation, segment, totalSegments, ...outcome, checkpoints: store.list(RUN), ...(pace && { pace }) };
}

function tableRef(location: TableLocation): TableRef {
  return { client: createDynamoDbClient({ ...location, maxAttempts: 1 }), tableName: location.tableName };
}

function validateSegmentRequest(request: SegmentRequest): void {
  validateSyncOptions({ ...request, checkpoints: undefined, segments: request.totalSegments });
  validateSegmentPace(request.pace);
  if (!SYNC_OPERATIONS.includes(request.operation)) {
    throw new InputError(
      'operation',
      request.operation,
      'is not a sync operation',
      'Use copy, empty, delta or digest.',
    );
  }
  if (!Number.isInteger(request.segment) || request.segment < 0 || request.segment >= request.totalSegments) {
    throw new InputError(
      'segment',
      request.segment,
      `is not a segment of ${request.totalSegments}`,
      `Give 0 to ${request.totalSegments - 1}.`,
    );
  }
  const needs = {
    copy: ['source', 'destination'],
    delta: ['source', 'destination'],
    empty: ['destination'],
    digest: ['source'],
  } as const;
  for (const field of needs[request.operation]) {
    if (!request[field]?.tableName) {
      throw new InputError(field, request[field], `is required for ${request.operation}`, 'Give { "tableName": ... }.');
    }
  }
}
