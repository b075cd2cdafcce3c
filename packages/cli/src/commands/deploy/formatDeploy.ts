import type { DeployResult } from '@dynamo-dr/core';

/** A deployment for the terminal: the change set's changes, then what became of the stack. */
export function formatDeploy(result: DeployResult, dryRun: boolean): string {
  const lines = result.changes.map(
    (c) => `  ${c.action.padEnd(7)} ${c.logicalId} (${c.resourceType})${c.replacement === 'True' ? ' (replaced)' : ''}`,
  );
  const title = `${result.changes.length} change(s) to ${result.operation} stack ${result.stackName}`;
  if (result.changes.length === 0) return `Stack ${result.stackName}: no changes (${result.stackStatus}).`;
  if (dryRun) return `${title} (dry run: nothing executed, the change set deleted):\n${lines.join('\n')}`;
  return `${title}:\n${lines.join('\n')}\nStack ${result.stackName}: ${result.stackStatus}`;
}
