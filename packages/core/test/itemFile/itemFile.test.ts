import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  createChangeFileWriter,
  createItemFileWriter,
  InputError,
  readItemChanges,
  readItemFile,
  readItemFileManifest,
  verifyItemFile,
  type Item,
  type ItemChange,
  type ItemFileFormat,
} from '../../src/index.js';
import { combineDigests, itemHash } from '../../src/sync/tableDigest.js';

const items: Item[] = [
  {
    pk: { S: 'user#1' },
    n: { N: '12345678901234567890.123' },
    bin: { B: new Uint8Array([0, 255, 10, 13]) },
    tags: { SS: ['b', 'a'] },
    nested: { M: { list: { L: [{ N: '1' }, { BOOL: true }, { NULL: true }] } } },
  },
  { pk: { S: 'user#2' }, note: { S: 'line one\nline "two", three' }, small: { N: '42' } },
];
const fields = {
  source: { kind: 'pitr', tableName: 'consent', restoreTime: '2025-12-01T00:00:00.000Z' },
  time: '2025-12-01T00:00:00.000Z',
} as const;

let dir: string;
beforeEach(async () => (dir = await mkdtemp(join(tmpdir(), 'itemfile-'))));
afterEach(() => rm(dir, { recursive: true, force: true }));

async function write(format: ItemFileFormat, file = join(dir, `out.${format}`)) {
  const writer = createItemFileWriter(file, format, fields);
  for (const item of items) await writer.write(item);
  return { file, manifest: await writer.close() };
}

async function readAll(file: string): Promise<Item[]> {
  const out: Item[] = [];
  for await (const item of readItemFile(file)) out.push(item);
  return out;
}

describe('item files', () => {
  it('dynamodb-json round-trips every type exactly, binaries included, with the engine digest and the version that wrote it in the manifest', async () => {
    const { file, manifest } = await write('dynamodb-json');
    const { version } = JSON.parse(await readFile(new URL('../../package.json', import.meta.url), 'utf8')) as {
      version: string;
    };
    expect(manifest.toolVersion).toBe(version);
    const back = await readAll(file);
    expect(back.map(itemHash)).toEqual(items.map(itemHash));
    expect(Buffer.from(back[0]!.bin!.B!)).toEqual(Buffer.from([0, 255, 10, 13]));
    const expected = combineDigests(...items.map((i) => ({ count: 1, digest: itemHash(i) })));
    expect(manifest).toMatchObject({ format: 'dynamodb-json', lossless: true, itemCount: 2, digest: expected.digest });
    expect(await readItemFileManifest(file)).toEqual(manifest);
    expect((await readFile(file, 'utf8')).split('\n')[0]).toMatch(/^\{"Item":\{"pk":\{"S":"user#1"\}/);
  });

  it('jsonl keeps long numbers as strings, sorts sets, and is refused for restore', async () => {
    const { file, manifest } = await write('jsonl');
    const [first, second] = (await readFile(file, 'utf8'))
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(first).toMatchObject({ n: '12345678901234567890.123', tags: ['a', 'b'], bin: 'AP8KDQ==' });
    expect(second.small).toBe(42);
    expect(manifest.lossless).toBe(false);
    await expect(readAll(file)).rejects.toThrow(InputError);
    await expect(readAll(file)).rejects.toThrow(/jsonl export.*cannot be restored/);
    expect((await verifyItemFile(file)).ok).toBe(true);
  });

  it('csv has the union of attribute names as header, quotes text, and verifies its row count', async () => {
    const { file } = await write('csv');
    const text = await readFile(file, 'utf8');
    expect(text.split('\n')[0]).toBe('pk,n,bin,tags,nested,note,small');
    expect(text).toContain('"line one\nline ""two"", three"');
    const verification = await verifyItemFile(file);
    expect(verification).toMatchObject({ ok: true, actual: { itemCount: 2, digest: null } });
  });

  it('verify finds an edited file', async () => {
    const { file } = await write('dynamodb-json');
    await writeFile(file, (await readFile(file, 'utf8')).replace('user#2', 'user#3'));
    const verification = await verifyItemFile(file);
    expect(verification.ok).toBe(false);
    expect(verification.differences.join('\n')).toMatch(/SHA-256.*\n.*content digest/);
  });

  it('refuses a manifest that is not as a writer wrote it, naming the field', async () => {
    const { file, manifest } = await write('dynamodb-json');
    await writeFile(`${file}.manifest.json`, JSON.stringify({ ...manifest, itemCount: '2' }));
    await expect(readItemFileManifest(file)).rejects.toThrow(
      /is not a dynamo-dr item file manifest: itemCount "2" must be integer/,
    );
    await writeFile(`${file}.manifest.json`, JSON.stringify({ ...manifest, format: 'parquet' }));
    await expect(verifyItemFile(file)).rejects.toThrow(
      /format "parquet" is not one of dynamodb-json, jsonl, csv, diff/,
    );
  });

  it('leaves nothing under the final name when aborted', async () => {
    const file = join(dir, 'aborted.json');
    const writer = createItemFileWriter(file, 'dynamodb-json', fields);
    await writer.write(items[0]!);
    await writer.abort();
    expect(await readdir(dir)).toEqual([]);
  });

  it('diff files round-trip change records and verify', async () => {
    const file = join(dir, 'diff.jsonl');
    const changes: ItemChange[] = [
      { change: 'added', key: { pk: { S: 'user#3' } }, left: null, right: items[1]! },
      { change: 'changed', key: { pk: { S: 'user#1' } }, left: items[0]!, right: { ...items[0]!, n: { N: '1' } } },
    ];
    const writer = createChangeFileWriter(file, { source: { kind: 'diff', left: 'a', right: 'b' }, time: fields.time });
    for (const change of changes) await writer.write(change);
    expect((await writer.close()).format).toBe('diff');
    const back: ItemChange[] = [];
    for await (const change of readItemChanges(file)) back.push(change);
    expect(back.map((c) => [c.change, c.left && itemHash(c.left), c.right && itemHash(c.right)])).toEqual(
      changes.map((c) => [c.change, c.left && itemHash(c.left), c.right && itemHash(c.right)]),
    );
    expect((await verifyItemFile(file)).ok).toBe(true);
    await expect(readAll(file)).rejects.toThrow(/is a diff file/);
  });
});
