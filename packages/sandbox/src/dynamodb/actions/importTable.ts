import { createRequire } from 'node:module';
import { AwsError } from '../../awsError.js';
import { tableArn } from '../arns.js';
import { restoreTable } from '../restoreTable.js';
import type { DynamoContext } from '../service.js';
import type { TableDefinition } from '../store/tableDefinition.js';
import { keyNamesOf } from '../tableDescription.js';
import { canonicalParameters, earlierTransfer } from '../transfers/clientToken.js';
import { CLIENT_TOKEN, S3_BUCKET, S3_BUCKET_OWNER, S3_PREFIX } from '../transfers/exportRules.js';
import { readImportSource } from '../transfers/importSource.js';
import { importDescription } from '../transfers/importViews.js';
import { noSuchBucket } from '../transfers/exportProgress.js';
import { defaultClientToken, transferId } from '../transfers/transferId.js';
import type { ImportRecord } from '../transfers/transferStore.js';
import { validateRequest, type ValidationTypes } from '../../validateRequest.js';

const createTableRules = (
  createRequire(import.meta.url)('dynalite/validations/createTable.js') as { types: ValidationTypes }
).types;

/** ImportTable's fields; the new table's with CreateTable's rules (dynalite's, AWS's texts). */
const RULES = {
  ClientToken: CLIENT_TOKEN,
  S3BucketSource: {
    type: 'FieldStruct<S3BucketSource>',
    notNull: true,
    children: { S3BucketOwner: S3_BUCKET_OWNER, S3Bucket: S3_BUCKET, S3KeyPrefix: S3_PREFIX },
  },
  InputFormat: { type: 'String', notNull: true, enum: ['DYNAMODB_JSON', 'ION', 'CSV'] },
  InputCompressionType: { type: 'String', enum: ['GZIP', 'ZSTD', 'NONE'] },
  TableCreationParameters: {
    type: 'FieldStruct<TableCreationParameters>',
    notNull: true,
    children: {
      TableName: {
        type: 'String',
        notNull: true,
        lengthGreaterThanOrEqual: 3,
        lengthLessThanOrEqual: 255,
        regex: '[a-zA-Z0-9_.-]+',
      },
      AttributeDefinitions: { ...(createTableRules.AttributeDefinitions as object), notNull: true },
      KeySchema: { ...(createTableRules.KeySchema as object), notNull: true },
      BillingMode: { type: 'String', enum: ['PROVISIONED', 'PAY_PER_REQUEST'] },
      ProvisionedThroughput: createTableRules.ProvisionedThroughput,
      GlobalSecondaryIndexes: createTableRules.GlobalSecondaryIndexes,
    },
  },
};

function checkChoices(data: Record<string, unknown>): string | undefined {
  if (data.InputFormat !== 'DYNAMODB_JSON')
    return `The dynamo-dr sandbox imports only InputFormat DYNAMODB_JSON, not ${String(data.InputFormat)}.`;
  if (data.InputCompressionType === 'ZSTD')
    return 'The dynamo-dr sandbox imports only InputCompressionType GZIP or NONE, not ZSTD.';
  return undefined;
}

interface CreationParameters extends Omit<TableDefinition, 'BillingMode'> {
  readonly TableName: string;
  readonly BillingMode?: TableDefinition['BillingMode'];
}

/**
 * ImportTable: a new table holding the items of DynamoDB JSON objects in S3
 * (a full export's `data/` files, gzipped, import back into an identical
 * table). The table is CREATING while the import is IN_PROGRESS, for the
 * sandbox's restore timings; lines that are not items of the key schema
 * count in ErrorCount. A missing bucket fails the import and creates no table.
 * https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_ImportTable.html
 */
export async function importTable(request: Record<string, unknown>, ctx: DynamoContext): Promise<unknown> {
  const data = validateRequest(request, RULES, checkChoices);
  const { store, s3, transfers } = ctx;
  const now = store.now();
  const clientToken = (data.ClientToken as string | undefined) ?? defaultClientToken();
  const parameters = canonicalParameters(data);
  const earlier = earlierTransfer(transfers.imports, clientToken, parameters, now, () => conflict(clientToken));
  if (earlier) return { ImportTableDescription: importDescription(store, earlier) };

  const params = data.TableCreationParameters as CreationParameters;
  const name = params.TableName;
  await assertNoTable(ctx, name);
  const source = data.S3BucketSource as { S3Bucket: string; S3KeyPrefix?: string };
  const id = transferId(now);
  const base = {
    id,
    arn: `${tableArn(ctx.region, name)}/import/${id}`,
    tableArn: tableArn(ctx.region, name),
    clientToken,
    parameters,
    request: data,
    startMs: now,
  };
  let record: ImportRecord;
  if (!s3.bucket(source.S3Bucket)) {
    record = {
      ...base,
      processedItemCount: 0,
      importedItemCount: 0,
      errorCount: 0,
      processedSizeBytes: 0,
      failure: noSuchBucket(),
    };
  } else {
    const key = keyNamesOf(params as unknown as Record<string, unknown>);
    const keyTypes = Object.fromEntries(params.AttributeDefinitions.map((a) => [a.AttributeName, a.AttributeType]));
    const read = readImportSource(
      s3,
      { bucket: source.S3Bucket, prefix: source.S3KeyPrefix ?? '', gzip: data.InputCompressionType === 'GZIP' },
      key,
      keyTypes,
    );
    const table = await restoreTable(ctx, {
      targetTableName: name,
      definition: { ...params, BillingMode: params.BillingMode ?? 'PROVISIONED' },
      items: read.items,
      overrides: {},
      summary: { restoreDateTimeMs: now },
    }).catch((error: unknown) => {
      const type = (error as AwsError).type;
      throw type === 'TableAlreadyExistsException' || type === 'TableInUseException' ? tableInUse(name) : error;
    });
    record = {
      ...base,
      tableId: table.TableId as string,
      processedItemCount: read.processedItemCount,
      importedItemCount: read.items.size,
      errorCount: read.errorCount,
      processedSizeBytes: read.processedSizeBytes,
    };
  }
  transfers.addImport(record);
  return { ImportTableDescription: importDescription(store, record) };
}

async function assertNoTable(ctx: DynamoContext, name: string): Promise<void> {
  const exists = await ctx.dynalite.call('DescribeTable', { TableName: name }).then(
    () => true,
    (error: unknown) => {
      if ((error as AwsError).type === 'ResourceNotFoundException') return false;
      throw error;
    },
  );
  if (exists) throw tableInUse(name);
}

const tableInUse = (name: string) =>
  new AwsError('ResourceInUseException', `Table already exists: ${name}; ImportTable creates a new table.`);

function conflict(clientToken: string): AwsError {
  return new AwsError(
    'ImportConflictException',
    `ClientToken '${clientToken}' was used by an earlier import with other parameters; use a new ClientToken for a different import.`,
  );
}
