import type { AttributeValue, DynamoDBClient } from '@aws-sdk/client-dynamodb';

/** A table as the engine reaches it: a client (region, endpoint, credentials) and a name. */
export interface TableRef {
  readonly client: DynamoDBClient;
  readonly tableName: string;
}

/** One DynamoDB item in the wire form (`{ name: { S: 'x' } }`); numbers stay strings, so nothing is rounded. */
export type Item = Record<string, AttributeValue>;
