import type { Command } from 'commander';
import { commonOptions } from '../../shared/commonOptions.js';

/** Registers `dynamo-dr runs list|show|unlock`; their module loads only when they run. */
export function registerRuns(program: Command): void {
  const runs = program.command('runs').description('Recorded recovery runs: list, show, unlock');
  const shared = {
    json: 'print one JSON document on stdout',
    stateDir: 'where run journals and locks are kept',
    aws: false,
  };
  commonOptions(
    runs
      .command('list', { isDefault: true })
      .description(
        "List runs, newest first, and held locks; with a configured deployment, the stack's runs and executions too",
      )
      .option('--config <file>', 'configuration file (default: ./dynamo-dr.config.json if present)')
      .option('--environment <name>', "only this environment's deployed stack"),
    { ...shared, aws: true },
  ).action(async (opts) => (await import('./index.js')).listRuns(opts));
  commonOptions(
    runs.command('show <id>').description('Show one run: inputs, plan, phase timings (RTO), counts, result'),
    shared,
  ).action(async (id: string, opts) => (await import('./index.js')).showRun(id, opts));
  commonOptions(
    runs
      .command('unlock')
      .description('Clear a stale recovery lock of a table (only when no recovery of it is running)')
      .option('--table <name>', 'the locked table'),
    { stateDir: shared.stateDir, aws: false },
  ).action(async (opts) => (await import('./index.js')).unlockTable(opts));
}
