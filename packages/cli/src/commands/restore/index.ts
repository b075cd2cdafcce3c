import { hostname, userInfo } from 'node:os';
import { input } from '@inquirer/prompts';
import {
  assertGiven,
  assertWritesAllowed,
  createDynamoDbClient,
  FileRunJournal,
  InputError,
  loadConfig,
  planRestore,
  recoveryModeClients,
  restoreNames,
  runRestore,
  type DrConfig,
  type InputLabels,
  type WorkflowHandlerContext,
  type WriteGuard,
} from '@dynamo-dr/core';
import { formatPlan, formatRun, runDocument } from './formatRun.js';
import { restoreProgress } from './restoreProgress.js';
import { restoreSettings, type ResolvedTable, type SettingsFlags } from './restoreSettings.js';
import { deployedStackOf } from './restoreExecutor.js';
import { restoreOnStepFunctions } from './stepFunctionsRestore.js';

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

const labels: InputLabels = {
  incidentId: '--incident',
  pitrBackupTime: '--to',
  tableNameRecoveryConfirmation: '--confirm',
  table: '--table',
};

/**
 * `dynamo-dr restore`: validates everything, then runs each table's restore
 * state machine locally (the same ASL as on AWS) and prints the run.
 */
export async function restore(opts: RestoreCommandOptions): Promise<void> {
  const config = await loadConfig({ explicitPath: opts.config });
  const journal = await FileRunJournal.open(opts.stateDir, '--state-dir');
  const resolved = restoreSettings(opts, config);
  const tables = resolved.map((r) => r.settings);
  const incidentId = assertGiven(
    '--incident',
    opts.incident,
    'Give the incident id, e.g. --incident incident-2025-001.',
  );
  const pitrBackupTime = assertGiven('--to', opts.to, 'Give the time to restore to, e.g. --to 2025-01-15T09:00:00Z.');
  for (const table of tables) restoreNames(table.tableName, incidentId, labels);
  const confirmations = opts.confirm.length ? opts.confirm : await askConfirmations(tables.map((t) => t.tableName));
  const aws = { region: opts.region ?? config?.region, profile: opts.profile, endpoint: opts.endpointUrl };
  const stackName = deployedStackOf(opts, resolved, config);
  if (stackName) {
    const request = { incidentId, pitrBackupTime, tables, confirmations, labels };
    return restoreOnStepFunctions(opts, {
      stackName,
      request,
      aws,
      guard: () => writeGuards(resolved, config, aws, opts.allowLiveWrites ?? false),
    });
  }
  const dynamodb = createDynamoDbClient(aws);
  const plan = await planRestore(dynamodb, journal, { incidentId, pitrBackupTime, tables, confirmations, labels });
  const guard = () => writeGuards(resolved, config, aws, opts.allowLiveWrites ?? false);
  if (opts.dryRun) {
    // The plan also says whether the run would be allowed to write now (recovery mode), without refusing.
    const writes = await guard().then(
      (guards) => ({ allowed: guards }),
      (error: Error) => ({ refused: error.message }),
    );
    if (opts.json) console.log(JSON.stringify({ dryRun: true, plan, writes }, null, 2));
    else
      console.error(
        `${formatPlan(plan)}\n${'refused' in writes ? `Writes: refused now: ${writes.refused}` : `Writes: ${describeGuards(writes.allowed)}`}`,
      );
    return;
  }
  const progress = process.stderr.isTTY && !opts.json ? restoreProgress(plan) : undefined;
  const ctx: WorkflowHandlerContext = {
    dynamodb,
    aws,
    journal,
    startedBy: operator(),
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

/**
 * Recovery mode's guard, per table: writing into a live table is refused
 * unless its environment is in recovery mode, or `--allow-live-writes`.
 */
export async function writeGuards(
  tables: readonly ResolvedTable[],
  config: DrConfig | undefined,
  aws: { region?: string; profile?: string; endpoint?: string },
  allowLiveWrites: boolean,
): Promise<WriteGuard[]> {
  const clients = recoveryModeClients({ region: aws.region, profile: aws.profile, endpointUrl: aws.endpoint });
  const guards: WriteGuard[] = [];
  for (const table of tables) {
    guards.push(
      await assertWritesAllowed({
        ...clients,
        config,
        environment: table.environment,
        allowLiveWrites,
        tableName: table.settings.tableName,
      }),
    );
  }
  return guards;
}

/** The write guards in one line, for the terminal. */
export function describeGuards(guards: readonly WriteGuard[]): string {
  const first = guards[0];
  if (!first || first.allowedBy === 'allow-live-writes')
    return 'allowed by --allow-live-writes (the application may be writing too)';
  return `allowed: ${[...new Set(guards.map((g) => g.environment))].join(', ')} in recovery mode since ${first.since} (by ${first.by})`;
}

/** On a terminal, the operator types each table name; without one, there is no one to ask. */
async function askConfirmations(tableNames: readonly string[]): Promise<string[]> {
  if (!process.stdin.isTTY || !process.stderr.isTTY) {
    throw new InputError(
      '--confirm',
      null,
      'is required when not running on a terminal',
      `Pass --confirm with the exact table name${tableNames.length > 1 ? ' (once per table)' : ''}.`,
    );
  }
  const answers: string[] = [];
  for (const name of tableNames) {
    answers.push(
      await input(
        { message: `This rolls ${name} back in place. Type the table name to confirm:` },
        { output: process.stderr },
      ),
    );
  }
  return answers;
}

/** Who runs the command: `$DYNAMO_DR_OPERATOR` or the OS user, `@host`. */
export function operator(): string {
  let user = process.env.DYNAMO_DR_OPERATOR;
  try {
    user ??= userInfo().username;
  } catch {
    user ??= 'unknown';
  }
  return `${user}@${hostname()}`;
}
