import type { FromSchema } from 'json-schema-to-ts';

const tagMap = { type: 'object', additionalProperties: { type: 'string' } } as const;

/**
 * JSON Schema of what an environment's backups must be, for `dynamo-dr check`, `pitr enable`, the monitor and its
 * alarms (checked with the configuration file). Every field is optional; see docs/configuration.md#backups.
 */
export const backupsJsonSchema = {
  type: 'object',
  additionalProperties: false,
  description: "What the environment's backups must be (check, pitr enable, the monitor).",
  properties: {
    tableNamePrefix: {
      type: 'string',
      minLength: 1,
      maxLength: 255,
      pattern: '^[a-zA-Z0-9_.-]+$',
      description:
        "Tables whose names start with this are the environment's: check reports those the configuration does not list as uncovered. Default `${environment}-`, unless tableTags is set (then tags alone select).",
    },
    tableTags: {
      ...tagMap,
      description: "Tables carrying all these tags are the environment's (combined with the prefix when both are set).",
    },
    retentionDays: {
      type: 'integer',
      minimum: 1,
      maximum: 35,
      description: 'The PITR retention every table must have (RecoveryPeriodInDays, 1-35). Default 35.',
    },
    windowToleranceSeconds: {
      type: 'integer',
      minimum: 0,
      maximum: 3024000,
      description:
        "How far the earliest restorable time may lag behind where the retention puts it (the table's creation, or now less the retention) before the window counts as short. Default 3600.",
    },
    maxRestorableLagSeconds: {
      type: 'integer',
      minimum: 1,
      maximum: 86400,
      description: 'How far the latest restorable time may trail now (AWS: typically about 5 minutes). Default 600.',
    },
  },
} as const;

const drillReportLocationsSchema = {
  type: 'object',
  additionalProperties: false,
  description: 'Where drill reports are: a local directory, an S3 bucket (and prefix), or both.',
  properties: {
    directory: {
      type: 'string',
      minLength: 1,
      maxLength: 4096,
      description: "A directory of YYYY-MM-DD-<environment>-<table>.json reports. Default 'docs/ops/recovery-tests'.",
    },
    s3Bucket: {
      type: 'string',
      pattern: '^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$',
      description: 'An S3 bucket holding the same reports under s3Prefix.',
    },
    s3Prefix: { type: 'string', maxLength: 900, description: "The key prefix of the reports in s3Bucket. Default ''." },
  },
} as const;

/**
 * JSON Schema of recovery drills: their targets and where their reports are kept (docs/configuration.md#drills).
 * S3 names follow S3's bucket rules and its 1024-byte key limit.
 */
export const drillsJsonSchema = {
  type: 'object',
  additionalProperties: false,
  description: 'Drill targets and where drill reports are kept.',
  properties: {
    maxAgeDays: {
      type: 'integer',
      minimum: 1,
      maximum: 3660,
      description: "A table's last successful drill may be this old at most. Default 90.",
    },
    rtoTargetMinutes: {
      type: 'integer',
      minimum: 1,
      maximum: 10080,
      description: 'The recovery time a drill must meet. Default 30.',
    },
    rpoTargetMinutes: {
      type: 'integer',
      minimum: 1,
      maximum: 10080,
      description: "How far the latest restorable time may trail the drill's start. Default 5.",
    },
    scenario: {
      enum: ['restore-as', 'in-place', 'items', 'export'],
      description:
        "The scenario of the environment's drills when --scenario is not given (scripts/test-recovery.sh, the quarterly drill); in-place needs a staging environment. Default 'restore-as'.",
    },
    reports: drillReportLocationsSchema,
  },
} as const;

/** What an environment's backups must be, as {@link backupsJsonSchema} admits it. */
export type BackupsConfig = FromSchema<typeof backupsJsonSchema>;
/** Recovery drills' targets and report locations, as {@link drillsJsonSchema} admits them. */
export type DrillsConfig = FromSchema<typeof drillsJsonSchema>;
/** Where drill reports are read from (and written to by `dynamo-dr drill`). */
export type DrillReportLocations = FromSchema<typeof drillReportLocationsSchema>;
