import type { Duration } from 'aws-cdk-lib';
import type { DrConfig } from '@dynamo-dr/core';
import { describe, expect, it } from 'vitest';
import { disasterRecoveryPropsFromConfig } from '../src/index.js';

describe('disasterRecoveryPropsFromConfig', () => {
  it("monitors the environment as its backups and drills say, excluded tables too, and the file's defaults otherwise", () => {
    const config: DrConfig = {
      environments: {
        Prod: {
          tables: { Orders: { tableName: 'Prod-Orders' }, Ssn: { tableName: 'Prod-SSN', excluded: true } },
          backups: { retentionDays: 30, windowToleranceSeconds: 7200, maxRestorableLagSeconds: 900 },
          drills: { maxAgeDays: 60, reports: { s3Bucket: 'prod-dr-reports', s3Prefix: 'recovery-tests/' } },
        },
        Staging: { tables: { Orders: { tableName: 'Staging-Orders' } } },
      },
    };
    const prod = disasterRecoveryPropsFromConfig(config, 'Prod');
    expect(prod.tables.map((t) => [t.table, t.excluded])).toEqual([
      ['Prod-Orders', undefined],
      ['Prod-SSN', true],
    ]);
    const seconds = (d?: Duration) => d?.toSeconds();
    const { monitoring } = prod;
    expect({
      ...monitoring,
      windowTolerance: seconds(monitoring?.windowTolerance),
      maxRestorableLag: seconds(monitoring?.maxRestorableLag),
      drillMaxAge: monitoring?.drillMaxAge?.toDays(),
    }).toEqual({
      retentionDays: 30,
      windowTolerance: 7200,
      maxRestorableLag: 900,
      drillMaxAge: 60,
      drillReports: { bucketName: 'prod-dr-reports', prefix: 'recovery-tests/' },
    });
    const staging = disasterRecoveryPropsFromConfig(config, 'Staging').monitoring;
    expect([staging?.retentionDays, seconds(staging?.windowTolerance), seconds(staging?.maxRestorableLag)]).toEqual([
      35, 3600, 600,
    ]);
    expect(staging).not.toHaveProperty('drillReports');
  });
});
