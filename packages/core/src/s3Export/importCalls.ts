import {
  DescribeImportCommand,
  ImportTableCommand,
  type AttributeDefinition,
  type DynamoDBClient,
  type KeySchemaElement,
} from '@aws-sdk/client-dynamodb';

/*
 * The DynamoDB calls that load a full export's data files into a new table: ImportTable and DescribeImport
 * (https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_ImportTable.html).
 */

/** One import of an export's data files into a new on-demand table keyed like `keySchema`. */
export interface ExportImportRequest {
  readonly bucket: string;
  /** `[prefix/]AWSDynamoDB/<ExportId>/data/`: the export's data files, and nothing else. */
  readonly dataPrefix: string;
  readonly tableName: string;
  readonly keySchema: KeySchemaElement[];
  readonly attributeDefinitions: AttributeDefinition[];
  /** The same token and parameters within 8 hours return the same import. */
  readonly clientToken: string;
}

/** Starts the import (DynamoDB JSON, gzipped, as an export writes it) and returns its ARN. */
export async function startExportImport(client: DynamoDBClient, request: ExportImportRequest): Promise<string> {
  const out = await client.send(
    new ImportTableCommand({
      S3BucketSource: { S3Bucket: request.bucket, S3KeyPrefix: request.dataPrefix },
      InputFormat: 'DYNAMODB_JSON',
      InputCompressionType: 'GZIP',
      TableCreationParameters: {
        TableName: request.tableName,
        KeySchema: request.keySchema,
        AttributeDefinitions: request.attributeDefinitions,
        BillingMode: 'PAY_PER_REQUEST',
      },
      ClientToken: request.clientToken,
    }),
  );
  return out.ImportTableDescription!.ImportArn!;
}

/** Where an import stands: its status, and AWS's failure once FAILED. */
export async function describeExportImport(
  client: DynamoDBClient,
  importArn: string,
): Promise<{ readonly status: string; readonly failure?: string }> {
  const { ImportTableDescription: d } = await client.send(new DescribeImportCommand({ ImportArn: importArn }));
  return {
    status: d?.ImportStatus ?? 'FAILED',
    ...(d?.FailureCode && { failure: `${d.FailureCode}: ${d.FailureMessage ?? ''}`.trim() }),
  };
}
