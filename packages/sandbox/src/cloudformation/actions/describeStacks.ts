import type { CloudFormationAction } from '../service.js';
import type { StackRecord } from '../stackStore.js';
import { findStack } from './stackParams.js';

/**
 * DescribeStacks: one stack by name or id (a deleted one only by id), or every live stack.
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/APIReference/API_DescribeStacks.html
 */
export const describeStacks: CloudFormationAction = async (params, { store, region }) => {
  const stacks =
    typeof params.StackName === 'string'
      ? [findStack(store, params.StackName)]
      : Object.values(store.stacks).filter(
          (s) => s.StackStatus !== 'DELETE_COMPLETE' && s.StackId.split(':')[3] === region,
        );
  return { Stacks: stacks.map(describedStack) };
};

export function describedStack(stack: StackRecord): Record<string, unknown> {
  return {
    StackId: stack.StackId,
    StackName: stack.StackName,
    Description: stack.Description,
    Parameters: stack.Parameters.map(({ ParameterKey, ParameterValue, ResolvedValue }) => ({
      ParameterKey,
      ParameterValue,
      ResolvedValue,
    })),
    CreationTime: stack.CreationTime,
    LastUpdatedTime: stack.LastUpdatedTime,
    DeletionTime: stack.DeletionTime,
    StackStatus: stack.StackStatus,
    StackStatusReason: stack.StackStatusReason,
    DisableRollback: stack.DisableRollback,
    NotificationARNs: [],
    Capabilities: stack.Capabilities,
    Outputs: stack.Outputs,
    Tags: stack.Tags,
    EnableTerminationProtection: false,
    DriftInformation: { StackDriftStatus: 'NOT_CHECKED' },
  };
}
