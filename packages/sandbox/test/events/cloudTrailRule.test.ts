import {
  CreateBackupCommand,
  CreateTableCommand,
  DeleteBackupCommand,
  DynamoDBClient,
  UpdateContinuousBackupsCommand,
  UpdateTableCommand,
} from '@aws-sdk/client-dynamodb';
import {
  DeleteRuleCommand,
  DescribeRuleCommand,
  EventBridgeClient,
  InvalidEventPatternException,
  ListRulesCommand,
  ListTargetsByRuleCommand,
  PutEventsCommand,
  PutRuleCommand,
  PutTargetsCommand,
  RemoveTargetsCommand,
  ResourceNotFoundException,
} from '@aws-sdk/client-eventbridge';
import { CreateTopicCommand, SNSClient } from '@aws-sdk/client-sns';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SANDBOX_ACCOUNT } from '../../src/sandboxAccount.js';
import { startSandbox, type Sandbox } from '../../src/index.js';

// The real EventBridge, DynamoDB and SNS clients against one sandbox: the rule dynamo-dr deploys on CloudTrail
// events that weaken recovery, fed by the sandbox's own record of DynamoDB control-plane calls.
let sandbox: Sandbox;
let events: EventBridgeClient;
let ddb: DynamoDBClient;
let topicArn: string;

/** The weakening calls: PITR turned off, a backup deleted, a table deleted, deletion protection turned off. */
const WEAKENING = {
  source: ['aws.dynamodb'],
  'detail-type': ['AWS API Call via CloudTrail'],
  detail: {
    eventSource: ['dynamodb.amazonaws.com'],
    $or: [
      {
        eventName: ['UpdateContinuousBackups'],
        requestParameters: { pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: [false] } },
      },
      { eventName: ['DeleteBackup', 'DeleteTable'] },
      { eventName: ['UpdateTable'], requestParameters: { deletionProtectionEnabled: [false] } },
    ],
  },
};

type TrailEvent = {
  source: string;
  'detail-type': string;
  detail: { eventName: string; requestParameters: Record<string, unknown>; errorCode?: string; [k: string]: unknown };
};
const delivered = () => sandbox.snsMessages(topicArn).map((m) => JSON.parse(m.Message) as TrailEvent);

beforeAll(async () => {
  sandbox = await startSandbox();
  events = new EventBridgeClient(sandbox.clientConfig);
  ddb = new DynamoDBClient(sandbox.clientConfig);
  topicArn = (await new SNSClient(sandbox.clientConfig).send(new CreateTopicCommand({ Name: 'dr-alarms' })))
    .TopicArn as string;
  await events.send(new PutRuleCommand({ Name: 'recovery-weakened', EventPattern: JSON.stringify(WEAKENING) }));
  await events.send(
    new PutTargetsCommand({ Rule: 'recovery-weakened', Targets: [{ Id: 'alarm-topic', Arn: topicArn }] }),
  );
  await ddb.send(
    new CreateTableCommand({
      TableName: 'orders',
      KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
      AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
      BillingMode: 'PAY_PER_REQUEST',
      DeletionProtectionEnabled: true,
    }),
  );
});
afterAll(() => sandbox.stop());

describe('CloudTrail events of DynamoDB calls, delivered by a rule to a topic', () => {
  it('delivers PITR being turned off as an AWS API Call via CloudTrail event, and not PITR being turned on', async () => {
    const pitr = (enabled: boolean) =>
      ddb.send(
        new UpdateContinuousBackupsCommand({
          TableName: 'orders',
          PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: enabled },
        }),
      );
    await pitr(true);
    expect(delivered()).toEqual([]);
    await pitr(false);
    const [event] = delivered();
    expect(event).toMatchObject({
      version: '0',
      source: 'aws.dynamodb',
      'detail-type': 'AWS API Call via CloudTrail',
      account: SANDBOX_ACCOUNT,
      region: sandbox.region,
      detail: {
        eventSource: 'dynamodb.amazonaws.com',
        eventName: 'UpdateContinuousBackups',
        awsRegion: sandbox.region,
        eventType: 'AwsApiCall',
        managementEvent: true,
        readOnly: false,
        requestParameters: {
          tableName: 'orders',
          pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: false },
        },
        responseElements: {
          continuousBackupsDescription: { pointInTimeRecoveryDescription: { pointInTimeRecoveryStatus: 'DISABLED' } },
        },
      },
    });
    expect(delivered()).toHaveLength(1);
  });

  it('delivers deletion protection turned off and a deleted backup, not other updates', async () => {
    await ddb.send(new UpdateTableCommand({ TableName: 'orders', DeletionProtectionEnabled: true }));
    await ddb.send(new UpdateTableCommand({ TableName: 'orders', DeletionProtectionEnabled: false }));
    const { BackupDetails } = await ddb.send(new CreateBackupCommand({ TableName: 'orders', BackupName: 'before' }));
    await new Promise((resolve) => setTimeout(resolve, 150)); // the backup is CREATING for backupCreateMs
    await ddb.send(new DeleteBackupCommand({ BackupArn: BackupDetails?.BackupArn }));
    expect(
      delivered()
        .slice(1)
        .map((e) => [e.detail.eventName, e.detail.requestParameters]),
    ).toEqual([
      ['UpdateTable', { tableName: 'orders', deletionProtectionEnabled: false }],
      ['DeleteBackup', { backupArn: BackupDetails?.BackupArn }],
    ]);
  });

  it('records a refused call with its errorCode, and a rule can match on that', async () => {
    await events.send(
      new PutRuleCommand({
        Name: 'refused-calls',
        EventPattern: JSON.stringify({ source: ['aws.dynamodb'], detail: { errorCode: [{ exists: true }] } }),
      }),
    );
    const refused = await new SNSClient(sandbox.clientConfig).send(new CreateTopicCommand({ Name: 'refused' }));
    await events.send(new PutTargetsCommand({ Rule: 'refused-calls', Targets: [{ Id: 't', Arn: refused.TopicArn }] }));
    await expect(
      ddb.send(
        new UpdateContinuousBackupsCommand({
          TableName: 'no-such-table',
          PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: false },
        }),
      ),
    ).rejects.toThrow();
    const [event] = sandbox.snsMessages(refused.TopicArn as string).map((m) => JSON.parse(m.Message) as TrailEvent);
    expect(event?.detail).toMatchObject({
      eventName: 'UpdateContinuousBackups',
      errorCode: 'TableNotFoundException',
      responseElements: null,
    });
  });
});

