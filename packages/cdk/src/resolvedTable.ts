import { Arn, ArnFormat, Token, type Stack } from 'aws-cdk-lib';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import { defaultRestoreSettings, logicalNameOf, type RevertSettings, type TableRestoreSettings } from '@dynamo-dr/core';
import type { DisasterRecoveryProps, RecoveredTableProps } from './disasterRecoveryProps.js';

/** A table of the props with every default applied: what its recovery resources are made from. */
export interface ResolvedTable {
  /** The settings baked into its state machines (`tableName` may be a token). */
  readonly settings: TableRestoreSettings;
  readonly excluded: boolean;
  readonly encryptionKey?: IKey;
  /** The ARN the props named, when the table was given as one (checked against the stack's region and account). */
  readonly givenArn?: string;
  /** What its revert state machine has baked in, when it has one. */
  readonly revert?: RevertSettings;
}

/**
 * Applies the defaults to one table of the props, once.
 *
 * @example
 * resolveTable(stack, { table: 'Prod-Orders', segments: 8 }, props);
 * // { settings: { tableName: 'Prod-Orders', logicalName: 'ProdOrders', segments: 8, mode: 'delta', ... }, excluded: false }
 */
export function resolveTable(stack: Stack, table: RecoveredTableProps, props: DisasterRecoveryProps): ResolvedTable {
  const givenArn = typeof table.table === 'string' && table.table.startsWith('arn:') ? table.table : undefined;
  const tableName =
    typeof table.table !== 'string'
      ? table.table.tableName
      : givenArn
        ? (stack.splitArn(givenArn, ArnFormat.SLASH_RESOURCE_NAME).resourceName ?? '')
        : table.table;
  const logicalName = table.logicalName ?? (Token.isUnresolved(tableName) ? '' : logicalNameOf(tableName));
  return {
    settings: {
      tableName,
      logicalName,
      mode: table.mode ?? defaultRestoreSettings.mode,
      keepRestoredTable: table.keepRestoredTable ?? defaultRestoreSettings.keepRestoredTable,
      segments: table.segments ?? defaultRestoreSettings.segments,
      sensitive: table.sensitive ?? defaultRestoreSettings.sensitive,
      restoreDeadlineMinutes:
        props.restoreDeadline?.toMinutes({ integral: false }) ?? defaultRestoreSettings.restoreDeadlineMinutes,
    },
    excluded: table.excluded ?? false,
    encryptionKey: table.encryptionKey ?? (typeof table.table === 'string' ? undefined : table.table.encryptionKey),
    givenArn,
    ...(table.revert && {
      revert: {
        exportBucket: table.revert.exportBucket,
        ...(table.revert.exportPrefix !== undefined && { exportPrefix: table.revert.exportPrefix }),
        ...(table.revert.minExportPeriod && { minExportPeriodMs: table.revert.minExportPeriod.toMilliseconds() }),
      },
    }),
  };
}

/** The region and account of an ARN the props named, when they and the stack's are both known and differ. */
export function foreignArn(stack: Stack, arn: string): string | undefined {
  const parts = Arn.split(arn, ArnFormat.SLASH_RESOURCE_NAME);
  const differs = (given: string | undefined, own: string) =>
    !Token.isUnresolved(own) && given !== undefined && given !== own;
  if (differs(parts.region, stack.region)) return `region ${parts.region} (the stack's is ${stack.region})`;
  if (differs(parts.account, stack.account)) return `account ${parts.account} (the stack's is ${stack.account})`;
  return undefined;
}
