import { randomUUID } from 'node:crypto';
import { checkName, stateMachineArn } from '../arns.js';
import { checkDefinition } from '../checkDefinition.js';
import type { StepFunctionsAction } from '../service.js';
import { sfnErrors } from '../sfnErrors.js';
import { checkRoleArn } from './checkRoleArn.js';

/**
 * CreateStateMachine. Idempotent as on AWS: the same name with the same
 * definition, role, type and logging returns the existing machine; with any
 * of them different, StateMachineAlreadyExists.
 * https://docs.aws.amazon.com/step-functions/latest/apireference/API_CreateStateMachine.html
 */
export const createStateMachine: StepFunctionsAction = (request, { store, region }) => {
  if (typeof request.name !== 'string') throw sfnErrors.missing('name');
  const name = checkName(request.name);
  checkDefinition(request.definition);
  const roleArn = checkRoleArn(request.roleArn);
  const type = (request.type ?? 'STANDARD') as 'STANDARD' | 'EXPRESS';
  const loggingConfiguration = (request.loggingConfiguration as Record<string, unknown>) ?? {
    level: 'OFF',
    includeExecutionData: false,
  };
  const arn = stateMachineArn(region, name);
  const existing = store.machines[arn];
  if (existing) {
    const same =
      existing.definition === request.definition &&
      existing.roleArn === roleArn &&
      existing.type === type &&
      JSON.stringify(existing.loggingConfiguration) === JSON.stringify(loggingConfiguration);
    if (!same) throw sfnErrors.stateMachineAlreadyExists(arn);
    return { stateMachineArn: arn, creationDate: existing.creationDate };
  }
  const creationDate = Date.now() / 1000;
  store.machines[arn] = {
    stateMachineArn: arn,
    name,
    definition: request.definition as string,
    roleArn,
    type,
    creationDate,
    loggingConfiguration,
    tracingConfiguration: (request.tracingConfiguration as Record<string, unknown>) ?? { enabled: false },
    revisionId: randomUUID(),
  };
  store.save();
  return { stateMachineArn: arn, creationDate };
};
