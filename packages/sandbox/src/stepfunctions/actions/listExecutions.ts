import { AwsError } from '../../awsError.js';
import type { StepFunctionsAction } from '../service.js';
import { sfnErrors } from '../sfnErrors.js';
import { executionSummary } from './describeExecution.js';
import { findMachine } from './describeStateMachine.js';
import { sfnPage } from './sfnPage.js';

const STATUSES = ['RUNNING', 'SUCCEEDED', 'FAILED', 'TIMED_OUT', 'ABORTED'];

/**
 * ListExecutions of a machine, or of a map run (`mapRunArn`: its child
 * executions), newest first, optionally only those with `statusFilter`.
 * https://docs.aws.amazon.com/step-functions/latest/apireference/API_ListExecutions.html
 */
export const listExecutions: StepFunctionsAction = (request, { store }) => {
  if (request.stateMachineArn !== undefined && request.mapRunArn !== undefined) {
    throw new AwsError('ValidationException', 'You can specify either a mapRunArn or a stateMachineArn, not both.');
  }
  let belongs: (e: { stateMachineArn: string; mapRunArn?: string }) => boolean;
  if (request.mapRunArn !== undefined) {
    if (!store.mapRuns[String(request.mapRunArn)]) throw sfnErrors.mapRunDoesNotExist(String(request.mapRunArn));
    belongs = (e) => e.mapRunArn === request.mapRunArn;
  } else {
    const machine = findMachine(store, request.stateMachineArn);
    belongs = (e) => e.stateMachineArn === machine.stateMachineArn;
  }
  const status = request.statusFilter;
  if (status !== undefined && !STATUSES.includes(String(status))) {
    throw sfnErrors.validation('statusFilter', status, `Member must satisfy enum value set: [${STATUSES.join(', ')}]`);
  }
  const executions = Object.values(store.executions)
    .filter((e) => belongs(e) && (status === undefined || e.status === status))
    .sort((a, b) => b.startDate - a.startDate)
    .map(executionSummary);
  const { items, nextToken } = sfnPage(executions, request);
  return { executions: items, ...(nextToken && { nextToken }) };
};
