import {
  createDynamoDbClient,
  loadConfig,
  parseWholeNumber,
  pitrTargets,
  planPitrEnable,
  runPitrEnable,
  type PitrState,
  type PlannedPitrChange,
} from '@dynamo-dr/core';
import { ExitError } from '../../exitError.js';
import type { PitrEnableCommandOptions } from './register.js';

/**
 * `dynamo-dr pitr enable`: checks every flag, reads each table's PITR state, then turns PITR on (or sets the
 * retention) where needed; one before/after line per table. Exit 1 when a table failed (the others are done).
 */
export async function pitrEnable(opts: PitrEnableCommandOptions): Promise<void> {
  const retentionDays =
    opts.retentionDays === undefined
      ? undefined
      : parseWholeNumber('--retention-days', opts.retentionDays, { min: 1, max: 35 });
  const config = await loadConfig({ explicitPath: opts.config });
  const targets = pitrTargets(config, { tables: opts.table, environment: opts.environment, retentionDays });
  const dynamodb = createDynamoDbClient({ region: opts.region, profile: opts.profile, endpoint: opts.endpointUrl });
  const plan = await planPitrEnable(dynamodb, targets);
  if (opts.dryRun) {
    if (opts.json) console.log(JSON.stringify({ dryRun: true, plan }, null, 2));
    else for (const table of plan.tables) console.error(plannedLine(table));
    return;
  }
  const outcome = await runPitrEnable(dynamodb, plan);
  if (opts.json) console.log(JSON.stringify({ dryRun: false, ...outcome }, null, 2));
  else {
    for (const table of outcome.tables) {
      console.error(
        table.error !== undefined
          ? `${table.tableName}: FAILED (${describe(table.before)}): ${table.error}`
          : table.change === 'none'
            ? `${table.tableName}: unchanged (${describe(table.before)})`
            : `${table.tableName}: ${describe(table.before)} -> ${describe(table.after!)}`,
      );
    }
  }
  if (outcome.failures > 0) {
    const failed = outcome.tables.filter((t) => t.error !== undefined).map((t) => t.tableName);
    throw new ExitError(
      1,
      `PITR could not be enabled on ${failed.length} table(s): ${failed.join(', ')} (the others are done; run the same command again).`,
    );
  }
}

function plannedLine(table: PlannedPitrChange): string {
  const wanted = `PITR on, retention ${table.retentionDays} days`;
  return table.change === 'none'
    ? `${table.tableName}: unchanged (${describe(table.before)})`
    : `${table.tableName}: ${describe(table.before)} -> would be ${wanted}`;
}

function describe(state: PitrState): string {
  return state.enabled ? `PITR on, retention ${state.retentionDays} days` : 'PITR off';
}
