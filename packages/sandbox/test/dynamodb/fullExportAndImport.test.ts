import {
  DescribeImportCommand,
  DescribeTableCommand,
  ExportTableToPointInTimeCommand,
  ImportTableCommand,
  ListImportsCommand,
  PutItemCommand,
  DeleteItemCommand,
  type ImportTableDescription,
} from '@aws-sdk/client-dynamodb';
import { CreateBucketCommand, HeadObjectCommand, ListObjectsV2Command } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contentOf, expectAwsError, listedTables, pointInTime, sleep, untilActive } from './conformanceTarget.js';
import { enablePitr, keyOf, readExport, startExportTarget, untilExportDone, type ExportTarget } from './exportKit.js';
import { createTestTable } from './tables.js';

// Full export output: https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/S3DataExport.Output.html
// Import: https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_ImportTable.html

const s = (v: string) => ({ S: v });
const n = (v: number) => ({ N: String(v) });
const BUCKET = 'full-exports';
const SOURCE = 'full-src';

let target: ExportTarget;
let exportTime: Date;
let atExportTime: Awaited<ReturnType<typeof contentOf>>;
let manifestKey: string;
let exportId: string;

beforeAll(async () => {
  target = await startExportTarget();
  const { ddb } = target;
  await target.s3.send(new CreateBucketCommand({ Bucket: BUCKET }));
  await createTestTable(ddb, SOURCE);
  await enablePitr(ddb, SOURCE);
  for (let i = 0; i < 30; i++) {
    await ddb.send(
      new PutItemCommand({
        TableName: SOURCE,
        Item: {
          pk: s(`p${i % 4}`),
          sk: n(i),
          g: s(`g${i % 3}`),
          tags: { SS: ['a', `t${i}`] },
          nested: { M: { i: n(i) } },
        },
      }),
    );
  }
  await ddb.send(new DeleteItemCommand({ TableName: SOURCE, Key: { pk: s('p1'), sk: n(1) } }));
  exportTime = await pointInTime();
  atExportTime = await contentOf(ddb, SOURCE);
  // Later writes: in no export at exportTime.
  await ddb.send(new PutItemCommand({ TableName: SOURCE, Item: { pk: s('late'), sk: n(1) } }));
  await ddb.send(new DeleteItemCommand({ TableName: SOURCE, Key: { pk: s('p0'), sk: n(0) } }));
  const { Table } = await ddb.send(new DescribeTableCommand({ TableName: SOURCE }));
  const { ExportDescription } = await ddb.send(
    new ExportTableToPointInTimeCommand({
      TableArn: Table?.TableArn,
      S3Bucket: BUCKET,
      S3Prefix: 'audits/2026',
      ExportTime: exportTime,
    }),
  );
  const done = await untilExportDone(ddb, ExportDescription?.ExportArn as string);
  expect(done).toMatchObject({ ExportStatus: 'COMPLETED', ExportType: 'FULL_EXPORT', ItemCount: 29 });
  manifestKey = done.ExportManifest as string;
  exportId = (done.ExportArn as string).split('/export/')[1] as string;
});
afterAll(() => target.stop());

describe('ExportTableToPointInTime, FULL_EXPORT', () => {
  it('holds exactly the items the table held at ExportTime, with manifest counts and checksums that verify', async () => {
    const read = await readExport(target.s3, BUCKET, manifestKey);
    const exported = Object.fromEntries(
      read.lines.map((line) => {
        expect(Object.keys(line)).toEqual(['Item']);
        const item = line.Item as Parameters<typeof keyOf>[0];
        return [keyOf(item), item];
      }),
    );
    expect(exported).toEqual(atExportTime);
    expect(read.summary).toMatchObject({
      version: '2020-06-30',
      exportType: 'FULL_EXPORT',
      exportTime: exportTime.toISOString(),
      itemCount: 29,
      outputFormat: 'DYNAMODB_JSON',
      s3Bucket: BUCKET,
      s3Prefix: 'audits/2026',
      manifestFilesS3Key: `audits/2026/AWSDynamoDB/${exportId}/manifest-files.json`,
    });
    expect(read.files.reduce((sum, f) => sum + f.itemCount, 0)).toBe(29);
  });

  it("writes AWS's layout under S3Prefix: _started, manifests with their checksums, gzipped data files", async () => {
    const folder = `audits/2026/AWSDynamoDB/${exportId}/`;
    const { Contents } = await target.s3.send(new ListObjectsV2Command({ Bucket: BUCKET, Prefix: folder }));
    const names = (Contents ?? []).map((o) => (o.Key as string).slice(folder.length));
    expect(names.filter((k) => !k.startsWith('data/')).sort()).toEqual([
      '_started',
      'manifest-files.checksum',
      'manifest-files.json',
      'manifest-summary.checksum',
      'manifest-summary.json',
    ]);
    expect(names.filter((k) => k.startsWith('data/')).every((k) => /^data\/[a-z2-7]{26}\.json\.gz$/.test(k))).toBe(
      true,
    );
    const started = await target.s3.send(new HeadObjectCommand({ Bucket: BUCKET, Key: `${folder}_started` }));
    expect(started.ContentLength).toBe(0);
  });
});

