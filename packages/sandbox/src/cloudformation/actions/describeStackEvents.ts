import type { CloudFormationAction } from '../service.js';
import { findStack, stackName } from './stackParams.js';

/** DescribeStackEvents, newest first (https://docs.aws.amazon.com/AWSCloudFormation/latest/APIReference/API_DescribeStackEvents.html). */
export const describeStackEvents: CloudFormationAction = async (params, { store }) => {
  const stack = findStack(store, stackName(params));
  return { StackEvents: [...stack.events].reverse() };
};
