import { cfnErrors } from '../cfnErrors.js';
import type { ChangeSetRecord, StackRecord, StackStore } from '../stackStore.js';

/** A change set by ARN, or by name within `StackName`'s stack. */
export function findChangeSet(
  store: StackStore,
  params: Record<string, unknown>,
): { stack: StackRecord; changeSet: ChangeSetRecord } {
  const reference = String(params.ChangeSetName ?? '');
  for (const stack of Object.values(store.stacks)) {
    if (reference.startsWith('arn:')) {
      const changeSet = stack.changeSets[reference];
      if (changeSet) return { stack, changeSet };
      continue;
    }
    if (stack.StackName !== params.StackName && stack.StackId !== params.StackName) continue;
    const changeSet = Object.values(stack.changeSets).find((c) => c.ChangeSetName === reference);
    if (changeSet) return { stack, changeSet };
  }
  throw cfnErrors.changeSetNotFound(reference);
}
