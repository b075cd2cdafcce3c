import { InputError } from '@dynamo-dr/core/errors';

/**
 * The one table from the fields core names in its errors (the keys of its requests and inputs) to the
 * flags the user typed. Core knows no flag; a field not listed here is shown as core names it (a field
 * the CLI checks itself is already a flag).
 */
export const FIELD_FLAGS: Readonly<Record<string, string>> = {
  // Tables, incidents, times
  tableName: '--table',
  table: '--table',
  targetTableName: '--target',
  incidentId: '--incident',
  pitrBackupTime: '--to',
  time: '--to',
  at: '--at',
  tableNameRecoveryConfirmation: '--confirm',
  confirmation: '--confirm',
  confirmations: '--confirm',
  backupArn: '--backup',
  environment: '--environment',
  switchParameter: '--switch-parameter',
  // Drills
  scenario: '--scenario',
  targetRegion: '--target-region',
  reportsDirectory: '--reports-dir',
  // Files
  out: '--out',
  format: '--format',
  file: '--from-file',
  config: '--config',
  stateDir: '--state-dir',
  left: '--left',
  right: '--right',
  // Selections
  where: '--where',
  values: '--values',
  names: '--names',
  deleteMissing: '--delete-missing',
  // Revert
  exportBucket: '--export-bucket',
  exportPrefix: '--export-prefix',
  untilTime: '--until',
  onConflict: '--on-conflict',
  verify: '--verify',
  // Exports to S3
  bucket: '--bucket',
  prefix: '--prefix',
  fromExport: '--from-export',
  // Sync limits
  segments: '--segments',
  maxWriteUnitsPerSecond: '--max-write-units',
  maxReadUnitsPerSecond: '--max-read-units',
  // The AWS CLI's connection options
  region: '--region',
  endpoint: '--endpoint-url',
  profile: '--profile',
};

/** The flag of a field core named, or the field itself. */
export function flagOf(field: string): string {
  return Object.hasOwn(FIELD_FLAGS, field) ? FIELD_FLAGS[field]! : field;
}

/** An error's message as the user should read it: an input error names the flag. */
export function userMessage(error: Error): string {
  return error instanceof InputError ? error.describe(flagOf) : error.message;
}
