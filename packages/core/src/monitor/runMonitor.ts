import type { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { S3Client } from '@aws-sdk/client-s3';
import { s3DrillReports } from '../drillReports/drillReportSources.js';
import { latestSuccessfulDrill, readDrillReports, type LocatedDrillReport } from '../drillReports/latestDrills.js';
import { DrError } from '../errors.js';
import { backupMeasures, type BackupMeasures } from '../backupPolicy/backupMeasures.js';
import { describeBackupState } from '../backupPolicy/backupStateCalls.js';
import { backupMetricData } from './backupMetricData.js';
import { putBackupMetrics } from './cloudWatchCalls.js';
import type { MonitorSettings } from './monitorSettings.js';

const DAY_MS = 86_400_000;

/** The clients the monitor uses. */
export interface MonitorClients {
  readonly dynamodb: DynamoDBClient;
  readonly cloudwatch: CloudWatchClient;
  readonly s3: S3Client;
}

/** What one run of the monitor measured and published (the Lambda function returns it). */
export interface MonitorRun {
  readonly environment: string;
  readonly measuredAt: string;
  readonly tables: readonly (BackupMeasures & {
    readonly tableName: string;
    readonly lastDrillAgeDays?: number;
  })[];
  readonly datapoints: number;
  /** Drill reports that could not be read (they are skipped). */
  readonly unreadableDrillReports: readonly string[];
}

/**
 * Measures every table of the settings and publishes its metrics in `DynamoDR`. A table whose state cannot be
 * read (no permission, throttling) is left out of this run's datapoints, the others are published, and then
 * the run fails naming it: its PitrEnabled goes missing, which its alarm treats as breaching.
 *
 * @example
 * const run = await runMonitor({ dynamodb, cloudwatch, s3 }, parseMonitorSettings(process.env.DYNAMO_DR_MONITOR_SETTINGS));
 */
export async function runMonitor(
  clients: MonitorClients,
  settings: MonitorSettings,
  now = new Date(),
): Promise<MonitorRun> {
  const drills = settings.drillReports
    ? await readDrillReports([
        s3DrillReports(clients.s3, settings.drillReports.s3Bucket, settings.drillReports.s3Prefix),
      ])
    : undefined;
  const failed: string[] = [];
  const measured = await Promise.all(
    settings.tables.map(async ({ tableName }) => {
      try {
        const measures = backupMeasures(
          await describeBackupState(clients.dynamodb, tableName),
          settings.retentionDays,
          now,
        );
        const drill = drills && latestSuccessfulDrill(drills.reports, settings.environment, tableName);
        return { tableName, ...measures, ...(drill ? { lastDrillAgeDays: drillAgeDays(drill, now) } : {}) };
      } catch (error) {
        failed.push(`${tableName} (${(error as Error).message})`);
        return undefined;
      }
    }),
  );
  const tables = measured.filter((t) => t !== undefined);
  const data = tables.flatMap((t) => backupMetricData(settings.environment, t.tableName, t, t.lastDrillAgeDays, now));
  await putBackupMetrics(clients.cloudwatch, data);
  if (failed.length > 0) {
    throw new DrError(`The monitor could not measure ${failed.length} table(s): ${failed.join('; ')}.`, {
      hint: "Check the monitor role's dynamodb:DescribeTable and dynamodb:DescribeContinuousBackups permissions on them.",
    });
  }
  return {
    environment: settings.environment,
    measuredAt: now.toISOString(),
    tables,
    datapoints: data.length,
    unreadableDrillReports: (drills?.unreadable ?? []).map((u) => `${u.location}: ${u.problem}`),
  };
}

/** Days (two decimals) since the drill finished. */
function drillAgeDays(drill: LocatedDrillReport, now: Date): number {
  return Math.round(((now.getTime() - Date.parse(drill.report.finishedAt)) / DAY_MS) * 100) / 100;
}
