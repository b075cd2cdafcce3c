import { validationError } from '../../awsError.js';
import { pageAfter } from '../../pageOf.js';
import type { DynamoContext } from '../service.js';
import { exportSummary } from '../transfers/exportViews.js';
import { TABLE_ARN } from '../transfers/exportRules.js';
import { validateRequest } from '../../validateRequest.js';

const RULES = {
  TableArn: TABLE_ARN,
  MaxResults: { type: 'Integer', greaterThanOrEqual: 1, lessThanOrEqual: 25 },
  NextToken: { type: 'String' },
};

const TOKENS = {
  encode: (arn: string) => Buffer.from(arn).toString('base64url'),
  decode: (token: string) => Buffer.from(token, 'base64url').toString('utf8') || undefined,
};

/**
 * ListExports, newest first ("in reverse alphanumeric order of ExportArn"),
 * of one table or all, MaxResults (≤ 25, by default 25) a page.
 * https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_ListExports.html
 */
export async function listExports(request: Record<string, unknown>, ctx: DynamoContext): Promise<unknown> {
  const data = validateRequest(request, RULES);
  const table = data.TableArn as string | undefined;
  const exports = ctx.transfers.exports.filter((e) => table === undefined || e.tableArn === table);
  const token = data.NextToken as string | undefined;
  const { items: page, nextToken } = pageAfter(
    exports,
    token,
    (data.MaxResults as number | undefined) ?? 25,
    { keyOf: (record) => record.arn, descending: true, token: TOKENS },
    () => validationError(`Invalid NextToken: ${token}`),
  );
  return {
    ExportSummaries: page.map((e) => exportSummary(ctx.s3, ctx.transfers, e)),
    ...(nextToken ? { NextToken: nextToken } : {}),
  };
}
