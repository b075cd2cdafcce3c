import { validationError } from '../../awsError.js';

/**
 * One page of exports or imports, newest first (ListExports: "in reverse
 * alphanumeric order of ExportArn"; the ids begin with the start time). The
 * token is the last ARN of the previous page, encoded by `encode`.
 */
export function transferPage<T extends { arn: string }>(
  records: readonly T[],
  size: number,
  token: string | undefined,
  codec: { encode(arn: string): string; decode(token: string): string | undefined },
): { page: T[]; nextToken?: string } {
  const sorted = [...records].sort((a, b) => (a.arn < b.arn ? 1 : a.arn > b.arn ? -1 : 0));
  let start = 0;
  if (token !== undefined) {
    const after = codec.decode(token);
    if (after === undefined) throw validationError(`Invalid NextToken: ${token}`);
    start = sorted.findIndex((r) => r.arn < after);
    if (start < 0) start = sorted.length;
  }
  const page = sorted.slice(start, start + size);
  const last = page[page.length - 1];
  return start + size < sorted.length && last ? { page, nextToken: codec.encode(last.arn) } : { page };
}
