import { stateMachineNameOf } from '../arns.js';
import type { StepFunctionsAction } from '../service.js';
import { sfnErrors } from '../sfnErrors.js';
import type { StepFunctionsStore, StateMachineRecord } from '../stepFunctionsStore.js';

/** DescribeStateMachine (https://docs.aws.amazon.com/step-functions/latest/apireference/API_DescribeStateMachine.html). */
export const describeStateMachine: StepFunctionsAction = (request, { store }) => {
  const machine = findMachine(store, request.stateMachineArn);
  return { ...machine, status: 'ACTIVE' };
};

/** The machine an ARN names; InvalidArn or StateMachineDoesNotExist otherwise. */
export function findMachine(store: StepFunctionsStore, arn: unknown): StateMachineRecord {
  if (arn === undefined) throw sfnErrors.missing('stateMachineArn');
  stateMachineNameOf(arn);
  const machine = store.machines[arn as string];
  if (!machine) throw sfnErrors.stateMachineDoesNotExist(arn as string);
  return machine;
}
