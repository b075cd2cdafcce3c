import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { AwsClientOptions } from '../aws/createDynamoDbClient.js';
import type { RunJournal } from '../journal/runJournal.js';

/** Progress of a running recovery, for a terminal display: items processed since the last report. */
export interface RestoreProgress {
  readonly tableName: string;
  /** The sync operation (`empty`, `copy`, `delta`) or `verify`. */
  readonly phase: string;
  readonly newItems: number;
}

/**
 * What the steps of a recovery work with. The CLI builds it from flags; the
 * Lambda handler from its environment.
 */
export interface RestoreContext {
  readonly dynamodb: DynamoDBClient;
  /** Where `dynamodb` points (region, endpoint, profile): sync workers build their own clients from it. */
  readonly aws: AwsClientOptions;
  readonly journal: RunJournal;
  /** Told as items are processed (the CLI's progress bar). */
  readonly onProgress?: (progress: RestoreProgress) => void;
  /**
   * How long one sync segment call works before it returns unfinished (the
   * workflow then calls it again). Keep it well under Lambda's 15 minutes.
   * @default 600000
   */
  readonly segmentBudgetMs?: number;
}
