import {
  DeleteItemCommand,
  DescribeTableCommand,
  ExportTableToPointInTimeCommand,
  PutItemCommand,
  RestoreTableToPointInTimeCommand,
  UpdateItemCommand,
  type AttributeValue,
} from '@aws-sdk/client-dynamodb';
import { CreateBucketCommand } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contentOf, pointInTime, sleep, untilActive } from './conformanceTarget.js';
import {
  enablePitr,
  keyOf,
  MIN_PERIOD_MS,
  readExport,
  startExportTarget,
  untilExportDone,
  type ExportTarget,
} from './exportKit.js';
import { createTestTable } from './tables.js';

// Incremental export: https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/S3DataExport.HowItWorks.html
// Its output format: https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/S3DataExport.Output.html

type Item = Record<string, AttributeValue>;
const s = (v: string) => ({ S: v });
const n = (v: number) => ({ N: String(v) });
const BUCKET = 'incremental-exports';

let target: ExportTarget;
beforeAll(async () => {
  target = await startExportTarget();
  await target.s3.send(new CreateBucketCommand({ Bucket: BUCKET }));
});
afterAll(() => target.stop());

/** A table with PITR whose keys see, between `from` and `to`, every kind of change; and one more write after `to`. */
async function changedTable(name: string): Promise<{ arn: string; from: Date; to: Date }> {
  const { ddb } = target;
  await createTestTable(ddb, name);
  await enablePitr(ddb, name);
  const put = (Item: Item) => ddb.send(new PutItemCommand({ TableName: name, Item }));
  const del = (pk: string, sk: number) =>
    ddb.send(new DeleteItemCommand({ TableName: name, Key: { pk: s(pk), sk: n(sk) } }));
  await put({ pk: s('updated'), sk: n(1), v: n(1), g: s('x') });
  await put({ pk: s('deleted'), sk: n(1), v: n(1) });
  await put({ pk: s('re-put'), sk: n(1), v: n(1), old: s('gone later') });
  await put({ pk: s('untouched'), sk: n(1), v: n(1) });
  await put({ pk: s('overwritten-same'), sk: n(1), v: n(7) });
  const from = await pointInTime();
  await ddb.send(
    new UpdateItemCommand({
      TableName: name,
      Key: { pk: s('updated'), sk: n(1) },
      UpdateExpression: 'SET v = :v REMOVE g',
      ExpressionAttributeValues: { ':v': n(2) },
    }),
  );
  await del('deleted', 1);
  await del('re-put', 1);
  await put({ pk: s('re-put'), sk: n(1), v: n(2), fresh: s('yes') });
  await put({ pk: s('inserted'), sk: n(2), v: n(1) });
  await put({ pk: s('transient'), sk: n(1), v: n(1) });
  await del('transient', 1);
  await put({ pk: s('overwritten-same'), sk: n(1), v: n(7) });
  await sleep(MIN_PERIOD_MS);
  const to = await pointInTime();
  await put({ pk: s('updated'), sk: n(1), v: n(3) }); // after the period: in no image
  const { Table } = await ddb.send(new DescribeTableCommand({ TableName: name }));
  return { arn: Table?.TableArn as string, from, to };
}

async function restoredContent(source: string, at: Date, label: string): Promise<Record<string, Item>> {
  const name = `${source}-${label}`;
  await target.ddb.send(
    new RestoreTableToPointInTimeCommand({ SourceTableName: source, TargetTableName: name, RestoreDateTime: at }),
  );
  await untilActive(target.ddb, name);
  return contentOf(target.ddb, name);
}

async function incrementalExport(arn: string, from: Date, to: Date, view: 'NEW_IMAGE' | 'NEW_AND_OLD_IMAGES') {
  const { ExportDescription } = await target.ddb.send(
    new ExportTableToPointInTimeCommand({
      TableArn: arn,
      S3Bucket: BUCKET,
      S3Prefix: `incr/${view}`,
      ExportType: 'INCREMENTAL_EXPORT',
      IncrementalExportSpecification: { ExportFromTime: from, ExportToTime: to, ExportViewType: view },
    }),
  );
  expect(ExportDescription?.ExportStatus).toBe('IN_PROGRESS');
  const done = await untilExportDone(target.ddb, ExportDescription?.ExportArn as string);
  expect(done.ExportStatus).toBe('COMPLETED');
  return { done, read: await readExport(target.s3, BUCKET, done.ExportManifest as string) };
}

