import {
  SandboxOptionError,
  startSandbox,
  tableFaultProblems,
  type Sandbox,
  type SandboxOptions,
  type TableFaults,
} from '@dynamo-dr/sandbox';
import { DrError, InputError } from '@dynamo-dr/core/errors';
import { latencyFromFlags } from './latencyFlags.js';
import type { SandboxCommandOptions } from './register.js';

/** The flags of the options startSandbox may refuse, and the value each was given as typed. */
const OPTION_FLAGS: Partial<
  Record<keyof SandboxOptions, { flag: string; raw?: (o: SandboxCommandOptions) => unknown }>
> = {
  port: { flag: '--port', raw: (o) => o.port },
  dataDir: { flag: '--data-dir', raw: (o) => o.dataDir },
  pitrDayMs: { flag: '--pitr-day-ms', raw: (o) => o.pitrDayMs },
  stepFunctionsTimeScale: { flag: '--step-functions-time-scale', raw: (o) => o.stepFunctionsTimeScale },
  alarmEvaluationMs: { flag: '--alarm-evaluation-ms', raw: (o) => o.alarmEvaluationMs },
  // The one directory refused, as startSandbox names it.
  assetDirectories: { flag: '--asset-dir' },
};

/** startSandbox's refusal of an option, as an {@link InputError} naming the flag; any other error as it is. */
function asFlagError(error: unknown, opts: SandboxCommandOptions): unknown {
  if (!(error instanceof SandboxOptionError)) return error;
  const named = OPTION_FLAGS[error.option];
  return named ? new InputError(named.flag, named.raw?.(opts) ?? error.value, error.problem, error.hint) : error;
}

/**
 * `dynamo-dr sandbox`: serve until interrupted (SIGINT or SIGTERM), after printing the environment to export.
 * Bad options are refused before anything starts; the dynalite child never outlives this process.
 */
export async function sandbox(opts: SandboxCommandOptions): Promise<void> {
  const latency = latencyFromFlags(opts.latency);
  const faults = faultsFromFlags(opts);
  for (const [table, delays] of Object.entries(latency.tables)) faults[table] = { ...faults[table], latency: delays };
  let running: Sandbox;
  try {
    running = await startSandbox({
      // Digits only: Number() would read '' as 0 and ' 1e3' as 1000.
      port: /^\d+$/.test(opts.port) ? Number(opts.port) : Number.NaN,
      dataDir: opts.dataDir,
      faults,
      latency: latency.global,
      latestRestorableLagMs: milliseconds('--latest-restorable-lag-ms', opts.latestRestorableLagMs),
      restoreBaseMs: milliseconds('--restore-base-ms', opts.restoreBaseMs),
      restorePerItemMs: milliseconds('--restore-per-item-ms', opts.restorePerItemMs),
      backupCreateMs: milliseconds('--backup-create-ms', opts.backupCreateMs),
      exportMs: milliseconds('--export-ms', opts.exportMs),
      minIncrementalExportPeriodMs: milliseconds(
        '--min-incremental-export-period-ms',
        opts.minIncrementalExportPeriodMs,
      ),
      pitrDayMs: milliseconds('--pitr-day-ms', opts.pitrDayMs),
      stepFunctionsTimeScale:
        opts.stepFunctionsTimeScale === undefined
          ? undefined
          : Number(opts.stepFunctionsTimeScale.trim() === '' ? Number.NaN : opts.stepFunctionsTimeScale),
      assetDirectories: opts.assetDir,
      alarmEvaluationMs: milliseconds('--alarm-evaluation-ms', opts.alarmEvaluationMs),
    });
  } catch (error) {
    throw asFlagError(error, opts);
  }
  console.error(
    `dynamo-dr sandbox listening on ${running.endpoint}${opts.dataDir ? ` (data in ${opts.dataDir})` : ' (in memory)'}`,
  );
  if (latency.global) console.error(`Latency of every request: ${JSON.stringify(latency.global)}`);
  for (const [table, f] of Object.entries(faults)) console.error(`Faults on ${table}: ${JSON.stringify(f)}`);
  console.error('Point AWS SDK clients, the AWS CLI and boto3 at it with:');
  for (const [name, value] of Object.entries(running.env)) console.log(`export ${name}=${value}`);
  const failure = await servedUntilStopped(running);
  if (failure) {
    throw new DrError(`The sandbox stopped because its DynamoDB engine failed (${failure.message}).`, {
      hint: 'Start the sandbox again (with --data-dir, its tables are kept).',
      cause: failure,
    });
  }
}

/**
 * Serves until SIGINT or SIGTERM (then stops the sandbox and resolves to nothing), or until the sandbox fails
 * (resolves to why). A second signal while stopping ends the process at once; the dynalite child follows, its
 * stdin closed.
 */
