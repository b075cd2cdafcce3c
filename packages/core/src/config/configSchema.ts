import { backupsJsonSchema, drillsJsonSchema, type BackupsConfig, type DrillsConfig } from './backupPolicyConfig.js';

/**
 * The configuration file `dynamo-dr.config.json`: environments, their tables
 * (with exclusions) and recovery-mode selection. Every setting has a flag for
 * one-off use; with no file, flags alone suffice.
 */
export interface DrConfig {
  /** AWS region used when neither `--region` nor `AWS_REGION` says otherwise. */
  readonly region?: string;
  readonly environments: Readonly<Record<string, EnvironmentConfig>>;
  readonly defaults?: RestoreDefaults;
}

export interface EnvironmentConfig {
  /** Production environments ask for confirmation on a terminal (or `--yes`). @default false */
  readonly production?: boolean;
  /** Tables by logical name (used in state machine names, e.g. `DRRestoreDynamoDbTable{Name}StateMachine`). */
  readonly tables?: Readonly<Record<string, TableConfig>>;
  readonly recoveryMode?: RecoveryModeConfig;
  /** What the environment's backups must be (`check`, `pitr enable`, the monitor). */
  readonly backups?: BackupsConfig;
  /** Drill targets and where drill reports are kept. */
  readonly drills?: DrillsConfig;
  /** The environment's deployed recovery stack: `restore` then runs on Step Functions by default. */
  readonly deployment?: DeploymentConfig;
}

/** Where `dynamo-dr deploy` puts the environment's recovery stack, and where `restore` finds it. */
export interface DeploymentConfig {
  /** The CloudFormation stack name (`--stack-name`). */
  readonly stackName: string;
  /** The bucket `deploy` uploads the worker's code and the template to (`--s3-bucket`). */
  readonly s3Bucket?: string;
}

export interface TableConfig {
  /** The physical DynamoDB table name. */
  readonly tableName: string;
  /** Excluded tables are refused by every recovery command (seed 002 excludes its SSN table). @default false */
  readonly excluded?: boolean;
  /** Why the table is excluded: shown in the refusal. */
  readonly excludedReason?: string;
  /** Checkpoints and journals never hold this table's key values in plain text. @default false */
  readonly sensitive?: boolean;
}

/**
 * Which Lambda functions recovery mode holds for an environment, and where it
 * saves what it changed. See docs/configuration.md#recoverymode.
 */
export interface RecoveryModeConfig {
  /**
   * Functions whose names start with this are the environment's.
   * @default `${environment}-`, unless `functionTags` is set (then tags alone select)
   */
  readonly functionNamePrefix?: string;
  /** Functions carrying all these tags are the environment's (combined with the prefix when both are set). */
  readonly functionTags?: Readonly<Record<string, string>>;
  /** Functions whose names contain any of these are recovery functions and never held. @default ['DisasterRecovery'] */
  readonly excludeNameContains?: readonly string[];
  /** Functions carrying any of these tag/value pairs are never held. @default { 'dynamo-dr:role': 'recovery' } */
  readonly excludeTags?: Readonly<Record<string, string>>;
  /**
   * SSM parameter holding the saved state while in recovery mode (its entries
   * are kept in parameters under `{stateParameter}/`).
   * @default `/dynamo-dr/${environment}/recovery-mode`
   */
  readonly stateParameter?: string;
}

/** Defaults of `dynamo-dr restore` (each also a flag). */
export interface RestoreDefaults {
  /** `--mode`: `delta` writes only differences; `reset` deletes everything, then copies. @default 'delta' */
  readonly mode?: 'delta' | 'reset';
  /** `--keep-restored-table`: keep the temporary restored table after verification. @default false */
  readonly keepRestoredTable?: boolean;
  /** `--segments`: parallel scan segments of the sync (Map iterations on AWS). @default 4 */
  readonly segments?: number;
  /** `--restore-deadline`: minutes the forensic backup and the PITR restore may take. @default 360 */
  readonly restoreDeadlineMinutes?: number;
}

const tagMap = { type: 'object', additionalProperties: { type: 'string' } } as const;

/** JSON Schema (draft 2020-12 subset, checked with Ajv) for {@link DrConfig}. */
export const configJsonSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['environments'],
  properties: {
    $schema: { type: 'string' },
    region: { type: 'string', pattern: '^[a-z]{2}(-[a-z]+)+-\\d$' },
    defaults: {
      type: 'object',
      additionalProperties: false,
      properties: {
        mode: { enum: ['delta', 'reset'] },
        keepRestoredTable: { type: 'boolean' },
        segments: { type: 'integer', minimum: 1, maximum: 1000 },
        restoreDeadlineMinutes: { type: 'integer', minimum: 1, maximum: 10080 },
      },
    },
    environments: {
      type: 'object',
      minProperties: 1,
      propertyNames: { pattern: '^[A-Za-z0-9_-]{1,64}$' },
      additionalProperties: {
        type: 'object',
        additionalProperties: false,
        properties: {
          production: { type: 'boolean' },
          tables: {
            type: 'object',
            propertyNames: { pattern: '^[A-Za-z0-9]{1,64}$' },
            additionalProperties: {
              type: 'object',
              additionalProperties: false,
              required: ['tableName'],
              properties: {
                tableName: { type: 'string', pattern: '^[a-zA-Z0-9_.-]{3,255}$' },
                excluded: { type: 'boolean' },
                excludedReason: { type: 'string' },
                sensitive: { type: 'boolean' },
              },
            },
          },
          recoveryMode: {
            type: 'object',
            additionalProperties: false,
            properties: {
              functionNamePrefix: { type: 'string', minLength: 1 },
              functionTags: tagMap,
              excludeNameContains: { type: 'array', items: { type: 'string', minLength: 1 } },
              excludeTags: tagMap,
              stateParameter: { type: 'string', maxLength: 1000, pattern: '^(/[a-zA-Z0-9_.-]+)+$' },
            },
          },
          backups: backupsJsonSchema,
          drills: drillsJsonSchema,
          deployment: {
            type: 'object',
            additionalProperties: false,
            required: ['stackName'],
            properties: {
              // CloudFormation's stack names; S3's bucket names (https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucketnamingrules.html).
              stackName: { type: 'string', pattern: '^[A-Za-z][A-Za-z0-9-]{0,127}$' },
              s3Bucket: { type: 'string', pattern: '^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$' },
            },
          },
        },
      },
    },
  },
} as const;
