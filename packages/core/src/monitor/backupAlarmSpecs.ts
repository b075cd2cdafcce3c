import type { PutMetricAlarmCommandInput } from '@aws-sdk/client-cloudwatch';
import type { BackupPolicy, PolicyTable } from '../backupPolicy/backupPolicy.js';
import { BACKUP_METRICS, METRIC_NAMESPACE, metricDimensions } from './metricNames.js';

/** The alarms each table gets; each is a runbook entry in docs/monitoring.md (anchor: the kind in kebab case). */
export type BackupAlarmKind = 'PitrDisabled' | 'WindowBelowRetention' | 'RestorableLagHigh' | 'DrillOverdue';

/** One alarm as data: the table it watches and the exact PutMetricAlarm input that creates it. */
export interface BackupAlarmSpec {
  readonly kind: BackupAlarmKind;
  readonly table: PolicyTable;
  readonly input: PutMetricAlarmCommandInput & { readonly AlarmName: string; readonly MetricName: string };
}

/** Where alarms send their notifications (SNS topic ARNs). */
export interface AlarmActions {
  readonly alarmActions: readonly string[];
  /** @default the same as `alarmActions`: the team also hears when the problem clears */
  readonly okActions?: readonly string[];
}

/** The monitor runs every 5 minutes; each alarm looks at that period. */
const MONITOR_PERIOD_SECONDS = 300;

/**
 * The name of a table's alarm: `DynamoDR-{environment}-{logicalName}-{kind}`.
 *
 * @example
 * backupAlarmName('Prod', 'Orders', 'PitrDisabled'); // 'DynamoDR-Prod-Orders-PitrDisabled'
 */
export function backupAlarmName(environment: string, logicalName: string, kind: BackupAlarmKind): string {
  return `DynamoDR-${environment}-${logicalName}-${kind}`;
}

/**
 * Every alarm of the policy's tables, as PutMetricAlarm inputs: the single definition the CDK construct deploys
 * and `check` compares the deployed alarms with.
 * - PitrDisabled: PitrEnabled < 1; missing data is breaching, so a monitor that stops reporting alarms too.
 * - WindowBelowRetention: WindowDeficitSeconds above the tolerance (PITR reset, enabled late, retention cut).
 * - RestorableLagHigh: LatestRestorableLagSeconds above the threshold in 2 of 3 periods (AWS's lag varies).
 * - DrillOverdue: LastDrillAgeDays above the maximum age; only with a drill bucket (the monitor reads it), and
 *   missing data is breaching: a table never drilled has no age to publish.
 * The window and lag alarms treat missing data as not breaching: while PITR is off there is no window or lag,
 * and PitrDisabled already alarms. Alarm semantics:
 * https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/AlarmThatSendsEmail.html
 *
 * @example
 * for (const spec of backupAlarmSpecs(policy, { alarmActions: [topicArn] })) await cloudwatch.send(new PutMetricAlarmCommand(spec.input));
 */
export function backupAlarmSpecs(
  policy: Pick<
    BackupPolicy,
    'environment' | 'tables' | 'windowToleranceSeconds' | 'maxRestorableLagSeconds' | 'drillMaxAgeDays' | 'drillReports'
  >,
  actions: AlarmActions,
): BackupAlarmSpec[] {
  const { environment } = policy;
  return policy.tables.flatMap((table) => {
    const spec = (
      kind: BackupAlarmKind,
      metric: string,
      description: string,
      rule: Pick<
        PutMetricAlarmCommandInput,
        | 'Statistic'
        | 'ComparisonOperator'
        | 'Threshold'
        | 'EvaluationPeriods'
        | 'DatapointsToAlarm'
        | 'Period'
        | 'TreatMissingData'
      >,
    ): BackupAlarmSpec => ({
      kind,
      table,
      input: {
        AlarmName: backupAlarmName(environment, table.logicalName, kind),
        AlarmDescription: `${description} Table ${table.tableName} (${environment}). What to do: docs/monitoring.md#${kebab(kind)}`,
        Namespace: METRIC_NAMESPACE,
        MetricName: metric,
        Dimensions: metricDimensions(environment, table.tableName),
        Period: MONITOR_PERIOD_SECONDS,
        EvaluationPeriods: 1,
        ActionsEnabled: true,
        AlarmActions: [...actions.alarmActions],
        OKActions: [...(actions.okActions ?? actions.alarmActions)],
        ...rule,
      },
    });
    const specs = [
      spec(
        'PitrDisabled',
        BACKUP_METRICS.pitrEnabled,
        'Point-in-time recovery is off, or the monitor stopped reporting.',
        {
          Statistic: 'Minimum',
          ComparisonOperator: 'LessThanThreshold',
          Threshold: 1,
          TreatMissingData: 'breaching',
        },
      ),
      spec(
        'WindowBelowRetention',
        BACKUP_METRICS.windowDeficitSeconds,
        'The restorable window is shorter than the required retention (PITR was reset, enabled late, or its retention cut).',
        {
          Statistic: 'Maximum',
          ComparisonOperator: 'GreaterThanThreshold',
          Threshold: policy.windowToleranceSeconds,
          TreatMissingData: 'notBreaching',
        },
      ),
      spec(
        'RestorableLagHigh',
        BACKUP_METRICS.latestRestorableLagSeconds,
        'The latest restorable time trails now by more than the threshold: recent writes are not yet recoverable.',
        {
          Statistic: 'Maximum',
          ComparisonOperator: 'GreaterThanThreshold',
          Threshold: policy.maxRestorableLagSeconds,
          EvaluationPeriods: 3,
          DatapointsToAlarm: 2,
          TreatMissingData: 'notBreaching',
        },
      ),
    ];
    if (policy.drillReports.s3Bucket) {
      specs.push(
        spec('DrillOverdue', BACKUP_METRICS.lastDrillAgeDays, 'No successful recovery drill within the maximum age.', {
          Statistic: 'Maximum',
          ComparisonOperator: 'GreaterThanThreshold',
          Threshold: policy.drillMaxAgeDays,
          Period: 12 * MONITOR_PERIOD_SECONDS,
          TreatMissingData: 'breaching',
        }),
      );
    }
    return specs;
  });
}

/** `PitrDisabled` → `pitr-disabled`: the anchor of the alarm's runbook entry. */
function kebab(kind: BackupAlarmKind): string {
  return kind.replace(/([a-z])([A-Z])/g, '$1-$2').toLowerCase();
}