function servedUntilStopped(running: Sandbox): Promise<Error | undefined> {
  return new Promise((resolve) => {
    let stopping = false;
    const done = (failure?: Error) => {
      process.off('SIGINT', onSignal).off('SIGTERM', onSignal);
      resolve(failure);
    };
    const onSignal = (signal: NodeJS.Signals) => {
      if (stopping) process.exit(signal === 'SIGINT' ? 130 : 143);
      stopping = true;
      void running.stop().then(() => done());
    };
    process.on('SIGINT', onSignal).on('SIGTERM', onSignal);
    void running.failed.then((failure) => done(failure));
  });
}

/** Each fault flag, the setting it fills and an example value. */
const FAULT_FLAGS = [
  { option: 'throttle', flag: '--throttle', field: 'throttleRate', example: 'orders=0.3' },
  { option: 'writeCapacity', flag: '--write-capacity', field: 'writeUnitsPerSecond', example: 'orders=100' },
  { option: 'readCapacity', flag: '--read-capacity', field: 'readUnitsPerSecond', example: 'orders=100' },
] as const;

/** A fault flag as given: the table, the setting it fills and what to show if the value is refused. */
interface GivenFault {
  readonly table: string;
  readonly field: string;
  readonly flag: string;
  readonly raw: string;
  readonly example: string;
}

/** Turns the repeatable `TABLE=VALUE` fault flags into per-table faults; bad input throws {@link InputError}. */
export function faultsFromFlags(opts: Partial<SandboxCommandOptions>): Record<string, TableFaults> {
  const faults: Record<string, Record<string, unknown>> = {};
  const given: GivenFault[] = [];
  const add = (fault: GivenFault, value: unknown) => {
    if (faults[fault.table]?.[fault.field] !== undefined) {
      throw new InputError(fault.flag, fault.raw, `repeats table ${fault.table}`, `Give ${fault.flag} once per table.`);
    }
    faults[fault.table] = { ...faults[fault.table], [fault.field]: value };
    given.push(fault);
  };
  for (const { option, flag, field, example } of FAULT_FLAGS) {
    for (const raw of opts[option] ?? []) {
      const match = /^([^=]+)=(.+)$/.exec(raw);
      if (!match)
        throw new InputError(flag, raw, 'is not TABLE=VALUE', `Give ${flag} TABLE=VALUE, e.g. ${flag} ${example}.`);
      add({ table: match[1] as string, field, flag, raw, example }, Number(match[2]));
    }
  }
  for (const raw of opts.corruptRestore ?? []) add(...corruptRestoreFlag(raw));
  for (const [table, tableFaults] of Object.entries(faults)) {
    const [problem] = tableFaultProblems(table, tableFaults);
    if (!problem) continue;
    const source = given.find((g) => g.table === table && (g.field === problem.field || problem.field === 'table'));
    if (source) {
      throw new InputError(source.flag, source.raw, problem.problem, `Give e.g. ${source.flag} ${source.example}.`);
    }
  }
  return faults as Record<string, TableFaults>;
}

const CORRUPT_RESTORE_EXAMPLE = `'orders=drop:{"pk":{"S":"canary#1"}}'`;

/** `--corrupt-restore TABLE=drop|alter[:KEY]`, KEY the item's key as DynamoDB JSON (default: the first item). */
function corruptRestoreFlag(raw: string): [GivenFault, unknown] {
  const flag = '--corrupt-restore';
  const fault = { field: 'corruptRestore', flag, raw, example: CORRUPT_RESTORE_EXAMPLE };
  const hint = `Give ${flag} TABLE=drop or TABLE=alter, optionally with the item's key: ${flag} ${CORRUPT_RESTORE_EXAMPLE}.`;
  const match = /^([^=]+)=(drop|alter)(?::(.+))?$/s.exec(raw);
  if (!match) throw new InputError(flag, raw, 'is not TABLE=drop or TABLE=alter[:KEY]', hint);
  const [, table = '', action, keyText] = match;
  let key: unknown;
  try {
    key = keyText === undefined ? undefined : JSON.parse(keyText);
  } catch {
    throw new InputError(flag, raw, 'has a KEY that is not JSON', hint);
  }
  return [
    { ...fault, table },
    { action, ...(key === undefined ? {} : { key }) },
  ];
}

/** A timing flag: a duration in milliseconds (fractions allowed, e.g. 0.05 per item), or undefined for the default. */
function milliseconds(flag: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const ms = Number(value);
  if (value.trim() === '' || !Number.isFinite(ms) || ms < 0) {
    throw new InputError(flag, value, 'is not a duration in milliseconds', 'Give a number of milliseconds, 0 or more.');
  }
  return ms;
}
