import type { AwsError } from '../../awsError.js';

/** AWS keeps a client token for 8 hours (ExportTableToPointInTime and ImportTable, ClientToken). */
const TOKEN_LIFETIME_MS = 8 * 60 * 60 * 1000;

/** A request's parameters besides its ClientToken, with keys sorted, to compare two requests. */
export function canonicalParameters(request: Readonly<Record<string, unknown>>): string {
  const { ClientToken: _token, ...rest } = request;
  return JSON.stringify(rest, (_key, value: unknown) =>
    value && typeof value === 'object' && !Array.isArray(value)
      ? Object.fromEntries(Object.entries(value as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b)))
      : value,
  );
}

/**
 * The earlier transfer a repeated ClientToken names: the same parameters make
 * the call idempotent (it returns that transfer), other parameters within the
 * token's 8 hours are a conflict.
 * https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_ExportTableToPointInTime.html#DDB-ExportTableToPointInTime-request-ClientToken
 */
export function earlierTransfer<T extends { clientToken: string; parameters: string; startMs: number }>(
  records: readonly T[],
  clientToken: string,
  parameters: string,
  nowMs: number,
  conflict: () => AwsError,
): T | undefined {
  const earlier = records.find((r) => r.clientToken === clientToken && nowMs - r.startMs < TOKEN_LIFETIME_MS);
  if (earlier && earlier.parameters !== parameters) throw conflict();
  return earlier;
}
