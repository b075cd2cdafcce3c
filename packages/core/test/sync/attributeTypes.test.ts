import { GetItemCommand } from '@aws-sdk/client-dynamodb';
import { startSandbox, type Sandbox } from '@dynamo-dr/sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compareTables, copyTable, deltaSync, digestTable, type Item } from '../../src/index.js';
import { createTable, putItems, sandboxClient, scanAll } from './sandboxTables.js';

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startSandbox();
});
afterAll(() => sandbox.stop());

const bytes = (...b: number[]) => new Uint8Array(b);

/** One item per DynamoDB attribute type, with the edge values a naive copy gets wrong. */
const everyType: Item = {
  pk: { S: 'every-type' },
  string: { S: 'héllo ✓ 𝄞' },
  emptyString: { S: '' },
  // 38 significant digits: a JS number would keep ~16 of them.
  bigNumber: { N: '12345678901234567890123456789012345678' },
  tinyNumber: { N: '-0.00000000000000000000000000000000000000000000000000000001' },
  hugeExponent: { N: '9.9999999999999999999999999999999999999E+125' },
  binary: { B: bytes(0, 1, 2, 254, 255) },
  emptyBinary: { B: bytes() },
  yes: { BOOL: true },
  no: { BOOL: false },
  nothing: { NULL: true },
  stringSet: { SS: ['b', 'a', 'c'] },
  numberSet: { NS: ['3', '1.5', '12345678901234567890123456789012345678'] },
  binarySet: { BS: [bytes(1), bytes(2, 3)] },
  list: { L: [{ S: 'x' }, { N: '1' }, { L: [{ NULL: true }] }, { M: { a: { BOOL: false } } }] },
  map: { M: { nested: { M: { deeper: { NS: ['7'] } } }, empty: { M: {} }, emptyList: { L: [] } } },
};

describe('every attribute type round-trips exactly', () => {
  it('copyTable writes each value back byte for byte, numbers digit for digit', async () => {
    const client = sandboxClient(sandbox);
    const source = await createTable(client, { partitionKey: ['pk', 'S'] });
    const destination = await createTable(client, { partitionKey: ['pk', 'S'] });
    await putItems(source, [everyType]);
    await copyTable(source, destination);
    const copied = await client.send(
      new GetItemCommand({ TableName: destination.tableName, Key: { pk: { S: 'every-type' } } }),
    );
    const original = await client.send(
      new GetItemCommand({ TableName: source.tableName, Key: { pk: { S: 'every-type' } } }),
    );
    expect(copied.Item).toEqual(original.Item);
    expect(copied.Item!.bigNumber).toEqual({ N: '12345678901234567890123456789012345678' });
    expect(Buffer.from(copied.Item!.binary!.B!)).toEqual(Buffer.from([0, 1, 2, 254, 255]));
  });

  it('copies items near the 400 KB limit', async () => {
    const client = sandboxClient(sandbox);
    const source = await createTable(client, { partitionKey: ['pk', 'S'] });
    const destination = await createTable(client, { partitionKey: ['pk', 'S'] });
    const big = Array.from({ length: 8 }, (_, i) => ({
      pk: { S: `big-${i}` },
      blob: { B: Buffer.alloc(395 * 1024, i) },
      note: { S: 'x'.repeat(2000) },
    }));
    for (const item of big) await putItems(source, [item]);
    const result = await copyTable(source, destination, { segments: 2 });
    expect(result.destination.count).toBe(8);
    const copied = await scanAll(destination);
    const sizes = copied.map((i) => i.blob!.B!.byteLength);
    expect(sizes).toEqual(Array(8).fill(395 * 1024));
  });

  it('a one-digit change in a 38-digit number is a difference; 1.0 and 1 are not', async () => {
    const client = sandboxClient(sandbox);
    const a = await createTable(client, { partitionKey: ['pk', 'S'] });
    const b = await createTable(client, { partitionKey: ['pk', 'S'] });
    await putItems(a, [{ pk: { S: 'n' }, v: { N: '12345678901234567890123456789012345678' } }]);
    await putItems(b, [{ pk: { S: 'n' }, v: { N: '12345678901234567890123456789012345679' } }]);
    expect((await compareTables(a, b)).equal).toBe(false);
    const result = await deltaSync(a, b);
    expect(result.counts.written).toBe(1);
    expect((await compareTables(a, b)).equal).toBe(true);
    // Same numbers and sets, written differently: equal, and delta writes nothing.
    await putItems(a, [{ pk: { S: 'm' }, v: { N: '1.0' }, s: { NS: ['2', '10'] } }]);
    await putItems(b, [{ pk: { S: 'm' }, v: { N: '1' }, s: { NS: ['10', '2.00'] } }]);
    expect(await digestTable(a)).toEqual(await digestTable(b));
    expect((await deltaSync(a, b)).counts.written).toBe(0);
  });
});
