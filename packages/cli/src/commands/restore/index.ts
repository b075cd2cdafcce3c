import path from 'node:path';
import {
  assertGiven,
  createDynamoDbClient,
  FileCheckpointStore,
  FileRunJournal,
  loadConfig,
  planRestore,
  planRevert,
  previewRevert,
  restoreNames,
  runRestore,
  runRevert,
  type RestoreContext,
} from '@dynamo-dr/core';
import { formatRun, runDocument } from '../runs/formatRun.js';
import { confirmTableNames } from '../../shared/confirmTableNames.js';
import { progressBars } from '../../shared/progressBars.js';
import { awsOptions } from '../../shared/commonOptions.js';
import { startedBy } from '../../shared/startedBy.js';
import { tableSettings } from '../../shared/tableSettings.js';
import { describeGuards, writeGuards } from '../../shared/writeGuards.js';
import { formatPlan } from './formatPlan.js';
import { deployedStackOf } from './restoreExecutor.js';
import { restoreOnStepFunctions } from './stepFunctionsRestore.js';
import { userMessage } from '../../fieldFlags.js';
import { assertNoRevertFlags, formatRevertPreview, revertOptionsOf } from './revertOptions.js';
import type { RestoreCommandOptions } from './register.js';

/**
 * `dynamo-dr restore`: validates everything, then runs each table's restore
 * workflow in this process straight from the plan (the steps the state machines on AWS take) and prints the run.
 */
export async function restore(opts: RestoreCommandOptions): Promise<void> {
  const config = await loadConfig({ explicitPath: opts.config });
  const journal = await FileRunJournal.open(opts.stateDir, '--state-dir');
  // A revert syncs nothing: the tables' settings (segments, caps, sensitivity) without a sync mode.
  const revert = opts.mode === 'revert' ? revertOptionsOf(opts, config) : undefined;
  if (!revert) assertNoRevertFlags(opts);
  const resolved = tableSettings({ ...opts, mode: revert ? undefined : opts.mode }, config);
  const tables = resolved.map((r) => r.settings);
  const incidentId = assertGiven(
    '--incident',
    opts.incident,
    'Give the incident id, e.g. --incident incident-2025-001.',
  );
  const pitrBackupTime = assertGiven('--to', opts.to, 'Give the time to restore to, e.g. --to 2025-01-15T09:00:00Z.');
  for (const table of tables) restoreNames(table.tableName, incidentId);
  const confirmations = await confirmTableNames(
    opts.confirm,
    tables.map((t) => t.tableName),
    (name) => `This rolls ${name} back in place`,
  );
  const aws = awsOptions(opts, config?.region);
  // The revert is the machine's choice, not a baked-in sync mode.
  const stackName = deployedStackOf({ ...opts, mode: revert ? undefined : opts.mode }, resolved, config);
  const request = { incidentId, pitrBackupTime, tables, confirmations };
  const guard = () => writeGuards(resolved, config, aws, opts.allowLiveWrites ?? false);
  if (stackName) return restoreOnStepFunctions(opts, { stackName, request, aws, guard, revert });
  const dynamodb = createDynamoDbClient(aws);
  const revertPlan = revert && (await planRevert(dynamodb, aws, journal, { ...request, ...revert }));
  const plan = revertPlan || (await planRestore(dynamodb, journal, request));
  const ctx: RestoreContext = {
    dynamodb,
    aws,
    journal,
    checkpoints: new FileCheckpointStore(path.join(journal.stateDir, 'checkpoints')),
    startedBy: startedBy(),
  };
  if (opts.dryRun && revertPlan) {
    // A revert's dry run runs its exports (they only read the table's backups) to count what it would write.
    const preview = await previewRevert(ctx, revertPlan);
    if (opts.json) console.log(JSON.stringify({ dryRun: true, plan, preview }, null, 2));
    else console.error(formatRevertPreview(plan.incidentId, revertPlan.untilTime, preview));
    return;
  }
  if (opts.dryRun) {
    // The plan also says whether the run would be allowed to write now (recovery mode), without refusing.
    const writes = await guard().then(
      (guards) => ({ allowed: guards }),
      (error: Error) => ({ refused: userMessage(error) }),
    );
    if (opts.json) console.log(JSON.stringify({ dryRun: true, plan, writes }, null, 2));
    else
      console.error(
        `${formatPlan(plan)}\n${'refused' in writes ? `Writes: refused now: ${writes.refused}` : `Writes: ${describeGuards(writes.allowed)}`}`,
      );
    return;
  }
  // The bars follow scan segments: a revert has none (it writes the exports' keys).
  const progress = process.stderr.isTTY && !opts.json && !revertPlan ? progressBars(plan.tables) : undefined;
  const options = {
    assertWritesAllowed: async () => {
      const guards = await guard();
      if (!opts.json) console.error(`Writes: ${describeGuards(guards)}`);
    },
  };
  let run;
  try {
    const context = { ...ctx, onProgress: progress?.onProgress };
    run = revertPlan ? await runRevert(context, revertPlan, options) : await runRestore(context, plan, options);
  } finally {
    progress?.stop();
  }
  if (opts.json) console.log(JSON.stringify(runDocument(run), null, 2));
  else console.error(formatRun(run));
}
