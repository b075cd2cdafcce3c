import {
  ConditionalCheckFailedException,
  DeleteItemCommand,
  GetItemCommand,
  PutItemCommand,
  ScanCommand,
  type AttributeValue,
  type DynamoDBClient,
} from '@aws-sdk/client-dynamodb';
import { DrError } from '../errors.js';
import { backoffDelay, sleep } from '../sync/backoff.js';
import type { JournaledRun, RecoveryLock, RunJournal } from './runJournal.js';

/**
 * Conditional puts of one run that lose a race are retried this often, with full-jitter backoff: writers of
 * one run are the few tables of one recovery (segment checkpoints are items of their own), so a run that
 * still loses after these is contended by something else, and failing loudly beats spinning.
 */
const UPDATE_ATTEMPTS = 10;
const UPDATE_BACKOFF = { baseDelayMs: 20, maxDelayMs: 2000 } as const;

/**
 * A {@link RunJournal} in one DynamoDB table (partition key `pk`, a string),
 * for the Lambda handlers on AWS where there is no shared disk. Locks are
 * conditional puts (`attribute_not_exists`); runs carry a version and are
 * replaced with a conditional put on it, retried on a lost race a bounded number of times with jittered
 * backoff.
 *
 * @example
 * const journal = new DynamoDbRunJournal(new DynamoDBClient({}), 'dynamo-dr-journal');
 */
export class DynamoDbRunJournal implements RunJournal {
  constructor(
    private readonly client: DynamoDBClient,
    readonly tableName: string,
  ) {}

  async getRun(incidentId: string): Promise<JournaledRun | undefined> {
    return (await this.get(`run#${incidentId}`))?.value as JournaledRun | undefined;
  }

  async listRuns(): Promise<JournaledRun[]> {
    const runs = (await this.scan('run#')) as JournaledRun[];
    return runs.sort((a, b) => b.startedAt.localeCompare(a.startedAt));
  }

  async updateRun<R extends JournaledRun>(
    incidentId: string,
    change: (current: JournaledRun | undefined) => R,
  ): Promise<R> {
    for (let attempt = 1; ; attempt++) {
      const current = await this.get(`run#${incidentId}`);
      const updated = change(current?.value as JournaledRun | undefined);
      try {
        await this.client.send(
          new PutItemCommand({
            TableName: this.tableName,
            Item: item(`run#${incidentId}`, updated, (current?.version ?? 0) + 1),
            ConditionExpression: current ? 'version = :v' : 'attribute_not_exists(pk)',
            ExpressionAttributeValues: current ? { ':v': { N: String(current.version) } } : undefined,
          }),
        );
        return updated;
      } catch (error) {
        if (!(error instanceof ConditionalCheckFailedException)) throw error;
        if (attempt >= UPDATE_ATTEMPTS) {
          throw new DrError(
            `The run ${incidentId} in ${this.tableName} changed under every one of ${UPDATE_ATTEMPTS} attempts to record it.`,
            {
              hint: 'Something else writes that run item: find it, stop it, and run the same command again.',
              cause: error,
            },
          );
        }
        await sleep(backoffDelay(attempt, UPDATE_BACKOFF));
      }
    }
  }

  async tryLock(lock: RecoveryLock): Promise<RecoveryLock | undefined> {
    try {
      await this.client.send(
        new PutItemCommand({
          TableName: this.tableName,
          Item: item(`lock#${lock.tableName}`, lock, 1),
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
      return undefined;
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
      return (await this.readLock(lock.tableName)) ?? this.tryLock(lock);
    }
  }

  async readLock(tableName: string): Promise<RecoveryLock | undefined> {
    return (await this.get(`lock#${tableName}`))?.value as RecoveryLock | undefined;
  }

  async unlock(tableName: string, incidentId?: string): Promise<void> {
    try {
      await this.client.send(
        new DeleteItemCommand({
          TableName: this.tableName,
          Key: { pk: { S: `lock#${tableName}` } },
          ...(incidentId === undefined
            ? {}
            : { ConditionExpression: 'incidentId = :i', ExpressionAttributeValues: { ':i': { S: incidentId } } }),
        }),
      );
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
    }
  }

  async listLocks(): Promise<RecoveryLock[]> {
    return (await this.scan('lock#')) as RecoveryLock[];
  }

  private async get(pk: string): Promise<{ value: unknown; version: number } | undefined> {
    const out = await this.client.send(
      new GetItemCommand({ TableName: this.tableName, Key: { pk: { S: pk } }, ConsistentRead: true }),
    );
    if (!out.Item) return undefined;
    return { value: JSON.parse(out.Item.record!.S!), version: Number(out.Item.version!.N) };
  }

  private async scan(prefix: string): Promise<unknown[]> {
    const values: unknown[] = [];
    let start: Record<string, AttributeValue> | undefined;
    do {
      const page = await this.client.send(
        new ScanCommand({
          TableName: this.tableName,
          ConsistentRead: true,
          FilterExpression: 'begins_with(pk, :p)',
          ExpressionAttributeValues: { ':p': { S: prefix } },
          ExclusiveStartKey: start,
        }),
      );
      for (const i of page.Items ?? []) values.push(JSON.parse(i.record!.S!));
      start = page.LastEvaluatedKey;
    } while (start);
    return values;
  }
}

/** The record as JSON text (one attribute; well under the 400 KB item limit), plus what conditions need. */
function item(pk: string, value: JournaledRun | RecoveryLock, version: number): Record<string, AttributeValue> {
  return {
    pk: { S: pk },
    version: { N: String(version) },
    incidentId: { S: value.incidentId },
    record: { S: JSON.stringify(value) },
  };
}
