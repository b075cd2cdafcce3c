import { cfnErrors } from '../cfnErrors.js';
import type { CloudFormationAction } from '../service.js';
import { newStack } from './newStack.js';
import { capabilities, checkNewStackName, givenParameters, stackName, templateBodyOf } from './stackParams.js';

/**
 * CreateStack: checks the template and parameters first (a bad one creates
 * nothing, not even the stack), then creates the resources; on failure
 * `OnFailure` (ROLLBACK by default, DO_NOTHING with DisableRollback) applies.
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/APIReference/API_CreateStack.html
 */
export const createStack: CloudFormationAction = async (params, context) => {
  const { store, operations, region, plan } = context;
  const name = checkNewStackName(stackName(params));
  if (store.find(name)) throw cfnErrors.alreadyExists(name);
  const stack = newStack(name, region, params);
  const checked = await plan({
    template: await templateBodyOf(params, context),
    parameters: givenParameters(params),
    previousParameters: [],
    capabilities: capabilities(params),
    stackName: name,
    stackId: stack.StackId,
  });
  if (store.find(name)) throw cfnErrors.alreadyExists(name);
  store.stacks[stack.StackId] = stack;
  const onFailure =
    (params.OnFailure as 'ROLLBACK' | 'DELETE' | 'DO_NOTHING' | undefined) ??
    (stack.DisableRollback ? 'DO_NOTHING' : 'ROLLBACK');
  await operations.create(stack, checked, onFailure);
  return { StackId: stack.StackId };
};