describe('EventBridge rules, targets and events', () => {
  it("describes and lists rules, and lists a rule's targets", async () => {
    const rule = await events.send(new DescribeRuleCommand({ Name: 'recovery-weakened' }));
    expect(rule).toMatchObject({
      Name: 'recovery-weakened',
      Arn: `arn:aws:events:${sandbox.region}:${SANDBOX_ACCOUNT}:rule/recovery-weakened`,
      State: 'ENABLED',
      EventBusName: 'default',
      EventPattern: JSON.stringify(WEAKENING),
    });
    const { Rules } = await events.send(new ListRulesCommand({ NamePrefix: 'recovery-' }));
    expect(Rules?.map((r) => r.Name)).toEqual(['recovery-weakened']);
    const { Targets } = await events.send(new ListTargetsByRuleCommand({ Rule: 'recovery-weakened' }));
    expect(Targets).toEqual([{ Id: 'alarm-topic', Arn: topicArn }]);
  });

  it("delivers PutEvents entries with the target's input transformer, failing bad entries one by one", async () => {
    const topic = await new SNSClient(sandbox.clientConfig).send(new CreateTopicCommand({ Name: 'drills' }));
    await events.send(
      new PutRuleCommand({ Name: 'drills', EventPattern: JSON.stringify({ source: ['dynamo-dr.drill'] }) }),
    );
    await events.send(
      new PutTargetsCommand({
        Rule: 'drills',
        Targets: [
          {
            Id: 'topic',
            Arn: topic.TopicArn,
            InputTransformer: {
              InputPathsMap: { table: '$.detail.table' },
              InputTemplate: '"Drill of <table> passed"',
            },
          },
        ],
      }),
    );
    const result = await events.send(
      new PutEventsCommand({
        Entries: [
          { Source: 'dynamo-dr.drill', DetailType: 'Drill Finished', Detail: JSON.stringify({ table: 'orders' }) },
          { Source: 'aws.dynamodb', DetailType: 'Forged', Detail: '{}' },
          { Source: 'dynamo-dr.drill', DetailType: 'Drill Finished', Detail: 'not json' },
        ],
      }),
    );
    expect(result.FailedEntryCount).toBe(2);
    expect(result.Entries?.[0]?.EventId).toMatch(/^[0-9a-f-]{36}$/);
    expect(result.Entries?.slice(1)).toEqual([
      { ErrorCode: 'NotAuthorizedForSourceException', ErrorMessage: 'Not authorized for the source.' },
      { ErrorCode: 'MalformedDetail', ErrorMessage: 'Detail is malformed.' },
    ]);
    expect(sandbox.snsMessages(topic.TopicArn as string).map((m) => m.Message)).toEqual(['"Drill of orders passed"']);
  });

  it('answers ResourceNotFoundException for an unknown rule and InvalidEventPatternException for a bad pattern, changing nothing', async () => {
    await expect(events.send(new DescribeRuleCommand({ Name: 'no-such-rule' }))).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
      message: 'Rule no-such-rule does not exist on EventBus default.',
    });
    await expect(
      events.send(new PutTargetsCommand({ Rule: 'no-such-rule', Targets: [{ Id: 't', Arn: topicArn }] })),
    ).rejects.toBeInstanceOf(ResourceNotFoundException);
    const bad = events.send(
      new PutRuleCommand({ Name: 'bad-pattern', EventPattern: JSON.stringify({ source: 'aws.dynamodb' }) }),
    );
    await expect(bad).rejects.toBeInstanceOf(InvalidEventPatternException);
    await expect(bad).rejects.toMatchObject({
      message: 'Event pattern is not valid. Reason: "source" must be an object or an array',
    });
    await expect(events.send(new DescribeRuleCommand({ Name: 'bad-pattern' }))).rejects.toBeInstanceOf(
      ResourceNotFoundException,
    );
  });

  it('refuses to delete a rule that has targets, and deletes it once they are removed', async () => {
    await events.send(new PutRuleCommand({ Name: 'temporary', EventPattern: JSON.stringify({ source: ['x'] }) }));
    await events.send(new PutTargetsCommand({ Rule: 'temporary', Targets: [{ Id: 't', Arn: topicArn }] }));
    await expect(events.send(new DeleteRuleCommand({ Name: 'temporary' }))).rejects.toMatchObject({
      name: 'ValidationException',
      message: "Rule can't be deleted since it has targets.",
    });
    await events.send(new RemoveTargetsCommand({ Rule: 'temporary', Ids: ['t'] }));
    await events.send(new DeleteRuleCommand({ Name: 'temporary' }));
    await expect(events.send(new DescribeRuleCommand({ Name: 'temporary' }))).rejects.toBeInstanceOf(
      ResourceNotFoundException,
    );
  });
});
