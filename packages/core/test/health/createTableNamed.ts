import { CreateTableCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';

/** Creates an on-demand table `name` keyed by `pk` (a string), optionally with deletion protection on. */
export async function createTableNamed(
  ddb: DynamoDBClient,
  name: string,
  options: { readonly deletionProtection?: boolean } = {},
): Promise<void> {
  await ddb.send(
    new CreateTableCommand({
      TableName: name,
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
      KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
      DeletionProtectionEnabled: options.deletionProtection,
    }),
  );
}
