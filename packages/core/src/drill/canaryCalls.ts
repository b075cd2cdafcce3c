import {
  DeleteItemCommand,
  GetItemCommand,
  PutItemCommand,
  QueryCommand,
  type DynamoDBClient,
} from '@aws-sdk/client-dynamodb';
import type { Item } from '../aws/tableRef.js';

/*
 * The thin layer between the drill and DynamoDB's item API: the canaries' writes and reads, and the index
 * queries of the verification.
 */

/** Writes one item (a canary, replacing any earlier version). */
export async function putItem(client: DynamoDBClient, tableName: string, item: Item): Promise<void> {
  await client.send(new PutItemCommand({ TableName: tableName, Item: item }));
}

/** Deletes one item; deleting an absent item is no error (DynamoDB's own rule). */
export async function deleteItem(client: DynamoDBClient, tableName: string, key: Item): Promise<void> {
  await client.send(new DeleteItemCommand({ TableName: tableName, Key: key }));
}

/** The item of `key` read with strong consistency, or undefined. */
export async function getItem(client: DynamoDBClient, tableName: string, key: Item): Promise<Item | undefined> {
  return (await client.send(new GetItemCommand({ TableName: tableName, Key: key, ConsistentRead: true }))).Item;
}

/** How many items one Query of `indexName` finds for the partition key value `key` (first page). */
export async function queryIndexCount(
  client: DynamoDBClient,
  tableName: string,
  indexName: string,
  key: Item,
): Promise<number> {
  const [name, value] = Object.entries(key)[0]!;
  const out = await client.send(
    new QueryCommand({
      TableName: tableName,
      IndexName: indexName,
      KeyConditionExpression: '#k = :v',
      ExpressionAttributeNames: { '#k': name },
      ExpressionAttributeValues: { ':v': value },
      Select: 'COUNT',
    }),
  );
  return out.Count ?? 0;
}
