import { describe, expect, it } from 'vitest';
import type { AlarmConfiguration, AlarmStateValue, MetricSeries } from '../../src/cloudwatch/cloudWatchStore.js';
import { evaluateAlarm } from '../../src/cloudwatch/evaluateAlarm.js';

// The alarm evaluation tables of "Configuring how CloudWatch alarms treat missing data"
// (https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/AlarmThatSendsEmail.html#alarms-and-missing-data):
// the 5 most recent periods, oldest first; 0 not breaching, X breaching, - missing; threshold 1, Maximum.
const PERIOD_MS = 60_000;
const NOW = 1_000 * PERIOD_MS + 30_000; // mid-way through a period that has no data yet

function series(points: string): MetricSeries {
  const cells = points.split(' ');
  return {
    Namespace: 'N',
    MetricName: 'M',
    Dimensions: [],
    datapoints: cells.flatMap((cell, i) => {
      if (cell === '-') return [];
      const value = cell === 'X' ? 5 : 0;
      const t = (1_000 - cells.length + i) * PERIOD_MS;
      return [{ t, unit: 'None', sampleCount: 1, sum: value, min: value, max: value }];
    }),
  };
}

function alarm(datapointsToAlarm: number, treat: string): AlarmConfiguration {
  return {
    AlarmName: 'a',
    AlarmArn: 'arn:aws:cloudwatch:us-east-1:000000000000:alarm:a',
    ActionsEnabled: true,
    OKActions: [],
    AlarmActions: [],
    InsufficientDataActions: [],
    MetricName: 'M',
    Namespace: 'N',
    Statistic: 'Maximum',
    Dimensions: [],
    Period: 60,
    EvaluationPeriods: 3,
    DatapointsToAlarm: datapointsToAlarm,
    Threshold: 1,
    ComparisonOperator: 'GreaterThanOrEqualToThreshold',
    TreatMissingData: treat,
  };
}

const RETAIN = 'retain';
const treatments = ['missing', 'ignore', 'breaching', 'notBreaching'] as const;

function outcome(points: string, m: number, treat: string, current: AlarmStateValue = 'OK'): string {
  return evaluateAlarm(alarm(m, treat), series(points), NOW, current)?.value ?? RETAIN;
}

describe('alarm evaluation with missing data, as AWS documents it', () => {
  it.each([
    ['0 - X - X', ['OK', 'OK', 'OK', 'OK']],
    ['0 - - - -', ['OK', 'OK', 'OK', 'OK']],
    ['- - - - -', ['INSUFFICIENT_DATA', RETAIN, 'ALARM', 'OK']],
    ['0 X X - X', ['ALARM', 'ALARM', 'ALARM', 'ALARM']],
    ['- - X - -', ['ALARM', RETAIN, 'ALARM', 'OK']],
  ])('3 out of 3: %s', (points, expected) => {
    expect(treatments.map((t) => outcome(points, 3, t))).toEqual(expected);
  });

  it.each([
    ['0 - X - X', ['ALARM', 'ALARM', 'ALARM', 'ALARM']],
    ['0 0 X 0 X', ['ALARM', 'ALARM', 'ALARM', 'ALARM']],
    ['0 - X - -', ['OK', 'OK', 'ALARM', 'OK']],
    ['- - - - 0', ['OK', 'OK', 'ALARM', 'OK']],
    ['- - X - -', ['ALARM', RETAIN, 'ALARM', 'OK']],
  ])('2 out of 3: %s', (points, expected) => {
    expect(treatments.map((t) => outcome(points, 2, t))).toEqual(expected);
  });

  it('avoids a premature ALARM: a lone breaching datapoint younger than Datapoints to Alarm is not enough', () => {
    // "- - - - X" and "- - - X -" with 3 out of 3 do not go to ALARM when missing data is missing.
    expect(outcome('- - - - X', 3, 'missing')).toBe('OK');
    expect(outcome('- - - X -', 3, 'missing')).toBe('OK');
  });

  it('counts the current period once it has data, and not before', () => {
    const current = series('- - - - -');
    current.datapoints.push({ t: NOW - 1000, unit: 'None', sampleCount: 1, sum: 5, min: 5, max: 5 });
    expect(evaluateAlarm({ ...alarm(1, 'missing'), EvaluationPeriods: 1 }, current, NOW, 'OK')?.value).toBe('ALARM');
    expect(evaluateAlarm({ ...alarm(1, 'breaching'), EvaluationPeriods: 1 }, series('0'), NOW, 'ALARM')?.value).toBe(
      'OK',
    );
  });
});
