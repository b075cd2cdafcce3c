import {
  measuredRto,
  type RestoreAsTableRun,
  type RestoreItemsTableRun,
  type RestoreTableRun,
  type RunRecord,
  type TableRun,
} from '@dynamo-dr/core';

const PHASES = ['backup', 'restore', 'sync', 'verify', 'cleanup', 'settings', 'switch'] as const;

function seconds(ms: number | undefined): string {
  return ms === undefined ? '-' : `${(ms / 1000).toFixed(1)} s`;
}

/** The command that made a run and what it did, in one line (`runs` and `runs show`). */
export function runSummary(run: RunRecord): string {
  const plans: object[] = Object.values(run.tables).map((t) => t.plan);
  switch (run.kind) {
    case 'restore':
      return `restore: ${Object.keys(run.tables).join(', ')} rolled back in place to ${run.restoreTime}`;
    case 'export':
      return `export: ${Object.keys(run.tables).join(', ')} as of ${run.restoreTime}`;
    case 'restore-as': {
      const targets = run.kind === 'restore-as' ? Object.values(run.tables).map((t) => t.plan.targetTableName) : [];
      const into = targets.length ? ` into the new table ${targets.join(', ')}` : '';
      return `restore-as: ${Object.keys(run.tables).join(', ')} as of ${run.restoreTime}${into}`;
    }
    case 'restore-items': {
      const files = plans.flatMap((p) => ('file' in p && typeof p.file === 'string' ? [p.file] : []));
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
  for (const [name, table] of Object.entries(run.tables) as [string, TableRun][]) {
    const rto = measuredRto(run, name);
    const phases = PHASES.filter((p) => table.phases[p]);
    lines.push(
      `  ${name}: ${table.result}${table.error ? ` (${table.error.name}: ${table.error.message})` : ''}`,
      `    ${phases.map((p) => `${p} ${seconds(rto[p])}`).join(', ')}; RTO ${seconds(rto.total)}`,
    );
    if ('verification' in table && table.verification) {
      lines.push(
        `    verified: ${table.verification.equal ? 'equal' : 'DIFFERENT'}, ${table.verification.count} items`,
      );
    }
    const counts = countsOf(table);
    if (counts.length) lines.push(`    ${counts.join(', ')}`);
    // Only a whole-table restore takes a forensic backup.
    if ('forensicBackupArn' in table && table.forensicBackupArn) {
      lines.push(`    forensic backup ${table.plan.forensicBackupName} (${table.forensicBackupArn})`);
    }
    if ('exportArn' in table && table.exportArn) {
      const manifest = table.manifestKey ? ` (manifest s3://${table.plan.bucket}/${table.manifestKey})` : '';
      lines.push(`    export ${table.exportArn}${manifest}`);
    }
    if ('settings' in table || 'switched' in table) lines.push(...restoreAsLines(table));
    if (run.kind === 'drill' && 'drill' in table && table.drill?.report)
      lines.push(`    drill report ${table.drill.report}`);
  }
  if (run.kind === 'restore-as' && run.rollback) {
    const r = run.rollback;
    lines.push(`  rolled back: ${r.name} back to ${r.restoredValue} (was ${r.replacedValue}) by ${r.by} at ${r.at}`);
  }
  return lines.join('\n');
}

/** What a table's run counted, as `what number` (only numbers above 0), by its kind of run. */
function countsOf(table: TableRun): string[] {
  const shown = (prefix: string, counts: object | undefined) =>
    (Object.entries(counts ?? {}) as [string, number][])
      .filter(([, n]) => n > 0)
      .map(([name, n]) => `${prefix}${name} ${n}`);
  if ('exported' in table) return table.exported ? [`exported ${table.exported}`] : [];
  if (!('counts' in table)) return [];
  const counts = table.counts;
  if ('preview' in counts || 'written' in counts || 'verifySkipped' in counts) {
    const items = counts as RestoreItemsTableRun['counts'];
    return [
      ...shown('preview.', items.preview),
      ...shown('written.', items.written),
      ...(items.verifySkipped ? [`verify.skipped ${items.verifySkipped}`] : []),
    ];
  }
  const sync = counts as RestoreTableRun['counts'];
  const conflictCount = 'conflicts' in table ? (table.conflictCount ?? table.conflicts?.length ?? 0) : 0;
  const conflicts = conflictCount ? [`revert.conflicts ${conflictCount}`] : [];
  const full = 'fullVerification' in table && table.fullVerification;
  return [
    ...(['empty', 'copy', 'delta', 'revert'] as const).flatMap((operation) => shown(`${operation}.`, sync[operation])),
    ...conflicts,
    ...(full ? [`verify.full ${full.equal ? 'equal' : `${full.differing} key(s) differ`}`] : []),
  ];
}

/** The settings report and the parameter switch of a restore-as run. */
function restoreAsLines(table: RestoreAsTableRun): string[] {
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
