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

const TABLE_ARN = /^arn:aws[a-z-]*:dynamodb:([a-z0-9-]+):(\d{12}):table\/([a-zA-Z0-9_.-]{3,255})$/;
const BACKUP_ARN =
  /^arn:aws[a-z-]*:dynamodb:([a-z0-9-]+):(\d{12}):table\/([a-zA-Z0-9_.-]{3,255})\/backup\/([0-9a-z-]+)$/;

/** What a table or backup ARN names: its Region, account and table (and backup id). */
export interface ArnParts {
  readonly region: string;
  readonly account: string;
  readonly tableName: string;
}

/** The parts of a table ARN, or undefined when it is not one. */
export function tableArnParts(arn: string): ArnParts | undefined {
  const match = TABLE_ARN.exec(arn);
  return match ? { region: match[1] as string, account: match[2] as string, tableName: match[3] as string } : undefined;
}

/** The parts of a backup ARN, or undefined when it is not one. */
export function backupArnParts(arn: string): (ArnParts & { readonly backupId: string }) | undefined {
  const match = BACKUP_ARN.exec(arn);
  return match
    ? {
        region: match[1] as string,
        account: match[2] as string,
        tableName: match[3] as string,
        backupId: match[4] as string,
      }
    : undefined;
}

/** The table name in a table ARN, or undefined when it is not one. */
export function tableNameOfArn(arn: string): string | undefined {
  return tableArnParts(arn)?.tableName;
}

/**
 * The table a table ARN names in `region`: undefined when it is no table ARN, or one of another Region or
 * account (a Region's endpoint sees only its own tables).
 */
export function tableNameInRegion(arn: string, region: string): string | undefined {
  const parts = tableArnParts(arn);
  return parts && parts.region === region && parts.account === SANDBOX_ACCOUNT ? parts.tableName : undefined;
}
