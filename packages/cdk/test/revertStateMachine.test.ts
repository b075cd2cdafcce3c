import { createRequire } from 'node:module';
import { App, Duration, Stack, Validations } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as iam from 'aws-cdk-lib/aws-iam';
import { AwsSolutionsChecks } from 'cdk-nag';
import { beforeAll, describe, expect, it } from 'vitest';
import { DisasterRecovery } from '../src/index.js';
import { resourcesOfType, roleStatements, type TemplateJson } from './templateReading.js';

const aslValidator = createRequire(import.meta.url)('asl-validator') as (
  definition: unknown,
  options?: { checkPaths?: boolean; checkArn?: boolean },
) => { isValid: boolean; errorsText: (sep?: string) => string };

const ACCOUNT = 'arn:aws:dynamodb:eu-west-1:111122223333';
const STATES = 'arn:aws:states:eu-west-1:111122223333';
const FUNCTIONS = 'arn:aws:lambda:eu-west-1:111122223333:function';
let stack: Stack;
let template: TemplateJson;

// One table with a revert (its exports under a prefix), one without, the operators' grant, and cdk-nag.
beforeAll(() => {
  const app = new App();
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  stack = new Stack(app, 'Recovery', { env: { region: 'eu-west-1', account: '111122223333' } });
  const recovery = new DisasterRecovery(stack, 'DisasterRecovery', {
    environmentName: 'Prod',
    tables: [
      {
        table: 'Prod-Orders',
        logicalName: 'Orders',
        revert: {
          exportBucket: 'prod-dr-exports',
          exportPrefix: 'revert/orders',
          minExportPeriod: Duration.minutes(20),
        },
      },
      { table: 'Prod-ProviderTable' },
    ],
  });
  recovery.grantStartRecovery(new iam.Role(stack, 'Operators', { assumedBy: new iam.AccountRootPrincipal() }));
  template = Template.fromStack(stack).toJSON() as TemplateJson;
});

function roleOf(type: string, nameProperty: string, name: string): string {
  const found = resourcesOfType(template, type).find(([, p]) => p[nameProperty] === name);
  if (!found) throw new Error(`no ${type} named ${name}`);
  const role = found[1].Role ?? found[1].RoleArn;
  return (role as { 'Fn::GetAtt': [string, string] })['Fn::GetAtt'][0];
}

