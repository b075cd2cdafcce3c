import {
  CreateBackupCommand,
  DeleteBackupCommand,
  DeleteTableCommand,
  DynamoDBClient,
  UpdateContinuousBackupsCommand,
  UpdateTableCommand,
} from '@aws-sdk/client-dynamodb';
import { EventBridgeClient, PutRuleCommand, PutTargetsCommand } from '@aws-sdk/client-eventbridge';
import { CreateTopicCommand, SNSClient } from '@aws-sdk/client-sns';
import { startSandbox, type Sandbox } from '@dynamo-dr/sandbox';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { recoveryWeakeningPattern } from '../../src/monitor/recoveryWeakeningPattern.js';
import { createTableNamed } from '../health/createTableNamed.js';

// The rule the CDK construct deploys, on the sandbox's EventBridge fed with CloudTrail events of the DynamoDB
// calls made through it: what weakens recovery of a configured table reaches the topic; refused calls, calls on
// other tables and harmless changes do not.
let sandbox: Sandbox;
let ddb: DynamoDBClient;
let topicArn: string;

beforeAll(async () => {
  sandbox = await startSandbox({ backupCreateMs: 0 });
  ddb = new DynamoDBClient(sandbox.clientConfig);
  topicArn = (await new SNSClient(sandbox.clientConfig).send(new CreateTopicCommand({ Name: 'dr-alarms' })))
    .TopicArn as string;
  const events = new EventBridgeClient(sandbox.clientConfig);
  const pattern = recoveryWeakeningPattern(['Prod-Orders', 'Prod-Consent']);
  await events.send(new PutRuleCommand({ Name: 'recovery-weakened', EventPattern: JSON.stringify(pattern) }));
  await events.send(new PutTargetsCommand({ Rule: 'recovery-weakened', Targets: [{ Id: 'topic', Arn: topicArn }] }));
  for (const name of ['Prod-Orders', 'Prod-Consent', 'Scratch']) {
    await createTableNamed(ddb, name, { deletionProtection: true });
  }
});
afterAll(() => sandbox.stop());

const pitr = (TableName: string, enabled: boolean) =>
  ddb.send(
    new UpdateContinuousBackupsCommand({
      TableName,
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: enabled },
    }),
  );

it('delivers PITR turned off, a backup deleted, deletion protection off and a table deleted, and nothing else', async () => {
  await pitr('Prod-Orders', true); // harmless
  await pitr('Prod-Orders', false);
  await pitr('Scratch', false); // another table
  await expect(ddb.send(new DeleteTableCommand({ TableName: 'Prod-Consent' }))).rejects.toThrow(); // refused: protected
  const backup = await ddb.send(new CreateBackupCommand({ TableName: 'Prod-Consent', BackupName: 'before-change' }));
  await ddb.send(new DeleteBackupCommand({ BackupArn: backup.BackupDetails?.BackupArn }));
  await ddb.send(new UpdateTableCommand({ TableName: 'Prod-Consent', DeletionProtectionEnabled: true })); // harmless
  await ddb.send(new UpdateTableCommand({ TableName: 'Prod-Consent', DeletionProtectionEnabled: false }));
  await ddb.send(new DeleteTableCommand({ TableName: 'Prod-Consent' }));

  const delivered = sandbox.snsMessages(topicArn).map((m) => {
    const { detail } = JSON.parse(m.Message) as {
      detail: { eventName: string; requestParameters: Record<string, unknown> };
    };
    return `${detail.eventName} ${String(detail.requestParameters.tableName ?? detail.requestParameters.backupArn)}`;
  });
  expect(delivered).toEqual([
    'UpdateContinuousBackups Prod-Orders',
    `DeleteBackup ${backup.BackupDetails?.BackupArn}`,
    'UpdateTable Prod-Consent',
    'DeleteTable Prod-Consent',
  ]);
});
