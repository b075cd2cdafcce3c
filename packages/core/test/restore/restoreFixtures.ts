import {
  BatchWriteItemCommand,
  CreateTableCommand,
  DeleteItemCommand,
  ListBackupsCommand,
  ListTablesCommand,
  PutItemCommand,
  ScanCommand,
  UpdateContinuousBackupsCommand,
  UpdateItemCommand,
  type AttributeValue,
  type DynamoDBClient,
} from '@aws-sdk/client-dynamodb';

type Item = Record<string, AttributeValue>;

/** An item with numbers (huge and tiny), binaries, every set type, nested maps and lists. */
export function sampleItem(i: number): Item {
  return {
    pk: { S: `p#${i % 7}` },
    sk: { N: String(i) },
    gsiKey: { S: `g#${i % 3}` },
    big: { N: `12345678901234567890123456789012345678e${i % 5}` },
    tiny: { N: `-0.000000000000000000000000000000000${i + 1}` },
    bin: { B: Uint8Array.from([i % 256, 0, 255, 7]) },
    ss: { SS: [`a${i}`, 'b', 'c'] },
    ns: { NS: ['1.5', String(i + 2), '-3'] },
    bs: { BS: [Uint8Array.from([1, i % 256]), Uint8Array.from([9])] },
    doc: { M: { flag: { BOOL: i % 2 === 0 }, nothing: { NULL: true }, list: { L: [{ S: 'x' }, { N: String(i) }] } } },
  };
}

/** A table keyed (pk S, sk N) with a GSI, PITR on, holding `count` sample items. */
export async function createSampleTable(client: DynamoDBClient, tableName: string, count: number): Promise<void> {
  await client.send(
    new CreateTableCommand({
      TableName: tableName,
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: [
        { AttributeName: 'pk', AttributeType: 'S' },
        { AttributeName: 'sk', AttributeType: 'N' },
        { AttributeName: 'gsiKey', AttributeType: 'S' },
      ],
      KeySchema: [
        { AttributeName: 'pk', KeyType: 'HASH' },
        { AttributeName: 'sk', KeyType: 'RANGE' },
      ],
      GlobalSecondaryIndexes: [
        {
          IndexName: 'byGsiKey',
          KeySchema: [{ AttributeName: 'gsiKey', KeyType: 'HASH' }],
          Projection: { ProjectionType: 'ALL' },
        },
      ],
    }),
  );
  await client.send(
    new UpdateContinuousBackupsCommand({
      TableName: tableName,
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
    }),
  );
  for (let i = 0; i < count; i += 25) {
    const batch = Array.from({ length: Math.min(25, count - i) }, (_, j) => ({
      PutRequest: { Item: sampleItem(i + j) },
    }));
    let requests = batch;
    while (requests.length) {
      const out = await client.send(new BatchWriteItemCommand({ RequestItems: { [tableName]: requests } }));
      requests = (out.UnprocessedItems?.[tableName] ?? []) as typeof batch;
    }
  }
}

/** What happens after T: some items deleted, some corrupted, some bad ones added. */
export async function simulateIncident(client: DynamoDBClient, tableName: string, count: number): Promise<void> {
  const key = (i: number) => ({ pk: sampleItem(i).pk!, sk: sampleItem(i).sk! });
  for (let i = 0; i < 5; i++) await client.send(new DeleteItemCommand({ TableName: tableName, Key: key(i) }));
  for (let i = 5; i < 10; i++) {
    await client.send(
      new UpdateItemCommand({
        TableName: tableName,
        Key: key(i),
        UpdateExpression: 'SET big = :n, gsiKey = :g REMOVE ss ADD ns :extra',
        ExpressionAttributeValues: { ':n': { N: '0' }, ':g': { S: 'corrupt' }, ':extra': { NS: ['99'] } },
      }),
    );
  }
  for (let i = count; i < count + 5; i++)
    await client.send(new PutItemCommand({ TableName: tableName, Item: sampleItem(i) }));
}

/**
 * A table's content as comparable JSON, item by item, independent of scan
 * order and of set order (DynamoDB sets are unordered).
 */
export async function tableContents(client: DynamoDBClient, tableName: string, indexName?: string): Promise<string[]> {
  const items: string[] = [];
  let start: Item | undefined;
  do {
    const page = await client.send(
      new ScanCommand({
        TableName: tableName,
        IndexName: indexName,
        ExclusiveStartKey: start,
        ConsistentRead: !indexName,
      }),
    );
    for (const item of page.Items ?? []) items.push(canonical(item));
    start = page.LastEvaluatedKey;
  } while (start);
  return items.sort();
}

function canonical(value: unknown): string {
  if (value instanceof Uint8Array) return JSON.stringify(Buffer.from(value).toString('base64'));
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value).sort(([a], [b]) => (a < b ? -1 : 1));
    return `{${entries
      .map(
        ([k, v]) =>
          `${JSON.stringify(k)}:${['SS', 'NS', 'BS'].includes(k) ? `[${(v as unknown[]).map(canonical).sort().join(',')}]` : canonical(v)}`,
      )
      .join(',')}}`;
  }
  return JSON.stringify(value);
}

/** Table names and user backups as DynamoDB lists them: what a run created. */
export async function awsResources(client: DynamoDBClient): Promise<{ tables: string[]; backups: string[] }> {
  const tables = (await client.send(new ListTablesCommand({}))).TableNames ?? [];
  const backups = ((await client.send(new ListBackupsCommand({}))).BackupSummaries ?? []).map(
    (b) => `${b.BackupName}:${b.BackupStatus}`,
  );
  return { tables: [...tables].sort(), backups: backups.sort() };
}

/** Waits long enough that the next write is strictly after the returned time. */
export async function timeBetweenWrites(): Promise<string> {
  await new Promise((resolve) => setTimeout(resolve, 20));
  const t = new Date().toISOString();
  await new Promise((resolve) => setTimeout(resolve, 20));
  return t;
}
