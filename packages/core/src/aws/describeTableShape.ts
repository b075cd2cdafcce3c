import { DescribeTableCommand, ResourceNotFoundException, type KeySchemaElement } from '@aws-sdk/client-dynamodb';
import { DrError } from '../errors.js';
import type { Item, TableRef } from './tableRef.js';

/** A table's primary key, as DescribeTable reports it. */
export interface KeySchema {
  readonly partitionKey: string;
  readonly sortKey?: string;
}

/** What the sync needs to know of a table. */
export interface TableShape {
  readonly keySchema: KeySchema;
  /** DynamoDB's item count estimate (refreshed about every 6 hours; 0 when unknown). */
  readonly itemCount: number;
}

/**
 * Reads a table's primary key attributes from DescribeTable, so that no
 * attribute name is ever assumed (no `pk`/`sk` hard-coded).
 */
export async function describeTableShape(table: TableRef): Promise<TableShape> {
  let schema;
  let itemCount = 0;
  try {
    const out = await table.client.send(new DescribeTableCommand({ TableName: table.tableName }));
    schema = out.Table?.KeySchema;
    itemCount = out.Table?.ItemCount ?? 0;
  } catch (error) {
    if (error instanceof ResourceNotFoundException) {
      throw new DrError(`Table ${JSON.stringify(table.tableName)} does not exist in this account and region.`, {
        hint: 'Check the table name, --region and --endpoint-url.',
        cause: error,
      });
    }
    throw error;
  }
  return { keySchema: keySchemaOf(schema, table.tableName), itemCount };
}

/** The primary key attributes in a DescribeTable answer's `KeySchema`. */
export function keySchemaOf(schema: readonly KeySchemaElement[] | undefined, tableName: string): KeySchema {
  const partitionKey = schema?.find((k) => k.KeyType === 'HASH')?.AttributeName;
  if (!partitionKey) throw new DrError(`DescribeTable returned no partition key for ${tableName}.`);
  const sortKey = schema?.find((k) => k.KeyType === 'RANGE')?.AttributeName;
  return sortKey ? { partitionKey, sortKey } : { partitionKey };
}

/** The key attributes of an item. */
export function keyOf(item: Item, schema: KeySchema): Item {
  const key: Item = { [schema.partitionKey]: item[schema.partitionKey]! };
  if (schema.sortKey) key[schema.sortKey] = item[schema.sortKey]!;
  return key;
}

/** Whether two tables have the same key attribute names (copying between different schemas cannot work). */
export function sameKeySchema(a: KeySchema, b: KeySchema): boolean {
  return a.partitionKey === b.partitionKey && a.sortKey === b.sortKey;
}
