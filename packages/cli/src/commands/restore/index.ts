import path from 'node:path';
import {
  assertGiven,
  createDynamoDbClient,
  FileCheckpointStore,
  FileRunJournal,
  loadConfig,
  planRestore,
  restoreNames,
  runRestore,
  type RestoreContext,
} from '@dynamo-dr/core';
import { formatRun, runDocument } from '../runs/formatRun.js';
import { confirmTableNames } from '../../shared/confirmTableNames.js';
import { progressBars } from '../../shared/progressBars.js';
import { awsOptions } from '../../shared/commonOptions.js';
import { startedBy } from '../../shared/startedBy.js';
import { tableSettings, type SettingsFlags } from '../../shared/tableSettings.js';
import { describeGuards, writeGuards } from '../../shared/writeGuards.js';
import { formatPlan } from './formatPlan.js';
import { deployedStackOf } from './restoreExecutor.js';
import { restoreOnStepFunctions } from './stepFunctionsRestore.js';
import { userMessage } from '../../fieldFlags.js';

/** Flags of `dynamo-dr restore`. */
export interface RestoreCommandOptions extends SettingsFlags {
  readonly to?: string;
  readonly incident?: string;
  readonly confirm: readonly string[];
  readonly dryRun?: boolean;
  readonly json?: boolean;
  readonly config?: string;
  readonly stateDir?: string;
  readonly region?: string;
  readonly profile?: string;
  readonly endpointUrl?: string;
  readonly allowLiveWrites?: boolean;
  readonly executor?: string;
}

/**
 * `dynamo-dr restore`: validates everything, then runs each table's restore
 * workflow in this process straight from the plan (the steps the state machines on AWS take) and prints the run.
 */
export async function restore(opts: RestoreCommandOptions): Promise<void> {
  const config = await loadConfig({ explicitPath: opts.config });
  const journal = await FileRunJournal.open(opts.stateDir, '--state-dir');
  const resolved = tableSettings(opts, config);
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
  const stackName = deployedStackOf(opts, resolved, config);
  if (stackName) {
    const request = { incidentId, pitrBackupTime, tables, confirmations };
    const guard = () => writeGuards(resolved, config, aws, opts.allowLiveWrites ?? false);
    return restoreOnStepFunctions(opts, { stackName, request, aws, guard });
  }
  const dynamodb = createDynamoDbClient(aws);
  const plan = await planRestore(dynamodb, journal, { incidentId, pitrBackupTime, tables, confirmations });
  const guard = () => writeGuards(resolved, config, aws, opts.allowLiveWrites ?? false);
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
  const progress = process.stderr.isTTY && !opts.json ? progressBars(plan.tables) : undefined;
  const ctx: RestoreContext = {
    dynamodb,
    aws,
    journal,
    checkpoints: new FileCheckpointStore(path.join(journal.stateDir, 'checkpoints')),
    startedBy: startedBy(),
    onProgress: progress?.onProgress,
  };
  let run;
  try {
    run = await runRestore(ctx, plan, {
      assertWritesAllowed: async () => {
        const guards = await guard();
        if (!opts.json) console.error(`Writes: ${describeGuards(guards)}`);
      },
    });
  } finally {
    progress?.stop();
  }
  if (opts.json) console.log(JSON.stringify(runDocument(run), null, 2));
  else console.error(formatRun(run));
}
