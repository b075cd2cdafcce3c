import { createHash } from 'node:crypto';
import { gunzipSync } from 'node:zlib';
import {
  DescribeExportCommand,
  DynamoDBClient,
  ListExportsCommand,
  UpdateContinuousBackupsCommand,
  type AttributeValue,
  type ExportDescription,
} from '@aws-sdk/client-dynamodb';
import { GetObjectCommand, HeadObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { expect } from 'vitest';
import { startSandbox, type Sandbox, type SandboxOptions } from '../../src/index.js';
import { sleep } from './conformanceTarget.js';

/** A sandbox with the clients an export test needs. */
export interface ExportTarget {
  readonly sandbox: Sandbox;
  readonly ddb: DynamoDBClient;
  readonly s3: S3Client;
  stop(): Promise<void>;
}

/** The shortest incremental period the export suites' sandboxes accept (AWS: 15 minutes). */
export const MIN_PERIOD_MS = 150;

export async function startExportTarget(options: SandboxOptions = {}): Promise<ExportTarget> {
  const sandbox = await startSandbox({
    restoreBaseMs: 30,
    exportMs: 50,
    minIncrementalExportPeriodMs: MIN_PERIOD_MS,
    ...options,
  });
  const ddb = new DynamoDBClient(sandbox.clientConfig);
  const s3 = new S3Client(sandbox.clientConfig);
  return {
    sandbox,
    ddb,
    s3,
    async stop() {
      ddb.destroy();
      s3.destroy();
      await sandbox.stop();
    },
  };
}

export async function enablePitr(ddb: DynamoDBClient, table: string): Promise<void> {
  await ddb.send(
    new UpdateContinuousBackupsCommand({
      TableName: table,
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
    }),
  );
}

/** Polls DescribeExport until the export is no longer IN_PROGRESS. */
export async function untilExportDone(ddb: DynamoDBClient, arn: string): Promise<ExportDescription> {
  for (;;) {
    const { ExportDescription: d } = await ddb.send(new DescribeExportCommand({ ExportArn: arn }));
    if (d?.ExportStatus !== 'IN_PROGRESS') return d as ExportDescription;
    await sleep(20);
  }
}

/** The ARNs ListExports reports for a table. */
export async function listedExports(ddb: DynamoDBClient, tableArn?: string): Promise<string[]> {
  const { ExportSummaries } = await ddb.send(new ListExportsCommand({ TableArn: tableArn }));
  return (ExportSummaries ?? []).map((e) => e.ExportArn as string);
}

export async function objectBytes(s3: S3Client, bucket: string, key: string): Promise<Buffer> {
  const { Body } = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
  return Buffer.from(await (Body as { transformToByteArray(): Promise<Uint8Array> }).transformToByteArray());
}

/** One line of a files manifest. */
export interface ManifestFile {
  readonly itemCount: number;
  readonly md5Checksum: string;
  readonly etag: string;
  readonly dataFileS3Key: string;
}

/** A completed export read back from S3, its checksums verified against the objects. */
export interface ReadExport {
  readonly summary: Record<string, unknown>;
  readonly files: ManifestFile[];
  /** Every data line, parsed. */
  readonly lines: Record<string, unknown>[];
}

export async function readExport(s3: S3Client, bucket: string, manifestKey: string): Promise<ReadExport> {
  const summary = JSON.parse((await objectBytes(s3, bucket, manifestKey)).toString()) as Record<string, unknown>;
  const filesText = (await objectBytes(s3, bucket, summary.manifestFilesS3Key as string)).toString();
  const files = filesText
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => JSON.parse(l) as ManifestFile);
  const lines: Record<string, unknown>[] = [];
  for (const file of files) {
    const body = await objectBytes(s3, bucket, file.dataFileS3Key);
    expect(createHash('md5').update(body).digest('base64'), `md5Checksum of ${file.dataFileS3Key}`).toBe(
      file.md5Checksum,
    );
    const head = await s3.send(new HeadObjectCommand({ Bucket: bucket, Key: file.dataFileS3Key }));
    expect(head.ETag).toBe(`"${file.etag}"`);
    const fileLines = gunzipSync(body)
      .toString()
      .split('\n')
      .filter((l) => l !== '');
    expect(fileLines).toHaveLength(file.itemCount);
    lines.push(...fileLines.map((l) => JSON.parse(l) as Record<string, unknown>));
  }
  return { summary, files, lines };
}

type Item = Record<string, AttributeValue>;

/** The test tables' item identity: `pk` and `sk`, as contentOf keys them. */
export const keyOf = (item: Item): string => `${item.pk?.S}${item.sk ? `/${item.sk.N}` : ''}`;
