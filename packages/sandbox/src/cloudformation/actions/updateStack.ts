import { cfnErrors } from '../cfnErrors.js';
import type { CloudFormationAction } from '../service.js';
import { capabilities, findStack, givenParameters, stackName, templateBodyOf } from './stackParams.js';

/** Statuses a stack can be updated from (https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/using-cfn-describing-stacks.html). */
export const UPDATABLE = ['CREATE_COMPLETE', 'UPDATE_COMPLETE', 'UPDATE_ROLLBACK_COMPLETE'];

/**
 * UpdateStack: the new template and parameters are checked first; the same
 * template with the same parameters is "No updates are to be performed.".
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/APIReference/API_UpdateStack.html
 */
export const updateStack: CloudFormationAction = async (params, context) => {
  const { store, operations, plan } = context;
  const stack = findStack(store, stackName(params));
  if (!UPDATABLE.includes(stack.StackStatus)) throw cfnErrors.notUpdatable(stack.StackId, stack.StackStatus);
  const checked = await plan({
    template: await templateBodyOf(params, context, stack ?? undefined),
    parameters: givenParameters(params),
    previousParameters: stack.Parameters,
    capabilities: capabilities(params),
    stackName: stack.StackName,
    stackId: stack.StackId,
  });
  if (
    checked.templateBody === stack.templateBody &&
    JSON.stringify(checked.parameters) === JSON.stringify(stack.Parameters)
  ) {
    throw cfnErrors.validation('No updates are to be performed.');
  }
  stack.Capabilities = capabilities(params);
  await operations.update(stack, checked);
  return { StackId: stack.StackId };
};
