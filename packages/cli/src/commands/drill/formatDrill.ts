import type { DrillResult, TableRecoveryPlan } from '@dynamo-dr/core';

/** A drill's outcome for people: pass/fail, each failure, RTO per phase and RPO against the targets, the files. */
export function formatDrillResult({ report, written }: DrillResult): string {
  const { rtoSeconds, rpoSeconds } = report.measurements;
  const phases = Object.entries(rtoSeconds.phases)
    .map(([p, s]) => `${p} ${s} s`)
    .join(', ');
  const lines = [
    `${report.tableName}: drill ${report.outcome.toUpperCase()} (${report.scenario}${report.targetRegion ? ` into ${report.targetRegion}` : ''}, T = ${report.pointInTime})`,
    `  RTO ${rtoSeconds.total} s (target ${report.targets.rtoMinutes} min): ${phases}`,
    `  RPO: latest restorable time ${rpoSeconds.latestRestorableLag} s behind, granularity ${rpoSeconds.granularity} s (target ${report.targets.rpoMinutes} min)`,
    `  canaries ${report.verification.canaries.matched}/${report.verification.canaries.expected} as at T` +
      (report.verification.digest
        ? `, digest ${report.verification.digest.actual === report.verification.digest.expected ? 'equal' : 'DIFFERENT'}`
        : '') +
      (report.verification.indexesQueryable === undefined
        ? ''
        : `, indexes ${report.verification.indexesQueryable ? 'queryable' : 'NOT queryable'}`),
    ...report.failures.map((f) => `  FAILED: ${f}`),
    `  report ${written.markdown} (fill in the lessons learned) and ${written.json}`,
  ];
  return lines.join('\n');
}

/** The `--plan` dry run of one table for people. */
export function formatRecoveryPlan(plan: TableRecoveryPlan): string {
  const lines = [
    `${plan.tableName} (${plan.environment}): ${plan.estimatedItems} items, ${plan.estimatedBytes} bytes; restorable ${plan.restorableWindow.earliest} .. ${plan.restorableWindow.latest}`,
  ];
  for (const s of plan.scenarios) {
    lines.push(
      `  ${s.scenario}: ${s.what}`,
      `    RTO estimate ${s.rtoEstimate.minutes} min (${s.rtoEstimate.basis})`,
      ...s.commands.map((c) => `    $ ${c}`),
    );
    if (!s.access.simulated) lines.push(`    access: ${s.access.principal} may perform every action`);
    else if (!s.access.missing.length)
      lines.push(`    access: ${s.access.principal} may perform every action it needs`);
    else {
      lines.push(`    access: ${s.access.principal} LACKS:`);
      for (const m of s.access.missing) lines.push(`      ${m.action} on ${m.resource} (${m.decision}; to ${m.why})`);
    }
  }
  return lines.join('\n');
}
