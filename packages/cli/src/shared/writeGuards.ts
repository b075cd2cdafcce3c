import {
  assertWritesAllowed,
  recoveryModeClients,
  type AwsClientOptions,
  type DrConfig,
  type WriteGuard,
} from '@dynamo-dr/core';
import type { ResolvedTable } from './tableSettings.js';

/**
 * Recovery mode's guard, per table: writing into a live table is refused
 * unless its environment is in recovery mode, or `--allow-live-writes`.
 */
export async function writeGuards(
  tables: readonly ResolvedTable[],
  config: DrConfig | undefined,
  aws: AwsClientOptions,
  allowLiveWrites: boolean,
): Promise<WriteGuard[]> {
  const clients = recoveryModeClients(aws);
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
