import type { Command } from 'commander';

/** The options every command that reaches AWS shares, named as the AWS CLI names them. */
export interface AwsFlags {
  readonly region?: string;
  readonly profile?: string;
  readonly endpointUrl?: string;
}

/** The options many commands share. */
export interface CommonFlags extends AwsFlags {
  readonly json?: boolean;
  readonly stateDir?: string;
}

/** The caps on a run's traffic to a table (core's `maxWriteUnitsPerSecond` / `maxReadUnitsPerSecond`). */
export interface CapacityFlags {
  readonly maxWriteUnits?: string;
  readonly maxReadUnits?: string;
}

/**
 * Adds the options commands share, one definition each: `--json`, `--state-dir`, and `--region`,
 * `--profile`, `--endpoint-url` (checked before any command runs, see program.ts). `json` and `stateDir`
 * say what the flag means for this command; leave one out for a command without it.
 *
 * @example
 * commonOptions(program.command('diff'), { json: 'print the summary as one JSON document on stdout', stateDir: 'where run journals are kept' });
 */
export function commonOptions(
  command: Command,
  describe: {
    readonly json?: string;
    readonly stateDir?: string;
    readonly aws?: boolean;
    /** What `--region` means for this command, when more than the Region it calls. */
    readonly region?: string;
  } = {},
): Command {
  if (describe.json) command.option('--json', describe.json);
  if (describe.stateDir) command.option('--state-dir <dir>', describe.stateDir, '.dynamo-dr');
  if (describe.aws ?? true) {
    command
      .option('--region <region>', describe.region ?? 'AWS region')
      .option('--profile <profile>', 'AWS profile')
      .option('--endpoint-url <url>', 'AWS endpoint (e.g. the sandbox); AWS_ENDPOINT_URL is honoured too');
  }
  return command;
}

/**
 * Adds `--max-write-units` / `--max-read-units`: a production table needs a ceiling on our traffic. Only
 * `writes` adds the write cap (a command that only reads has none).
 */
export function capacityOptions(command: Command, { writes }: { readonly writes: boolean }): Command {
  if (writes) {
    command.option('--max-write-units <wcu>', 'never write faster than this many write capacity units per second');
  }
  return command.option('--max-read-units <rcu>', 'never read faster than this many read capacity units per second');
}

/** The connection options as core's clients take them. */
export function awsOptions(flags: AwsFlags, region?: string) {
  return { region: flags.region ?? region, profile: flags.profile, endpoint: flags.endpointUrl };
}
