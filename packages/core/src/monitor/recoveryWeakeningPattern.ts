/**
 * The EventBridge event pattern of the CloudTrail events that weaken recovery, for a rule whose target is the
 * alarm topic: PITR turned off (UpdateContinuousBackups with `pointInTimeRecoveryEnabled: false`), an on-demand
 * backup deleted, a table deleted, deletion protection turned off (UpdateTable with
 * `deletionProtectionEnabled: false`). Refused calls are left out (`errorCode` absent): AWS records those too,
 * and they changed nothing. With `tableNames`, only calls on those tables (a backup by its ARN's table part).
 *
 * CloudTrail delivers these to EventBridge only when a trail logs management events, within minutes and on a
 * best-effort basis (https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-service-event-cloudtrail.html);
 * field names are CloudTrail's lower-camel-case request parameters
 * (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/logging-using-cloudtrail.html).
 *
 * @example
 * new events.Rule(this, 'RecoveryWeakened', { eventPattern: recoveryWeakeningPattern(['Prod-Orders']), targets: [topic] });
 */
export function recoveryWeakeningPattern(tableNames?: readonly string[]): Record<string, unknown> {
  const onTables = tableNames ? { tableName: [...tableNames] } : {};
  const backupOfTables = tableNames
    ? { backupArn: tableNames.map((name) => ({ wildcard: `arn:*:dynamodb:*:*:table/${name}/backup/*` })) }
    : {};
  return {
    source: ['aws.dynamodb'],
    'detail-type': ['AWS API Call via CloudTrail'],
    detail: {
      eventSource: ['dynamodb.amazonaws.com'],
      errorCode: [{ exists: false }],
      $or: [
        {
          eventName: ['UpdateContinuousBackups'],
          requestParameters: { ...onTables, pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: [false] } },
        },
        { eventName: ['DeleteBackup'], ...(tableNames ? { requestParameters: backupOfTables } : {}) },
        { eventName: ['DeleteTable'], ...(tableNames ? { requestParameters: onTables } : {}) },
        { eventName: ['UpdateTable'], requestParameters: { ...onTables, deletionProtectionEnabled: [false] } },
      ],
    },
  };
}
