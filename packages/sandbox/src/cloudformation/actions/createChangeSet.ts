import { constraintViolation } from '../../awsError.js';
import { randomUUID } from 'node:crypto';
import { cfnErrors } from '../cfnErrors.js';
import { changeSetChanges } from '../changeSetChanges.js';
import type { CloudFormationAction } from '../service.js';
import { newStack } from './newStack.js';
import { capabilities, checkNewStackName, givenParameters, stackName, templateBodyOf } from './stackParams.js';
import { UPDATABLE } from './updateStack.js';

/**
 * CreateChangeSet: `CREATE` makes the stack (REVIEW_IN_PROGRESS) if it does
 * not exist, `UPDATE` needs it. The template and parameters are checked and
 * the changes computed at once, so the change set is CREATE_COMPLETE (or
 * FAILED, e.g. with no changes) by the first DescribeChangeSet.
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/APIReference/API_CreateChangeSet.html
 */
export const createChangeSet: CloudFormationAction = async (params, context) => {
  const { store, region, plan } = context;
  const name = stackName(params);
  const type = (params.ChangeSetType as 'CREATE' | 'UPDATE' | undefined) ?? 'UPDATE';
  const changeSetName = String(params.ChangeSetName ?? '');
  if (!/^[a-zA-Z][-a-zA-Z0-9]{0,127}$/.test(changeSetName)) {
    throw cfnErrors.validation(
      constraintViolation(
        'changeSetName',
        changeSetName,
        'Member must satisfy regular expression pattern: [a-zA-Z][-a-zA-Z0-9]*',
      ),
    );
  }
  let stack = store.find(name);
  if (type === 'CREATE' && stack && stack.StackStatus !== 'REVIEW_IN_PROGRESS') {
    throw cfnErrors.validation(
      `Stack [${name}] already exists and cannot be created again with the changeSet [${changeSetName}].`,
    );
  }
  if (type === 'UPDATE' && (!stack || stack.StackStatus === 'REVIEW_IN_PROGRESS'))
    throw cfnErrors.stackDoesNotExist(name);
  if (type === 'UPDATE' && stack && !UPDATABLE.includes(stack.StackStatus))
    throw cfnErrors.notUpdatable(stack.StackId, stack.StackStatus);
  const target = stack ?? newStack(checkNewStackName(name), region, params);
  const checked = await plan({
    template: await templateBodyOf(params, context, stack ?? undefined),
    parameters: givenParameters(params),
    previousParameters: stack?.Parameters ?? [],
    capabilities: capabilities(params),
    stackName: target.StackName,
    stackId: target.StackId,
  });
  stack = target;
  store.stacks[stack.StackId] = stack;
  const changes = changeSetChanges(type === 'UPDATE' ? stack : undefined, checked);
  const unchanged =
    type === 'UPDATE' &&
    checked.templateBody === stack.templateBody &&
    JSON.stringify(checked.parameters) === JSON.stringify(stack.Parameters);
  const empty = type === 'UPDATE' && changes.length === 0 && unchanged;
  const id = `arn:aws:cloudformation:${region}:${stack.StackId.split(':')[4]}:changeSet/${changeSetName}/${randomUUID()}`;
  stack.changeSets[id] = {
    ChangeSetId: id,
    ChangeSetName: changeSetName,
    StackId: stack.StackId,
    StackName: stack.StackName,
    Description: params.Description as string | undefined,
    ChangeSetType: type,
    CreationTime: new Date().toISOString(),
    Status: empty ? 'FAILED' : 'CREATE_COMPLETE',
    ...(empty && {
      StatusReason:
        "The submitted information didn't contain changes. Submit different information to create a change set.",
    }),
    ExecutionStatus: empty ? 'UNAVAILABLE' : 'AVAILABLE',
    Capabilities: capabilities(params),
    Parameters: checked.parameters,
    Changes: changes,
    templateBody: checked.templateBody,
    fromUrl: checked.fromUrl,
  };
  store.save();
  return { Id: id, StackId: stack.StackId };
};
