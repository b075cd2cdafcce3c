import { CreateTopicCommand, DeleteTopicCommand, SetTopicAttributesCommand } from '@aws-sdk/client-sns';
import { physicalName, type ResourceHandler } from './resourceHandler.js';

/**
 * AWS::SNS::Topic through the sandbox's SNS: CreateTopic with the name (or a
 * generated one), DisplayName and tags; DisplayName changes in place. Ref is
 * the topic ARN; attributes TopicArn and TopicName.
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-sns-topic.html
 */
export const snsTopic: ResourceHandler = {
  replacingProperties: ['TopicName', 'FifoTopic'],

  async create(properties, context) {
    const name = (properties.TopicName as string | undefined) ?? physicalName(context, 256);
    const attributes: Record<string, string> = {};
    if (properties.DisplayName !== undefined) attributes.DisplayName = String(properties.DisplayName);
    if (properties.FifoTopic !== undefined) attributes.FifoTopic = String(properties.FifoTopic);
    const { TopicArn = '' } = await context.clients.sns.send(
      new CreateTopicCommand({ Name: name, Attributes: attributes, Tags: properties.Tags as never }),
    );
    return { physicalId: TopicArn, attributes: { TopicArn, TopicName: name } };
  },

  async update(current, properties, _previous, context) {
    await context.clients.sns.send(
      new SetTopicAttributesCommand({
        TopicArn: current.physicalId,
        AttributeName: 'DisplayName',
        AttributeValue: String(properties.DisplayName ?? ''),
      }),
    );
    return current;
  },

  async delete(current, _properties, context) {
    await context.clients.sns.send(new DeleteTopicCommand({ TopicArn: current.physicalId }));
  },
};
