import type { CloudFormationAction } from '../service.js';
import { listParam } from './stackParams.js';

/** ListStacks, deleted ones included, optionally by status (https://docs.aws.amazon.com/AWSCloudFormation/latest/APIReference/API_ListStacks.html). */
export const listStacks: CloudFormationAction = async (params, { store, region }) => {
  const filter = listParam<string>(params.StackStatusFilter);
  return {
    StackSummaries: Object.values(store.stacks)
      .filter((s) => s.StackId.split(':')[3] === region && (filter.length === 0 || filter.includes(s.StackStatus)))
      .map((s) => ({
        StackId: s.StackId,
        StackName: s.StackName,
        TemplateDescription: s.Description,
        CreationTime: s.CreationTime,
        LastUpdatedTime: s.LastUpdatedTime,
        DeletionTime: s.DeletionTime,
        StackStatus: s.StackStatus,
        StackStatusReason: s.StackStatusReason,
      })),
  };
};
