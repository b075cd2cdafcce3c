import { Duration } from 'aws-cdk-lib';
import { InputError, backupPolicy, type DrConfig } from '@dynamo-dr/core';
import type { DisasterRecoveryProps } from './disasterRecoveryProps.js';

/**
 * The props of {@link DisasterRecovery} for one environment of the configuration file: its tables (by
 * physical name, imported; the file's logical names; excluded and sensitive as the file says) and the file's
 * restore defaults (mode, segments, restore deadline, keep the restored table; with `exportBucket`, a revert
 * state machine per table, its exports there), and its backup policy for the
 * monitoring (`backups`: retention, window tolerance, lag; `drills`: maximum age, the reports' S3 bucket).
 * `dynamo-dr synth` and a CDK app built from the same file make the same stack.
 *
 * @example
 * const props = disasterRecoveryPropsFromConfig(await loadConfig({ explicitPath: 'dynamo-dr.config.json' }), 'Prod');
 */
export function disasterRecoveryPropsFromConfig(config: DrConfig, environment?: string): DisasterRecoveryProps {
  const names = Object.keys(config.environments);
  const chosen = environment ?? (names.length === 1 ? names[0] : undefined);
  const env = chosen === undefined ? undefined : config.environments[chosen];
  if (chosen === undefined || !env) {
    throw new InputError(
      'environment',
      environment,
      environment === undefined
        ? `is required: the configuration has ${names.length} environments`
        : 'is not an environment of the configuration',
      `Name one of ${names.join(', ')}.`,
    );
  }
  const defaults = config.defaults ?? {};
  const policy = backupPolicy(config, chosen);
  const { s3Bucket, s3Prefix } = policy.drillReports;
  return {
    environmentName: chosen,
    monitoring: {
      retentionDays: policy.retentionDays,
      windowTolerance: Duration.seconds(policy.windowToleranceSeconds),
      maxRestorableLag: Duration.seconds(policy.maxRestorableLagSeconds),
      drillMaxAge: Duration.days(policy.drillMaxAgeDays),
      ...(s3Bucket ? { drillReports: { bucketName: s3Bucket, prefix: s3Prefix } } : {}),
    },
    restoreDeadline:
      defaults.restoreDeadlineMinutes === undefined ? undefined : Duration.minutes(defaults.restoreDeadlineMinutes),
    tables: Object.entries(env.tables ?? {}).map(([logicalName, table]) => ({
      table: table.tableName,
      logicalName,
      excluded: table.excluded,
      sensitive: table.sensitive,
      mode: defaults.mode,
      segments: defaults.segments,
      keepRestoredTable: defaults.keepRestoredTable,
      ...(defaults.exportBucket !== undefined && {
        revert: {
          exportBucket: defaults.exportBucket,
          exportPrefix: defaults.exportPrefix,
          minExportPeriod:
            defaults.minExportPeriodSeconds === undefined
              ? undefined
              : Duration.seconds(defaults.minExportPeriodSeconds),
        },
      }),
    })),
  };
}
