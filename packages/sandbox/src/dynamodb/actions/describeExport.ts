import { AwsError } from '../../awsError.js';
import type { DynamoContext } from '../service.js';
import { exportDescription } from '../transfers/exportViews.js';
import { validateRequest } from '../../validateRequest.js';

const RULES = {
  ExportArn: { type: 'String', notNull: true, lengthGreaterThanOrEqual: 37, lengthLessThanOrEqual: 1024 },
};

/**
 * DescribeExport: an export's status (IN_PROGRESS, then COMPLETED or FAILED), counts and manifest.
 * https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_DescribeExport.html
 */
export async function describeExport(request: Record<string, unknown>, ctx: DynamoContext): Promise<unknown> {
  const arn = validateRequest(request, RULES).ExportArn as string;
  const record = ctx.transfers.exports.find((e) => e.arn === arn);
  if (!record) throw new AwsError('ExportNotFoundException', `Export not found: ${arn}`);
  return { ExportDescription: exportDescription(ctx.s3, ctx.transfers, record) };
}
