import { AwsError } from '../awsError.js';

// Messages follow what AWS returns where it is known; the exception names
// and meanings are from the DynamoDB API reference
// (https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/CommonErrors.html and each action's Errors).

/** Item and table operations on a table that does not exist or is not ACTIVE yet (dynalite's and AWS's text). */
export function resourceNotFound(message = 'Requested resource not found'): AwsError {
  return new AwsError('ResourceNotFoundException', message);
}

/** Backup and PITR operations name a missing table with `TableNotFoundException`. */
export function tableNotFound(tableName: string): AwsError {
  return new AwsError('TableNotFoundException', `Table not found: ${tableName}`);
}

export function backupNotFound(arn: string): AwsError {
  return new AwsError('BackupNotFoundException', `Backup not found: ${arn}`);
}

export function tableAlreadyExists(tableName: string): AwsError {
  return new AwsError('TableAlreadyExistsException', `Table already exists: ${tableName}`);
}

/** AWS: "A target table with the specified name is either being created or deleted." */
export function tableInUse(tableName: string, doing: string): AwsError {
  return new AwsError('TableInUseException', `Table is being ${doing}: ${tableName}`);
}

/** AWS: 50 concurrent restores per account (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/ServiceQuotas.html). */
export function restoreLimitExceeded(limit: number): AwsError {
  return new AwsError(
    'LimitExceededException',
    `Up to ${limit} concurrent table restores are allowed per account; wait for one to become ACTIVE.`,
  );
}

/** Item operations on a table that is still being restored: on AWS it is not ACTIVE, so it is not found. */
export function tableNotActive(): AwsError {
  return resourceNotFound();
}

/** Changing a table that is still CREATING (dynalite's and AWS's text). */
export function tableBeingCreated(tableName: string): AwsError {
  return new AwsError(
    'ResourceInUseException',
    `Attempt to change a resource which is still in use: Table is being created: ${tableName}`,
  );
}

/** Restores and exports from a table whose point-in-time recovery is off. */
export function pointInTimeRecoveryUnavailable(tableName: string): AwsError {
  return new AwsError(
    'PointInTimeRecoveryUnavailableException',
    `Point in time recovery is not enabled for table '${tableName}'`,
  );
}
