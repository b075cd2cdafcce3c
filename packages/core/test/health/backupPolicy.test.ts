import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/loadConfig.js';
import { backupPolicy } from '../../src/backupPolicy/backupPolicy.js';
import { backupAlarmSpecs } from '../../src/monitor/backupAlarmSpecs.js';
import { monitorSettings, parseMonitorSettings } from '../../src/monitor/monitorSettings.js';

const tables = { Orders: { tableName: 'Prod-Orders' } };

describe('the backup policy of an environment', () => {
  it('applies the defaults: 35 days, an hour of tolerance, 10 minutes of lag, 90 days between drills, RTO 30 and RPO 5 minutes', () => {
    expect(backupPolicy(parseConfig({ environments: { Prod: { tables } } }), 'Prod')).toEqual({
      environment: 'Prod',
      tables: [{ tableName: 'Prod-Orders', logicalName: 'Orders' }],
      coverage: { tableNamePrefix: 'Prod-', tableTags: {} },
      retentionDays: 35,
      windowToleranceSeconds: 3600,
      maxRestorableLagSeconds: 600,
      drillMaxAgeDays: 90,
      drillTargets: { rtoMinutes: 30, rpoMinutes: 5 },
      drillReports: { directory: 'docs/ops/recovery-tests' },
    });
  });

  it.each([
    [{ retentionDays: 36 }, 'dynamo-dr.config.json at /environments/Prod/backups/retentionDays 36 must be <= 35'],
    [{ retentionDays: 0 }, 'dynamo-dr.config.json at /environments/Prod/backups/retentionDays 0 must be >= 1'],
    [
      { tableNamePrefix: '../' },
      'dynamo-dr.config.json at /environments/Prod/backups/tableNamePrefix "../" must match',
    ],
  ])('refuses backups %j in the configuration file, naming the setting', (backups, message) => {
    expect(() => parseConfig({ environments: { Prod: { tables, backups } } })).toThrow(message);
  });

  it('gives the monitor what it measures, which it reads back; a drill alarm only with a drill bucket', () => {
    const config = parseConfig({
      environments: { Prod: { tables, drills: { reports: { s3Bucket: 'dr-reports', s3Prefix: 'drills/' } } } },
    });
    const policy = backupPolicy(config, 'Prod');
    const settings = monitorSettings(policy);
    expect(parseMonitorSettings(JSON.stringify(settings))).toEqual(settings);
    expect(
      backupAlarmSpecs(policy, { alarmActions: ['arn:aws:sns:us-east-1:123456789012:t'] }).map((s) => s.kind),
    ).toEqual(['PitrDisabled', 'WindowBelowRetention', 'RestorableLagHigh', 'DrillOverdue']);
    const withoutBucket = backupPolicy(parseConfig({ environments: { Prod: { tables } } }), 'Prod');
    expect(backupAlarmSpecs(withoutBucket, { alarmActions: [] }).map((s) => s.kind)).not.toContain('DrillOverdue');
    expect(() => parseMonitorSettings(JSON.stringify({ ...settings, retentionDays: 40 }))).toThrow(
      'DYNAMO_DR_MONITOR_SETTINGS at /retentionDays must be <= 35.',
    );
  });
});
