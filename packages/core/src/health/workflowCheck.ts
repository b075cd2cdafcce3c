import { restoreStateMachineName, syncStateMachineName } from '../workflow/stateMachineNames.js';
import type { BackupPolicy } from '../backupPolicy/backupPolicy.js';
import type { CheckItem } from './checkItem.js';

/**
 * Whether each table's recovery workflow is deployed: both its state machines exist
 * (`DRRestoreDynamoDbTable{Name}StateMachine` and `{Name}DRSyncTableDataStateMachine`). `deployed` is the
 * region's state machine names, or the error that listing them met (every table then fails with it).
 *
 * @example
 * workflowChecks(policy, await listStateMachineNames(sfn));
 */
export function workflowChecks(policy: BackupPolicy, deployed: Set<string> | Error): CheckItem[] {
  return policy.tables.map(({ tableName, logicalName }) => {
    const base = { id: 'recovery-workflow', environment: policy.environment, tableName } as const;
    const fix = `Deploy the recovery workflow for ${logicalName} (the @dynamo-dr/cdk construct), or restore with the in-process executor.`;
    if (deployed instanceof Error) {
      return { ...base, status: 'fail', evidence: `Step Functions could not be listed: ${deployed.message}`, fix };
    }
    const names = [restoreStateMachineName(logicalName), syncStateMachineName(logicalName)];
    const missing = names.filter((name) => !deployed.has(name));
    return missing.length === 0
      ? { ...base, status: 'pass', evidence: `state machines ${names.join(' and ')} exist` }
      : { ...base, status: 'fail', evidence: `missing state machine(s): ${missing.join(', ')}`, fix };
  });
}
