import { measuredRto, type RestorePlan, type RunRecord, type TableRun } from '@dynamo-dr/core';

const PHASES = ['backup', 'restore', 'sync', 'verify', 'cleanup', 'settings', 'switch'] as const;

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

/** The command that made a run and what it did, in one line (`runs` and `runs show`). */
export function runSummary(run: RunRecord): string {
  const kind = run.kind ?? 'restore';
  const plans = Object.values(run.tables).map((t) => t.plan);
  switch (kind) {
    case 'restore':
      return `restore: ${Object.keys(run.tables).join(', ')} rolled back in place to ${run.restoreTime}`;
    case 'export':
      return `export: ${Object.keys(run.tables).join(', ')} as of ${run.restoreTime}`;
    case 'restore-as': {
      const targets = plans.map((p) => ('targetTableName' in p ? p.targetTableName : p.tableName));
      const into = targets.length ? ` into the new table ${targets.join(', ')}` : '';
      return `restore-as: ${Object.keys(run.tables).join(', ')} as of ${run.restoreTime}${into}`;
    }
    case 'restore-items': {
      const files = plans.flatMap((p) => ('file' in p ? [p.file] : []));
      const from = files.length ? `from the file ${files.join(', ')}` : `as of ${run.restoreTime}`;
      return `restore-items: items of ${Object.keys(run.tables).join(', ')} ${from}`;
    }
    case 'drill': {
      const scenarios = plans.flatMap((p) => ('scenario' in p ? [p.scenario] : []));
      return `drill (${scenarios.join(', ')}): ${Object.keys(run.tables).join(', ')} recovered to ${run.restoreTime}`;
    }
  }
}

/** A run's outcome per table, with the measured RTO per phase; only what its kind of run records. */
export function formatRun(run: RunRecord): string {
  const lines = [`Incident ${run.incidentId}: ${run.result}, ${runSummary(run)}`];
  for (const [name, table] of Object.entries(run.tables)) {
    const rto = measuredRto(run, name);
    const phases = PHASES.filter((p) => table.phases[p]);
    lines.push(
      `  ${name}: ${table.result}${table.error ? ` (${table.error.name}: ${table.error.message})` : ''}`,
      `    ${phases.map((p) => `${p} ${seconds(rto[p])}`).join(', ')}; RTO ${seconds(rto.total)}`,
    );
    if (table.verification) {
      lines.push(
        `    verified: ${table.verification.equal ? 'equal' : 'DIFFERENT'}, ${table.verification.count} items`,
      );
    }
    const counts = Object.entries(table.counts).filter(([, v]) => v > 0);
    if (counts.length) lines.push(`    ${counts.map(([k, v]) => `${k} ${v}`).join(', ')}`);
    // Only runs that took one have a forensic backup (exports and selective restores take none).
    if (table.forensicBackupArn && 'forensicBackupName' in table.plan) {
      lines.push(`    forensic backup ${table.plan.forensicBackupName} (${table.forensicBackupArn})`);
    }
    lines.push(...restoreAsLines(table));
    if (table.drill?.report) lines.push(`    drill report ${table.drill.report}`);
  }
  if (run.rollback) {
    const r = run.rollback;
    lines.push(`  rolled back: ${r.name} back to ${r.restoredValue} (was ${r.replacedValue}) by ${r.by} at ${r.at}`);
  }
  return lines.join('\n');
}

/** The settings report and the parameter switch of a restore-as run. */
function restoreAsLines(table: TableRun): string[] {
  const lines = (table.settings ?? []).map((s) => {
    const value = s.value === undefined ? '' : ` ${JSON.stringify(s.value)}`;
    return `    setting ${s.setting}: ${s.status}${value}${s.reason ? ` (${s.reason})` : ''}`;
  });
  const sw = table.switched;
  if (sw) lines.push(`    switched ${sw.name} to ${sw.switchedTo} at ${sw.switchedAt} (was ${sw.value})`);
  return lines;
}

/** The run as `--json` prints it: the journal record plus the measured RTO per table. */
export function runDocument(run: RunRecord): unknown {
  return {
    ...run,
    rto: Object.fromEntries(Object.keys(run.tables).map((name) => [name, measuredRto(run, name)])),
  };
}