describe('DisasterRecovery with a revert', () => {
  it('makes the revert state machine of the table that asks for one, and of no other', () => {
    const names = resourcesOfType(template, 'AWS::StepFunctions::StateMachine').map(([, p]) => p.StateMachineName);
    expect(names.filter((n) => String(n).startsWith('DRRevert'))).toEqual(['DRRevertDynamoDbTableOrdersStateMachine']);
  });

  it('deploys the generated revert ASL: valid, the exports polled by a Retry, the writes a Distributed Map', () => {
    const [, machine] = resourcesOfType(template, 'AWS::StepFunctions::StateMachine').find(
      ([, p]) => p.StateMachineName === 'DRRevertDynamoDbTableOrdersStateMachine',
    )!;
    const definition = JSON.parse(
      (machine.DefinitionString as { 'Fn::Join': [string, unknown[]] })['Fn::Join'][1]
        .map((part) => (typeof part === 'string' ? part : 'arn:aws:lambda:eu-west-1:111122223333:function:x'))
        .join(''),
    ) as { States: Record<string, Record<string, unknown>> };
    const result = aslValidator(definition, { checkPaths: true, checkArn: true });
    expect(result.errorsText('\n')).toBe('');
    expect(result.isValid).toBe(true);
    const validate = definition.States.ValidateRevertInput!.Parameters as Record<string, unknown>;
    expect(validate.revert).toEqual({
      exportBucket: 'prod-dr-exports',
      exportPrefix: 'revert/orders',
      minExportPeriodMs: 1_200_000,
    });
    const parallel = definition.States.BackupAndExportInParallel as {
      Branches: { States: Record<string, Record<string, unknown>> }[];
    };
    const poll = parallel.Branches[1]!.States.AwaitRevertExports!;
    expect((poll.Retry as { ErrorEquals: string[] }[])[0]!.ErrorEquals).toEqual(['NotReadyError']);
    const writes = definition.States.RevertChangedItems!;
    expect(writes).toMatchObject({ Type: 'Map', ItemProcessor: { ProcessorConfig: { Mode: 'DISTRIBUTED' } } });
  });

  it('gives the worker exactly the export, its objects under the prefix, and the reads and writes of the revert', () => {
    const role = roleOf('AWS::Lambda::Function', 'FunctionName', 'Prod-DisasterRecovery-Orders');
    const statements = roleStatements(template).get(role)!;
    // The restore's grants, with ExportTableToPointInTime added on the table, and three more resources.
    expect(statements.find((s) => s.resources[0] === `${ACCOUNT}:table/Prod-Orders`)?.actions).toEqual([
      'dynamodb:BatchGetItem',
      'dynamodb:BatchWriteItem',
      'dynamodb:CreateBackup',
      'dynamodb:DescribeContinuousBackups',
      'dynamodb:DescribeTable',
      'dynamodb:ExportTableToPointInTime',
      'dynamodb:RestoreTableToPointInTime',
      'dynamodb:Scan',
    ]);
    const beyondRestore = statements.filter((s) => /:s3:|\/export\//.test(s.resources[0]!));
    expect(beyondRestore).toEqual([
      { actions: ['s3:ListBucket'], resources: ['arn:aws:s3:::prod-dr-exports'] },
      {
        actions: ['s3:AbortMultipartUpload', 's3:GetObject', 's3:PutObject', 's3:PutObjectAcl'],
        resources: ['arn:aws:s3:::prod-dr-exports/revert/orders/*'],
      },
      { actions: ['dynamodb:DescribeExport'], resources: [`${ACCOUNT}:table/Prod-Orders/export/*`] },
    ]);
    expect(statements).toHaveLength(9);
    // The worker of the table without a revert reaches no S3 and no export.
    const other = roleOf('AWS::Lambda::Function', 'FunctionName', 'Prod-DisasterRecovery-ProdProviderTable');
    expect(JSON.stringify(roleStatements(template).get(other))).not.toMatch(/s3:|Export/);
  });

  it('gives the revert state machine its worker and its own Distributed Map, and the operators start and follow it', () => {
    const name = 'DRRevertDynamoDbTableOrdersStateMachine';
    const revertRole = roleOf('AWS::StepFunctions::StateMachine', 'StateMachineName', name);
    expect(roleStatements(template).get(revertRole)!.slice(0, 3)).toEqual([
      { actions: ['lambda:InvokeFunction'], resources: [`${FUNCTIONS}:Prod-DisasterRecovery-Orders`] },
      { actions: ['states:StartExecution'], resources: [`${STATES}:stateMachine:${name}`] },
      { actions: ['states:DescribeExecution', 'states:StopExecution'], resources: [`${STATES}:execution:${name}:*`] },
    ]);
    expect(roleStatements(template).get(revertRole)).toHaveLength(5); // and log delivery, X-Ray
    const operators = Object.keys(template.Resources).find((id) => id.startsWith('Operators'))!;
    const granted = roleStatements(template).get(operators)!;
    expect(granted[0]!.resources).toContain(`${STATES}:stateMachine:${name}`);
    expect(granted[1]!.resources).toContain(`${STATES}:execution:${name}:*`);
    // The CLI validates a revert as in-process: the bucket must exist (HeadBucket).
    expect(granted).toContainEqual({ actions: ['s3:ListBucket'], resources: ['arn:aws:s3:::prod-dr-exports'] });
  });

  it("passes cdk-nag's AwsSolutions checks", () => {
    expect(Annotations.fromStack(stack).findError('*', Match.stringLikeRegexp('AwsSolutions-.*'))).toEqual([]);
    expect(Annotations.fromStack(stack).findWarning('*', Match.stringLikeRegexp('AwsSolutions-.*'))).toEqual([]);
  });
});
