import {
  DescribeContinuousBackupsCommand,
  DescribeTimeToLiveCommand,
  ListTagsOfResourceCommand,
  TagResourceCommand,
  UpdateContinuousBackupsCommand,
  UpdateTableCommand,
  UpdateTimeToLiveCommand,
  type DynamoDBClient,
  type StreamViewType,
  type TableDescription,
  type Tag,
} from '@aws-sdk/client-dynamodb';

/*
 * The thin layer for the table settings a point-in-time restore does not carry over
 * (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/PointInTimeRecovery.html:
 * "you must manually set up ... auto scaling policies, IAM policies, CloudWatch metrics and alarms, tags,
 * stream settings, TTL settings, point-in-time recovery settings" on the restored table).
 */

/** The settings of a table that a restore drops; absent fields are not set. */
export interface TableSettings {
  /** The TTL attribute, when TTL is enabled (or being enabled). */
  readonly ttlAttribute?: string;
  /** The stream view type, when a stream is enabled. */
  readonly streamViewType?: StreamViewType;
  readonly tags: readonly Tag[];
  /** Point-in-time recovery retention in days (1–35), when PITR is enabled. */
  readonly pitrRecoveryPeriodInDays?: number;
  readonly deletionProtection: boolean;
  /** On-demand tables have no autoscaling; provisioned ones may have Application Auto Scaling targets. */
  readonly billingMode: 'PAY_PER_REQUEST' | 'PROVISIONED';
}

/** Reads a table's settings with DescribeTable, DescribeTimeToLive, ListTagsOfResource, DescribeContinuousBackups. */
export async function readTableSettings(client: DynamoDBClient, table: TableDescription): Promise<TableSettings> {
  const name = table.TableName!;
  const [ttl, tags, backups] = await Promise.all([
    client.send(new DescribeTimeToLiveCommand({ TableName: name })),
    listTags(client, table.TableArn!),
    client.send(new DescribeContinuousBackupsCommand({ TableName: name })),
  ]);
  const ttlStatus = ttl.TimeToLiveDescription?.TimeToLiveStatus;
  const pitr = backups.ContinuousBackupsDescription?.PointInTimeRecoveryDescription;
  const stream = table.StreamSpecification;
  return {
    ttlAttribute:
      ttlStatus === 'ENABLED' || ttlStatus === 'ENABLING' ? ttl.TimeToLiveDescription?.AttributeName : undefined,
    streamViewType: stream?.StreamEnabled ? stream.StreamViewType : undefined,
    tags,
    pitrRecoveryPeriodInDays:
      pitr?.PointInTimeRecoveryStatus === 'ENABLED' ? (pitr.RecoveryPeriodInDays ?? 35) : undefined,
    deletionProtection: table.DeletionProtectionEnabled === true,
    billingMode: table.BillingModeSummary?.BillingMode === 'PAY_PER_REQUEST' ? 'PAY_PER_REQUEST' : 'PROVISIONED',
  };
}

async function listTags(client: DynamoDBClient, arn: string): Promise<Tag[]> {
  const tags: Tag[] = [];
  let next: string | undefined;
  do {
    const page = await client.send(new ListTagsOfResourceCommand({ ResourceArn: arn, NextToken: next }));
    tags.push(...(page.Tags ?? []));
    next = page.NextToken;
  } while (next);
  return tags;
}

/** Enables TTL on `attribute`. */
export async function enableTtl(client: DynamoDBClient, tableName: string, attribute: string): Promise<void> {
  await client.send(
    new UpdateTimeToLiveCommand({
      TableName: tableName,
      TimeToLiveSpecification: { AttributeName: attribute, Enabled: true },
    }),
  );
}

/** Enables a stream with `viewType` (UpdateTable; the table is UPDATING afterwards). */
export async function enableStream(client: DynamoDBClient, tableName: string, viewType: StreamViewType): Promise<void> {
  await client.send(
    new UpdateTableCommand({
      TableName: tableName,
      StreamSpecification: { StreamEnabled: true, StreamViewType: viewType },
    }),
  );
}

/** Adds tags (TagResource takes at most 50 per call). */
export async function addTags(client: DynamoDBClient, arn: string, tags: readonly Tag[]): Promise<void> {
  for (let i = 0; i < tags.length; i += 50) {
    await client.send(new TagResourceCommand({ ResourceArn: arn, Tags: tags.slice(i, i + 50) }));
  }
}

/** Enables point-in-time recovery with a retention of `days`. */
export async function enablePitr(client: DynamoDBClient, tableName: string, days: number): Promise<void> {
  await client.send(
    new UpdateContinuousBackupsCommand({
      TableName: tableName,
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true, RecoveryPeriodInDays: days },
    }),
  );
}

/** Turns deletion protection on (UpdateTable). */
export async function protectFromDeletion(client: DynamoDBClient, tableName: string): Promise<void> {
  await client.send(new UpdateTableCommand({ TableName: tableName, DeletionProtectionEnabled: true }));
}
