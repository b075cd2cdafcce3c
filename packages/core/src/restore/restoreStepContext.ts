import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { KeySchema } from '../aws/describeTableShape.js';
import type { CheckpointStore } from '../checkpoint/checkpointStore.js';
import type { RunContext } from '../runs/runContext.js';
import type { EngineContext } from '../sync/engineContext.js';

/**
 * What the restore workflow's steps run with. The in-process executor builds it once for a whole run; the
 * Lambda handler once per container (and `engine` per invocation: a segment call is a process boundary).
 */
export interface RestoreStepContext extends RunContext {
  /** Where sync and verification segments keep their checkpoints, one entry per segment. */
  readonly checkpoints: CheckpointStore;
  /** The client the sync engine reads and writes with: no SDK retries, the engine retries and paces itself. */
  readonly engineClient: DynamoDBClient;
  /**
   * In-process: what every segment of the run shares (one request pool, one rate controller per table, one
   * DescribeTable per table). Absent on Lambda, where each invocation makes its own.
   */
  readonly engine?: SharedEngine;
  /**
   * How long one segment call works before it returns unfinished (the state machine then calls it again).
   * Keep it well under Lambda's 15 minutes. Absent: a segment runs until it is done (in-process).
   */
  readonly segmentBudgetMs?: number;
}

/** The sync engine's context shared by a whole in-process run. */
export interface SharedEngine {
  readonly context: EngineContext;
  /** The key schema of a table, read once per run. */
  readonly keySchema: (tables: { readonly source?: string; readonly destination?: string }) => Promise<KeySchema>;
}
