import type { RestorePlan, TableRevertPlan } from '@dynamo-dr/core';

/** The plan as `--dry-run` prints it for people. */
export function formatPlan(plan: RestorePlan): string {
  const lines = [
    `Plan for incident ${plan.incidentId}: restore to ${plan.restoreTime} (UTC; given as ${plan.requestedTime})`,
  ];
  for (const t of plan.tables) {
    // A revert's table plan (its dry run adds the preview's counts): exports, and a temporary table only to verify in full.
    const revert = 'periods' in t ? (t as TableRevertPlan) : undefined;
    const mode = revert
      ? `revert (write back the keys changed up to ${revert.untilTime}; ${revert.periods.length} export(s) to s3://${revert.exportBucket}/${revert.exportPrefix ?? ''})`
      : `${t.mode}${t.mode === 'delta' ? ' (write only differences)' : ' (delete all, then copy all)'}`;
    lines.push(
      `  ${t.tableName}`,
      `    mode                ${mode}`,
      `    forensic backup     ${t.forensicBackupName} (kept)`,
      ...(revert && revert.verify !== 'full'
        ? []
        : [
            `    temporary table     ${t.restoredTableName} (${t.keepRestoredTable ? 'kept' : 'deleted after verification'})`,
          ]),
      `    restorable window   ${t.restorableWindow.earliest} .. ${t.restorableWindow.latest}`,
      `    estimated items     ${t.estimatedItems} (${t.estimatedBytes} bytes; DynamoDB refreshes this about every 6 hours)`,
      `    segments            ${t.segments}`,
    );
  }
  return lines.join('\n');
}
