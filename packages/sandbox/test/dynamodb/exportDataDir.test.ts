import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DescribeTableCommand, ExportTableToPointInTimeCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { CreateBucketCommand } from '@aws-sdk/client-s3';
import { expect, it } from 'vitest';
import { enablePitr, readExport, startExportTarget, untilExportDone } from './exportKit.js';
import { createTestTable } from './tables.js';

it('completes, after a restart with the same data directory, an export that was in progress when the sandbox stopped', async () => {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'sandbox-export-'));
  const first = await startExportTarget({ dataDir, exportMs: 1500 });
  let arn: string;
  try {
    await first.s3.send(new CreateBucketCommand({ Bucket: 'kept-exports' }));
    await createTestTable(first.ddb, 'kept');
    await enablePitr(first.ddb, 'kept');
    await first.ddb.send(new PutItemCommand({ TableName: 'kept', Item: { pk: { S: 'a' }, sk: { N: '1' } } }));
    const tableArn = (await first.ddb.send(new DescribeTableCommand({ TableName: 'kept' }))).Table?.TableArn;
    const { ExportDescription } = await first.ddb.send(
      new ExportTableToPointInTimeCommand({ TableArn: tableArn, S3Bucket: 'kept-exports' }),
    );
    arn = ExportDescription?.ExportArn as string;
  } finally {
    await first.stop();
  }
  const second = await startExportTarget({ dataDir });
  try {
    const done = await untilExportDone(second.ddb, arn);
    expect(done).toMatchObject({ ExportStatus: 'COMPLETED', ItemCount: 1 });
    const read = await readExport(second.s3, 'kept-exports', done.ExportManifest as string);
    expect(read.lines).toEqual([{ Item: { pk: { S: 'a' }, sk: { N: '1' } } }]);
  } finally {
    await second.stop();
  }
});
