import type { WriteRequest } from '@aws-sdk/client-dynamodb';
import { createHash } from 'node:crypto';
import { keyOf, type KeySchema } from '../aws/describeTableShape.js';
import type { Item } from '../aws/tableRef.js';
import { itemToJson } from './attributeJson.js';
import { canonicalItem } from './canonicalItem.js';

/**
 * The keys an error names: DynamoDB JSON, or for sensitive tables the
 * SHA-256 of each key's canonical form (enough to match against a forensic
 * backup, never the value itself).
 */
export function reportedKeys(requests: readonly WriteRequest[], schema: KeySchema, sensitive: boolean): unknown[] {
  return requests.map((r) => {
    const key = r.DeleteRequest?.Key ?? keyOf(r.PutRequest!.Item!, schema);
    return reportedKey(key, sensitive);
  });
}

export function reportedKey(key: Item, sensitive: boolean): unknown {
  return sensitive ? { sha256: createHash('sha256').update(canonicalItem(key)).digest('hex') } : itemToJson(key);
}
