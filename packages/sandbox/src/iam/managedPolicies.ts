/**
 * The AWS managed policies the sandbox knows, with the statements of their current default version as the
 * AWS Managed Policy Reference publishes them
 * (https://docs.aws.amazon.com/aws-managed-policy/latest/reference/). Attaching any other AWS managed policy
 * is refused with NoSuchEntity, naming these, rather than granting an unknown set of permissions.
 */
export interface AwsManagedPolicy {
  readonly arn: string;
  readonly name: string;
  readonly path: string;
  readonly versionId: string;
  readonly description: string;
  readonly document: string;
}

const allowAll = (actions: readonly string[]) =>
  JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: actions, Resource: '*' }] });

const LOGS = ['logs:CreateLogGroup', 'logs:CreateLogStream', 'logs:PutLogEvents'];
const XRAY = [
  'xray:PutTraceSegments',
  'xray:PutTelemetryRecords',
  'xray:GetSamplingRules',
  'xray:GetSamplingTargets',
  'xray:GetSamplingStatisticSummaries',
];

export const AWS_MANAGED_POLICIES: readonly AwsManagedPolicy[] = [
  {
    name: 'AWSLambdaBasicExecutionRole',
    path: '/service-role/',
    versionId: 'v1',
    description: 'Provides write permissions to CloudWatch Logs.',
    document: allowAll(LOGS),
  },
  {
    name: 'AWSLambdaVPCAccessExecutionRole',
    path: '/service-role/',
    versionId: 'v3',
    description:
      'Provides minimum permissions for a Lambda function to execute while accessing a resource within a VPC - create, describe, delete network interfaces and write permissions to CloudWatch Logs.',
    document: allowAll([
      ...LOGS,
      'ec2:CreateNetworkInterface',
      'ec2:DescribeNetworkInterfaces',
      'ec2:DescribeSubnets',
      'ec2:DeleteNetworkInterface',
      'ec2:AssignPrivateIpAddresses',
      'ec2:UnassignPrivateIpAddresses',
    ]),
  },
  {
    name: 'AWSLambdaRole',
    path: '/service-role/',
    versionId: 'v1',
    description: 'Default policy for AWS Lambda service role.',
    document: allowAll(['lambda:InvokeFunction']),
  },
  {
    name: 'AWSXrayWriteOnlyAccess',
    path: '/',
    versionId: 'v2',
    description: 'AWS X-Ray write only managed policy',
    document: allowAll(XRAY),
  },
  {
    name: 'AWSXRayDaemonWriteAccess',
    path: '/',
    versionId: 'v2',
    description:
      "Allow the AWS X-Ray Daemon to relay raw trace segments data to the service's API and retrieve sampling data (rules, targets, etc.) to be used by the X-Ray SDK.",
    document: allowAll(XRAY),
  },
  {
    name: 'AdministratorAccess',
    path: '/',
    versionId: 'v1',
    description: 'Provides full access to AWS services and resources.',
    document: allowAll(['*']),
  },
].map((p) => ({ ...p, arn: `arn:aws:iam::aws:policy${p.path}${p.name}` }));

export function awsManagedPolicy(arn: string): AwsManagedPolicy | undefined {
  return AWS_MANAGED_POLICIES.find((p) => p.arn === arn);
}
