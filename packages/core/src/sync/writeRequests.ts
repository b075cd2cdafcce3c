import type { WriteRequest } from '@aws-sdk/client-dynamodb';
import type { KeySchema } from '../aws/describeTableShape.js';
import type { Item } from '../aws/tableRef.js';

export function put(item: Item): WriteRequest {
  return { PutRequest: { Item: item } };
}

export function remove(key: Item): WriteRequest {
  return { DeleteRequest: { Key: key } };
}

/** The key attribute names of a schema, for projections. */
export function keyAttributes(schema: KeySchema): string[] {
  return [schema.partitionKey, ...(schema.sortKey ? [schema.sortKey] : [])];
}
