import type { NameRule } from './assertName.js';

/**
 * DynamoDB table names: 3 to 255 of `[a-zA-Z0-9_.-]`
 * (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/HowItWorks.NamingRulesDataTypes.html).
 * Backup names follow the same rule
 * (https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_CreateBackup.html).
 *
 * @example
 * assertName(tableNameRule, 'tableName', 'Prod-Orders'); // passes; 'ab' throws InputError
 */
export const tableNameRule: NameRule = {
  noun: 'table name',
  pattern: /^[a-zA-Z0-9_.-]+$/,
  minLength: 3,
  maxLength: 255,
  syntax: "Use 3 to 255 letters, digits, '_', '.' or '-', as DynamoDB requires",
  example: 'Prod-Orders',
};

/**
 * Incident ids (the recovery workflow's input contract): letters, digits and inner hyphens, 1 to 64 characters. They name the
 * forensic backup and the temporary table, and the run in the journal (a file name locally).
 *
 * @example
 * assertName(incidentIdRule, 'incidentId', 'incident-2025-001');
 */
export const incidentIdRule: NameRule = {
  noun: 'incident id',
  pattern: /^[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?$/,
  minLength: 1,
  maxLength: 64,
  syntax: 'Use 1 to 64 letters, digits and hyphens, starting and ending with a letter or digit',
  example: 'incident-2025-001',
};

/**
 * The key of a run in the journal: an incident id, or one with the prefix of the command that made it
 * (`export-`, `restore-as-`, `restore-items-`), as `dynamo-dr runs list` shows them.
 *
 * @example
 * assertName(runIdRule, 'runId', 'export-20260215T093000Z-k3f9');
 */
export const runIdRule: NameRule = {
  noun: 'run id',
  pattern: incidentIdRule.pattern,
  minLength: 1,
  maxLength: 128,
  syntax:
    'Use the id dynamo-dr runs list shows: letters, digits and hyphens, starting and ending with a letter or digit',
  example: 'incident-2025-001 or export-20260215T093000Z-k3f9',
};

/**
 * On-demand backup ARNs: `arn:PARTITION:dynamodb:REGION:ACCOUNT:table/TABLE/backup/ID`, 37 to 1024 characters
 * (https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_DescribeBackup.html,
 * https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazondynamodb.html).
 *
 * @example
 * assertName(backupArnRule, 'backupArn', 'arn:aws:dynamodb:us-east-1:123456789012:table/Orders/backup/01576616366715-b4e58d3a');
 */
export const backupArnRule: NameRule = {
  noun: 'backup ARN',
  pattern: /^arn:aws[a-z-]*:dynamodb:[a-z0-9-]+:\d{12}:table\/[a-zA-Z0-9_.-]{3,255}\/backup\/[a-zA-Z0-9-]+$/,
  minLength: 37,
  maxLength: 1024,
  syntax: 'Use the BackupArn that aws dynamodb list-backups prints',
  example: 'arn:aws:dynamodb:us-east-1:123456789012:table/Orders/backup/01576616366715-b4e58d3a',
};

/** The part of a backup ARN that names its table. */
export function backupArnTable(arn: string): string {
  return arn.split('/')[1]!;
}

/**
 * SSM parameter names that restore-as may switch: `a-zA-Z0-9_.-`, levels separated by `/` with a leading
 * `/`, not starting with `aws` or `ssm`, at most 15 levels and 1011 characters
 * (https://docs.aws.amazon.com/systems-manager/latest/APIReference/API_PutParameter.html). The value before
 * a switch is kept one level down (`NAME/previous`, or `NAME.previous`), so one level and 9 characters stay free.
 *
 * @example
 * assertName(parameterNameRule, 'parameter', '/app/prod/table_name');
 */
export const parameterNameRule: NameRule = {
  noun: 'SSM parameter name',
  pattern: /^(?!\/?(?:aws|ssm))(?:[a-zA-Z0-9_.-]+|(?:\/[a-zA-Z0-9_.-]+){1,14})$/i,
  minLength: 1,
  maxLength: 1002,
  syntax:
    "Use letters, digits, '_', '.' and '-', in levels separated by '/' with a leading '/': at most 14 levels and 1002 characters, not starting with aws or ssm",
  example: '/app/prod/table_name',
};

/**
 * Region names as the AWS SDK accepts them: one DNS label, as the region becomes part of the endpoint's
 * host name (`dynamodb.REGION.amazonaws.com`).
 *
 * @example
 * assertName(regionRule, 'region', 'eu-west-1');
 */
export const regionRule: NameRule = {
  noun: 'region name',
  pattern: /^[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?$/,
  minLength: 1,
  maxLength: 63,
  syntax: 'Use a region code: letters, digits and inner hyphens',
  example: 'eu-west-1',
};

/**
 * Environment names of the configuration file and of recovery mode (they also name SSM parameters).
 *
 * @example
 * assertName(environmentNameRule, 'environment', 'Prod');
 */
export const environmentNameRule: NameRule = {
  noun: 'environment name',
  pattern: /^[A-Za-z0-9_-]+$/,
  minLength: 1,
  maxLength: 64,
  syntax: "Use 1 to 64 letters, digits, '-' or '_', as in the configuration file",
  example: 'Prod',
};

/** Run ids and segment keys of a file checkpoint store: each names a directory or file under its root. */
export const checkpointNameRule: NameRule = {
  noun: 'checkpoint name',
  pattern: /^(?!\.\.?$)[A-Za-z0-9._-]+$/,
  minLength: 1,
  maxLength: 128,
  syntax: "Use 1 to 128 letters, digits, '.', '_' or '-' (not '.' or '..')",
  example: 'incident-42',
};
