import type { TableRef } from '../aws/tableRef.js';
import { VerificationError } from '../errors.js';
import { DEFAULT_SEGMENTS } from './engineContext.js';
import { digestSegments, runOperation, type OperationTables } from './runOperation.js';
import type { SyncOperation, SyncOptions, SyncResult } from './syncTypes.js';
import { EMPTY_DIGEST } from './tableDigest.js';

/**
 * Runs an operation that changes `tables.destination`, then reads the
 * destination back and checks it: equal to the source's digest (taken while
 * copying), or empty. Throws {@link VerificationError} otherwise.
 */
export async function verifiedRun(
  operation: Exclude<SyncOperation, 'digest'>,
  tables: OperationTables & { readonly destination: TableRef },
  options: SyncOptions,
): Promise<SyncResult> {
  const started = performance.now();
  const run = await runOperation(operation, tables, options);
  run.ctx.progress.startPhase('verify');
  const destination = await digestSegments(
    tables.destination,
    run.schema,
    run.ctx,
    options.segments ?? DEFAULT_SEGMENTS,
  );
  run.ctx.progress.finish();
  const expected = run.digest ?? EMPTY_DIGEST;
  if (expected.count !== destination.count || expected.digest !== destination.digest) {
    throw new VerificationError(
      operation === 'empty'
        ? `${tables.destination.tableName} is not empty after emptying it`
        : `${tables.destination.tableName} differs from ${tables.source!.tableName} after the ${operation}`,
      expected,
      destination,
    );
  }
  return {
    operation,
    runId: run.runId,
    counts: run.counts,
    source: run.digest,
    destination,
    durationMs: performance.now() - started,
  };
}
