import {
  BatchWriteItemCommand,
  CreateTableCommand,
  UpdateContinuousBackupsCommand,
  waitUntilTableExists,
  type AttributeValue,
  type DynamoDBClient,
} from '@aws-sdk/client-dynamodb';

/** The reference recovery system's table shapes, small: providers with a GSI, and transactions. */
export const SAMPLE_TABLES = {
  providers: 'Demo-ProviderTable',
  transactions: 'Demo-TransactionHistoryTable',
} as const;

/** A sample item with every kind of DynamoDB value the restore must carry exactly. */
export function sampleItem(table: string, i: number): Record<string, AttributeValue> {
  const common = {
    n: { N: String(i * 1.5) },
    bin: { B: Buffer.from([i % 256, 0, 255]) },
    tags: { SS: [`t${i % 3}`, 'all'] },
    scores: { NS: ['0.5', String(i)] },
    blobs: { BS: [Buffer.from(`b${i}`)] },
    nested: { M: { ok: { BOOL: i % 2 === 0 }, list: { L: [{ S: 'x' }, { NULL: true }] } } },
  };
  if (table === SAMPLE_TABLES.providers) {
    return {
      pk: { S: `compact#${i % 5}` },
      sk: { S: `provider#${i}` },
      licenseState: { S: ['ne', 'oh', 'ky'][i % 3]! },
      ...common,
    };
  }
  return { transactionId: { S: `tx-${String(i).padStart(5, '0')}` }, amount: { N: `${i}.25` }, ...common };
}

/** Creates both sample tables (on-demand, PITR on) and writes `count` items to each. */
export async function createSampleTables(client: DynamoDBClient, count: number): Promise<void> {
  await client.send(
    new CreateTableCommand({
      TableName: SAMPLE_TABLES.providers,
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: [
        { AttributeName: 'pk', AttributeType: 'S' },
        { AttributeName: 'sk', AttributeType: 'S' },
        { AttributeName: 'licenseState', AttributeType: 'S' },
      ],
      KeySchema: [
        { AttributeName: 'pk', KeyType: 'HASH' },
        { AttributeName: 'sk', KeyType: 'RANGE' },
      ],
      GlobalSecondaryIndexes: [
        {
          IndexName: 'byLicenseState',
          KeySchema: [{ AttributeName: 'licenseState', KeyType: 'HASH' }],
          Projection: { ProjectionType: 'ALL' },
        },
      ],
    }),
  );
  await client.send(
    new CreateTableCommand({
      TableName: SAMPLE_TABLES.transactions,
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: [{ AttributeName: 'transactionId', AttributeType: 'S' }],
      KeySchema: [{ AttributeName: 'transactionId', KeyType: 'HASH' }],
    }),
  );
  for (const table of Object.values(SAMPLE_TABLES)) {
    await waitUntilTableExists({ client, maxWaitTime: 30 }, { TableName: table });
    await client.send(
      new UpdateContinuousBackupsCommand({
        TableName: table,
        PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
      }),
    );
    await putItems(
      client,
      table,
      Array.from({ length: count }, (_, i) => sampleItem(table, i)),
    );
  }
}

/** Writes items in batches of 25 (BatchWriteItem's limit), retrying what comes back unprocessed. */
export async function putItems(
  client: DynamoDBClient,
  table: string,
  items: Record<string, AttributeValue>[],
): Promise<void> {
  for (let i = 0; i < items.length; i += 25) {
    let requests = items.slice(i, i + 25).map((Item) => ({ PutRequest: { Item } }));
    while (requests.length) {
      const out = await client.send(new BatchWriteItemCommand({ RequestItems: { [table]: requests } }));
      requests = (out.UnprocessedItems?.[table] ?? []) as typeof requests;
    }
  }
}
