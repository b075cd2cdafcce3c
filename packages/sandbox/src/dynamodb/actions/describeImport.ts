import { AwsError } from '../../awsError.js';
import type { DynamoContext } from '../service.js';
import { importDescription } from '../transfers/importViews.js';
import { validateRequest } from '../../validateRequest.js';

const RULES = {
  ImportArn: { type: 'String', notNull: true, lengthGreaterThanOrEqual: 37, lengthLessThanOrEqual: 1024 },
};

/**
 * DescribeImport: IN_PROGRESS while the new table loads, then COMPLETED (or FAILED), with its counts.
 * https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_DescribeImport.html
 */
export async function describeImport(request: Record<string, unknown>, ctx: DynamoContext): Promise<unknown> {
  const arn = validateRequest(request, RULES).ImportArn as string;
  const record = ctx.transfers.imports.find((i) => i.arn === arn);
  if (!record) throw new AwsError('ImportNotFoundException', `Import not found: ${arn}`);
  return { ImportTableDescription: importDescription(ctx.store, record) };
}
