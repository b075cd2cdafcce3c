import { cfnErrors } from '../cfnErrors.js';
import type { CloudFormationAction } from '../service.js';
import { findStack, stackName } from './stackParams.js';

/** GetTemplate: the stack's (or a change set's) template as submitted (https://docs.aws.amazon.com/AWSCloudFormation/latest/APIReference/API_GetTemplate.html). */
export const getTemplate: CloudFormationAction = async (params, { store }) => {
  const stack = findStack(store, stackName(params));
  const changeSet =
    params.ChangeSetName === undefined
      ? undefined
      : Object.values(stack.changeSets).find(
          (c) => c.ChangeSetName === params.ChangeSetName || c.ChangeSetId === params.ChangeSetName,
        );
  if (params.ChangeSetName !== undefined && !changeSet) throw cfnErrors.changeSetNotFound(String(params.ChangeSetName));
  return { TemplateBody: changeSet?.templateBody ?? stack.templateBody, StagesAvailable: ['Original', 'Processed'] };
};