async function untilImportDone(arn: string): Promise<ImportTableDescription> {
  for (;;) {
    const { ImportTableDescription: d } = await target.ddb.send(new DescribeImportCommand({ ImportArn: arn }));
    if (d?.ImportStatus !== 'IN_PROGRESS') return d as ImportTableDescription;
    await sleep(20);
  }
}

const creation = (TableName: string) => ({
  TableName,
  BillingMode: 'PAY_PER_REQUEST' as const,
  AttributeDefinitions: [
    { AttributeName: 'pk', AttributeType: 'S' as const },
    { AttributeName: 'sk', AttributeType: 'N' as const },
    { AttributeName: 'g', AttributeType: 'S' as const },
  ],
  KeySchema: [
    { AttributeName: 'pk', KeyType: 'HASH' as const },
    { AttributeName: 'sk', KeyType: 'RANGE' as const },
  ],
  GlobalSecondaryIndexes: [
    {
      IndexName: 'byG',
      KeySchema: [{ AttributeName: 'g', KeyType: 'HASH' as const }],
      Projection: { ProjectionType: 'ALL' as const },
    },
  ],
});

describe('ImportTable', () => {
  it('imports a full export into a new table identical to the source at ExportTime', async () => {
    const { ddb } = target;
    const { ImportTableDescription } = await ddb.send(
      new ImportTableCommand({
        S3BucketSource: { S3Bucket: BUCKET, S3KeyPrefix: `audits/2026/AWSDynamoDB/${exportId}/data/` },
        InputFormat: 'DYNAMODB_JSON',
        InputCompressionType: 'GZIP',
        TableCreationParameters: creation('full-imported'),
        ClientToken: 'round-trip',
      }),
    );
    expect(ImportTableDescription?.ImportStatus).toBe('IN_PROGRESS');
    const done = await untilImportDone(ImportTableDescription?.ImportArn as string);
    expect(done).toMatchObject({
      ImportStatus: 'COMPLETED',
      ImportedItemCount: 29,
      ProcessedItemCount: 29,
      ErrorCount: 0,
    });
    await untilActive(ddb, 'full-imported');
    expect(await contentOf(ddb, 'full-imported')).toEqual(atExportTime);
    const { Table } = await ddb.send(new DescribeTableCommand({ TableName: 'full-imported' }));
    expect(Table?.KeySchema).toEqual(creation('x').KeySchema);
    expect(Table?.GlobalSecondaryIndexes?.map((i) => i.IndexName)).toEqual(['byG']);
    expect(Table?.RestoreSummary).toBeUndefined();
  });

  it('refuses a table name in use (ResourceInUseException) and a reused ClientToken with other parameters (ImportConflictException), starting nothing', async () => {
    const { ddb } = target;
    const before = (await ddb.send(new ListImportsCommand({}))).ImportSummaryList ?? [];
    const tablesBefore = await listedTables(ddb);
    const source = { S3Bucket: BUCKET, S3KeyPrefix: `audits/2026/AWSDynamoDB/${exportId}/data/` };
    await expectAwsError(
      ddb.send(
        new ImportTableCommand({
          S3BucketSource: source,
          InputFormat: 'DYNAMODB_JSON',
          InputCompressionType: 'GZIP',
          TableCreationParameters: creation(SOURCE),
        }),
      ),
      'ResourceInUseException',
      new RegExp(SOURCE),
    );
    await expectAwsError(
      ddb.send(
        new ImportTableCommand({
          S3BucketSource: source,
          InputFormat: 'DYNAMODB_JSON',
          InputCompressionType: 'GZIP',
          TableCreationParameters: creation('another-name'),
          ClientToken: 'round-trip',
        }),
      ),
      'ImportConflictException',
      /round-trip/,
    );
    expect((await ddb.send(new ListImportsCommand({}))).ImportSummaryList ?? []).toEqual(before);
    expect(await listedTables(ddb)).toEqual(tablesBefore);
  });
});
