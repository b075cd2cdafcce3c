import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { keySchemaOf, type KeySchema } from '../aws/describeTableShape.js';
import { describeTableIfExists } from '../aws/dynamoDbCalls.js';
import { InputError } from '../errors.js';

/** The key of the table items are restored into: its schema and each key attribute's type (`S`, `N`, `B`). */
export interface TargetKeys {
  readonly schema: KeySchema;
  readonly keyTypes: Readonly<Record<string, string>>;
}

/** DescribeTable of the target table, reduced to its key; a missing table is an {@link InputError} on `tableName`. */
export async function targetKeys(client: DynamoDBClient, tableName: string): Promise<TargetKeys> {
  const table = await describeTableIfExists(client, tableName);
  if (!table) {
    throw new InputError('tableName', tableName, 'does not exist', 'Check the exact table name and the region.');
  }
  return {
    schema: keySchemaOf(table.KeySchema, tableName),
    keyTypes: Object.fromEntries((table.AttributeDefinitions ?? []).map((a) => [a.AttributeName, a.AttributeType])),
  };
}
