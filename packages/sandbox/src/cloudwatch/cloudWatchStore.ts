import { JsonStateFile } from '../jsonStateFile.js';
import { SANDBOX_ACCOUNT } from '../sandboxAccount.js';

export interface Dimension {
  readonly Name: string;
  readonly Value: string;
}

/** What one PutMetricData datum adds: a statistic set (one value is a set of one), with its raw values when given. */
export interface Datapoint {
  /** Epoch milliseconds. */
  readonly t: number;
  readonly unit: string;
  readonly sampleCount: number;
  readonly sum: number;
  readonly min: number;
  readonly max: number;
  /** `[value, count]` pairs for percentiles; absent for a StatisticValues datum (AWS has no percentiles for those). */
  readonly values?: readonly (readonly [number, number])[];
}

/** A metric: namespace, name and exact dimension set (sorted by name), with its datapoints in arrival order. */
export interface MetricSeries {
  readonly Namespace: string;
  readonly MetricName: string;
  readonly Dimensions: readonly Dimension[];
  readonly datapoints: Datapoint[];
}

/** A metric alarm's configuration as DescribeAlarms returns it (what PutMetricAlarm set, defaults applied). */
export interface AlarmConfiguration {
  readonly AlarmName: string;
  readonly AlarmArn: string;
  readonly AlarmDescription?: string;
  readonly ActionsEnabled: boolean;
  readonly OKActions: readonly string[];
  readonly AlarmActions: readonly string[];
  readonly InsufficientDataActions: readonly string[];
  readonly MetricName: string;
  readonly Namespace: string;
  readonly Statistic?: string;
  readonly ExtendedStatistic?: string;
  readonly Dimensions: readonly Dimension[];
  readonly Period: number;
  readonly Unit?: string;
  readonly EvaluationPeriods: number;
  readonly DatapointsToAlarm?: number;
  readonly Threshold: number;
  readonly ComparisonOperator: string;
  readonly TreatMissingData?: string;
  readonly EvaluateLowSampleCountPercentile?: string;
}

export type AlarmStateValue = 'OK' | 'ALARM' | 'INSUFFICIENT_DATA';

export interface AlarmState {
  readonly value: AlarmStateValue;
  readonly reason: string;
  /** JSON text, as StateReasonData is. */
  readonly reasonData?: string;
  /** Epoch milliseconds of the last state update. */
  readonly updatedMs: number;
}

export interface AlarmRecord {
  config: AlarmConfiguration;
  configUpdatedMs: number;
  state: AlarmState;
}

/** An AlarmHistoryItem, with its time in epoch milliseconds. */
export interface HistoryItem {
  readonly AlarmName: string;
  readonly AlarmType: 'MetricAlarm';
  readonly Timestamp: number;
  readonly HistoryItemType: 'ConfigurationUpdate' | 'StateUpdate' | 'Action';
  readonly HistorySummary: string;
  readonly HistoryData: string;
}

interface RegionState {
  metrics: Record<string, MetricSeries>;
  alarms: Record<string, AlarmRecord>;
  history: HistoryItem[];
}

/**
 * CloudWatch alarm history is kept for 30 days.
 * https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/AlarmThatSendsEmail.html
 */
const HISTORY_RETENTION_MS = 30 * 24 * 3600 * 1000;

/** Metrics, alarms and alarm history per Region, in memory or in `file`. */
export class CloudWatchStore {
  private readonly state: JsonStateFile<Record<string, RegionState>>;

  constructor(file?: string) {
    this.state = new JsonStateFile(file, () => ({}));
  }

  region(region: string): RegionState {
    return (this.state.data[region] ??= { metrics: {}, alarms: {}, history: [] });
  }

  regions(): string[] {
    return Object.keys(this.state.data);
  }

  /** The series of a metric (namespace, name and exact dimension set), if it has any datapoints. */
  series(region: string, namespace: string, name: string, dimensions: readonly Dimension[]): MetricSeries | undefined {
    return this.region(region).metrics[metricKey(namespace, name, dimensions)];
  }

  addDatapoint(region: string, namespace: string, name: string, dimensions: readonly Dimension[], point: Datapoint) {
    const metrics = this.region(region).metrics;
    const key = metricKey(namespace, name, dimensions);
    const series = (metrics[key] ??= {
      Namespace: namespace,
      MetricName: name,
      Dimensions: sortedDimensions(dimensions),
      datapoints: [],
    });
    series.datapoints.push(point);
  }

  /** Appends history items, dropping those past AWS's retention. */
  record(region: string, ...items: HistoryItem[]): void {
    const state = this.region(region);
    const oldest = Date.now() - HISTORY_RETENTION_MS;
    state.history = [...state.history.filter((h) => h.Timestamp >= oldest), ...items];
  }

  /** Persists after a change. */
  save(): void {
    this.state.save();
  }
}

export function sortedDimensions(dimensions: readonly Dimension[]): Dimension[] {
  return [...dimensions]
    .map(({ Name, Value }) => ({ Name, Value }))
    .sort((a, b) => (a.Name < b.Name ? -1 : a.Name > b.Name ? 1 : 0));
}

function metricKey(namespace: string, name: string, dimensions: readonly Dimension[]): string {
  return JSON.stringify([namespace, name, sortedDimensions(dimensions)]);
}

export function alarmArn(region: string, name: string): string {
  return `arn:aws:cloudwatch:${region}:${SANDBOX_ACCOUNT}:alarm:${name}`;
}
