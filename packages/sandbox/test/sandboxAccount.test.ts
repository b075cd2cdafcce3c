import {
  CreateBackupCommand,
  CreateTableCommand,
  DescribeTableCommand,
  DynamoDBClient,
  ListBackupsCommand,
  RestoreTableToPointInTimeCommand,
  UpdateContinuousBackupsCommand,
} from '@aws-sdk/client-dynamodb';
import { CreateEventSourceMappingCommand, CreateFunctionCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { GetParameterCommand, PutParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../src/index.js';
import { SANDBOX_ACCOUNT } from '../src/sandboxAccount.js';
import { handlerZip } from './lambda/handlerZip.js';

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startSandbox({ restoreBaseMs: 0, backupCreateMs: 0 });
});
afterAll(() => sandbox.stop());

/** The account of every ARN of the services the sandbox emulates, anywhere in a response. */
function accountsIn(response: unknown): string[] {
  const arns = JSON.stringify(response).match(/arn:aws:(?:dynamodb|ssm|lambda):[a-z0-9-]*:[^:"]*:/g) ?? [];
  return arns.map((arn) => arn.split(':')[4] as string);
}

it('puts one account id in every ARN it makes: DynamoDB, SSM and Lambda alike', async () => {
  const ddb = new DynamoDBClient(sandbox.clientConfig);
  const ssm = new SSMClient(sandbox.clientConfig);
  const lambda = new LambdaClient(sandbox.clientConfig);
  const responses: unknown[] = [];
  const keep = <T>(response: T): T => (responses.push(response), response);
  try {
    keep(
      await ddb.send(
        new CreateTableCommand({
          TableName: 'accounts',
          BillingMode: 'PAY_PER_REQUEST',
          AttributeDefinitions: [
            { AttributeName: 'pk', AttributeType: 'S' },
            { AttributeName: 'g', AttributeType: 'S' },
          ],
          KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
          GlobalSecondaryIndexes: [
            {
              IndexName: 'byG',
              KeySchema: [{ AttributeName: 'g', KeyType: 'HASH' }],
              Projection: { ProjectionType: 'ALL' },
            },
          ],
          StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_IMAGE' },
        }),
      ),
    );
    keep(await ddb.send(new DescribeTableCommand({ TableName: 'accounts' })));
    keep(
      await ddb.send(
        new UpdateContinuousBackupsCommand({
          TableName: 'accounts',
          PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
        }),
      ),
    );
    keep(await ddb.send(new CreateBackupCommand({ TableName: 'accounts', BackupName: 'accounts-bk' })));
    keep(await ddb.send(new ListBackupsCommand({ TableName: 'accounts' })));
    keep(
      await ddb.send(
        new RestoreTableToPointInTimeCommand({
          SourceTableName: 'accounts',
          TargetTableName: 'accounts-restored',
          UseLatestRestorableTime: true,
        }),
      ),
    );
    keep(await ssm.send(new PutParameterCommand({ Name: '/app/table', Value: 'accounts', Type: 'String' })));
    keep(await ssm.send(new GetParameterCommand({ Name: '/app/table' })));
    keep(
      await lambda.send(
        new CreateFunctionCommand({
          FunctionName: 'accounts-fn',
          Runtime: 'nodejs22.x',
          Handler: 'index.handler',
          Role: `arn:aws:iam::${SANDBOX_ACCOUNT}:role/app`,
          Code: { ZipFile: await handlerZip() },
        }),
      ),
    );
    keep(
      await lambda.send(
        new CreateEventSourceMappingCommand({
          FunctionName: 'accounts-fn',
          EventSourceArn: `arn:aws:sqs:${sandbox.region}:${SANDBOX_ACCOUNT}:accounts-queue`,
        }),
      ),
    );
    const accounts = responses.flatMap(accountsIn);
    // Table, index, stream, backup, SSM parameter, function and mapping ARNs at least.
    expect(accounts.length).toBeGreaterThanOrEqual(10);
    expect(new Set(accounts)).toEqual(new Set([SANDBOX_ACCOUNT]));
    expect(SANDBOX_ACCOUNT).toBe('123456789012');
  } finally {
    ddb.destroy();
    ssm.destroy();
    lambda.destroy();
  }
});
