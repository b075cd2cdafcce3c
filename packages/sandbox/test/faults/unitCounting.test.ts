import {
  BatchGetItemCommand,
  BatchWriteItemCommand,
  DeleteItemCommand,
  GetItemCommand,
  PutItemCommand,
  QueryCommand,
  ScanCommand,
  UpdateItemCommand,
  type AttributeValue,
} from '@aws-sdk/client-dynamodb';
import { expect, it } from 'vitest';
import { filler, useSandbox } from './faultTestKit.js';

// What a faulted table is charged, from DynamoDB's rules for capacity units
// (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/read-write-operations.html) and item sizes
// (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/CapacityUnitCalculations.html): the
// sandbox's `writeUnits` / `readUnits` counters and the ConsumedCapacity a client asking for it is given.

const env = useSandbox(['writes', 'batch', 'reads', 'scanned', 'utf8']);

const KB = 1024;
/** An item of exactly `bytes` bytes: `pk` (2 + its value) and `d` (1 + the filler). */
const sized = (pk: string, bytes: number): Record<string, AttributeValue> => ({
  pk: { S: pk },
  d: { S: filler(bytes - 3 - pk.length) },
});
const key = (pk: string) => ({ pk: { S: pk } });
/** Puts items while the table has no faults (not counted). */
async function seed(table: string, items: Record<string, AttributeValue>[]) {
  for (const Item of items) await env.ddb.send(new PutItemCommand({ TableName: table, Item }));
}
const units = (table: string) => {
  const stats = env.sandbox.faultStats(table)!;
  return { write: stats.writeUnits, read: stats.readUnits };
};

it('charges single writes the larger of the item before and after, per started KB', async () => {
  await seed('writes', [sized('big', 3 * KB), sized('grown', KB / 2), sized('gone', 2.5 * KB)]);
  env.sandbox.setFaults('writes', {});
  const put = await env.ddb.send(
    new PutItemCommand({ TableName: 'writes', Item: sized('new', 1.5 * KB), ReturnConsumedCapacity: 'TOTAL' }),
  );
  expect(put.ConsumedCapacity?.CapacityUnits).toBe(2); // a new 1.5 KB item
  expect(units('writes').write).toBe(2);
  // A 0.5 KB item replacing a 3 KB one is charged the 3 KB.
  await env.ddb.send(new PutItemCommand({ TableName: 'writes', Item: sized('big', KB / 2) }));
  expect(units('writes').write).toBe(2 + 3);
  // An update growing an item from 0.5 KB to 1.5 KB is charged the 1.5 KB.
  const updated = await env.ddb.send(
    new UpdateItemCommand({
      TableName: 'writes',
      Key: key('grown'),
      UpdateExpression: 'SET d = :d',
      ExpressionAttributeValues: { ':d': { S: filler(1.5 * KB - 3 - 'grown'.length) } },
      ReturnConsumedCapacity: 'TOTAL',
    }),
  );
  expect(updated.ConsumedCapacity?.CapacityUnits).toBe(2);
  // A delete is charged the size of the item it deletes; deleting nothing, 1.
  await env.ddb.send(new DeleteItemCommand({ TableName: 'writes', Key: key('gone') }));
  await env.ddb.send(new DeleteItemCommand({ TableName: 'writes', Key: key('never') }));
  expect(units('writes').write).toBe(2 + 3 + 2 + 3 + 1);
});

it('charges each BatchWriteItem request as the put or delete it is, deletes by the size of the deleted item', async () => {
  await seed('batch', [sized('old', 2.5 * KB), sized('small', 100)]);
  env.sandbox.setFaults('batch', {});
  const result = await env.ddb.send(
    new BatchWriteItemCommand({
      RequestItems: {
        batch: [
          { DeleteRequest: { Key: key('old') } }, // 2.5 KB deleted: 3
          { DeleteRequest: { Key: key('missing') } }, // nothing deleted: 1
          { PutRequest: { Item: sized('fresh', 1.5 * KB) } }, // new 1.5 KB: 2
          { PutRequest: { Item: sized('small', 4 * KB) } }, // 100 B replaced by 4 KB: 4
        ],
      },
      ReturnConsumedCapacity: 'TOTAL',
    }),
  );
  expect(result.ConsumedCapacity).toEqual([{ TableName: 'batch', CapacityUnits: 3 + 1 + 2 + 4 }]);
  expect(units('batch').write).toBe(10);
  // The items replaced or deleted were read to size them, but only the client's own call is counted.
  expect(env.sandbox.faultStats('batch')?.requestsByOperation).toEqual({ BatchWriteItem: 1 });
});

