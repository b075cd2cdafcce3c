import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { InputError } from '../errors.js';
import { describeBackupState, type PitrState } from '../backupPolicy/backupStateCalls.js';
import { enablePitr } from './pitrCalls.js';

/** What `pitr enable` does to one table: turn PITR on, change its retention, or nothing. */
export type PitrChange = 'enable' | 'set-retention' | 'none';

/** The plan of `pitr enable`: each table's state now and the change it gets. A stable JSON contract. */
export interface PitrEnablePlan {
  readonly tables: readonly PlannedPitrChange[];
}

/** One table of the plan: its state now, the retention it must get, and the change that gives it. */
export interface PlannedPitrChange {
  readonly tableName: string;
  readonly retentionDays: number;
  readonly before: PitrState;
  readonly change: PitrChange;
}

/** A table `pitr enable` is to cover, with the retention it must have. */
export interface PitrTarget {
  readonly tableName: string;
  readonly retentionDays: number;
}

/** What `pitr enable` did: per table, the state before and after (or the error), and how many failed. */
export interface PitrEnableOutcome {
  readonly tables: readonly (PlannedPitrChange & { readonly after?: PitrState; readonly error?: string })[];
  readonly failures: number;
}

/**
 * Reads each table's PITR state and plans what makes it "on, with its retention". Changes nothing; a table
 * that does not exist is an InputError (before any change), naming it.
 *
 * @example
 * const plan = await planPitrEnable(dynamodb, [{ tableName: 'Prod-Orders', retentionDays: 35 }]);
 */
export async function planPitrEnable(
  dynamodb: DynamoDBClient,
  targets: readonly PitrTarget[],
): Promise<PitrEnablePlan> {
  const states = await Promise.all(targets.map((t) => describeBackupState(dynamodb, t.tableName)));
  const missing = states.filter((s) => !s.exists).map((s) => s.tableName);
  if (missing.length > 0) {
    throw new InputError(
      '--table',
      missing.join(', '),
      `names ${missing.length === 1 ? 'a table that does' : 'tables that do'} not exist in this account and region`,
      'Check the name (case included), --region and --profile. Nothing was changed.',
    );
  }
  return {
    tables: states.map((state, i) => {
      const { retentionDays } = targets[i]!;
      const before: PitrState = state.exists ? state.pitr : { enabled: false };
      const change: PitrChange = !before.enabled
        ? 'enable'
        : before.retentionDays === retentionDays
          ? 'none'
          : 'set-retention';
      return { tableName: state.tableName, retentionDays, before, change };
    }),
  };
}

/**
 * Applies the plan: one UpdateContinuousBackups per table that needs a change (none for a table already as
 * wanted, so running it again changes nothing), then reads each state back. A table that fails is listed with
 * its error and the others go on.
 *
 * @example
 * const outcome = await runPitrEnable(dynamodb, plan);
 * if (outcome.failures > 0) process.exitCode = 1;
 */
export async function runPitrEnable(dynamodb: DynamoDBClient, plan: PitrEnablePlan): Promise<PitrEnableOutcome> {
  const tables = await Promise.all(
    plan.tables.map(async (table): Promise<PitrEnableOutcome['tables'][number]> => {
      if (table.change === 'none') return { ...table, after: table.before };
      try {
        await enablePitr(dynamodb, table.tableName, table.retentionDays);
        const after = await describeBackupState(dynamodb, table.tableName);
        return { ...table, after: after.exists ? after.pitr : { enabled: false as const } };
      } catch (error) {
        return { ...table, error: (error as Error).message };
      }
    }),
  );
  return {
    tables,
    failures: tables.filter((t) => t.error !== undefined).length,
  };
}
