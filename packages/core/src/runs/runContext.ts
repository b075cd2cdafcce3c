import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { AwsClientOptions } from '../aws/createDynamoDbClient.js';
import type { RunJournal } from '../journal/runJournal.js';

/** Progress of a running recovery, for a terminal display: items processed since the last report. */
export interface RunProgress {
  readonly tableName: string;
  /** The sync operation (`empty`, `copy`, `delta`), `verify`, or a selective restore's pass. */
  readonly phase: string;
  readonly newItems: number;
}

/**
 * What a command's run works with, whoever starts it: the CLI builds it from flags, the Lambda handler from
 * its environment.
 */
export interface RunContext {
  readonly dynamodb: DynamoDBClient;
  /** Where `dynamodb` points (region, endpoint, profile): the sync engine builds its own client from it. */
  readonly aws: AwsClientOptions;
  readonly journal: RunJournal;
  /** Who runs it, recorded in the journal and the locks: `user@host` locally; on AWS, the execution's role. */
  readonly startedBy: string;
  /** Told as items are processed (the CLI's progress bar). */
  readonly onProgress?: (progress: RunProgress) => void;
}
