import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { InputError } from '../errors.js';
import { assertNotLocked } from '../journal/recoveryLock.js';
import type { RunJournal } from '../journal/runJournal.js';
import { planTableRestore } from './planTableRestore.js';
import type { RestorePlan, TableRestorePlan, TableRestoreSettings } from './restorePlan.js';
import { assertIncidentMatches } from '../runs/tableRun.js';

/** One command's recovery: one or more tables to the same time. */
export interface RestoreRequest {
  readonly incidentId: string;
  readonly pitrBackupTime: string;
  readonly tables: readonly TableRestoreSettings[];
  /** One exact table name per table (any order). */
  readonly confirmations: readonly string[];
}

/**
 * Validates a whole request and returns its plan; reads only. Every table is
 * checked (exists, PITR on, time in its window, confirmed exactly, not being
 * recovered by another run) and the incident must not have been used for
 * another time, before anything changes.
 *
 * @example
 * const plan = await planRestore(ddb, journal, { incidentId, pitrBackupTime, tables, confirmations: ['Orders'] });
 */
export async function planRestore(
  client: DynamoDBClient,
  journal: RunJournal,
  request: RestoreRequest,
): Promise<RestorePlan> {
  const tables: TableRestorePlan[] = [];
  for (const settings of request.tables) {
    const confirmation = confirmationFor(settings.tableName, request);
    const plan = await planTableRestore(
      client,
      {
        incidentId: request.incidentId,
        pitrBackupTime: request.pitrBackupTime,
        tableNameRecoveryConfirmation: confirmation,
      },
      settings,
    );
    await assertIncidentMatches(journal, plan, 'incidentId');
    await assertNotLocked(journal, plan.tableName, plan.incidentId, 'tableName');
    tables.push(plan);
  }
  const unmatched = request.confirmations.filter((c) => !request.tables.some((t) => t.tableName === c));
  if (request.tables.length > 1 && unmatched.length) {
    throw new InputError(
      'confirmations',
      unmatched[0],
      'confirms no table of this recovery',
      'Confirm exactly the tables given.',
    );
  }
  return {
    incidentId: request.incidentId,
    requestedTime: request.pitrBackupTime,
    restoreTime: tables[0]!.restoreTime,
    tables,
  };
}

/** With one table, its confirmation is the one given; with several, the one naming it (or nearly). */
function confirmationFor(tableName: string, request: RestoreRequest): string {
  if (request.tables.length === 1) return request.confirmations[0] ?? '';
  const exact = request.confirmations.find((c) => c === tableName);
  const nearly = request.confirmations.find((c) => c.toLowerCase() === tableName.toLowerCase());
  if (exact ?? nearly) return (exact ?? nearly)!;
  throw new InputError(
    'confirmations',
    null,
    `is missing for table ${tableName}`,
    'Give one confirmation per table, each its exact name.',
  );
}
