import type { CloudFormationAction } from '../service.js';
import { findStack, stackName } from './stackParams.js';

/** ListStackResources (https://docs.aws.amazon.com/AWSCloudFormation/latest/APIReference/API_ListStackResources.html). */
export const listStackResources: CloudFormationAction = async (params, { store }) => {
  const stack = findStack(store, stackName(params));
  return {
    StackResourceSummaries: Object.values(stack.resources).map((r) => ({
      LogicalResourceId: r.LogicalResourceId,
      PhysicalResourceId: r.PhysicalResourceId,
      ResourceType: r.ResourceType,
      LastUpdatedTimestamp: r.Timestamp,
      ResourceStatus: r.ResourceStatus,
      ResourceStatusReason: r.ResourceStatusReason,
      DriftInformation: { StackResourceDriftStatus: 'NOT_CHECKED' },
    })),
  };
};
