import { gzipSync } from 'node:zlib';
import {
  DescribeImportCommand,
  DescribeTableCommand,
  ImportTableCommand,
  type DynamoDBClient,
} from '@aws-sdk/client-dynamodb';
import { CreateBucketCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import type { TableRef } from '@dynamo-dr/core';
import { BENCH_TABLE, benchItem } from './benchTables.js';

const BUCKET = 'bench-load';
/** Items per S3 object: ~20 MB of DynamoDB JSON before gzip, so no object or string grows with the table. */
const ITEMS_PER_OBJECT = 100_000;

/**
 * A new table holding benchmark items `from`..`to` (exclusive), made by the sandbox's fastest path: the items
 * go to the sandbox's S3 as gzipped DynamoDB JSON lines and `ImportTable` creates the table from them. The
 * sandbox seeds the table's journal and writes the items into its engine directly, in batches built as text
 * (`restoreLoader.ts`), without the per-request proxy work of BatchWriteItem: a million items load in about a
 * minute instead of several. Resolves when the table is ACTIVE.
 * https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_ImportTable.html
 */
export async function loadTable(
  client: DynamoDBClient,
  tableName: string,
  from: number,
  to: number,
  version = 0,
): Promise<TableRef> {
  const s3 = new S3Client({ ...(await clientSettings(client)), forcePathStyle: true });
  try {
    await s3.send(new CreateBucketCommand({ Bucket: BUCKET })).catch((error: Error) => {
      if (error.name !== 'BucketAlreadyOwnedByYou') throw error;
    });
    const prefix = `${tableName}/`;
    for (let start = from, part = 0; start < to; start += ITEMS_PER_OBJECT, part++) {
      const lines: string[] = [];
      for (let i = start; i < Math.min(to, start + ITEMS_PER_OBJECT); i++) {
        lines.push(JSON.stringify({ Item: benchItem(i, version) }));
      }
      const body = gzipSync(lines.join('\n'));
      await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: `${prefix}part-${part}.json.gz`, Body: body }));
    }
    const { ImportTableDescription: started } = await client.send(
      new ImportTableCommand({
        S3BucketSource: { S3Bucket: BUCKET, S3KeyPrefix: prefix },
        InputFormat: 'DYNAMODB_JSON',
        InputCompressionType: 'GZIP',
        TableCreationParameters: { TableName: tableName, ...BENCH_TABLE },
      }),
    );
    for (;;) {
      const [{ ImportTableDescription: d }, { Table: t }] = await Promise.all([
        client.send(new DescribeImportCommand({ ImportArn: started!.ImportArn! })),
        client.send(new DescribeTableCommand({ TableName: tableName })),
      ]);
      if (d?.ImportStatus === 'FAILED') throw new Error(`loading ${tableName} failed: ${d.FailureMessage}`);
      if (d?.ImportStatus === 'COMPLETED' && t?.TableStatus === 'ACTIVE') {
        if (d.ImportedItemCount !== to - from) {
          throw new Error(`loading ${tableName}: ${d.ImportedItemCount} items imported, ${to - from} expected`);
        }
        return { client, tableName };
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  } finally {
    s3.destroy();
  }
}

/** The DynamoDB client's endpoint, region and credentials, for an S3 client of the same sandbox. */
async function clientSettings(client: DynamoDBClient) {
  const endpoint = await client.config.endpoint?.();
  if (!endpoint) throw new Error('the benchmark client has no endpoint: the loader only loads into a sandbox');
  return {
    endpoint: `${endpoint.protocol}//${endpoint.hostname}:${endpoint.port}`,
    region: await client.config.region(),
    credentials: await client.config.credentials(),
  };
}
