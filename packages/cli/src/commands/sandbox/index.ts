import { startSandbox } from '@dynamo-dr/sandbox';
import { InputError } from '@dynamo-dr/core';

export interface SandboxCommandOptions {
  readonly port: string;
  readonly dataDir?: string;
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
  const running = await startSandbox({
    port,
    dataDir: opts.dataDir,
    latestRestorableLagMs: milliseconds('--latest-restorable-lag-ms', opts.latestRestorableLagMs),
    restoreBaseMs: milliseconds('--restore-base-ms', opts.restoreBaseMs),
    restorePerItemMs: milliseconds('--restore-per-item-ms', opts.restorePerItemMs),
    backupCreateMs: milliseconds('--backup-create-ms', opts.backupCreateMs),
  });
  console.error(
    `dynamo-dr sandbox listening on ${running.endpoint}${opts.dataDir ? ` (data in ${opts.dataDir})` : ' (in memory)'}`,
  );
  console.error('Point AWS SDK clients and the AWS CLI at it with:');
  for (const [name, value] of Object.entries(running.env)) console.log(`export ${name}=${value}`);
  await new Promise<void>((resolve) => {
    const stop = () => void running.stop().then(resolve);
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
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
