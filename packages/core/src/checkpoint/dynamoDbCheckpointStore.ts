import {
  DeleteItemCommand,
  GetItemCommand,
  PutItemCommand,
  ScanCommand,
  type AttributeValue,
  type DynamoDBClient,
} from '@aws-sdk/client-dynamodb';
import type { CheckpointStore, SegmentCheckpoint } from './checkpointStore.js';

/**
 * A {@link CheckpointStore} in the DynamoDB table that holds the run journal on AWS (partition key `pk`):
 * one item per segment, `checkpoint#<runId>#<key>`, so that parallel segments (one Lambda invocation each)
 * never write the same item. A save is one PutItem, atomic as the contract asks.
 *
 * @example
 * const checkpoints = new DynamoDbCheckpointStore(new DynamoDBClient({}), 'dynamo-dr-journal');
 */
export class DynamoDbCheckpointStore implements CheckpointStore {
  constructor(
    private readonly client: DynamoDBClient,
    readonly tableName: string,
  ) {}

  async load(runId: string, key: string): Promise<SegmentCheckpoint | undefined> {
    const out = await this.client.send(
      new GetItemCommand({ TableName: this.tableName, Key: { pk: { S: pk(runId, key) } }, ConsistentRead: true }),
    );
    return out.Item ? (JSON.parse(out.Item.record!.S!) as SegmentCheckpoint) : undefined;
  }

  async save(runId: string, key: string, checkpoint: SegmentCheckpoint): Promise<void> {
    await this.client.send(
      new PutItemCommand({
        TableName: this.tableName,
        Item: { pk: { S: pk(runId, key) }, record: { S: JSON.stringify(checkpoint) } },
      }),
    );
  }

  async clear(runId: string): Promise<void> {
    let start: Record<string, AttributeValue> | undefined;
    do {
      const page = await this.client.send(
        new ScanCommand({
          TableName: this.tableName,
          ConsistentRead: true,
          ProjectionExpression: 'pk',
          FilterExpression: 'begins_with(pk, :p)',
          ExpressionAttributeValues: { ':p': { S: pk(runId, '') } },
          ExclusiveStartKey: start,
        }),
      );
      for (const item of page.Items ?? []) {
        await this.client.send(new DeleteItemCommand({ TableName: this.tableName, Key: { pk: item.pk! } }));
      }
      start = page.LastEvaluatedKey;
    } while (start);
  }
}

function pk(runId: string, key: string): string {
  return `checkpoint#${runId}#${key}`;
}
