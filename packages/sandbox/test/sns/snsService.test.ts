import http from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  CreateTopicCommand,
  DeleteTopicCommand,
  GetTopicAttributesCommand,
  InvalidParameterException,
  ListSubscriptionsByTopicCommand,
  ListSubscriptionsCommand,
  ListTopicsCommand,
  NotFoundException,
  PublishCommand,
  SetTopicAttributesCommand,
  SNSClient,
  SubscribeCommand,
  UnsubscribeCommand,
} from '@aws-sdk/client-sns';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SANDBOX_ACCOUNT } from '../../src/sandboxAccount.js';
import { startSandbox, type Sandbox, type SnsMessage } from '../../src/index.js';

// The real SNSClient (query protocol) against the sandbox; the sink is read through the Sandbox object and
// through the admin HTTP route another process would use.
let sandbox: Sandbox;
let sns: SNSClient;

const topic = async (Name: string) => (await sns.send(new CreateTopicCommand({ Name }))).TopicArn as string;

beforeAll(async () => {
  sandbox = await startSandbox();
  sns = new SNSClient(sandbox.clientConfig);
});
afterAll(() => sandbox.stop());

describe('SNS topics', () => {
  it('creates a topic once per name, with the same ARN each time, and lists it', async () => {
    const arn = await topic('orders-alarms');
    expect(arn).toBe(`arn:aws:sns:${sandbox.region}:${SANDBOX_ACCOUNT}:orders-alarms`);
    expect(await topic('orders-alarms')).toBe(arn);
    const { Topics } = await sns.send(new ListTopicsCommand({}));
    expect(Topics?.filter((t) => t.TopicArn === arn)).toHaveLength(1);
    const { Attributes } = await sns.send(new GetTopicAttributesCommand({ TopicArn: arn }));
    expect(Attributes).toMatchObject({ TopicArn: arn, Owner: SANDBOX_ACCOUNT, SubscriptionsConfirmed: '0' });
  });

  it('refuses a bad topic name and different attributes for an existing name, creating nothing', async () => {
    await expect(sns.send(new CreateTopicCommand({ Name: 'has space' }))).rejects.toMatchObject({
      name: 'InvalidParameterException',
      message: 'Invalid parameter: Topic Name',
    });
    await topic('attributed');
    await expect(
      sns.send(new CreateTopicCommand({ Name: 'attributed', Attributes: { DisplayName: 'other' } })),
    ).rejects.toBeInstanceOf(InvalidParameterException);
    const { Topics } = await sns.send(new ListTopicsCommand({}));
    expect(Topics?.map((t) => t.TopicArn?.split(':').pop())).not.toContain('has space');
    const { Attributes } = await sns.send(
      new GetTopicAttributesCommand({ TopicArn: Topics?.find((t) => t.TopicArn?.endsWith(':attributed'))?.TopicArn }),
    );
    expect(Attributes?.DisplayName).toBe('');
  });

  it('sets a topic attribute (a policy, as AWS::SNS::TopicPolicy does), refusing one that is not settable', async () => {
    const arn = await topic('with-policy');
    const policy = JSON.stringify({
      Version: '2012-10-17',
      Statement: [
        { Effect: 'Allow', Principal: { Service: 'events.amazonaws.com' }, Action: 'sns:Publish', Resource: arn },
      ],
    });
    await sns.send(new SetTopicAttributesCommand({ TopicArn: arn, AttributeName: 'Policy', AttributeValue: policy }));
    await expect(
      sns.send(new SetTopicAttributesCommand({ TopicArn: arn, AttributeName: 'FifoTopic', AttributeValue: 'true' })),
    ).rejects.toMatchObject({ name: 'InvalidParameterException', message: 'Invalid parameter: AttributeName' });
    const { Attributes } = await sns.send(new GetTopicAttributesCommand({ TopicArn: arn }));
    expect(Attributes?.Policy).toBe(policy);
    expect(Attributes?.FifoTopic).toBeUndefined();
  });

  it('answers NotFound (404) for a topic that does not exist, and InvalidParameter for a malformed ARN', async () => {
    const missing = `arn:aws:sns:${sandbox.region}:${SANDBOX_ACCOUNT}:never-made`;
    const publish = sns.send(new PublishCommand({ TopicArn: missing, Message: 'x' }));
    await expect(publish).rejects.toBeInstanceOf(NotFoundException);
    await expect(publish).rejects.toMatchObject({
      message: 'Topic does not exist',
      $metadata: { httpStatusCode: 404 },
    });
    await expect(sns.send(new GetTopicAttributesCommand({ TopicArn: 'not-an-arn' }))).rejects.toMatchObject({
      name: 'InvalidParameterException',
      message: 'Invalid parameter: TopicArn',
    });
    expect(sandbox.snsMessages(missing)).toEqual([]);
  });

  it('deletes a topic and its subscriptions; deleting it again is no error', async () => {
    const arn = await topic('short-lived');
    await sns.send(
      new SubscribeCommand({ TopicArn: arn, Protocol: 'sqs', Endpoint: `arn:aws:sqs:us-east-1:${SANDBOX_ACCOUNT}:q` }),
    );
    await sns.send(new DeleteTopicCommand({ TopicArn: arn }));
    await sns.send(new DeleteTopicCommand({ TopicArn: arn }));
    const { Subscriptions } = await sns.send(new ListSubscriptionsCommand({}));
    expect(Subscriptions?.filter((s) => s.TopicArn === arn)).toEqual([]);
    await expect(sns.send(new ListSubscriptionsByTopicCommand({ TopicArn: arn }))).rejects.toBeInstanceOf(
      NotFoundException,
    );
  });
});

