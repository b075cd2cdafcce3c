/**
 * What an environment's backups must be, for `dynamo-dr check`, `pitr enable`, the monitor and its alarms.
 * Every field is optional; see docs/configuration.md#backups.
 */
export interface BackupsConfig {
  /**
   * Tables whose names start with this are the environment's: `check` reports those the configuration does not
   * list as "uncovered".
   * @default `${environment}-`, unless `tableTags` is set (then tags alone select)
   */
  readonly tableNamePrefix?: string;
  /** Tables carrying all these tags are the environment's (combined with the prefix when both are set). */
  readonly tableTags?: Readonly<Record<string, string>>;
  /** The PITR retention every table must have (`RecoveryPeriodInDays`, 1–35). @default 35 */
  readonly retentionDays?: number;
  /**
   * How far the earliest restorable time may lag behind where the retention puts it (the table's creation, or
   * now less the retention) before the window counts as short. @default 3600
   */
  readonly windowToleranceSeconds?: number;
  /** How far the latest restorable time may trail now (AWS: typically about 5 minutes). @default 600 */
  readonly maxRestorableLagSeconds?: number;
}

/** Recovery drills: their targets and where their reports are kept. See docs/configuration.md#drills. */
export interface DrillsConfig {
  /** A table's last successful drill may be this old at most. @default 90 */
  readonly maxAgeDays?: number;
  /** The recovery time a drill must meet. @default 30 */
  readonly rtoTargetMinutes?: number;
  /** How far the latest restorable time may trail the drill's start. @default 5 */
  readonly rpoTargetMinutes?: number;
  /** Where drill reports are: a local directory, an S3 bucket (and prefix), or both. */
  readonly reports?: DrillReportLocations;
}

/** Where drill reports are read from (and written to by `dynamo-dr drill`). */
export interface DrillReportLocations {
  /** A directory of `YYYY-MM-DD-<environment>-<table>.json` reports. @default 'docs/ops/recovery-tests' */
  readonly directory?: string;
  /** An S3 bucket holding the same reports under `s3Prefix`. */
  readonly s3Bucket?: string;
  /** The key prefix of the reports in `s3Bucket`. @default '' */
  readonly s3Prefix?: string;
}

const tagMap = { type: 'object', additionalProperties: { type: 'string' } } as const;

/** JSON Schema of {@link BackupsConfig} (checked with the configuration file). */
export const backupsJsonSchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    tableNamePrefix: { type: 'string', minLength: 1, maxLength: 255, pattern: '^[a-zA-Z0-9_.-]+$' },
    tableTags: tagMap,
    retentionDays: { type: 'integer', minimum: 1, maximum: 35 },
    windowToleranceSeconds: { type: 'integer', minimum: 0, maximum: 3024000 },
    maxRestorableLagSeconds: { type: 'integer', minimum: 1, maximum: 86400 },
  },
} as const;

/** JSON Schema of {@link DrillsConfig}. S3 names follow S3's bucket rules and its 1024-byte key limit. */
export const drillsJsonSchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    maxAgeDays: { type: 'integer', minimum: 1, maximum: 3660 },
    rtoTargetMinutes: { type: 'integer', minimum: 1, maximum: 10080 },
    rpoTargetMinutes: { type: 'integer', minimum: 1, maximum: 10080 },
    reports: {
      type: 'object',
      additionalProperties: false,
      properties: {
        directory: { type: 'string', minLength: 1, maxLength: 4096 },
        s3Bucket: { type: 'string', pattern: '^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$' },
        s3Prefix: { type: 'string', maxLength: 900 },
      },
    },
  },
} as const;
