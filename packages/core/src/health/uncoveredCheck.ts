import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { BackupPolicy } from '../backupPolicy/backupPolicy.js';
import { describeBackupState } from '../backupPolicy/backupStateCalls.js';
import type { CheckItem } from './checkItem.js';
import { environmentTableNames } from './environmentTablesCalls.js';

/**
 * Tables of the environment (by name prefix or tags) that the configuration does not list: nothing checks,
 * monitors or drills them. Without PITR that is a failure; with PITR a warning (backed up, but not watched).
 *
 * @example
 * const item = await uncoveredCheck(dynamodb, policy);
 */
export async function uncoveredCheck(dynamodb: DynamoDBClient, policy: BackupPolicy): Promise<CheckItem> {
  const { tableNamePrefix, tableTags } = policy.coverage;
  const selection = [
    ...(tableNamePrefix === undefined ? [] : [`named ${tableNamePrefix}*`]),
    ...(Object.keys(tableTags).length > 0
      ? [
          `tagged ${Object.entries(tableTags)
            .map(([k, v]) => `${k}=${v}`)
            .join(', ')}`,
        ]
      : []),
  ].join(' and ');
  const configured = new Set(policy.tables.map((t) => t.tableName));
  const found = await environmentTableNames(dynamodb, policy.coverage);
  const uncovered = found.filter((name) => !configured.has(name));
  const base = { id: 'uncovered-tables', environment: policy.environment } as const;
  if (uncovered.length === 0) {
    return { ...base, status: 'pass', evidence: `every table ${selection} (${found.length}) is configured` };
  }
  const states = await Promise.all(uncovered.map((name) => describeBackupState(dynamodb, name)));
  const withoutPitr = states.filter((s) => !s.exists || !s.pitr.enabled).map((s) => s.tableName);
  const shown = states.map((s) => `${s.tableName} (PITR ${s.exists && s.pitr.enabled ? 'on' : 'off'})`);
  return {
    ...base,
    status: withoutPitr.length > 0 ? 'fail' : 'warn',
    evidence: `uncovered: ${uncovered.length} table(s) ${selection} are not in the configuration: ${shown.join(', ')}`,
    fix: `Add them to environments.${policy.environment}.tables in dynamo-dr.config.json${withoutPitr.length > 0 ? `, and enable PITR: dynamo-dr pitr enable ${withoutPitr.map((n) => `--table ${n}`).join(' ')}` : ''}.`,
  };
}
