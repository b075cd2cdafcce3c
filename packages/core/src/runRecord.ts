import { DrError } from './errors.js';
import type { JournaledRun } from './journal/runJournal.js';
import type { DrillRun } from './drill/drillRun.js';
import type { ExportRun } from './export/exportRun.js';
import type { S3ExportRun } from './export/s3ExportPlan.js';
import type { RestoreRun } from './restore/restoreRun.js';
import type { RestoreAsRun } from './restoreAs/restoreAsRun.js';
import type { RestoreItemsRun } from './restoreItems/restoreItemsRun.js';

/**
 * A run as the journal holds it, one of the commands' records, told apart by `kind` (always present):
 * `dynamo-dr runs` shows any of them.
 *
 * @example
 * if (run.kind === 'restore') console.log(run.tables.Orders?.counts.delta?.written);
 */
export type RunRecord = RestoreRun | RestoreItemsRun | ExportRun | S3ExportRun | RestoreAsRun | DrillRun;

/** One table's part of any run. */
export type TableRun = RunRecord['tables'][string];

const KINDS: readonly RunRecord['kind'][] = ['restore', 'restore-items', 'export', 'restore-as', 'drill'];

/**
 * A run the journal returned, as the record of the command that made it; refused when no command of this
 * version records runs of its kind (a file edited, or written by another tool).
 *
 * @example
 * const run = runRecordOf(await journal.getRun('inc-7'));
 */
export function runRecordOf(run: JournaledRun): RunRecord {
  if (!KINDS.includes(run.kind as RunRecord['kind'])) {
    throw new DrError(`The run ${run.incidentId} has kind ${JSON.stringify(run.kind)}, which no command records.`, {
      hint: `Only dynamo-dr writes run records (${KINDS.join(', ')}): move that file out of the state directory.`,
    });
  }
  // Its kind says which command's record it is.
  return run as RunRecord;
}
