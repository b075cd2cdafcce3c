import type { CommandUnknownOpts } from '@commander-js/extra-typings';
import { commonOptions } from '../../shared/commonOptions.js';
import type { OptionsOf } from '../../shared/optionsOf.js';

const JSON_OUTPUT = 'print one JSON document on stdout';
const STATE_DIR = 'where run journals and locks are kept';

/** Declares `dynamo-dr runs list` (the default) and its options. */
function declareList(runs: CommandUnknownOpts) {
  return commonOptions(
    runs
      .command('list', { isDefault: true })
      .description(
        "List runs, newest first, and held locks; with a configured deployment, the stack's runs and executions too",
      )
      .option('--config <file>', 'configuration file (default: ./dynamo-dr.config.json if present)')
      .option('--environment <name>', "only this environment's deployed stack"),
    { json: JSON_OUTPUT, stateDir: STATE_DIR },
  );
}

/** Declares `dynamo-dr runs show <id>` and its options. */
function declareShow(runs: CommandUnknownOpts) {
  return commonOptions(
    runs.command('show <id>').description('Show one run: inputs, plan, phase timings (RTO), counts, result'),
    { json: JSON_OUTPUT, stateDir: STATE_DIR, aws: false },
  );
}

/** Declares `dynamo-dr runs unlock` and its options. */
function declareUnlock(runs: CommandUnknownOpts) {
  return commonOptions(
    runs
      .command('unlock')
      .description('Clear a stale recovery lock of a table (only when no recovery of it is running)')
      .option('--table <name>', 'the locked table'),
    { stateDir: STATE_DIR, aws: false },
  );
}

/** Flags of `dynamo-dr runs list`, as commander parses them. */
export type ListRunsCommandOptions = OptionsOf<ReturnType<typeof declareList>>;
/** Flags of `dynamo-dr runs show`, as commander parses them. */
export type ShowRunCommandOptions = OptionsOf<ReturnType<typeof declareShow>>;
/** Flags of `dynamo-dr runs unlock`, as commander parses them. */
export type UnlockCommandOptions = OptionsOf<ReturnType<typeof declareUnlock>>;

/** Registers `dynamo-dr runs list|show|unlock`; their module loads only when they run. */
export function registerRuns(program: CommandUnknownOpts): void {
  const runs = program.command('runs').description('Recorded recovery runs: list, show, unlock');
  declareList(runs).action(async (opts) => (await import('./index.js')).listRuns(opts));
  declareShow(runs).action(async (id, opts) => (await import('./index.js')).showRun(id, opts));
  declareUnlock(runs).action(async (opts) => (await import('./index.js')).unlockTable(opts));
}
