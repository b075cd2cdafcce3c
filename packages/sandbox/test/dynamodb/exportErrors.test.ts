import {
  DescribeContinuousBackupsCommand,
  DescribeExportCommand,
  DescribeTableCommand,
  ExportTableToPointInTimeCommand,
  PutItemCommand,
  type ExportTableToPointInTimeCommandInput,
} from '@aws-sdk/client-dynamodb';
import { CreateBucketCommand, ListBucketsCommand, ListObjectsV2Command } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAwsError, pointInTime } from './conformanceTarget.js';
import {
  enablePitr,
  listedExports,
  MIN_PERIOD_MS,
  startExportTarget,
  untilExportDone,
  type ExportTarget,
} from './exportKit.js';
import { createTestTable } from './tables.js';

// Errors: https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_ExportTableToPointInTime.html#API_ExportTableToPointInTime_Errors

const BUCKET = 'export-errors';
let target: ExportTarget;
let arn: string;
let noPitrArn: string;
let enabledAt: Date;

const tableArnOf = async (name: string) =>
  (await target.ddb.send(new DescribeTableCommand({ TableName: name }))).Table?.TableArn as string;

beforeAll(async () => {
  target = await startExportTarget();
  const { ddb } = target;
  await target.s3.send(new CreateBucketCommand({ Bucket: BUCKET }));
  await createTestTable(ddb, 'err-src');
  await createTestTable(ddb, 'err-nopitr');
  enabledAt = await pointInTime();
  await enablePitr(ddb, 'err-src');
  await ddb.send(new PutItemCommand({ TableName: 'err-src', Item: { pk: { S: 'a' }, sk: { N: '1' } } }));
  arn = await tableArnOf('err-src');
  noPitrArn = await tableArnOf('err-nopitr');
});
afterAll(() => target.stop());

const exportOf = (input: Partial<ExportTableToPointInTimeCommandInput>) =>
  target.ddb.send(new ExportTableToPointInTimeCommand({ TableArn: arn, S3Bucket: BUCKET, ...input }));
const incremental = (from: Date, to?: Date) =>
  exportOf({
    ExportType: 'INCREMENTAL_EXPORT',
    IncrementalExportSpecification: { ExportFromTime: from, ExportToTime: to },
  });
const inASecond = () => new Date(Date.now() + 1000);

/** Asserts the refused request started no export and wrote nothing. */
async function expectRefused(promise: Promise<unknown>, name: string, message?: RegExp): Promise<void> {
  await expectAwsError(promise, name, message);
  expect(await listedExports(target.ddb)).toEqual([]);
  expect((await target.s3.send(new ListObjectsV2Command({ Bucket: BUCKET }))).KeyCount).toBe(0);
}

describe('ExportTableToPointInTime refuses, starting nothing', () => {
  it('a table without point-in-time recovery', () =>
    expectRefused(exportOf({ TableArn: noPitrArn }), 'PointInTimeRecoveryUnavailableException', /err-nopitr/));

  it('a table that does not exist', async () =>
    expectRefused(
      exportOf({ TableArn: arn.replace('err-src', 'err-missing') }),
      'TableNotFoundException',
      /err-missing/,
    ));

  it('an ExportTime before the restorable window', () =>
    expectRefused(exportOf({ ExportTime: enabledAt }), 'InvalidExportTimeException', /EarliestRestorableDateTime/));

  it('an ExportTime in the future', () =>
    expectRefused(exportOf({ ExportTime: inASecond() }), 'InvalidExportTimeException', /LatestRestorableDateTime/));

  it('an incremental period starting before the window or ending after it', async () => {
    await expectRefused(incremental(enabledAt), 'InvalidExportTimeException', /ExportFromTime/);
    // A start inside the window: the window may be younger than MIN_PERIOD_MS on a fast run.
    const { ContinuousBackupsDescription: backups } = await target.ddb.send(
      new DescribeContinuousBackupsCommand({ TableName: 'err-src' }),
    );
    const earliest = backups?.PointInTimeRecoveryDescription?.EarliestRestorableDateTime as Date;
    const from = new Date(Math.max(earliest.getTime() + 1, Date.now() - MIN_PERIOD_MS));
    await expectRefused(incremental(from, inASecond()), 'InvalidExportTimeException', /ExportToTime/);
  });

  it('an incremental period shorter than the minimum (AWS: 15 minutes; configurable in the sandbox)', async () => {
    const from = await pointInTime();
    const to = new Date(from.getTime() + MIN_PERIOD_MS - 1);
    await new Promise((resolve) => setTimeout(resolve, MIN_PERIOD_MS));
    await expectRefused(incremental(from, to), 'ValidationException', new RegExp(`at least ${MIN_PERIOD_MS} ms`));
  });

  it('an incremental export without its specification, and a full export with one', async () => {
    await expectRefused(
      exportOf({ ExportType: 'INCREMENTAL_EXPORT' }),
      'ValidationException',
      /IncrementalExportSpecification/,
    );
    await expectRefused(
      exportOf({ IncrementalExportSpecification: { ExportFromTime: enabledAt } }),
      'ValidationException',
      /INCREMENTAL_EXPORT only/,
    );
  });

  it('the ION format, which the sandbox does not emulate', () =>
    expectRefused(exportOf({ ExportFormat: 'ION' }), 'ValidationException', /ION/));

  it('a bucket name S3 cannot have', () =>
    expectRefused(exportOf({ S3Bucket: '-bad-' }), 'ValidationException', /s3Bucket/));
});

describe('ExportTableToPointInTime to a bucket that does not exist', () => {
  it('starts, then FAILS with S3NoSuchBucket and writes nothing (AWS finds the bucket missing while exporting)', async () => {
    const { ExportDescription } = await exportOf({ S3Bucket: 'no-such-bucket' });
    const done = await untilExportDone(target.ddb, ExportDescription?.ExportArn as string);
    expect(done).toMatchObject({ ExportStatus: 'FAILED', FailureCode: 'S3NoSuchBucket' });
    expect(done.ExportManifest).toBeUndefined();
    const { Buckets } = await target.s3.send(new ListBucketsCommand({}));
    expect(Buckets?.map((b) => b.Name)).toEqual([BUCKET]);
    expect((await target.s3.send(new ListObjectsV2Command({ Bucket: BUCKET }))).KeyCount).toBe(0);
  });
});

describe('ExportTableToPointInTime with a ClientToken', () => {
  it('is idempotent with the same parameters and refuses other parameters with ExportConflictException', async () => {
    const before = await listedExports(target.ddb, arn);
    const first = await exportOf({ ClientToken: 'nightly-1', S3Prefix: 'p' });
    const again = await exportOf({ ClientToken: 'nightly-1', S3Prefix: 'p' });
    expect(again.ExportDescription?.ExportArn).toBe(first.ExportDescription?.ExportArn);
    await expectAwsError(
      exportOf({ ClientToken: 'nightly-1', S3Prefix: 'other' }),
      'ExportConflictException',
      /nightly-1/,
    );
    // Newest first.
    expect(await listedExports(target.ddb, arn)).toEqual([first.ExportDescription?.ExportArn, ...before]);
  });

  it('names an unknown export with ExportNotFoundException', () =>
    expectAwsError(
      target.ddb.send(new DescribeExportCommand({ ExportArn: `${arn}/export/01700000000000-00000000` })),
      'ExportNotFoundException',
    ));
});
