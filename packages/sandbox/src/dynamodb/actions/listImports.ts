import { validationError } from '../../awsError.js';
import { pageAfter } from '../../pageOf.js';
import type { DynamoContext } from '../service.js';
import { TABLE_ARN } from '../transfers/exportRules.js';
import { importSummary } from '../transfers/importViews.js';
import { validateRequest } from '../../validateRequest.js';

const RULES = {
  TableArn: TABLE_ARN,
  PageSize: { type: 'Integer', greaterThanOrEqual: 1, lessThanOrEqual: 25 },
  NextToken: { type: 'String', lengthGreaterThanOrEqual: 112, lengthLessThanOrEqual: 1024, regex: '([0-9a-f]{16})+' },
};

/** ListImports' NextToken must be hex in blocks of 16 digits, at least 112: the ARN's bytes, NUL-padded. */
const TOKENS = {
  encode(arn: string): string {
    const bytes = Buffer.from(arn);
    const size = Math.max(56, Math.ceil(bytes.length / 8) * 8);
    return Buffer.concat([bytes, Buffer.alloc(size - bytes.length)]).toString('hex');
  },
  decode: (token: string) => Buffer.from(token, 'hex').toString('utf8').replace(/\0+$/, '') || undefined,
};

/**
 * ListImports, newest first, of one table or all, PageSize (≤ 25) a page.
 * https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_ListImports.html
 */
export async function listImports(request: Record<string, unknown>, ctx: DynamoContext): Promise<unknown> {
  const data = validateRequest(request, RULES);
  const table = data.TableArn as string | undefined;
  const imports = ctx.transfers.imports.filter((i) => table === undefined || i.tableArn === table);
  const token = data.NextToken as string | undefined;
  const { items: page, nextToken } = pageAfter(
    imports,
    token,
    (data.PageSize as number | undefined) ?? 25,
    { keyOf: (record) => record.arn, descending: true, token: TOKENS },
    () => validationError(`Invalid NextToken: ${token}`),
  );
  return {
    ImportSummaryList: page.map((i) => importSummary(ctx.store, i)),
    ...(nextToken ? { NextToken: nextToken } : {}),
  };
}
