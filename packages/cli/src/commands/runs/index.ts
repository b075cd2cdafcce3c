import {
  assertName,
  FileRunJournal,
  InputError,
  measuredRto,
  runIdRule,
  runRecordOf,
  tableNameRule,
} from '@dynamo-dr/core';
import { formatRun, runDocument, runSummary } from './formatRun.js';
import { deployedRuns, deployedRunsDocument, formatDeployedRuns } from './deployedRuns.js';
import type { ListRunsCommandOptions, ShowRunCommandOptions, UnlockCommandOptions } from './register.js';

/**
 * `dynamo-dr runs [list]`: every recorded run, newest first: this machine's journal, then each deployed stack's
 * (its journal and its restore machines' executions).
 */
export async function listRuns(opts: ListRunsCommandOptions): Promise<void> {
  const journal = await FileRunJournal.open(opts.stateDir, '--state-dir', { forWriting: false });
  const runs = (await journal.listRuns()).map(runRecordOf);
  const stacks = await deployedRuns(opts);
  if (opts.json) {
    const local = { runs: runs.map(runDocument), locks: await journal.listLocks() };
    console.log(JSON.stringify({ ...local, stacks: stacks.map(deployedRunsDocument) }, null, 2));
    return;
  }
  if (runs.length === 0) console.error(`No runs recorded in ${journal.stateDir}.`);
  for (const run of runs) {
    const rto = Object.keys(run.tables)
      .map((t) => measuredRto(run, t).total)
      .filter((ms): ms is number => ms !== undefined);
    const worst = rto.length ? ` RTO ${(Math.max(...rto) / 1000).toFixed(1)} s` : '';
    console.error(`${run.incidentId}  ${run.result.padEnd(9)} ${run.startedAt}  ${runSummary(run)}${worst}`);
  }
  for (const lock of await journal.listLocks()) {
    console.error(
      `locked: ${lock.tableName} by incident ${lock.incidentId} (${lock.startedBy}, pid ${lock.pid}, since ${lock.acquiredAt})`,
    );
  }
  for (const stack of stacks) console.error(formatDeployedRuns(stack));
}

/** `dynamo-dr runs show ID`: one run in full. */
export async function showRun(incidentId: string, opts: ShowRunCommandOptions): Promise<void> {
  assertName(runIdRule, 'ID', incidentId);
  const journal = await FileRunJournal.open(opts.stateDir, '--state-dir', { forWriting: false });
  const recorded = await journal.getRun(incidentId);
  if (!recorded) {
    throw new InputError('ID', incidentId, 'is not a recorded run', 'List runs with: dynamo-dr runs list');
  }
  const run = runRecordOf(recorded);
  if (opts.json) console.log(JSON.stringify(runDocument(run), null, 2));
  else console.error(formatRun(run));
}

/** `dynamo-dr runs unlock --table T`: clears a stale recovery lock (after a crash elsewhere). */
export async function unlockTable(opts: UnlockCommandOptions): Promise<void> {
  if (!opts.table) throw new InputError('--table', null, 'is required', 'Name the table whose lock to clear.');
  const table = assertName(tableNameRule, '--table', opts.table);
  const journal = await FileRunJournal.open(opts.stateDir, '--state-dir', { forWriting: true });
  const holder = await journal.readLock(table);
  if (!holder)
    throw new InputError('--table', table, 'is not locked', 'Nothing to clear: dynamo-dr runs list shows the locks.');
  await journal.unlock(table);
  console.error(
    `Cleared the lock of ${table} held by incident ${holder.incidentId} (${holder.startedBy}, pid ${holder.pid}).`,
  );
}
