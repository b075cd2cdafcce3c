import { randomUUID } from 'node:crypto';
import { checkDefinition } from '../checkDefinition.js';
import type { StepFunctionsAction } from '../service.js';
import { checkRoleArn } from './checkRoleArn.js';
import { findMachine } from './describeStateMachine.js';

/**
 * UpdateStateMachine: a new definition and/or role for executions started
 * from now on; running executions keep the definition they started with.
 * https://docs.aws.amazon.com/step-functions/latest/apireference/API_UpdateStateMachine.html
 */
export const updateStateMachine: StepFunctionsAction = (request, { store }) => {
  const machine = findMachine(store, request.stateMachineArn);
  if (request.definition !== undefined) checkDefinition(request.definition);
  const roleArn = request.roleArn === undefined ? undefined : checkRoleArn(request.roleArn);
  if (request.definition !== undefined) machine.definition = request.definition as string;
  if (roleArn) machine.roleArn = roleArn;
  if (request.loggingConfiguration)
    machine.loggingConfiguration = request.loggingConfiguration as Record<string, unknown>;
  if (request.tracingConfiguration)
    machine.tracingConfiguration = request.tracingConfiguration as Record<string, unknown>;
  machine.updateDate = Date.now() / 1000;
  machine.revisionId = randomUUID();
  store.save();
  return { updateDate: machine.updateDate, revisionId: machine.revisionId };
};
