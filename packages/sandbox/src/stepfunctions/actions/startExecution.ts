import { randomUUID } from 'node:crypto';
import { checkName, executionArn } from '../arns.js';
import type { StepFunctionsAction } from '../service.js';
import { sfnErrors } from '../sfnErrors.js';
import { findMachine } from './describeStateMachine.js';

/** Step Functions' limit on execution input (https://docs.aws.amazon.com/step-functions/latest/dg/service-quotas.html). */
const MAX_INPUT_BYTES = 256 * 1024;

/**
 * StartExecution. A name is unique per machine while the execution is kept
 * (90 days on AWS; here, as long as the sandbox keeps it): the same name and
 * input as a running execution returns that execution (idempotent); a
 * different input, or a closed execution, is ExecutionAlreadyExists.
 * https://docs.aws.amazon.com/step-functions/latest/apireference/API_StartExecution.html
 */
export const startExecution: StepFunctionsAction = (request, { store, engine }) => {
  const machine = findMachine(store, request.stateMachineArn);
  const name = request.name === undefined ? randomUUID() : checkName(String(request.name));
  const input = request.input === undefined ? '{}' : String(request.input);
  if (Buffer.byteLength(input) > MAX_INPUT_BYTES) {
    throw sfnErrors.invalidExecutionInput(`the input is over ${MAX_INPUT_BYTES} bytes`);
  }
  try {
    JSON.parse(input);
  } catch (error) {
    throw sfnErrors.invalidExecutionInput(`${(error as Error).message}`);
  }
  const arn = executionArn(machine.stateMachineArn.split(':')[3] ?? '', machine.name, name);
  const existing = store.executions[arn];
  if (existing) {
    if (existing.status === 'RUNNING' && existing.input === input) {
      return { executionArn: arn, startDate: existing.startDate };
    }
    throw sfnErrors.executionAlreadyExists(arn);
  }
  const startDate = Date.now() / 1000;
  store.executions[arn] = {
    executionArn: arn,
    stateMachineArn: machine.stateMachineArn,
    name,
    status: 'RUNNING',
    startDate,
    input,
    definition: machine.definition,
    roleArn: machine.roleArn,
    history: [],
  };
  engine.run(store.executions[arn]);
  return { executionArn: arn, startDate };
};
