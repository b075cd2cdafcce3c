import type { CloudFormationAction } from '../service.js';
import { findChangeSet } from './findChangeSet.js';

/** DescribeChangeSet (https://docs.aws.amazon.com/AWSCloudFormation/latest/APIReference/API_DescribeChangeSet.html). */
export const describeChangeSet: CloudFormationAction = async (params, { store }) => {
  const { changeSet } = findChangeSet(store, params);
  const { templateBody: _template, ChangeSetType: _type, ...described } = changeSet;
  return { ...described, NotificationARNs: [], Tags: [] };
};
