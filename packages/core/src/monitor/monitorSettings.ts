import { Ajv } from 'ajv';
import { DrError } from '../errors.js';
import type { BackupPolicy, PolicyTable } from '../backupPolicy/backupPolicy.js';

/**
 * The environment variable that gives the monitor Lambda its {@link MonitorSettings}, as JSON.
 * @example
 * environment: { [MONITOR_SETTINGS_VARIABLE]: JSON.stringify(settings) }
 */
export const MONITOR_SETTINGS_VARIABLE = 'DYNAMO_DR_MONITOR_SETTINGS';

/**
 * What the monitor Lambda measures: the part of an environment's {@link BackupPolicy} it needs. Lambda keeps
 * all of a function's environment variables within 4 KB, which holds about 40 tables.
 */
export interface MonitorSettings {
  readonly environment: string;
  readonly tables: readonly PolicyTable[];
  /** The retention each table must have: the window deficit is measured against it. */
  readonly retentionDays: number;
  /** Where the drill state machine writes its reports (LastDrillAgeDays comes from them); none: not published. */
  readonly drillReports?: { readonly s3Bucket: string; readonly s3Prefix: string };
}

/**
 * The monitor's settings for an environment, and the function environment that carries them: what the CDK
 * construct gives the monitor Lambda.
 *
 * @example
 * new lambda.Function(this, 'Monitor', { environment: monitorEnvironment(backupPolicy(config, 'Prod')), ... });
 */
export function monitorEnvironment(policy: BackupPolicy): Record<string, string> {
  return { [MONITOR_SETTINGS_VARIABLE]: JSON.stringify(monitorSettings(policy)) };
}

/** The {@link MonitorSettings} of a policy. */
export function monitorSettings(policy: BackupPolicy): MonitorSettings {
  const { s3Bucket, s3Prefix } = policy.drillReports;
  return {
    environment: policy.environment,
    tables: policy.tables.map(({ tableName, logicalName }) => ({ tableName, logicalName })),
    retentionDays: policy.retentionDays,
    ...(s3Bucket ? { drillReports: { s3Bucket, s3Prefix: s3Prefix ?? '' } } : {}),
  };
}

const monitorSettingsJsonSchema = {
  type: 'object',
  required: ['environment', 'tables', 'retentionDays'],
  additionalProperties: false,
  properties: {
    environment: { type: 'string', pattern: '^[A-Za-z0-9_-]{1,64}$' },
    tables: {
      type: 'array',
      items: {
        type: 'object',
        required: ['tableName', 'logicalName'],
        additionalProperties: false,
        properties: {
          tableName: { type: 'string', pattern: '^[a-zA-Z0-9_.-]{3,255}$' },
          logicalName: { type: 'string', pattern: '^[A-Za-z0-9]{1,64}$' },
        },
      },
    },
    retentionDays: { type: 'integer', minimum: 1, maximum: 35 },
    drillReports: {
      type: 'object',
      required: ['s3Bucket', 's3Prefix'],
      additionalProperties: false,
      properties: { s3Bucket: { type: 'string', minLength: 3 }, s3Prefix: { type: 'string' } },
    },
  },
} as const;

const validate = new Ajv().compile<MonitorSettings>(monitorSettingsJsonSchema);

/**
 * Reads the settings from the monitor's environment; a missing or malformed value is a DrError naming the
 * variable (the function is misconfigured, so every invocation fails and its alarms fire).
 */
export function parseMonitorSettings(text: string | undefined): MonitorSettings {
  const fix = 'Deploy the monitor with the environment monitorEnvironment(policy) gives (see docs/monitoring.md).';
  if (!text) throw new DrError(`${MONITOR_SETTINGS_VARIABLE} is not set.`, { hint: fix });
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch (error) {
    throw new DrError(`${MONITOR_SETTINGS_VARIABLE} is not JSON: ${(error as Error).message}.`, { hint: fix });
  }
  if (validate(document)) return document;
  const first = validate.errors?.[0];
  throw new DrError(
    `${MONITOR_SETTINGS_VARIABLE} at ${first?.instancePath || '/'} ${first?.message ?? 'is invalid'}.`,
    { hint: fix },
  );
}
