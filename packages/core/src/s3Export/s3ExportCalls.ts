import { DescribeExportCommand, ExportTableToPointInTimeCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';

/*
 * The DynamoDB calls of an export to S3: ExportTableToPointInTime (FULL_EXPORT) and DescribeExport.
 * https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_ExportTableToPointInTime.html
 */

/** One full export to start. */
export interface FullExportRequest {
  readonly tableArn: string;
  readonly bucket: string;
  readonly prefix?: string;
  /** The point in time exported (UTC, ISO 8601), inside the restorable window. */
  readonly exportTime: string;
  /** The same token and parameters within 8 hours return the same export instead of starting another. */
  readonly clientToken: string;
}

/** Starts a full export in DynamoDB JSON and returns its ARN. */
export async function startFullExport(client: DynamoDBClient, request: FullExportRequest): Promise<string> {
  const out = await client.send(
    new ExportTableToPointInTimeCommand({
      TableArn: request.tableArn,
      S3Bucket: request.bucket,
      ...(request.prefix !== undefined && { S3Prefix: request.prefix }),
      ExportTime: new Date(request.exportTime),
      ExportFormat: 'DYNAMODB_JSON',
      ExportType: 'FULL_EXPORT',
      ClientToken: request.clientToken,
    }),
  );
  return out.ExportDescription!.ExportArn!;
}

/** An export as DescribeExport tells it, in the fields dynamo-dr uses. */
export interface ExportDescription {
  readonly exportArn: string;
  readonly status: 'IN_PROGRESS' | 'COMPLETED' | 'FAILED';
  readonly tableArn?: string;
  readonly bucket: string;
  readonly prefix?: string;
  /** The summary manifest's key, once COMPLETED. */
  readonly manifestKey?: string;
  readonly exportTime?: string;
  readonly startTime?: string;
  readonly endTime?: string;
  /** Once COMPLETED. */
  readonly itemCount?: number;
  readonly billedSizeBytes?: number;
  /** AWS's FailureCode and FailureMessage, once FAILED. */
  readonly failure?: string;
}

/** DescribeExport of one export. */
export async function describeExport(client: DynamoDBClient, exportArn: string): Promise<ExportDescription> {
  const { ExportDescription: d } = await client.send(new DescribeExportCommand({ ExportArn: exportArn }));
  return {
    exportArn,
    status: (d?.ExportStatus ?? 'FAILED') as ExportDescription['status'],
    bucket: d?.S3Bucket ?? '',
    ...(d?.TableArn && { tableArn: d.TableArn }),
    ...(d?.S3Prefix !== undefined && { prefix: d.S3Prefix }),
    ...(d?.ExportManifest && { manifestKey: d.ExportManifest }),
    ...(d?.ExportTime && { exportTime: d.ExportTime.toISOString() }),
    ...(d?.StartTime && { startTime: d.StartTime.toISOString() }),
    ...(d?.EndTime && { endTime: d.EndTime.toISOString() }),
    ...(d?.ItemCount !== undefined && { itemCount: d.ItemCount }),
    ...(d?.BilledSizeBytes !== undefined && { billedSizeBytes: d.BilledSizeBytes }),
    ...(d?.FailureCode && { failure: `${d.FailureCode}: ${d.FailureMessage ?? ''}`.trim() }),
  };
}
