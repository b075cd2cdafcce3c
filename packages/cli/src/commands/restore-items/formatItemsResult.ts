import path from 'node:path';
import {
  DEFAULT_STATE_DIR,
  ITEM_FATES,
  type ItemsPreview,
  type RestoreItemsPlan,
  type RestoreItemsResult,
} from '@dynamo-dr/core';

const LABELS = {
  new: ['write', 'missing live'],
  overwritten: ['overwrite', 'live differs'],
  skipped: ['skip', 'changed after the time: reported, kept; --overwrite-changed writes them'],
  deleted: ['delete', 'did not exist at the time (--delete-missing)'],
  unchanged: ['unchanged', 'already equal'],
} as const;

/** Where the items come from, in one line. */
export function describeSource(plan: RestoreItemsPlan): string {
  if (plan.source === 'file') return `the ${plan.format} file ${plan.file}`;
  if (plan.source === 'export')
    return `the export ${plan.exportArn} (${plan.exportedItems} item(s) at ${plan.restoreTime})`;
  const names = plan.selection.names ? ` names ${JSON.stringify(plan.selection.names)}` : '';
  return `${plan.tableName} at ${plan.restoreTime} (incident ${plan.incidentId}), items where ${plan.selection.expression}${names}`;
}

/** The plan's numbers and sample keys, shown before anything is written. */
export function formatPreview(plan: RestoreItemsPlan, preview: ItemsPreview): string {
  const lines = [
    `Plan: restore items into ${plan.tableName} from ${describeSource(plan)}`,
    `  ${'selected'.padEnd(10)} ${String(preview.selected).padStart(8)}`,
  ];
  for (const fate of ITEM_FATES) {
    const [label, note] = LABELS[fate];
    lines.push(`  ${label.padEnd(10)} ${String(preview.counts[fate]).padStart(8)}  ${note}`);
    const sample = preview.samples[fate];
    if (fate !== 'unchanged' && sample.length)
      lines.push(
        `      e.g. ${sample
          .slice(0, 3)
          .map((k) => JSON.stringify(k))
          .join(', ')}`,
      );
  }
  return lines.join('\n');
}

/** The outcome after the writes (or of a dry run); `stateDir` is where the run was recorded. */
export function formatItemsResult(result: RestoreItemsResult, stateDir: string): string {
  const lines: string[] = [];
  const table = result.restoredTable;
  if (result.dryRun) {
    lines.push('Dry run: nothing was written.');
    if (table) {
      lines.push(
        table.deleted
          ? `The plan was counted from a temporary restore, ${table.name}, now deleted.`
          : `The plan was counted from the temporary restore ${table.name}, kept (--keep-restored-table): a run with the same incident reuses it.`,
      );
    }
    return lines.join('\n');
  }
  const c = result.written?.counts;
  if (c)
    lines.push(
      `Wrote ${c.new} new, overwrote ${c.overwritten}, deleted ${c.deleted}; skipped ${c.skipped}; ${c.unchanged} already equal.`,
    );
  const v = result.verification;
  if (v)
    lines.push(
      `Verified: ${v.count} selected item(s) read back equal to their restored version (digest ${v.digest.slice(0, 16)}…)${v.skipped ? `; ${v.skipped} skipped item(s) left as they are live` : ''}.`,
    );
  if (table) lines.push(`Temporary table ${table.name} ${table.deleted ? 'deleted' : 'kept'}.`);
  const where = stateDir === DEFAULT_STATE_DIR ? '' : ` --state-dir ${stateDir}`;
  lines.push(
    `Recorded in the run journal in ${path.resolve(stateDir)}: dynamo-dr runs show ${result.plan.incidentId}${where}`,
  );
  return lines.join('\n');
}
