import { startSandbox, tableFaultProblems, type TableFaults } from '@dynamo-dr/sandbox';
import { InputError } from '@dynamo-dr/core';
import { latencyFromFlags } from './latencyFlags.js';

export interface SandboxCommandOptions {
  readonly port: string;
  readonly dataDir?: string;
  /** `TABLE=RATE` entries of `--throttle`. */
  readonly throttle?: readonly string[];
  /** `TABLE=WCU` entries of `--write-capacity`. */
  readonly writeCapacity?: readonly string[];
  /** `TABLE=RCU` entries of `--read-capacity`. */
  readonly readCapacity?: readonly string[];
  /** `[TABLE=][CLASS:]MIN[-MAX]ms` entries of `--latency`. */
  readonly latency?: readonly string[];
  readonly latestRestorableLagMs?: string;
  readonly restoreBaseMs?: string;
  readonly restorePerItemMs?: string;
  readonly backupCreateMs?: string;
}

/** `dynamo-dr sandbox`: serve until interrupted, after printing the environment to export. */
export async function sandbox(opts: SandboxCommandOptions): Promise<void> {
  const port = Number(opts.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new InputError('--port', opts.port, 'is not a TCP port', 'Give a whole number from 0 to 65535.');
  }
  const latency = latencyFromFlags(opts.latency);
  const faults = faultsFromFlags(opts);
  for (const [table, delays] of Object.entries(latency.tables)) faults[table] = { ...faults[table], latency: delays };
  const running = await startSandbox({
    port,
    dataDir: opts.dataDir,
    faults,
    latency: latency.global,
    latestRestorableLagMs: milliseconds('--latest-restorable-lag-ms', opts.latestRestorableLagMs),
    restoreBaseMs: milliseconds('--restore-base-ms', opts.restoreBaseMs),
    restorePerItemMs: milliseconds('--restore-per-item-ms', opts.restorePerItemMs),
    backupCreateMs: milliseconds('--backup-create-ms', opts.backupCreateMs),
  });
  console.error(
    `dynamo-dr sandbox listening on ${running.endpoint}${opts.dataDir ? ` (data in ${opts.dataDir})` : ' (in memory)'}`,
  );
  if (latency.global) console.error(`Latency of every request: ${JSON.stringify(latency.global)}`);
  for (const [table, f] of Object.entries(faults)) console.error(`Faults on ${table}: ${JSON.stringify(f)}`);
  console.error('Point AWS SDK clients and the AWS CLI at it with:');
  for (const [name, value] of Object.entries(running.env)) console.log(`export ${name}=${value}`);
  await new Promise<void>((resolve) => {
    const stop = () => void running.stop().then(resolve);
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
}

/** Each fault flag, the setting it fills and an example value. */
const FAULT_FLAGS = [
  { option: 'throttle', flag: '--throttle', field: 'throttleRate', example: 'orders=0.3' },
  { option: 'writeCapacity', flag: '--write-capacity', field: 'writeUnitsPerSecond', example: 'orders=100' },
  { option: 'readCapacity', flag: '--read-capacity', field: 'readUnitsPerSecond', example: 'orders=100' },
] as const;

/** Turns the repeatable `TABLE=VALUE` fault flags into per-table faults; bad input throws {@link InputError}. */
export function faultsFromFlags(opts: SandboxCommandOptions): Record<string, TableFaults> {
  const faults: Record<string, Record<string, number>> = {};
  const given: { table: string; field: string; flag: string; raw: string; example: string }[] = [];
  for (const { option, flag, field, example } of FAULT_FLAGS) {
    for (const raw of opts[option] ?? []) {
      const hint = `Give ${flag} TABLE=VALUE, e.g. ${flag} ${example}.`;
      const match = /^([^=]+)=(.+)$/.exec(raw);
      if (!match) throw new InputError(flag, raw, 'is not TABLE=VALUE', hint);
      const [, table = '', value = ''] = match;
      if (faults[table]?.[field] !== undefined) {
        throw new InputError(flag, raw, `repeats table ${table}`, `Give ${flag} once per table.`);
      }
      faults[table] = { ...faults[table], [field]: Number(value) };
      given.push({ table, field, flag, raw, example });
    }
  }
  for (const [table, tableFaults] of Object.entries(faults)) {
    const [problem] = tableFaultProblems(table, tableFaults);
    if (!problem) continue;
    const source = given.find((g) => g.table === table && (g.field === problem.field || problem.field === 'table'));
    if (source) {
      throw new InputError(source.flag, source.raw, problem.problem, `Give e.g. ${source.flag} ${source.example}.`);
    }
  }
  return faults;
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
