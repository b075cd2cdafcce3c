import { checkExecutionArn } from '../arns.js';
import type { StepFunctionsAction } from '../service.js';
import { sfnErrors } from '../sfnErrors.js';
import type { ExecutionRecord, StepFunctionsStore } from '../stepFunctionsStore.js';

/** DescribeExecution (https://docs.aws.amazon.com/step-functions/latest/apireference/API_DescribeExecution.html). */
export const describeExecution: StepFunctionsAction = (request, { store }) => {
  const e = findExecution(store, request.executionArn);
  return {
    ...executionSummary(e),
    input: e.input,
    inputDetails: { included: true },
    ...(e.output !== undefined && { output: e.output, outputDetails: { included: true } }),
    ...(e.error !== undefined && { error: e.error }),
    ...(e.cause !== undefined && { cause: e.cause }),
  };
};

/** The fields ListExecutions gives of an execution (DescribeExecution adds data and errors). */
export function executionSummary(e: ExecutionRecord): Record<string, unknown> {
  return {
    executionArn: e.executionArn,
    stateMachineArn: e.stateMachineArn,
    name: e.name,
    status: e.status,
    startDate: e.startDate,
    ...(e.stopDate !== undefined && { stopDate: e.stopDate }),
    ...(e.mapRunArn !== undefined && { mapRunArn: e.mapRunArn }),
  };
}

/** The execution an ARN names; InvalidArn or ExecutionDoesNotExist otherwise. */
export function findExecution(store: StepFunctionsStore, arn: unknown): ExecutionRecord {
  if (arn === undefined) throw sfnErrors.missing('executionArn');
  const execution = store.executions[checkExecutionArn(arn)];
  if (!execution) throw sfnErrors.executionDoesNotExist(arn as string);
  return execution;
}
