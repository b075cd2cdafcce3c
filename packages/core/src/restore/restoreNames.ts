import { InputError } from '../errors.js';
import type { InputLabels } from './restoreInput.js';

/** Letters, digits and inner hyphens (seed 002's format), 1 to 64 characters. */
const INCIDENT_ID = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,62}[A-Za-z0-9])?$/;

/**
 * AWS limits for both derived names: table names and backup names are 3–255
 * characters of `[a-zA-Z0-9_.-]`
 * (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/HowItWorks.NamingRulesDataTypes.html,
 * https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_CreateBackup.html).
 */
const MAX_NAME_LENGTH = 255;
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
 * incident id has the right form and that every derived name fits AWS limits.
 *
 * @example
 * restoreNames('Prod-ProviderTable', 'incident-7');
 * // { forensicBackupName: 'Prod-ProviderTable-forensic-incident-7', restoredTableName: 'Prod-ProviderTable-dr-incident-7' }
 */
export function restoreNames(
  tableName: string,
  incidentId: string,
  labels?: Pick<InputLabels, 'incidentId'>,
): RestoreNames {
  const field = labels?.incidentId ?? 'incidentId';
  if (!INCIDENT_ID.test(incidentId)) {
    throw new InputError(
      field,
      incidentId,
      'is not a valid incident id',
      'Use 1 to 64 letters, digits and hyphens, starting and ending with a letter or digit (e.g. incident-2025-001).',
    );
  }
  const longest = tableName.length + Math.max(RESTORED_SUFFIX.length, FORENSIC_SUFFIX.length);
  if (longest + incidentId.length > MAX_NAME_LENGTH) {
    throw new InputError(
      field,
      incidentId,
      `is too long for table ${tableName}: the names derived from it would exceed ${MAX_NAME_LENGTH} characters`,
      `Use at most ${MAX_NAME_LENGTH - longest} characters.`,
    );
  }
  return {
    forensicBackupName: `${tableName}${FORENSIC_SUFFIX}${incidentId}`,
    restoredTableName: `${tableName}${RESTORED_SUFFIX}${incidentId}`,
  };
}
