import {
  MemoryCheckpointStore,
  MemoryRunJournal,
  prepareStepFunctionsRestore,
  prepareStepFunctionsRevert,
  previewRevert,
  runRestoreOnStepFunctions,
  stepFunctionsClients,
  type AwsClientOptions,
  type RestoreRequest,
  type RevertOptions,
  type RevertPlan,
  type WriteGuard,
} from '@dynamo-dr/core';
import { formatRun, runDocument } from '../runs/formatRun.js';
import { progressBars } from '../../shared/progressBars.js';
import { describeGuards } from '../../shared/writeGuards.js';
import { formatPlan } from './formatPlan.js';
import { assertNoBakedRevertFlags, formatRevertPreview } from './revertOptions.js';
import { startedBy } from '../../shared/startedBy.js';
import type { RestoreCommandOptions } from './register.js';

/** What the restore command hands the Step Functions executor. */
export interface StepFunctionsRestoreInput {
  readonly stackName: string;
  readonly request: RestoreRequest;
  readonly aws: AwsClientOptions;
  /** Recovery mode's guard of each table (see writeGuards). */
  readonly guard: () => Promise<WriteGuard[]>;
  /** A revert's options: it runs on the tables' revert machines. */
  readonly revert?: RevertOptions;
}

/**
 * `dynamo-dr restore` on the deployed stack: validates as the in-process executor does (against the stack's
 * journal), then starts each table's restore machine (its revert machine with `--mode revert`), or attaches to the incident's running execution, and
 * follows them to the end; prints the run the workers journaled.
 */
export async function restoreOnStepFunctions(
  opts: RestoreCommandOptions,
  { stackName, request, aws, guard, revert }: StepFunctionsRestoreInput,
): Promise<void> {
  const clients = stepFunctionsClients(aws);
  if (revert) assertNoBakedRevertFlags(opts, stackName);
  const prepared = revert
    ? await prepareStepFunctionsRevert(clients, stackName, { ...request, ...revert }, aws)
    : await prepareStepFunctionsRestore(clients, stackName, request);
  const executions = prepared.executions.map((e) => ({
    tableName: e.tableName,
    executionArn: e.executionArn,
    found: e.found,
  }));
  if (opts.dryRun) {
    // A revert's dry run counts what it would write, as in-process: it runs the exports (they only read the table's
    // backups; the run then reuses them by their client token) and reads them here. Nothing is recorded.
    const revertPlan = revert ? (prepared.plan as RevertPlan) : undefined;
    const preview = revertPlan && (await previewRevert(previewContext(clients.dynamodb, aws), revertPlan));
    if (opts.json)
      console.log(
        JSON.stringify(
          { dryRun: true, executor: 'step-functions', stackName, plan: prepared.plan, executions, preview },
          null,
          2,
        ),
      );
    else
      console.error(
        [
          formatPlan(prepared.plan),
          `Executor: step-functions, stack ${stackName}`,
          ...executions.map((e) => `  ${e.tableName}: ${e.found} ${e.executionArn}`),
          ...(revertPlan && preview
            ? [formatRevertPreview(prepared.plan.incidentId, revertPlan.untilTime, preview)]
            : []),
        ].join('\n'),
      );
    return;
  }
  const say = opts.json ? () => {} : (line: string) => console.error(line);
  const progress = process.stderr.isTTY && !opts.json ? progressBars(prepared.plan.tables) : undefined;
  let run;
  try {
    run = await runRestoreOnStepFunctions(clients, prepared, {
      assertWritesAllowed: async () => say(`Writes: ${describeGuards(await guard())}`),
      onExecution: (table, arn, how) =>
        say(
          `${table}: ${how === 'start' ? 'started' : how === 'attach' ? 'attached to the running execution' : 'already succeeded:'} ${arn}`,
        ),
      onStep: progress
        ? (table, step) => progress.onProgress({ tableName: table, phase: step, newItems: 0 })
        : (table, step) => say(`${table}: ${step}`),
      onProgress: progress?.onProgress,
    });
  } finally {
    progress?.stop();
  }
  if (opts.json) console.log(JSON.stringify(runDocument(run), null, 2));
  else console.error(formatRun(run));
}

/** What a revert's preview runs with: the exports are started and read; nothing is journaled or checkpointed. */
function previewContext(dynamodb: ReturnType<typeof stepFunctionsClients>['dynamodb'], aws: AwsClientOptions) {
  return {
    dynamodb,
    aws,
    journal: new MemoryRunJournal(),
    checkpoints: new MemoryCheckpointStore(),
    startedBy: startedBy(),
  };
}
