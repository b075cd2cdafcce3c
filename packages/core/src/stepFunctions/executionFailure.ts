import type { DescribeExecutionCommandOutput, SFNClient } from '@aws-sdk/client-sfn';
import { DrError } from '../errors.js';
import { errorFromStepFailure } from '../workflow/stepFailure.js';
import { failedMapIteration } from './stepFunctionsCalls.js';

/** What a Distributed Map reports when an iteration failed (and the Map tolerates none). */
const MAP_FAILED = 'States.ExceedToleratedFailureThreshold';

/**
 * The error an ended, unsuccessful restore execution stands for. A FAILED one stands for its failing step's
 * error, as the same class ({@link errorFromStepFailure}: unwrapped from the Lambda error and the sync
 * machine's output), so the command exits as the in-process run would. When the sync machine's Distributed
 * Map failed, which says only that its tolerated failure threshold was exceeded, the error is its failed
 * iteration's (an execution of its map run).
 */
export async function executionFailure(
  sfn: SFNClient,
  tableName: string,
  execution: DescribeExecutionCommandOutput,
): Promise<Error> {
  const resume = 'run the same command again with the same --incident: a new execution resumes where this one stopped';
  if (execution.status !== 'FAILED') {
    return new DrError(
      `The restore of ${tableName} on Step Functions ended ${execution.status}: ${execution.executionArn}.`,
      { hint: `Once the cause is fixed, ${resume}.` },
    );
  }
  const child = childExecution(execution.cause);
  // The restore's Map runs in its sync machine (a child execution); the revert's in the execution itself.
  const mapOwner =
    child?.error === MAP_FAILED
      ? child.executionArn
      : execution.error === MAP_FAILED
        ? execution.executionArn
        : undefined;
  const iteration = mapOwner ? await failedMapIteration(sfn, mapOwner) : undefined;
  const failed = iteration ?? execution;
  return errorFromStepFailure({ Error: failed.error ?? 'Error', Cause: failed.cause });
}

/** The child execution a `States.TaskFailed` of `startExecution.sync:2` carries as its cause, if it is one. */
function childExecution(cause: string | undefined): { executionArn: string; error: unknown } | undefined {
  try {
    const output = JSON.parse(cause ?? '') as Record<string, unknown>;
    const executionArn = output.ExecutionArn ?? output.executionArn;
    return typeof executionArn === 'string' ? { executionArn, error: output.Error ?? output.error } : undefined;
  } catch {
    return undefined;
  }
}
