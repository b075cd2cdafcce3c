import {
  CreateBackupCommand,
  CreateTableCommand,
  DeleteItemCommand,
  DescribeBackupCommand,
  DescribeTableCommand,
  DynamoDBClient,
  PutItemCommand,
} from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../src/index.js';

// TableSizeBytes and IndexSizeBytes by AWS's item size rules: attribute name bytes plus value bytes
// (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/CapacityUnitCalculations.html), no 100-byte
// per-item overhead in DescribeTable, index entries of table key + index key + projected attributes
// (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/LSI.html#LSI.StorageConsiderations).
let sandbox: Sandbox;
let ddb: DynamoDBClient;

// By hand: pk "a" 2+1, sk "1" 2+1, priority 5: 8 + (1 byte per 2 digits + 1 = 2), note "héllo": 4 + 6 UTF-8
// bytes, status "open": 6 + 4, big [ "x", 12.50 ]: 3 + list 3 + (1 + 1) + (1 + 125 → 3) = 12. Total 48.
const FULL = {
  pk: { S: 'a' },
  sk: { S: '1' },
  priority: { N: '5' },
  note: { S: 'héllo' },
  status: { S: 'open' },
  big: { L: [{ S: 'x' }, { N: '12.50' }] },
};
// pk 3 + sk 3 + note "x" 5 = 11; no priority, no status: in neither index.
const BARE = { pk: { S: 'a' }, sk: { S: '2' }, note: { S: 'x' } };

beforeAll(async () => {
  sandbox = await startSandbox();
  ddb = new DynamoDBClient(sandbox.clientConfig);
  await ddb.send(
    new CreateTableCommand({
      TableName: 'sized',
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: [
        { AttributeName: 'pk', AttributeType: 'S' },
        { AttributeName: 'sk', AttributeType: 'S' },
        { AttributeName: 'status', AttributeType: 'S' },
        { AttributeName: 'note', AttributeType: 'S' },
        { AttributeName: 'priority', AttributeType: 'N' },
      ],
      KeySchema: [
        { AttributeName: 'pk', KeyType: 'HASH' },
        { AttributeName: 'sk', KeyType: 'RANGE' },
      ],
      LocalSecondaryIndexes: [
        {
          IndexName: 'byPriority',
          KeySchema: [
            { AttributeName: 'pk', KeyType: 'HASH' },
            { AttributeName: 'priority', KeyType: 'RANGE' },
          ],
          Projection: { ProjectionType: 'INCLUDE', NonKeyAttributes: ['note'] },
        },
      ],
      GlobalSecondaryIndexes: [
        {
          IndexName: 'byStatus',
          KeySchema: [{ AttributeName: 'status', KeyType: 'HASH' }],
          Projection: { ProjectionType: 'KEYS_ONLY' },
        },
        {
          IndexName: 'byNote',
          KeySchema: [{ AttributeName: 'note', KeyType: 'HASH' }],
          Projection: { ProjectionType: 'ALL' },
        },
      ],
    }),
  );
  for (const Item of [FULL, BARE]) await ddb.send(new PutItemCommand({ TableName: 'sized', Item }));
});
afterAll(() => sandbox.stop());

describe('table and index sizes as AWS reports them', () => {
  it('reports TableSizeBytes as the sum of item sizes, and each index its entries', async () => {
    const { Table } = await ddb.send(new DescribeTableCommand({ TableName: 'sized' }));
    expect(Table).toMatchObject({ ItemCount: 2, TableSizeBytes: 48 + 11 });
    // byPriority holds FULL only: pk 3 + sk 3 + priority 10 + note 10.
    expect(Table?.LocalSecondaryIndexes?.[0]).toMatchObject({
      IndexName: 'byPriority',
      IndexSizeBytes: 26,
      ItemCount: 1,
    });
    // byStatus holds FULL only, keys only: pk 3 + sk 3 + status 10.
    expect(Table?.GlobalSecondaryIndexes?.[0]).toMatchObject({
      IndexName: 'byStatus',
      IndexSizeBytes: 16,
      ItemCount: 1,
    });
    // byNote projects ALL and both items have a note: each entry is the whole item.
    expect(Table?.GlobalSecondaryIndexes?.[1]).toMatchObject({ IndexName: 'byNote', IndexSizeBytes: 59, ItemCount: 2 });
  });

  it('follows writes, and a backup is as big as the table was', async () => {
    await ddb.send(new DeleteItemCommand({ TableName: 'sized', Key: { pk: { S: 'a' }, sk: { S: '2' } } }));
    const { Table } = await ddb.send(new DescribeTableCommand({ TableName: 'sized' }));
    expect(Table).toMatchObject({ ItemCount: 1, TableSizeBytes: 48 });
    const { BackupDetails: created } = await ddb.send(
      new CreateBackupCommand({ TableName: 'sized', BackupName: 'sized-now' }),
    );
    // 0 while CREATING, as CreateBackup answers on AWS; the size once AVAILABLE.
    expect(created?.BackupSizeBytes).toBe(0);
    await expect
      .poll(
        async () => (await ddb.send(new DescribeBackupCommand({ BackupArn: created!.BackupArn }))).BackupDescription,
      )
      .toMatchObject({ BackupDetails: { BackupStatus: 'AVAILABLE', BackupSizeBytes: 48 } });
  });
});
