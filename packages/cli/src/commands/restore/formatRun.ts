import { measuredRto, type RestorePlan, type RunRecord } from '@dynamo-dr/core';

const PHASES = ['backup', 'restore', 'sync', 'verify', 'cleanup'] as const;

function seconds(ms: number | undefined): string {
  return ms === undefined ? '-' : `${(ms / 1000).toFixed(1)} s`;
}

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

/** A run's outcome per table, with the measured RTO per phase. */
export function formatRun(run: RunRecord): string {
  const lines = [`Incident ${run.incidentId}: ${run.result}, restored to ${run.restoreTime}`];
  for (const [name, table] of Object.entries(run.tables)) {
    const rto = measuredRto(run, name);
    lines.push(
      `  ${name}: ${table.result}${table.error ? ` (${table.error.name}: ${table.error.message})` : ''}`,
      `    ${PHASES.map((p) => `${p} ${seconds(rto[p])}`).join(', ')}; RTO ${seconds(rto.total)}`,
    );
    if (table.verification) {
      lines.push(
        `    verified: ${table.verification.equal ? 'equal' : 'DIFFERENT'}, ${table.verification.count} items`,
      );
    }
    const counts = Object.entries(table.counts).filter(([, v]) => v > 0);
    if (counts.length) lines.push(`    ${counts.map(([k, v]) => `${k} ${v}`).join(', ')}`);
    // Only runs that took one have a forensic backup (exports and selective restores take none).
    if (table.forensicBackupArn) {
      lines.push(`    forensic backup ${table.plan.forensicBackupName} (${table.forensicBackupArn})`);
    }
  }
  return lines.join('\n');
}

/** The run as `--json` prints it: the journal record plus the measured RTO per table. */
export function runDocument(run: RunRecord): unknown {
  return {
    ...run,
    rto: Object.fromEntries(Object.keys(run.tables).map((name) => [name, measuredRto(run, name)])),
  };
}
