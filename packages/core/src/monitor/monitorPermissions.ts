import { METRIC_NAMESPACE } from './metricNames.js';
import type { MonitorSettings } from './monitorSettings.js';

/** One statement of an identity-based IAM policy. */
export interface PolicyStatement {
  readonly Effect: 'Allow';
  readonly Action: readonly string[];
  readonly Resource: readonly string[];
  readonly Condition?: Readonly<Record<string, Readonly<Record<string, string>>>>;
}

/**
 * Exactly what the monitor Lambda may do, as IAM policy statements: read each table's description and PITR
 * status, publish in its namespace only (`cloudwatch:namespace`), and list and read the drill reports under
 * their prefix. Action names: https://docs.aws.amazon.com/service-authorization/latest/reference/reference_policies_actions-resources-contextkeys.html
 * (DynamoDB, CloudWatch, S3). The CDK construct attaches these to the monitor's role.
 *
 * @example
 * monitorPolicyStatements(monitorSettings(policy), { region: 'us-east-1', account: '123456789012' });
 */
export function monitorPolicyStatements(
  settings: MonitorSettings,
  where: { readonly region: string; readonly account: string; readonly partition?: string },
): PolicyStatement[] {
  const partition = where.partition ?? 'aws';
  const statements: PolicyStatement[] = [
    {
      Effect: 'Allow',
      Action: ['dynamodb:DescribeTable', 'dynamodb:DescribeContinuousBackups'],
      Resource: settings.tables.map(
        (t) => `arn:${partition}:dynamodb:${where.region}:${where.account}:table/${t.tableName}`,
      ),
    },
    {
      Effect: 'Allow',
      Action: ['cloudwatch:PutMetricData'],
      // PutMetricData has no resource type: the namespace condition is what scopes it.
      Resource: ['*'],
      Condition: { StringEquals: { 'cloudwatch:namespace': METRIC_NAMESPACE } },
    },
  ];
  if (settings.drillReports) {
    const { s3Bucket, s3Prefix } = settings.drillReports;
    statements.push(
      {
        Effect: 'Allow',
        Action: ['s3:ListBucket'],
        Resource: [`arn:${partition}:s3:::${s3Bucket}`],
        Condition: { StringLike: { 's3:prefix': `${s3Prefix}*` } },
      },
      { Effect: 'Allow', Action: ['s3:GetObject'], Resource: [`arn:${partition}:s3:::${s3Bucket}/${s3Prefix}*`] },
    );
  }
  return statements;
}