describe('ExportTableToPointInTime, INCREMENTAL_EXPORT', () => {
  it('gives each key written in the period its image at the start and at the end, exactly as PITR restores to those times hold them', async () => {
    const table = 'incr-images';
    const { arn, from, to } = await changedTable(table);
    const { done, read } = await incrementalExport(arn, from, to, 'NEW_AND_OLD_IMAGES');
    const atStart = await restoredContent(table, from, 'from');
    const atEnd = await restoredContent(table, to, 'to');

    const byKey = new Map(read.lines.map((line) => [keyOf(line.Keys as Item), line]));
    // Written in the period and existing at one end at least; not 'untouched', not 'transient'
    // (put, then deleted inside the period: the developer guide's examples export nothing for it).
    expect([...byKey.keys()].sort()).toEqual([
      'deleted/1',
      'inserted/2',
      'overwritten-same/1',
      're-put/1',
      'updated/1',
    ]);
    for (const [key, line] of byKey) {
      expect(line.OldImage, `OldImage of ${key}`).toEqual(atStart[key]);
      expect(line.NewImage, `NewImage of ${key}`).toEqual(atEnd[key]);
      expect(Object.keys(line).sort()).toEqual(
        ['Keys', 'Metadata', ...(atEnd[key] ? ['NewImage'] : []), ...(atStart[key] ? ['OldImage'] : [])].sort(),
      );
      const micros = Number((line.Metadata as { WriteTimestampMicros: { N: string } }).WriteTimestampMicros.N);
      expect(micros).toBeGreaterThan(from.getTime() * 1000);
      expect(micros).toBeLessThanOrEqual(to.getTime() * 1000);
    }
    expect(byKey.get('deleted/1')?.NewImage).toBeUndefined();
    expect(byKey.get('inserted/2')?.OldImage).toBeUndefined();
    expect(byKey.get('re-put/1')?.NewImage).toEqual({ pk: s('re-put'), sk: n(1), v: n(2), fresh: s('yes') });

    expect(done.ItemCount).toBe(5);
    expect(read.summary).toMatchObject({
      version: '2023-08-01',
      exportArn: done.ExportArn,
      exportType: 'INCREMENTAL_EXPORT',
      outputView: 'NEW_AND_OLD_IMAGES',
      outputFormat: 'DYNAMODB_JSON',
      exportFromTime: from.toISOString(),
      exportToTime: to.toISOString(),
      itemCount: 5,
      s3Bucket: BUCKET,
      s3Prefix: 'incr/NEW_AND_OLD_IMAGES',
    });
    expect(read.files.reduce((sum, f) => sum + f.itemCount, 0)).toBe(5);
  });

  it('with NEW_IMAGE, carries no old images: a deleted key comes with its Keys alone', async () => {
    const table = 'incr-new';
    const { arn, from, to } = await changedTable(table);
    const { read } = await incrementalExport(arn, from, to, 'NEW_IMAGE');
    const byKey = new Map(read.lines.map((line) => [keyOf(line.Keys as Item), line]));
    expect(read.lines.every((line) => !('OldImage' in line))).toBe(true);
    expect(Object.keys(byKey.get('deleted/1') ?? {}).sort()).toEqual(['Keys', 'Metadata']);
    expect(byKey.get('updated/1')?.NewImage).toEqual({ pk: s('updated'), sk: n(1), v: n(2) });
    expect(read.summary.outputView).toBe('NEW_IMAGE');
  });

  it("writes lines that parse as the developer guide's incremental examples do (insert, update, delete)", async () => {
    // The guide's NEW_AND_OLD_IMAGES examples (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/S3DataExport.Output.html,
    // "Incremental export output"), one JSON line each as the data files hold them.
    const documented = [
      '{"Metadata":{"WriteTimestampMicros":{"N":"1680109764000000"}},"Keys":{"PK":{"S":"CUST#100"}},"NewImage":{"PK":{"S":"CUST#100"},"FirstName":{"S":"John"},"LastName":{"S":"Don"}}}',
      '{"Metadata":{"WriteTimestampMicros":{"N":"1680109764000000"}},"Keys":{"PK":{"S":"CUST#200"}},"OldImage":{"PK":{"S":"CUST#200"},"FirstName":{"S":"Mary"},"LastName":{"S":"Grace"}},"NewImage":{"PK":{"S":"CUST#200"},"FirstName":{"S":"Mary"},"LastName":{"S":"Smith"}}}',
      '{"Metadata":{"WriteTimestampMicros":{"N":"1680109764000000"}},"Keys":{"PK":{"S":"CUST#300"}},"OldImage":{"PK":{"S":"CUST#300"},"FirstName":{"S":"Jose"},"LastName":{"S":"Hernandez"}}}',
    ].map((line) => change(JSON.parse(line) as Record<string, unknown>));
    const { arn, from, to } = await changedTable('incr-format');
    const { read } = await incrementalExport(arn, from, to, 'NEW_AND_OLD_IMAGES');
    const ours = new Map(read.lines.map((line) => [keyOf(line.Keys as Item), change(line)]));
    const sameShape = (c: ReturnType<typeof change>) => ({ kind: c.kind, members: c.members, stamp: typeof c.micros });
    expect([ours.get('inserted/2'), ours.get('updated/1'), ours.get('deleted/1')].map((c) => sameShape(c!))).toEqual(
      documented.map(sameShape),
    );
    for (const c of [...documented, ...ours.values()]) expect(c.micros > 0n).toBe(true);
  });
});

/** How a reader of incremental exports classifies a line: the images it has, and the write time. */
function change(line: Record<string, unknown>) {
  const kind = line.NewImage ? (line.OldImage ? 'update' : 'insert') : line.OldImage ? 'delete' : 'keys only';
  const stamp = (line.Metadata as { WriteTimestampMicros: { N: string } }).WriteTimestampMicros;
  return { kind, members: Object.keys(line).sort(), micros: BigInt(stamp.N), keys: Object.keys(line.Keys as object) };
}
