import { DescribeTableCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Sandbox } from '../src/index.js';
import { enablePitr, startExportTarget, untilExportDone, type ExportTarget } from './dynamodb/exportKit.js';
import { createTestTable } from './dynamodb/tables.js';
import { awsCli, awsJson } from './awsCliRun.js';

// The AWS CLI v1 (botocore) is another client than SDK v3: it must find S3 and DynamoDB on the sandbox's one
// endpoint with nothing but the sandbox's environment (AWS_ENDPOINT_URL; the CLI reads AWS_DEFAULT_REGION).

let target: ExportTarget;
beforeAll(async () => {
  target = await startExportTarget();
});
afterAll(() => target.stop());

/** `aws ARGS`' text output; fails the test unless the CLI exits 0. */
async function aws(...args: string[]): Promise<string> {
  const result = await awsCli(target.sandbox as Sandbox, ...args);
  expect(result.code, result.stderr).toBe(0);
  return result.stdout;
}

it('serves the AWS CLI: aws s3 mb / ls, and aws dynamodb export-table-to-point-in-time into that bucket', async () => {
  await aws('s3', 'mb', 's3://cli-exports');
  expect(await aws('s3', 'ls')).toMatch(/ cli-exports$/m);

  const { ddb } = target;
  await createTestTable(ddb, 'cli-table');
  await enablePitr(ddb, 'cli-table');
  await ddb.send(new PutItemCommand({ TableName: 'cli-table', Item: { pk: { S: 'a' }, sk: { N: '1' } } }));
  const arn = (await ddb.send(new DescribeTableCommand({ TableName: 'cli-table' }))).Table?.TableArn as string;

  const started = (await awsJson(
    target.sandbox as Sandbox,
    'dynamodb',
    'export-table-to-point-in-time',
    '--table-arn',
    arn,
    '--s3-bucket',
    'cli-exports',
    '--s3-prefix',
    'by-cli',
  )) as { ExportDescription: { ExportArn: string; ExportStatus: string } };
  expect(started.ExportDescription.ExportStatus).toBe('IN_PROGRESS');
  const done = await untilExportDone(ddb, started.ExportDescription.ExportArn);
  expect(done).toMatchObject({ ExportStatus: 'COMPLETED', ItemCount: 1 });

  const listing = await aws('s3', 'ls', 's3://cli-exports/by-cli/', '--recursive');
  expect(listing).toContain(done.ExportManifest);
  expect(listing).toMatch(/by-cli\/AWSDynamoDB\/[0-9]{14}-[0-9a-f]{8}\/data\/[a-z2-7]{26}\.json\.gz/);
});
