import type { LambdaClient } from '@aws-sdk/client-lambda';
import type { SSMClient } from '@aws-sdk/client-ssm';
import type { DrConfig } from '../config/configSchema.js';
import { InputError } from '../errors.js';
import { recoveryModeStatus } from './recoveryModeStatus.js';

export interface WriteGuardOptions {
  readonly lambda: LambdaClient;
  readonly ssm: SSMClient;
  readonly config: DrConfig | undefined;
  /** The table's environment (from the configuration); undefined when no configuration names it. */
  readonly environment: string | undefined;
  /** `--allow-live-writes`: write even though the application may be writing too. */
  readonly allowLiveWrites: boolean;
  /** The table about to be written, for the message. */
  readonly tableName?: string;
}

/** Why writing into the live table is allowed; a plan shows it. */
export interface WriteGuard {
  readonly allowedBy: 'recovery-mode' | 'allow-live-writes';
  readonly environment?: string;
  /** With `recovery-mode`: since when and by whom. */
  readonly since?: string;
  readonly by?: string;
}

/**
 * The check commands that write into a live table (`restore`,
 * `restore-items`) make before their first change: the table's environment
 * must be fully in recovery mode (every held function throttled, every mapping
 * disabled), else they are refused with an {@link InputError} (exit 2) that
 * says how to fix it — unless `allowLiveWrites`. With no configuration the
 * environment is unknown and only `allowLiveWrites` lets the write happen.
 *
 * @example
 * const guard = await assertWritesAllowed({ lambda, ssm, config, environment: table?.environment, allowLiveWrites: opts.allowLiveWrites ?? false, tableName });
 * plan.writeGuard = guard; // { allowedBy: 'recovery-mode', environment: 'Prod', since, by }
 */
export async function assertWritesAllowed(options: WriteGuardOptions): Promise<WriteGuard> {
  const { environment, tableName } = options;
  if (options.allowLiveWrites) return { allowedBy: 'allow-live-writes', environment };
  const table = tableName ? `table ${tableName}` : 'the table';
  if (environment === undefined) {
    throw new InputError(
      'tableName',
      tableName ?? '',
      'has no known environment, so recovery mode cannot be checked',
      `Add ${table} to an environment in dynamo-dr.config.json and run \`dynamo-dr recovery-mode start --environment ENV\`, or pass --allow-live-writes to write while the application may be writing too.`,
    );
  }
  const status = await recoveryModeStatus({ ...options, environment });
  const fix = `Run \`dynamo-dr recovery-mode start --environment ${environment}\`, or pass --allow-live-writes to write into ${table} while the application may be writing too.`;
  if (!status.inRecoveryMode) {
    throw new InputError('environment', environment, `is not in recovery mode (${table} is live)`, fix);
  }
  if (!status.complete) {
    const loose = [
      ...status.functions.filter((f) => !f.held && f.current !== 'gone').map((f) => `function ${f.name}`),
      ...status.mappings.filter((m) => !m.held && m.currentState !== 'gone').map((m) => `mapping ${m.uuid}`),
      ...status.appearedSinceStart,
    ];
    throw new InputError(
      'environment',
      environment,
      `is only partly in recovery mode: ${loose.join(', ')} still run`,
      fix,
    );
  }
  return { allowedBy: 'recovery-mode', environment, since: status.since, by: status.by };
}
