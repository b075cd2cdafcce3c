import {
  CreateTableCommand,
  DeleteTableCommand,
  DescribeTableCommand,
  TagResourceCommand,
  UpdateContinuousBackupsCommand,
  UpdateTableCommand,
  UpdateTimeToLiveCommand,
  waitUntilTableExists,
  waitUntilTableNotExists,
  type CreateTableCommandInput,
} from '@aws-sdk/client-dynamodb';
import { physicalName, type ResourceContext, type ResourceHandler } from './resourceHandler.js';

type Properties = Record<string, unknown>;

/**
 * AWS::DynamoDB::Table through the sandbox's DynamoDB: CreateTable, then PITR
 * (PointInTimeRecoverySpecification) and TTL; in place, billing, PITR, TTL,
 * deletion protection and tags. Ref is the table name; attributes Arn and StreamArn.
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-dynamodb-table.html
 */
export const dynamoDbTable: ResourceHandler = {
  replacingProperties: ['TableName', 'KeySchema', 'LocalSecondaryIndexes'],

  async create(properties, context) {
    const TableName = (properties.TableName as string | undefined) ?? physicalName(context, 255);
    const stream = properties.StreamSpecification as { StreamViewType?: string } | undefined;
    await context.clients.dynamodb.send(
      new CreateTableCommand({
        TableName,
        AttributeDefinitions: properties.AttributeDefinitions,
        KeySchema: properties.KeySchema,
        BillingMode: properties.BillingMode ?? 'PROVISIONED',
        ProvisionedThroughput: properties.ProvisionedThroughput,
        GlobalSecondaryIndexes: properties.GlobalSecondaryIndexes,
        LocalSecondaryIndexes: properties.LocalSecondaryIndexes,
        StreamSpecification: stream?.StreamViewType
          ? { StreamEnabled: true, StreamViewType: stream.StreamViewType }
          : undefined,
        SSESpecification: properties.SSESpecification,
        DeletionProtectionEnabled: properties.DeletionProtectionEnabled as boolean | undefined,
        TableClass: properties.TableClass,
        Tags: properties.Tags,
      } as CreateTableCommandInput),
    );
    await waitUntilTableExists({ client: context.clients.dynamodb, maxWaitTime: 300, minDelay: 1 }, { TableName });
    await applySettings(TableName, properties, {}, context);
    return { physicalId: TableName, attributes: await attributesOf(TableName, context) };
  },

  async update(current, properties, previous, context) {
    const TableName = current.physicalId;
    const changed = (field: string) => JSON.stringify(properties[field]) !== JSON.stringify(previous[field]);
    if (changed('GlobalSecondaryIndexes') || changed('StreamSpecification') || changed('SSESpecification')) {
      throw new Error(
        `The dynamo-dr sandbox does not change GlobalSecondaryIndexes, StreamSpecification or SSESpecification of table ${TableName} in place.`,
      );
    }
    if (changed('BillingMode') || changed('ProvisionedThroughput') || changed('DeletionProtectionEnabled')) {
      await context.clients.dynamodb.send(
        new UpdateTableCommand({
          TableName,
          BillingMode: (properties.BillingMode as 'PROVISIONED' | 'PAY_PER_REQUEST' | undefined) ?? 'PROVISIONED',
          ProvisionedThroughput: changed('ProvisionedThroughput')
            ? (properties.ProvisionedThroughput as { ReadCapacityUnits: number; WriteCapacityUnits: number })
            : undefined,
          DeletionProtectionEnabled: (properties.DeletionProtectionEnabled as boolean | undefined) ?? false,
        }),
      );
    }
    if (changed('Tags') && Array.isArray(properties.Tags)) {
      await context.clients.dynamodb.send(
        new TagResourceCommand({ ResourceArn: String(current.attributes.Arn), Tags: properties.Tags }),
      );
    }
    await applySettings(TableName, properties, previous, context);
    return { physicalId: TableName, attributes: await attributesOf(TableName, context) };
  },

  async delete(current, _properties, context) {
    await context.clients.dynamodb.send(new DeleteTableCommand({ TableName: current.physicalId }));
    // DELETE_COMPLETE means gone, not DELETING.
    await waitUntilTableNotExists(
      { client: context.clients.dynamodb, maxWaitTime: 300, minDelay: 1 },
      { TableName: current.physicalId },
    );
  },
};

/** PITR and TTL, when they differ from `previous`. */
async function applySettings(
  TableName: string,
  properties: Properties,
  previous: Properties,
  context: ResourceContext,
) {
  const pitr = properties.PointInTimeRecoverySpecification as
    { PointInTimeRecoveryEnabled?: boolean; RecoveryPeriodInDays?: number } | undefined;
  if (JSON.stringify(pitr) !== JSON.stringify(previous.PointInTimeRecoverySpecification) && pitr) {
    await context.clients.dynamodb.send(
      new UpdateContinuousBackupsCommand({
        TableName,
        PointInTimeRecoverySpecification: {
          PointInTimeRecoveryEnabled: pitr.PointInTimeRecoveryEnabled === true,
          RecoveryPeriodInDays: pitr.RecoveryPeriodInDays,
        },
      }),
    );
  }
  const ttl = properties.TimeToLiveSpecification as { AttributeName: string; Enabled: boolean } | undefined;
  if (JSON.stringify(ttl) !== JSON.stringify(previous.TimeToLiveSpecification) && ttl) {
    await context.clients.dynamodb.send(new UpdateTimeToLiveCommand({ TableName, TimeToLiveSpecification: ttl }));
  }
}

async function attributesOf(TableName: string, context: ResourceContext): Promise<Record<string, unknown>> {
  const { Table } = await context.clients.dynamodb.send(new DescribeTableCommand({ TableName }));
  return { Arn: Table?.TableArn, ...(Table?.LatestStreamArn && { StreamArn: Table.LatestStreamArn }) };
}
