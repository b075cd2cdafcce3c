import { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import { S3Client } from '@aws-sdk/client-s3';
import { createAwsClient } from '../aws/createAwsClient.js';
import { createDynamoDbClient } from '../aws/createDynamoDbClient.js';
import { MONITOR_SETTINGS_VARIABLE, parseMonitorSettings } from './monitorSettings.js';
import { runMonitor, type MonitorClients, type MonitorRun } from './runMonitor.js';

let clients: MonitorClients | undefined;

/**
 * The monitor Lambda's entry point, run on a schedule (every 5 minutes): measures each table of
 * `DYNAMO_DR_MONITOR_SETTINGS` and publishes its metrics in `DynamoDR`. Clients come from the Lambda environment
 * (region, role) and are created once per container.
 *
 * @example
 * // Lambda handler "monitor.handler" in a bundle of this module:
 * export { monitorLambdaHandler as handler } from '@dynamo-dr/core/monitor';
 */
export async function monitorLambdaHandler(): Promise<MonitorRun> {
  const settings = parseMonitorSettings(process.env[MONITOR_SETTINGS_VARIABLE]);
  clients ??= {
    dynamodb: createDynamoDbClient(),
    cloudwatch: createAwsClient(CloudWatchClient),
    s3: createAwsClient(S3Client),
  };
  const run = await runMonitor(clients, settings);
  for (const problem of run.unreadableDrillReports) console.warn(`skipped drill report ${problem}`);
  return run;
}
