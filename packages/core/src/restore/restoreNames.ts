import { InputError } from '../errors.js';
import { assertName } from '../validation/assertName.js';
import { incidentIdRule, tableNameRule } from '../validation/nameRules.js';

/**
 * AWS limits for both derived names: table names and backup names are 3–255
 * characters of `[a-zA-Z0-9_.-]`
 * (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/HowItWorks.NamingRulesDataTypes.html,
 * https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_CreateBackup.html).
 */
const MAX_NAME_LENGTH = tableNameRule.maxLength;
const RESTORED_SUFFIX = '-dr-';
const FORENSIC_SUFFIX = '-forensic-';

/** The names a recovery of `tableName` for `incidentId` creates: unique per incident and table. */
export interface RestoreNames {
  /** On-demand backup of the destination as it was before the recovery (kept). */
  readonly forensicBackupName: string;
  /** The temporary table the PITR restore creates (deleted after verification). */
  readonly restoredTableName: string;
}

/**
 * Derives the backup and temporary table names, after checking that the
 * table name and the incident id have the right form and that every derived
 * name fits AWS limits. `keyPrefix` goes before the incident id in the names
 * (an export's `export-`); errors name the id as typed.
 *
 * @example
 * restoreNames('Prod-ProviderTable', 'incident-7');
 * // { forensicBackupName: 'Prod-ProviderTable-forensic-incident-7', restoredTableName: 'Prod-ProviderTable-dr-incident-7' }
 */
export function restoreNames(tableName: string, incidentId: string, keyPrefix = ''): RestoreNames {
  const idField = 'incidentId';
  const tableField = 'tableName';
  assertName(tableNameRule, tableField, tableName);
  assertName(incidentIdRule, idField, incidentId);
  // The longer derived name is the forensic backup's: TABLE-forensic-PREFIXID.
  const fixed = tableName.length + FORENSIC_SUFFIX.length + keyPrefix.length;
  const example = `${tableName.length > 20 ? 'TABLE' : tableName}${FORENSIC_SUFFIX}${keyPrefix}ID`;
  if (fixed + 1 > MAX_NAME_LENGTH) {
    throw new InputError(
      tableField,
      tableName,
      `is too long to restore: the forensic backup name ${example} must fit in ${MAX_NAME_LENGTH} characters, so the table name may have at most ${MAX_NAME_LENGTH - 1 - FORENSIC_SUFFIX.length - keyPrefix.length}`,
      'Restore it to a new table with dynamo-dr restore-as, which derives no names from it.',
    );
  }
  if (fixed + incidentId.length > MAX_NAME_LENGTH) {
    throw new InputError(
      idField,
      incidentId,
      `is too long for table ${tableName.length > 40 ? `${tableName.slice(0, 37)}...` : tableName} (${tableName.length} characters): the forensic backup name ${example} must fit in ${MAX_NAME_LENGTH} characters`,
      `Use an incident id of at most ${MAX_NAME_LENGTH - fixed} characters.`,
    );
  }
  return {
    forensicBackupName: `${tableName}${FORENSIC_SUFFIX}${keyPrefix}${incidentId}`,
    restoredTableName: `${tableName}${RESTORED_SUFFIX}${keyPrefix}${incidentId}`,
  };
}
