import type { ExecutionRecord } from '../stepFunctionsStore.js';
import type { TaskCall } from './taskCall.js';
import { TaskFailure, serviceFailure } from './taskFailure.js';

const START_EXECUTION = 'arn:aws:states:::states:startExecution';

/** `startExecution` (request-response), `.sync` and `.sync:2` (https://docs.aws.amazon.com/step-functions/latest/dg/connect-stepfunctions.html). */
export const isStartExecutionResource = (resource: string) =>
  [START_EXECUTION, `${START_EXECUTION}.sync`, `${START_EXECUTION}.sync:2`].includes(resource);

/**
 * Starts another execution of this sandbox (over HTTP, signed as the machine's
 * role, so it is a real execution with its own history). Request-response
 * returns its ARN and start date; `.sync` waits for it and returns
 * DescribeExecution's fields (Input and Output as JSON text; `.sync:2` as JSON).
 * A child that does not succeed fails the state with `States.TaskFailed`, its
 * description (with Error and Cause) as the cause. The child is stopped if this
 * execution closes or the state times out first.
 */
export async function runStartExecutionTask(call: TaskCall, input: unknown): Promise<unknown> {
  const parameters = (input ?? {}) as Record<string, unknown>;
  if (typeof parameters.StateMachineArn !== 'string') {
    throw new TaskFailure(
      'States.Runtime',
      `The Parameters of a ${call.resource} state must name the state machine in StateMachineArn (got ${JSON.stringify(parameters.StateMachineArn)}).`,
    );
  }
  call.events.scheduled(input);
  call.events.started();
  const childInput = parameters.Input;
  let childArn: string;
  try {
    childArn = await call.clients.startExecution(
      {
        stateMachineArn: parameters.StateMachineArn,
        input:
          childInput === undefined ? '{}' : typeof childInput === 'string' ? childInput : JSON.stringify(childInput),
        name: typeof parameters.Name === 'string' ? parameters.Name : undefined,
      },
      call.roleArn,
      call.region,
    );
  } catch (error) {
    throw call.events.failed(
      serviceFailure(error, 'StepFunctions', (code) => `StepFunctions.${code.replace(/(Exception)?$/, 'Exception')}`),
    );
  }
  const started = { ExecutionArn: childArn, StartDate: (call.executions.find(childArn)?.startDate ?? 0) * 1000 };
  if (call.resource === START_EXECUTION) {
    call.events.succeeded(started);
    return started;
  }
  call.events.submitted(started);
  call.executions.own(call.execution.executionArn, childArn);
  call.events.onTimeout = () => call.executions.stop(childArn, 'States.Timeout', 'The parent state timed out.');
  const child = await call.executions.closed(childArn);
  const description = syncDescription(child, call.resource.endsWith(':2'));
  if (child.status !== 'SUCCEEDED')
    throw call.events.failed(new TaskFailure('States.TaskFailed', JSON.stringify(description)));
  call.events.succeeded(description);
  return description;
}

function syncDescription(child: ExecutionRecord, parsed: boolean): Record<string, unknown> {
  const data = (text: string | undefined) => (parsed && text !== undefined ? JSON.parse(text) : text);
  return {
    ExecutionArn: child.executionArn,
    StateMachineArn: child.stateMachineArn,
    Name: child.name,
    Status: child.status,
    StartDate: child.startDate * 1000,
    StopDate: (child.stopDate ?? 0) * 1000,
    Input: data(child.input),
    InputDetails: { Included: true },
    ...(child.output !== undefined && { Output: data(child.output), OutputDetails: { Included: true } }),
    ...(child.error !== undefined && { Error: child.error }),
    ...(child.cause !== undefined && { Cause: child.cause }),
  };
}
