import { DeleteItemCommand } from '@aws-sdk/client-dynamodb';
import { startSandbox, type Sandbox } from '@dynamo-dr/sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compareTables, copyTable, deltaSync, emptyTable, type Item, type TableRef } from '../../src/index.js';
import { createTable, putItems, sandboxClient, scanAll, type KeyDefinition } from './sandboxTables.js';

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startSandbox();
});
afterAll(() => sandbox.stop());

// Key names deliberately not pk/sk (and one reserved word), so nothing may assume them.
const schemas: { name: string; keys: KeyDefinition; item: (i: number) => Item }[] = [
  {
    name: 'string partition key only',
    keys: { partitionKey: ['name', 'S'] },
    item: (i) => ({ name: { S: `n${i}` }, v: { N: String(i) } }),
  },
  {
    name: 'string partition and sort key',
    keys: { partitionKey: ['tenant', 'S'], sortKey: ['date', 'S'] },
    item: (i) => ({ tenant: { S: `t${i % 7}` }, date: { S: `2026-01-${i}` }, v: { N: String(i) } }),
  },
  {
    name: 'number partition and number sort key',
    keys: { partitionKey: ['id', 'N'], sortKey: ['version', 'N'] },
    item: (i) => ({ id: { N: String(i % 11) }, version: { N: `${i}.5` }, v: { S: 'x' } }),
  },
  {
    name: 'binary partition and binary sort key',
    keys: { partitionKey: ['hash', 'B'], sortKey: ['range', 'B'] },
    item: (i) => ({ hash: { B: Buffer.from([i % 5, 0]) }, range: { B: Buffer.from(String(i)) }, v: { S: 'x' } }),
  },
];

describe.each(schemas)('$name', ({ keys, item }) => {
  it('copies, syncs only the differences, and empties, each verified', async () => {
    const client = sandboxClient(sandbox);
    const source = await createTable(client, keys);
    const destination = await createTable(client, keys);
    await putItems(
      source,
      Array.from({ length: 120 }, (_, i) => item(i)),
    );

    const copied = await copyTable(source, destination, { segments: 3 });
    expect(copied.destination.count).toBe(120);

    // Change 5, delete 4 and add 3 in the source; delta must touch exactly those.
    await putItems(
      source,
      [0, 1, 2, 3, 4].map((i) => ({ ...item(i), v: { S: 'changed' } })),
    );
    await putItems(source, [200, 201, 202].map(item));
    const removed = [10, 11, 12, 13].map(item);
    for (const gone of removed) {
      await deleteItem(source, gone, keys);
    }
    const delta = await deltaSync(source, destination, { segments: 3 });
    expect(delta.counts).toMatchObject({ written: 8, deleted: 4 });
    expect((await compareTables(source, destination)).equal).toBe(true);

    const emptied = await emptyTable(destination, { segments: 3 });
    expect(emptied.counts.deleted).toBe(119);
    expect(await scanAll(destination)).toEqual([]);
  });
});

async function deleteItem(table: TableRef, item: Item, keys: KeyDefinition): Promise<void> {
  const key: Item = { [keys.partitionKey[0]]: item[keys.partitionKey[0]]! };
  if (keys.sortKey) key[keys.sortKey[0]] = item[keys.sortKey[0]]!;
  await table.client.send(new DeleteItemCommand({ TableName: table.tableName, Key: key }));
}
