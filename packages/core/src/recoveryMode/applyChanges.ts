import type { LambdaClient } from '@aws-sdk/client-lambda';
import pLimit from 'p-limit';
import { isGone, setMappingEnabled, setReservedConcurrency } from './lambdaControls.js';
import type { PlannedChange } from './planChanges.js';

/** A change that could not be made, with AWS's answer. */
export interface ChangeFailure {
  readonly change: PlannedChange;
  readonly error: string;
}

export interface AppliedChanges {
  readonly failures: readonly ChangeFailure[];
  /** Resources deleted since they were planned. */
  readonly gone: readonly string[];
}

/**
 * Makes the changes: every function before the first mapping or every mapping
 * before the first function, keeping the plan's order between the two kinds.
 * A change that fails is recorded and the others still run, so one stuck
 * function never leaves the rest unhandled; running again finishes the job.
 */
export async function applyChanges(lambda: LambdaClient, changes: readonly PlannedChange[]): Promise<AppliedChanges> {
  const limit = pLimit(4);
  const failures: ChangeFailure[] = [];
  const gone: string[] = [];
  const groups = changes.reduce<PlannedChange[][]>((acc, change) => {
    const last = acc.at(-1);
    if (last && last[0]?.resource === change.resource) last.push(change);
    else acc.push([change]);
    return acc;
  }, []);
  for (const group of groups) {
    await Promise.all(
      group.map((change) =>
        limit(async () => {
          try {
            if (change.resource === 'function') await setReservedConcurrency(lambda, change.name, change.to);
            else await setMappingEnabled(lambda, change.name, change.to);
          } catch (error) {
            if (isGone(error)) gone.push(`${change.resource} ${change.name}`);
            else
              failures.push({
                change,
                error: error instanceof Error ? `${error.name}: ${error.message}` : String(error),
              });
          }
        }),
      ),
    );
  }
  return { failures, gone };
}
