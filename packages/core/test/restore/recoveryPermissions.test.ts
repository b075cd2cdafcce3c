import { CreateTableCommand, DynamoDBClient, waitUntilTableExists } from '@aws-sdk/client-dynamodb';
import { CreateRoleCommand, IAMClient, PutRolePolicyCommand } from '@aws-sdk/client-iam';
import { AssumeRoleCommand, GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { startSandbox, type Sandbox } from '@dynamo-dr/sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoDbCheckpointStore } from '../../src/checkpoint/dynamoDbCheckpointStore.js';
import { DynamoDbRunJournal } from '../../src/journal/dynamoDbRunJournal.js';
import { recoveryPermissions } from '../../src/restore/recoveryPermissions.js';
import { defaultRestoreSettings, type TableRestoreSettings } from '../../src/restore/restorePlan.js';
import type { RestoreRun } from '../../src/restore/restoreRun.js';
import type { RestoreStepContext } from '../../src/restore/restoreStepContext.js';
import type { PermissionStatement } from '../../src/workflow/permissions.js';
import { runAsl } from '../workflow/runAsl.js';
import { createSampleTable, simulateIncident, tableContents, timeBetweenWrites } from './restoreFixtures.js';

const settings = (tableName: string): TableRestoreSettings => ({
  ...defaultRestoreSettings,
  tableName,
  logicalName: tableName.replace(/[^A-Za-z0-9]/g, ''),
  segments: 2,
});
const FUNCTION = 'arn:aws:lambda:eu-west-1:111122223333:function:dynamo-dr-workflow';
const names = {
  region: 'eu-west-1',
  account: '111122223333',
  journalTableName: 'dr-journal',
  handlerFunctionArn: FUNCTION,
};

describe('the IAM permissions of a recovery, from its step lists', () => {
  it('give each state machine exactly what its own steps call', () => {
    const { restoreStateMachine, syncStateMachine } = recoveryPermissions(settings('Orders'), names);
    const states = 'arn:aws:states:eu-west-1:111122223333';
    const invoke = { actions: ['lambda:InvokeFunction'], resources: [FUNCTION, `${FUNCTION}:*`] };
    expect(restoreStateMachine).toEqual([
      invoke,
      { actions: ['states:StartExecution'], resources: [`${states}:stateMachine:OrdersDRSyncTableDataStateMachine`] },
      {
        actions: ['states:DescribeExecution', 'states:StopExecution'],
        resources: [`${states}:execution:OrdersDRSyncTableDataStateMachine:*`],
      },
      {
        actions: ['events:PutTargets', 'events:PutRule', 'events:DescribeRule'],
        resources: ['arn:aws:events:eu-west-1:111122223333:rule/StepFunctionsGetEventsForStepFunctionsExecutionRule'],
      },
    ]);
    // The sync's Distributed Maps run child executions of the sync state machine itself.
    expect(syncStateMachine).toEqual([
      invoke,
      { actions: ['states:StartExecution'], resources: [`${states}:stateMachine:OrdersDRSyncTableDataStateMachine`] },
      {
        actions: ['states:DescribeExecution', 'states:StopExecution'],
        resources: [`${states}:execution:OrdersDRSyncTableDataStateMachine/*`],
      },
    ]);
  });

  it('scope the worker to the table, its temporary tables and backups, and the journal', () => {
    const { worker } = recoveryPermissions(settings('Orders'), names);
    const table = 'arn:aws:dynamodb:eu-west-1:111122223333:table';
    const resources = worker.flatMap((s) => s.resources).sort();
    expect([...new Set(resources)]).toEqual(
      ['*', `${table}/Orders`, `${table}/Orders-dr-*`, `${table}/Orders/backup/*`, `${table}/dr-journal`].sort(),
    );
    const on = (resource: string) => worker.filter((s) => s.resources.includes(resource)).flatMap((s) => s.actions);
    expect(on('*')).toEqual(['dynamodb:ListBackups']);
    expect(on(`${table}/Orders`)).not.toContain('dynamodb:DeleteTable');
    expect(on(`${table}/Orders-dr-*`)).toContain('dynamodb:DeleteTable');
  });
});

describe('the worker permissions, enforced by the sandbox', () => {
  let sandbox: Sandbox;
  let operator: DynamoDBClient;

  beforeAll(async () => {
    sandbox = await startSandbox();
    Object.assign(process.env, sandbox.env);
    operator = new DynamoDBClient(sandbox.clientConfig);
  });
  afterAll(() => sandbox.stop());

  /** The Lambda handler's context as on AWS, every client signing as a role with only `statements`. */
  async function workerContext(role: string, journalTable: string, statements: readonly PermissionStatement[]) {
    const iam = new IAMClient(sandbox.clientConfig);
    const account = await accountOf();
    await iam.send(
      new CreateRoleCommand({
        RoleName: role,
        AssumeRolePolicyDocument: JSON.stringify({
          Version: '2012-10-17',
          Statement: [
            { Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${account}:root` }, Action: 'sts:AssumeRole' },
          ],
        }),
      }),
    );
    const Statement = statements.map((s) => ({ Effect: 'Allow', Action: s.actions, Resource: s.resources }));
    await iam.send(
      new PutRolePolicyCommand({
        RoleName: role,
        PolicyName: 'worker',
        PolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement }),
      }),
    );
    const { Credentials: c } = await new STSClient(sandbox.clientConfig).send(
      new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${account}:role/${role}`, RoleSessionName: 'worker' }),
    );
    const credentials = {
      accessKeyId: c!.AccessKeyId!,
      secretAccessKey: c!.SecretAccessKey!,
      sessionToken: c!.SessionToken,
    };
    const dynamodb = new DynamoDBClient({ ...sandbox.clientConfig, credentials });
    const context: RestoreStepContext = {
      dynamodb,
      aws: {},
      journal: new DynamoDbRunJournal(dynamodb, journalTable),
      checkpoints: new DynamoDbCheckpointStore(dynamodb, journalTable),
      engineClient: new DynamoDBClient({ ...sandbox.clientConfig, credentials, maxAttempts: 1 }),
      startedBy: 'AWS Step Functions (test)',
      segmentBudgetMs: 60_000,
    };
    return context;
  }

  async function accountOf(): Promise<string> {
    const { Account } = await new STSClient(sandbox.clientConfig).send(new GetCallerIdentityCommand({}));
    return Account!;
  }

  async function journalTable(name: string): Promise<void> {
    await operator.send(
      new CreateTableCommand({
        TableName: name,
        BillingMode: 'PAY_PER_REQUEST',
        AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
        KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
      }),
    );
    await waitUntilTableExists({ client: operator, maxWaitTime: 30, minDelay: 0.1, maxDelay: 1 }, { TableName: name });
  }

  it('suffice for the whole restore state machine, and one missing action fails it', async () => {
    const account = await accountOf();
    const region = sandbox.region;
    for (const table of ['Granted', 'Short']) await createSampleTable(operator, table, 20);
    await journalTable('granted-journal');
    await journalTable('short-journal');
    const t = await timeBetweenWrites();
    const atT = await tableContents(operator, 'Granted');
    for (const table of ['Granted', 'Short']) await simulateIncident(operator, table, 20);
    const permissions = (table: string, journal: string) =>
      recoveryPermissions(settings(table), {
        region,
        account,
        journalTableName: journal,
        handlerFunctionArn: FUNCTION,
      });

    const granted = await workerContext('granted', 'granted-journal', permissions('Granted', 'granted-journal').worker);
    const input = { incidentId: 'inc-iam', pitrBackupTime: t };
    await runAsl(settings('Granted'), granted, { ...input, tableNameRecoveryConfirmation: 'Granted' });
    expect(await tableContents(operator, 'Granted')).toEqual(atT);
    expect(((await granted.journal.getRun('inc-iam')) as RestoreRun).result).toBe('succeeded');

    // Without CreateBackup the run stops before anything is deleted, and the refusal is recorded.
    const short = permissions('Short', 'short-journal').worker.map((s) => ({
      ...s,
      actions: s.actions.filter((a) => a !== 'dynamodb:CreateBackup'),
    }));
    const damaged = await tableContents(operator, 'Short');
    const refused = await workerContext('short', 'short-journal', short);
    await expect(
      runAsl(settings('Short'), refused, { ...input, tableNameRecoveryConfirmation: 'Short' }),
    ).rejects.toThrow(/CreateBackup/);
    expect(await tableContents(operator, 'Short')).toEqual(damaged);
    expect(((await refused.journal.getRun('inc-iam')) as RestoreRun).result).toBe('failed');
  });
});
