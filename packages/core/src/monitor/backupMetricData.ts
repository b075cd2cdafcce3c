import type { MetricDatum } from '@aws-sdk/client-cloudwatch';
import type { BackupMeasures } from '../backupPolicy/backupMeasures.js';
import { BACKUP_METRICS, metricDimensions } from './metricNames.js';

/**
 * One table's datapoints: the five PITR measures (the lag only while PITR is on) and, when the table has a
 * successful drill on record, LastDrillAgeDays.
 *
 * @example
 * backupMetricData('Prod', 'Prod-Orders', measures, 12.5, new Date());
 */
export function backupMetricData(
  environment: string,
  tableName: string,
  measures: BackupMeasures,
  lastDrillAgeDays: number | undefined,
  timestamp: Date,
): MetricDatum[] {
  const datum = (MetricName: string, Value: number, Unit: 'None' | 'Seconds'): MetricDatum => ({
    MetricName,
    Value,
    Unit,
    Timestamp: timestamp,
    Dimensions: metricDimensions(environment, tableName),
  });
  return [
    datum(BACKUP_METRICS.pitrEnabled, measures.pitrEnabled ? 1 : 0, 'None'),
    datum(BACKUP_METRICS.restorableWindowSeconds, measures.restorableWindowSeconds, 'Seconds'),
    datum(BACKUP_METRICS.retentionSeconds, measures.retentionSeconds, 'Seconds'),
    datum(BACKUP_METRICS.windowDeficitSeconds, measures.windowDeficitSeconds, 'Seconds'),
    ...(measures.latestRestorableLagSeconds === undefined
      ? []
      : [datum(BACKUP_METRICS.latestRestorableLagSeconds, measures.latestRestorableLagSeconds, 'Seconds')]),
    ...(lastDrillAgeDays === undefined ? [] : [datum(BACKUP_METRICS.lastDrillAgeDays, lastDrillAgeDays, 'None')]),
  ];
}
