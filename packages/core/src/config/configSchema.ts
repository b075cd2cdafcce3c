import type { FromSchema } from 'json-schema-to-ts';
import { MAX_SEGMENTS } from '../validation/parseSegmentCount.js';
import { backupsJsonSchema, drillsJsonSchema } from './backupPolicyConfig.js';

const tagMap = { type: 'object', additionalProperties: { type: 'string' } } as const;

const tableSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['tableName'],
  properties: {
    tableName: { type: 'string', pattern: '^[a-zA-Z0-9_.-]{3,255}$', description: 'The physical DynamoDB table name.' },
    excluded: {
      type: 'boolean',
      description:
        'Excluded tables are refused by every recovery command (e.g. a table of personal data recovered by its own procedure). Default false.',
    },
    excludedReason: { type: 'string', description: 'Why the table is excluded: shown in the refusal.' },
    sensitive: {
      type: 'boolean',
      description: "Checkpoints and journals never hold this table's key values in plain text. Default false.",
    },
  },
} as const;

const recoveryModeSchema = {
  type: 'object',
  additionalProperties: false,
  description:
    'Which Lambda functions recovery mode holds for the environment, and where it saves what it changed (docs/configuration.md#recoverymode).',
  properties: {
    functionNamePrefix: {
      type: 'string',
      minLength: 1,
      description:
        "Functions whose names start with this are the environment's. Default `${environment}-`, unless functionTags is set (then tags alone select).",
    },
    functionTags: {
      ...tagMap,
      description:
        "Functions carrying all these tags are the environment's (combined with the prefix when both are set).",
    },
    excludeNameContains: {
      type: 'array',
      items: { type: 'string', minLength: 1 },
      description:
        "Functions whose names contain any of these are recovery functions and never held. Default ['DisasterRecovery'].",
    },
    excludeTags: {
      ...tagMap,
      description:
        "Functions carrying any of these tag/value pairs are never held. Default { 'dynamo-dr:role': 'recovery' }.",
    },
    stateParameter: {
      type: 'string',
      maxLength: 1000,
      pattern: '^(/[a-zA-Z0-9_.-]+)+$',
      description:
        'SSM parameter holding the saved state while in recovery mode (its entries are kept under `{stateParameter}/`). Default `/dynamo-dr/${environment}/recovery-mode`.',
    },
  },
} as const;

const deploymentSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['stackName'],
  description:
    "The environment's deployed recovery stack: dynamo-dr deploy creates or updates it, and dynamo-dr restore then runs on its Step Functions by default.",
  properties: {
    stackName: {
      type: 'string',
      pattern: '^[A-Za-z][A-Za-z0-9-]{0,127}$',
      description: 'The CloudFormation stack name (--stack-name).',
    },
    s3Bucket: {
      type: 'string',
      pattern: '^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$',
      description: "The bucket dynamo-dr deploy uploads the worker's code and the template to (--s3-bucket).",
    },
  },
} as const;

const environmentSchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    production: {
      type: 'boolean',
      description: 'Production environments ask for confirmation on a terminal (or --yes). Default false.',
    },
    staging: {
      type: 'boolean',
      description:
        "A staging environment: dynamo-dr drill --scenario in-place may roll its tables back in place (never a production one's). Default false.",
    },
    tables: {
      type: 'object',
      propertyNames: { pattern: '^[A-Za-z0-9]{1,64}$' },
      additionalProperties: tableSchema,
      description:
        'Tables by logical name (used in state machine names, e.g. DRRestoreDynamoDbTable{Name}StateMachine).',
    },
    recoveryMode: recoveryModeSchema,
    backups: backupsJsonSchema,
    drills: drillsJsonSchema,
    deployment: deploymentSchema,
  },
} as const;

const restoreDefaultsSchema = {
  type: 'object',
  additionalProperties: false,
  description: 'Defaults of dynamo-dr restore (each also a flag).',
  properties: {
    mode: {
      enum: ['delta', 'reset'],
      description: '--mode: delta writes only differences; reset deletes everything, then copies. Default delta.',
    },
    keepRestoredTable: {
      type: 'boolean',
      description: '--keep-restored-table: keep the temporary restored table after verification. Default false.',
    },
    segments: {
      type: 'integer',
      minimum: 1,
      maximum: MAX_SEGMENTS,
      description: '--segments: parallel scan segments of the sync (Map iterations on AWS). Default 4.',
    },
    restoreDeadlineMinutes: {
      type: 'integer',
      minimum: 1,
      maximum: 10080,
      description: '--restore-deadline: minutes the forensic backup and the PITR restore may take. Default 360.',
    },
    exportBucket: {
      type: 'string',
      minLength: 1,
      description: '--export-bucket: the S3 bucket a revert (--mode revert) exports the changed items to.',
    },
    exportPrefix: {
      type: 'string',
      minLength: 1,
      description: '--export-prefix: the key prefix of those exports in the bucket. Default none.',
    },
    minExportPeriodSeconds: {
      type: 'integer',
      minimum: 1,
      maximum: 86400,
      description:
        "The shortest incremental export period the account's DynamoDB accepts (no flag): AWS's is 900; only a sandbox started with a shorter one needs this. Default 900.",
    },
  },
} as const;

/**
 * JSON Schema (draft 07, checked with Ajv) of the configuration file `dynamo-dr.config.json`: environments,
 * their tables (with exclusions) and recovery-mode selection. Every setting has a flag for one-off use; with
 * no file, flags alone suffice. The types below are derived from it, so the two cannot drift apart.
 */
export const configJsonSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['environments'],
  properties: {
    $schema: { type: 'string' },
    region: {
      type: 'string',
      pattern: '^[a-z]{2}(-[a-z]+)+-\\d$',
      description: 'AWS region used when neither --region nor AWS_REGION says otherwise.',
    },
    defaults: restoreDefaultsSchema,
    environments: {
      type: 'object',
      minProperties: 1,
      propertyNames: { pattern: '^[A-Za-z0-9_-]{1,64}$' },
      additionalProperties: environmentSchema,
    },
  },
} as const;

/** The configuration file, as {@link configJsonSchema} admits it. */
export type DrConfig = FromSchema<typeof configJsonSchema>;
/** One environment of the configuration file. */
export type EnvironmentConfig = FromSchema<typeof environmentSchema>;
/** One table of an environment. */
export type TableConfig = FromSchema<typeof tableSchema>;
/** Which Lambda functions recovery mode holds for an environment, and where it saves what it changed. */
export type RecoveryModeConfig = FromSchema<typeof recoveryModeSchema>;
/** Where `dynamo-dr deploy` puts an environment's recovery stack, and where `restore` finds it. */
export type DeploymentConfig = FromSchema<typeof deploymentSchema>;
/** Defaults of `dynamo-dr restore` (each also a flag). */
export type RestoreDefaults = FromSchema<typeof restoreDefaultsSchema>;
