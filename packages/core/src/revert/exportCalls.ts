import { DescribeExportCommand, ExportTableToPointInTimeCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';

/*
 * The AWS calls a revert makes to export what changed: ExportTableToPointInTime and DescribeExport (reading
 * the export back is `s3Export/`'s).
 */

/** One incremental export to start: what changed in `[from, to)` with both images of every changed key. */
export interface IncrementalExportRequest {
  readonly tableArn: string;
  readonly bucket: string;
  readonly prefix?: string;
  readonly from: string;
  readonly to: string;
  /** Makes the start idempotent: the same token and parameters within 8 hours return the same export. */
  readonly clientToken: string;
}

/**
 * Starts an incremental export with both images, in DynamoDB JSON, and returns its ARN
 * (https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_ExportTableToPointInTime.html).
 */
export async function startIncrementalExport(
  client: DynamoDBClient,
  request: IncrementalExportRequest,
): Promise<string> {
  const out = await client.send(
    new ExportTableToPointInTimeCommand({
      TableArn: request.tableArn,
      S3Bucket: request.bucket,
      ...(request.prefix !== undefined && { S3Prefix: request.prefix }),
      ExportFormat: 'DYNAMODB_JSON',
      ExportType: 'INCREMENTAL_EXPORT',
      IncrementalExportSpecification: {
        ExportFromTime: new Date(request.from),
        ExportToTime: new Date(request.to),
        ExportViewType: 'NEW_AND_OLD_IMAGES',
      },
      ClientToken: request.clientToken,
    }),
  );
  return out.ExportDescription!.ExportArn!;
}

/** Where an export stands: its manifest summary's key once COMPLETED, AWS's failure once FAILED. */
export interface ExportState {
  readonly status: 'IN_PROGRESS' | 'COMPLETED' | 'FAILED';
  readonly manifestKey?: string;
  readonly failure?: string;
}

/** DescribeExport, reduced to what a revert waits for. */
export async function describeExportState(client: DynamoDBClient, exportArn: string): Promise<ExportState> {
  const { ExportDescription: d } = await client.send(new DescribeExportCommand({ ExportArn: exportArn }));
  return {
    status: (d?.ExportStatus ?? 'FAILED') as ExportState['status'],
    ...(d?.ExportManifest && { manifestKey: d.ExportManifest }),
    ...(d?.FailureCode && { failure: `${d.FailureCode}: ${d.FailureMessage ?? ''}`.trim() }),
  };
}