describe('SNS publishing', () => {
  it('records every published message in the topic sink, readable from the Sandbox and over HTTP', async () => {
    const arn = await topic('sink');
    const { MessageId } = await sns.send(
      new PublishCommand({
        TopicArn: arn,
        Subject: 'PITR disabled',
        Message: 'orders has PITR off',
        MessageAttributes: { table: { DataType: 'String', StringValue: 'orders' } },
      }),
    );
    await sns.send(
      new PublishCommand({ TopicArn: arn, Message: JSON.stringify({ default: 'second' }), MessageStructure: 'json' }),
    );
    const expected = [
      {
        MessageId,
        TopicArn: arn,
        Subject: 'PITR disabled',
        Message: 'orders has PITR off',
        MessageAttributes: { table: { Type: 'String', Value: 'orders' } },
      },
      { TopicArn: arn, Message: 'second' },
    ];
    expect(sandbox.snsMessages(arn)).toMatchObject(expected);
    const response = await fetch(`${sandbox.endpoint}/_sandbox/sns/messages?topic=${encodeURIComponent(arn)}`);
    expect(((await response.json()) as { messages: SnsMessage[] }).messages).toMatchObject(expected);
  });

  it('refuses an empty message or a subject with a line break, recording nothing', async () => {
    const arn = await topic('strict');
    await expect(sns.send(new PublishCommand({ TopicArn: arn, Message: '' }))).rejects.toMatchObject({
      message: 'Invalid parameter: Empty message',
    });
    await expect(
      sns.send(new PublishCommand({ TopicArn: arn, Message: 'x', Subject: 'two\nlines' })),
    ).rejects.toMatchObject({
      message: 'Invalid parameter: Subject',
    });
    expect(sandbox.snsMessages(arn)).toEqual([]);
  });

  it('POSTs each message to an http subscription as SNS notification JSON', async () => {
    const received: { headers: http.IncomingHttpHeaders; body: string }[] = [];
    const server = http.createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        received.push({ headers: req.headers, body });
        res.end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const arn = await topic('webhook');
      const endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}/alerts`;
      const { SubscriptionArn } = await sns.send(
        new SubscribeCommand({ TopicArn: arn, Protocol: 'http', Endpoint: endpoint }),
      );
      expect(SubscriptionArn).toMatch(new RegExp(`^${arn}:[0-9a-f-]{36}$`));
      const { MessageId } = await sns.send(new PublishCommand({ TopicArn: arn, Message: 'ping', Subject: 'hello' }));
      await expect.poll(() => received.length).toBe(1);
      expect(received[0]?.headers).toMatchObject({
        'x-amz-sns-message-type': 'Notification',
        'x-amz-sns-topic-arn': arn,
        'x-amz-sns-subscription-arn': SubscriptionArn,
      });
      expect(JSON.parse(received[0]?.body ?? '{}')).toMatchObject({
        Type: 'Notification',
        MessageId,
        TopicArn: arn,
        Subject: 'hello',
        Message: 'ping',
      });
      const { Subscriptions } = await sns.send(new ListSubscriptionsByTopicCommand({ TopicArn: arn }));
      expect(Subscriptions).toEqual([
        { SubscriptionArn, Owner: SANDBOX_ACCOUNT, Protocol: 'http', Endpoint: endpoint, TopicArn: arn },
      ]);
      await sns.send(new UnsubscribeCommand({ SubscriptionArn }));
      await sns.send(new PublishCommand({ TopicArn: arn, Message: 'after' }));
      expect(sandbox.snsMessages(arn)).toHaveLength(2);
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(received).toHaveLength(1);
    } finally {
      server.close();
    }
  });

  it('keeps an email subscription pending (nobody can confirm it here) and refuses unknown protocols', async () => {
    const arn = await topic('mail');
    const { SubscriptionArn } = await sns.send(
      new SubscribeCommand({ TopicArn: arn, Protocol: 'email', Endpoint: 'oncall@example.com' }),
    );
    expect(SubscriptionArn).toBe('pending confirmation');
    await expect(
      sns.send(new SubscribeCommand({ TopicArn: arn, Protocol: 'pigeon', Endpoint: 'roof' })),
    ).rejects.toMatchObject({ message: 'Invalid parameter: Amazon SNS does not support this protocol string: pigeon' });
    const { Subscriptions } = await sns.send(new ListSubscriptionsByTopicCommand({ TopicArn: arn }));
    expect(Subscriptions?.map((s) => s.SubscriptionArn)).toEqual(['PendingConfirmation']);
  });
});
