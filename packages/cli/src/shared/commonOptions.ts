import type { Command, OptionValues } from '@commander-js/extra-typings';

/** The options every command that reaches AWS shares, named as the AWS CLI names them. */
export interface AwsFlags {
  readonly region?: string;
  readonly profile?: string;
  readonly endpointUrl?: string;
}

/** What each shared option means for one command; an option left out is not added. */
export interface CommonOptionDescriptions {
  readonly json?: string;
  readonly stateDir?: string;
  /** `false` for a command that never calls AWS: no `--region`, `--profile`, `--endpoint-url`. */
  readonly aws?: boolean;
  /** What `--region` means for this command, when more than the Region it calls. */
  readonly region?: string;
}

/** The option values `commonOptions(command, describe)` adds, as commander parses them. */
export type CommonOptionValues<D extends CommonOptionDescriptions> = (D extends { readonly json: string }
  ? { json?: true }
  : unknown) &
  (D extends { readonly stateDir: string } ? { stateDir: string } : unknown) &
  (D extends { readonly aws: false } ? unknown : { region?: string; profile?: string; endpointUrl?: string });

/**
 * Adds the options commands share, one definition each: `--json`, `--state-dir`, and `--region`,
 * `--profile`, `--endpoint-url` (checked before the command runs, as the AWS CLI does). `json` and
 * `stateDir` say what the flag means for this command; leave one out for a command without it. The
 * returned command's options are typed with what was added.
 *
 * @example
 * commonOptions(program.command('diff'), { json: 'print the summary as one JSON document on stdout', stateDir: 'where run journals are kept' });
 */
export function commonOptions<
  Args extends unknown[],
  Opts extends OptionValues,
  GlobalOpts extends OptionValues,
  const D extends CommonOptionDescriptions = Record<never, never>,
>(
  command: Command<Args, Opts, GlobalOpts>,
  describe: D = {} as D,
): Command<Args, Opts & CommonOptionValues<D>, GlobalOpts> {
  // Commander adds options to the command in place; the return type records which ones `describe` asked for.
  const shared: Command<Args, Record<never, never>, GlobalOpts> = command;
  if (describe.json) shared.option('--json', describe.json);
  if (describe.stateDir) shared.option('--state-dir <dir>', describe.stateDir, '.dynamo-dr');
  if (describe.aws ?? true) {
    const withAws = shared
      .option('--region <region>', describe.region ?? 'AWS region')
      .option('--profile <profile>', 'AWS profile')
      .option('--endpoint-url <url>', 'AWS endpoint (e.g. the sandbox); AWS_ENDPOINT_URL is honoured too');
    withAws.hook('preAction', async () => {
      const { region, profile, endpointUrl } = withAws.opts();
      // Loaded here, not at startup: `--help` and `--version` need none of core.
      const { assertAwsOptions } = await import('@dynamo-dr/core');
      await assertAwsOptions({ region, profile, endpoint: endpointUrl });
    });
  }
  return command as Command<Args, Opts & CommonOptionValues<D>, GlobalOpts>;
}

/**
 * Adds `--max-write-units` / `--max-read-units`: a production table needs a ceiling on our traffic. Only
 * `writes` adds the write cap (a command that only reads has none).
 *
 * @example
 * capacityOptions(program.command('export'), { writes: false });
 */
export function capacityOptions<
  Args extends unknown[],
  Opts extends OptionValues,
  GlobalOpts extends OptionValues,
  const W extends boolean,
>(
  command: Command<Args, Opts, GlobalOpts>,
  { writes }: { readonly writes: W },
): Command<Args, Opts & CapacityOptionValues<W>, GlobalOpts> {
  if (writes) {
    command.option('--max-write-units <wcu>', 'never write faster than this many write capacity units per second');
  }
  command.option('--max-read-units <rcu>', 'never read faster than this many read capacity units per second');
  return command as Command<Args, Opts & CapacityOptionValues<W>, GlobalOpts>;
}

/** The caps on a run's traffic to a table (core's `maxWriteUnitsPerSecond` / `maxReadUnitsPerSecond`). */
export interface CapacityFlags {
  readonly maxWriteUnits?: string;
  readonly maxReadUnits?: string;
}

/** The option values `capacityOptions(command, { writes })` adds, as commander parses them. */
export type CapacityOptionValues<W extends boolean> = { maxReadUnits?: string } & (W extends true
  ? { maxWriteUnits?: string }
  : unknown);

/** The connection options as core's clients take them. */
export function awsOptions(flags: AwsFlags, region?: string) {
  return { region: flags.region ?? region, profile: flags.profile, endpoint: flags.endpointUrl };
}
