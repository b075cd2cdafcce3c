import type { DescribeExecutionCommandOutput, SFNClient } from '@aws-sdk/client-sfn';
import { DrError } from '../errors.js';
import { failedMapIteration } from './stepFunctionsCalls.js';

/** What a Distributed Map reports when an iteration failed (and the Map tolerates none). */
const MAP_FAILED = 'States.ExceedToleratedFailureThreshold';

/**
 * The error an ended, unsuccessful restore execution stands for: a FAILED one carries its failing step's
 * error, found where AWS wraps it: a Lambda function's failure (`{"errorType", "errorMessage"}`,
 * https://docs.aws.amazon.com/lambda/latest/dg/nodejs-exceptions.html), a child execution's
 * (`States.TaskFailed` of `startExecution.sync:2`, whose cause is the child's DescribeExecution output with
 * its `Error` and `Cause`), and a Distributed Map's (its failed iteration's, an execution of its map run).
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
      {
        hint: `Once the cause is fixed, ${resume}.`,
      },
    );
  }
  let name = execution.error ?? 'Error';
  let message = execution.cause ?? '';
  for (;;) {
    const inner = parsed(message);
    const childError = inner?.Error ?? inner?.error;
    if (typeof inner?.errorType === 'string') {
      name = inner.errorType;
      message = typeof inner.errorMessage === 'string' ? inner.errorMessage : '';
    } else if (typeof childError === 'string') {
      const childArn = inner?.ExecutionArn ?? inner?.executionArn;
      const iteration =
        childError === MAP_FAILED && typeof childArn === 'string' ? await failedMapIteration(sfn, childArn) : undefined;
      name = iteration?.error ?? childError;
      const cause = iteration ? iteration.cause : (inner?.Cause ?? inner?.cause);
      message = typeof cause === 'string' ? cause : '';
    } else {
      return new DrError(`${name}: ${message}`, {
        hint: `The restore of ${tableName} failed on Step Functions (${execution.executionArn}); once the cause is fixed, ${resume}.`,
      });
    }
  }
}

function parsed(text: string): Record<string, unknown> | undefined {
  if (!text.startsWith('{')) return undefined;
  try {
    const value: unknown = JSON.parse(text);
    return value !== null && typeof value === 'object' ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
