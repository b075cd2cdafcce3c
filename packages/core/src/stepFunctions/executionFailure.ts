import type { DescribeExecutionCommandOutput } from '@aws-sdk/client-sfn';
import { DrError } from '../errors.js';

/**
 * The error an ended, unsuccessful restore execution stands for. A FAILED one carries its failing step's
 * error; its cause is unwrapped where AWS wraps it: a Lambda function's failure (`{"errorType",
 * "errorMessage"}`, https://docs.aws.amazon.com/lambda/latest/dg/nodejs-exceptions.html) and a child
 * execution's (`States.TaskFailed` of `startExecution.sync`, whose cause is the child's DescribeExecution
 * output with its `error` and `cause`).
 */
export function executionFailure(tableName: string, execution: DescribeExecutionCommandOutput): Error {
  if (execution.status !== 'FAILED') {
    return new DrError(
      `The restore of ${tableName} on Step Functions ended ${execution.status}: ${execution.executionArn}.`,
      {
        hint: 'Run the same command again with the same --incident: a new execution resumes where this one stopped.',
      },
    );
  }
  let name = execution.error ?? 'Error';
  let message = execution.cause ?? '';
  for (;;) {
    const inner = parsed(message);
    if (typeof inner?.errorType === 'string') {
      name = inner.errorType;
      message = typeof inner.errorMessage === 'string' ? inner.errorMessage : '';
    } else if (typeof inner?.error === 'string') {
      name = inner.error;
      message = typeof inner.cause === 'string' ? inner.cause : '';
    } else {
      return new DrError(`${name}: ${message}`, {
        hint: `The restore of ${tableName} failed on Step Functions (${execution.executionArn}); run the same command again with the same --incident to resume once the cause is fixed.`,
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
