/** A stack like the one dynamo-dr deploys: a table, a role, a function and a state machine calling it. */
export function workflowTemplate(options: { pitr: boolean; comment: string }): Record<string, unknown> {
  return {
    AWSTemplateFormatVersion: '2010-09-09',
    Description: 'dynamo-dr sandbox test stack',
    Parameters: { Environment: { Type: 'String', Default: 'test', AllowedValues: ['test', 'prod'] } },
    Conditions: { IsProd: { 'Fn::Equals': [{ Ref: 'Environment' }, 'prod'] } },
    Resources: {
      Journal: {
        Type: 'AWS::DynamoDB::Table',
        Properties: {
          TableName: { 'Fn::Sub': '${AWS::StackName}-journal-${Environment}' },
          BillingMode: 'PAY_PER_REQUEST',
          AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
          KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
          PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: options.pitr },
        },
      },
      WorkerRole: {
        Type: 'AWS::IAM::Role',
        Properties: {
          AssumeRolePolicyDocument: {
            Version: '2012-10-17',
            Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }],
          },
        },
      },
      WorkflowPolicy: {
        Type: 'AWS::IAM::Policy',
        Properties: {
          PolicyName: 'invoke-worker',
          Roles: [{ Ref: 'WorkerRole' }],
          PolicyDocument: {
            Version: '2012-10-17',
            Statement: [
              { Effect: 'Allow', Action: 'lambda:InvokeFunction', Resource: { 'Fn::GetAtt': ['Worker', 'Arn'] } },
            ],
          },
        },
      },
      Worker: {
        Type: 'AWS::Lambda::Function',
        Properties: {
          Runtime: 'nodejs22.x',
          Handler: 'index.handler',
          Role: { 'Fn::GetAtt': ['WorkerRole', 'Arn'] },
          Code: { ZipFile: `exports.handler = async (event) => ({ ...event, worked: '${options.comment}' });` },
          Environment: { Variables: { JOURNAL: { Ref: 'Journal' } } },
        },
      },
      Logs: { Type: 'AWS::Logs::LogGroup', Properties: { RetentionInDays: 7 } },
      Alarms: { Type: 'AWS::SNS::Topic', Properties: { DisplayName: 'dynamo-dr alarms' } },
      ThrottleAlarm: {
        Type: 'AWS::CloudWatch::Alarm',
        Properties: {
          Namespace: 'AWS/DynamoDB',
          MetricName: 'ThrottledRequests',
          Dimensions: [{ Name: 'TableName', Value: { Ref: 'Journal' } }],
          Statistic: 'Sum',
          Period: 60,
          EvaluationPeriods: 1,
          Threshold: 1,
          ComparisonOperator: 'GreaterThanOrEqualToThreshold',
          AlarmActions: [{ Ref: 'Alarms' }],
        },
      },
      // Metric math, as the CDK's MathExpression alarms are: recorded, not created (the sandbox's alarms take one metric).
      FailureAlarm: {
        Type: 'AWS::CloudWatch::Alarm',
        Properties: {
          Metrics: [{ Id: 'failed', Expression: 'a + b' }],
          EvaluationPeriods: 1,
          Threshold: 1,
          ComparisonOperator: 'GreaterThanOrEqualToThreshold',
          AlarmActions: [{ Ref: 'Alarms' }],
        },
      },
      WeakeningCalls: {
        Type: 'AWS::Events::Rule',
        Properties: {
          EventPattern: { source: ['aws.dynamodb'], 'detail-type': ['AWS API Call via CloudTrail'] },
          Targets: [{ Id: 'alarms', Arn: { Ref: 'Alarms' } }],
        },
      },
      Nightly: { Type: 'AWS::Scheduler::Schedule', Properties: { ScheduleExpression: 'rate(1 day)' } },
      ProdOnly: { Type: 'AWS::SNS::Topic', Condition: 'IsProd', Properties: {} },
      Workflow: {
        Type: 'AWS::StepFunctions::StateMachine',
        DependsOn: 'WorkflowPolicy',
        Properties: {
          RoleArn: { 'Fn::GetAtt': ['WorkerRole', 'Arn'] },
          DefinitionString: {
            'Fn::Join': [
              '',
              [
                `{"Comment":"${options.comment}","StartAt":"Work","States":{"Work":{"Type":"Task","Resource":"`,
                { 'Fn::GetAtt': ['Worker', 'Arn'] },
                '","ResultPath":"$.work","Next":"Done"},"Done":{"Type":"Pass","Parameters":{"journal":"${journal}","input.$":"$"},"End":true}}}',
              ],
            ],
          },
          DefinitionSubstitutions: { journal: { Ref: 'Journal' } },
        },
      },
    },
    Outputs: {
      WorkflowArn: { Value: { Ref: 'Workflow' } },
      JournalArn: {
        Value: { 'Fn::GetAtt': ['Journal', 'Arn'] },
        Export: { Name: { 'Fn::Sub': '${AWS::StackName}-journal' } },
      },
      FirstZone: { Value: { 'Fn::Select': [0, { 'Fn::GetAZs': '' }] } },
      Split: { Value: { 'Fn::Select': [1, { 'Fn::Split': [',', 'a,b,c'] }] } },
      Stage: { Value: { 'Fn::If': ['IsProd', 'production', 'testing'] } },
    },
  };
}
