import type { CloudFormationAction } from '../service.js';
import { findStack, stackName } from './stackParams.js';

/** ListChangeSets of a stack (https://docs.aws.amazon.com/AWSCloudFormation/latest/APIReference/API_ListChangeSets.html). */
export const listChangeSets: CloudFormationAction = async (params, { store }) => {
  const stack = findStack(store, stackName(params));
  return {
    Summaries: Object.values(stack.changeSets).map((c) => ({
      StackId: c.StackId,
      StackName: c.StackName,
      ChangeSetId: c.ChangeSetId,
      ChangeSetName: c.ChangeSetName,
      ExecutionStatus: c.ExecutionStatus,
      Status: c.Status,
      StatusReason: c.StatusReason,
      CreationTime: c.CreationTime,
      Description: c.Description,
    })),
  };
};
