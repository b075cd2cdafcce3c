import { SANDBOX_ACCOUNT } from '../sandboxAccount.js';

/** `arn:aws:dynamodb:REGION:ACCOUNT:table/NAME`, in the region the client signed for. */
export function tableArn(region: string, tableName: string): string {
  return `arn:aws:dynamodb:${region}:${SANDBOX_ACCOUNT}:table/${tableName}`;
}

export function backupArn(region: string, tableName: string, backupId: string): string {
  return `${tableArn(region, tableName)}/backup/${backupId}`;
}

export function streamArn(region: string, tableName: string, label: string): string {
  return `${tableArn(region, tableName)}/stream/${label}`;
}

const TABLE_ARN = /^arn:aws[a-z-]*:dynamodb:[a-z0-9-]+:\d{12}:table\/([a-zA-Z0-9_.-]{3,255})$/;
const BACKUP_ARN = /^arn:aws[a-z-]*:dynamodb:[a-z0-9-]+:\d{12}:table\/([a-zA-Z0-9_.-]{3,255})\/backup\/([0-9a-z-]+)$/;

/** The table name in a table ARN, or undefined when it is not one. */
export function tableNameOfArn(arn: string): string | undefined {
  return TABLE_ARN.exec(arn)?.[1];
}

/** The backup id in a backup ARN, or undefined when it is not one. */
export function backupIdOfArn(arn: string): string | undefined {
  return BACKUP_ARN.exec(arn)?.[2];
}
