/**
 * The recovery workflow's state machine names, one pair per table: the parent that backs up, restores and
 * cleans up, and the child that syncs the data.
 *
 * @example
 * restoreStateMachineName('ProviderTable'); // 'DRRestoreDynamoDbTableProviderTableStateMachine'
 */
export function restoreStateMachineName(logicalName: string): string {
  return `DRRestoreDynamoDbTable${logicalName}StateMachine`;
}

/**
 * The child state machine of a table: `{Table}DRSyncTableDataStateMachine`.
 *
 * @example
 * syncStateMachineName('ProviderTable'); // 'ProviderTableDRSyncTableDataStateMachine'
 */
export function syncStateMachineName(logicalName: string): string {
  return `${logicalName}DRSyncTableDataStateMachine`;
}

/**
 * A logical name for a table that has none in the configuration: its
 * physical name without the characters state machine names may not hold.
 *
 * @example
 * logicalNameOf('Prod-Orders.v2'); // 'ProdOrdersv2'
 */
export function logicalNameOf(tableName: string): string {
  return tableName.replace(/[^A-Za-z0-9]/g, '');
}

/**
 * The revert state machine of a table: `DRRevertDynamoDbTable{Table}StateMachine`.
 *
 * @example
 * revertStateMachineName('ProviderTable'); // 'DRRevertDynamoDbTableProviderTableStateMachine'
 */
export function revertStateMachineName(logicalName: string): string {
  return `DRRevertDynamoDbTable${logicalName}StateMachine`;
}
