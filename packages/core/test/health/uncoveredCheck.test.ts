import { DynamoDBClient, TagResourceCommand, UpdateContinuousBackupsCommand } from '@aws-sdk/client-dynamodb';
import { startSandbox, type Sandbox } from '@dynamo-dr/sandbox';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { SANDBOX_ACCOUNT } from '../../../sandbox/src/sandboxAccount.js';
import { backupPolicy } from '../../src/backupPolicy/backupPolicy.js';
import { uncoveredCheck } from '../../src/health/uncoveredCheck.js';
import { createTableNamed } from './createTableNamed.js';

// An environment whose tables are recognised by their tags alone (CDK-generated names share no prefix).
let sandbox: Sandbox;
let ddb: DynamoDBClient;

beforeAll(async () => {
  sandbox = await startSandbox();
  ddb = new DynamoDBClient(sandbox.clientConfig);
  const tagged = { Orders: 'prod', Sessions: 'prod', Scratch: 'dev' };
  for (const [name, stage] of Object.entries(tagged)) {
    await createTableNamed(ddb, name);
    await ddb.send(
      new TagResourceCommand({
        ResourceArn: `arn:aws:dynamodb:${sandbox.region}:${SANDBOX_ACCOUNT}:table/${name}`,
        Tags: [{ Key: 'stage', Value: stage }],
      }),
    );
  }
});
afterAll(() => sandbox.stop());

it('finds tables of the environment by tags: one without PITR fails, with PITR it is a warning', async () => {
  const policy = backupPolicy(
    {
      environments: {
        Prod: { tables: { Orders: { tableName: 'Orders' } }, backups: { tableTags: { stage: 'prod' } } },
      },
    },
    'Prod',
  );
  expect(await uncoveredCheck(ddb, policy)).toMatchObject({
    status: 'fail',
    evidence: 'uncovered: 1 table(s) tagged stage=prod are not in the configuration: Sessions (PITR off)',
  });
  await ddb.send(
    new UpdateContinuousBackupsCommand({
      TableName: 'Sessions',
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
    }),
  );
  expect((await uncoveredCheck(ddb, policy)).status).toBe('warn');
});
