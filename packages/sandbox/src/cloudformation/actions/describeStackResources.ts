import { cfnErrors } from '../cfnErrors.js';
import type { CloudFormationAction } from '../service.js';
import { findStack } from './stackParams.js';

/**
 * DescribeStackResources of a stack (by name or id), or of the stack holding
 * `PhysicalResourceId`; optionally one logical id.
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/APIReference/API_DescribeStackResources.html
 */
export const describeStackResources: CloudFormationAction = async (params, { store }) => {
  let stack;
  if (typeof params.StackName === 'string') stack = findStack(store, params.StackName);
  else if (typeof params.PhysicalResourceId === 'string') {
    stack = Object.values(store.stacks).find((s) =>
      Object.values(s.resources).some((r) => r.PhysicalResourceId === params.PhysicalResourceId),
    );
    if (!stack) throw cfnErrors.validation(`Stack for ${params.PhysicalResourceId} does not exist`);
  } else throw cfnErrors.validation('Either StackName or PhysicalResourceId must be specified.');
  const resources = Object.values(stack.resources).filter(
    (r) => params.LogicalResourceId === undefined || r.LogicalResourceId === params.LogicalResourceId,
  );
  return {
    StackResources: resources.map((r) => ({
      StackName: stack.StackName,
      StackId: stack.StackId,
      LogicalResourceId: r.LogicalResourceId,
      PhysicalResourceId: r.PhysicalResourceId,
      ResourceType: r.ResourceType,
      Timestamp: r.Timestamp,
      ResourceStatus: r.ResourceStatus,
      ResourceStatusReason: r.ResourceStatusReason,
      DriftInformation: { StackResourceDriftStatus: 'NOT_CHECKED' },
    })),
  };
};
