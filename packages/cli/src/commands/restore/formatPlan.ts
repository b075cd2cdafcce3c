import type { RestorePlan } from '@dynamo-dr/core';

/** The plan as `--dry-run` prints it for people. */
export function formatPlan(plan: RestorePlan): string {
  const lines = [
    `Plan for incident ${plan.incidentId}: restore to ${plan.restoreTime} (UTC; given as ${plan.requestedTime})`,
  ];
  for (const t of plan.tables) {
    lines.push(
      `  ${t.tableName}`,
      `    mode                ${t.mode}${t.mode === 'delta' ? ' (write only differences)' : ' (delete all, then copy all)'}`,
      `    forensic backup     ${t.forensicBackupName} (kept)`,
      `    temporary table     ${t.restoredTableName} (${t.keepRestoredTable ? 'kept' : 'deleted after verification'})`,
      `    restorable window   ${t.restorableWindow.earliest} .. ${t.restorableWindow.latest}`,
      `    estimated items     ${t.estimatedItems} (${t.estimatedBytes} bytes; DynamoDB refreshes this about every 6 hours)`,
      `    segments            ${t.segments}`,
    );
  }
  return lines.join('\n');
}