it('charges a read for the whole item, whatever a projection returns, and a read for a key not found', async () => {
  await seed('reads', [sized('five', 5 * KB), sized('one', KB)]);
  env.sandbox.setFaults('reads', {});
  const projected = await env.ddb.send(
    new GetItemCommand({
      TableName: 'reads',
      Key: key('five'),
      ProjectionExpression: 'pk',
      ReturnConsumedCapacity: 'TOTAL',
    }),
  );
  expect(projected.Item).toEqual(key('five'));
  expect(projected.ConsumedCapacity?.CapacityUnits).toBe(1); // 5 KB: 2 blocks of 4 KB, eventually consistent
  await env.ddb.send(new GetItemCommand({ TableName: 'reads', Key: key('nobody'), ConsistentRead: true })); // 1
  expect(units('reads').read).toBe(1 + 1);
  const batch = await env.ddb.send(
    new BatchGetItemCommand({
      RequestItems: {
        reads: { Keys: [key('five'), key('one'), key('nobody')], ConsistentRead: true, ProjectionExpression: 'pk' },
      },
      ReturnConsumedCapacity: 'TOTAL',
    }),
  );
  // Each key is a GetItem of its own: 5 KB is 2, 1 KB is 1, a key not found 1.
  expect(batch.ConsumedCapacity).toEqual([{ TableName: 'reads', CapacityUnits: 2 + 1 + 1 }]);
  expect(units('reads').read).toBe(2 + 4);
});

it('charges a Scan or Query for the items it evaluates, summed then rounded to 4 KB, not for what it returns', async () => {
  await seed(
    'scanned',
    Array.from({ length: 10 }, (_, i) => sized(`k${i}`, KB)),
  );
  env.sandbox.setFaults('scanned', {});
  // 10 items of 1 KB: 10 KB, 3 blocks of 4 KB: 3 units strongly consistent, 1.5 eventually consistent.
  const all = await env.ddb.send(new ScanCommand({ TableName: 'scanned', ReturnConsumedCapacity: 'TOTAL' }));
  expect(all.Count).toBe(10);
  expect(all.ConsumedCapacity?.CapacityUnits).toBe(1.5);
  const filtered = await env.ddb.send(
    new ScanCommand({
      TableName: 'scanned',
      FilterExpression: 'pk = :none',
      ExpressionAttributeValues: { ':none': { S: 'none' } },
      ProjectionExpression: 'pk',
      ConsistentRead: true,
      ReturnConsumedCapacity: 'TOTAL',
    }),
  );
  expect(filtered).toMatchObject({ Count: 0, ScannedCount: 10, ConsumedCapacity: { CapacityUnits: 3 } });
  const counted = await env.ddb.send(new ScanCommand({ TableName: 'scanned', Select: 'COUNT', Limit: 4 }));
  expect(counted.Count).toBe(4); // 4 KB evaluated: 1 block, eventually consistent: 0.5
  const queried = await env.ddb.send(
    new QueryCommand({
      TableName: 'scanned',
      KeyConditionExpression: '#k = :k',
      FilterExpression: 'attribute_not_exists(d)',
      ExpressionAttributeNames: { '#k': 'pk' },
      ExpressionAttributeValues: { ':k': { S: 'k3' } },
      ReturnConsumedCapacity: 'TOTAL',
    }),
  );
  expect(queried).toMatchObject({ Count: 0, ConsumedCapacity: { CapacityUnits: 0.5 } }); // one 1 KB item evaluated
  expect(units('scanned').read).toBe(1.5 + 3 + 0.5 + 0.5);
});

it('sizes strings in UTF-8 bytes, as DynamoDB does, not in characters', async () => {
  env.sandbox.setFaults('utf8', {});
  // 600 two-byte characters: 1,200 bytes of value, so 2 write units (600 characters would fit in 1).
  const put = await env.ddb.send(
    new PutItemCommand({
      TableName: 'utf8',
      Item: { pk: { S: 'u' }, d: { S: 'é'.repeat(600) } },
      ReturnConsumedCapacity: 'TOTAL',
    }),
  );
  expect(put.ConsumedCapacity?.CapacityUnits).toBe(2);
  expect(units('utf8').write).toBe(2);
});
