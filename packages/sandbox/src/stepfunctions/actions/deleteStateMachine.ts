import { stateMachineNameOf } from '../arns.js';
import type { StepFunctionsAction } from '../service.js';
import { sfnErrors } from '../sfnErrors.js';

/**
 * DeleteStateMachine. Deleting a machine that does not exist succeeds, as on
 * AWS; its executions (running ones keep running) stay describable.
 * https://docs.aws.amazon.com/step-functions/latest/apireference/API_DeleteStateMachine.html
 */
export const deleteStateMachine: StepFunctionsAction = (request, { store }) => {
  if (request.stateMachineArn === undefined) throw sfnErrors.missing('stateMachineArn');
  stateMachineNameOf(request.stateMachineArn);
  delete store.machines[request.stateMachineArn as string];
  store.save();
  return {};
};
