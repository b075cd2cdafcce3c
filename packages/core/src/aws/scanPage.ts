import { ScanCommand } from '@aws-sdk/client-dynamodb';
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import type { Item, TableRef } from './tableRef.js';

export interface ScanPageRequest {
  readonly segment: number;
  readonly totalSegments: number;
  readonly startKey?: Item;
  /** Attribute names to return (all when absent). */
  readonly attributes?: readonly string[];
  /** Most items to return (the page also ends at 1 MB). */
  readonly limit?: number;
  /** Only items matching this filter come back (DynamoDB evaluates it after reading the page). */
  readonly filter?: ScanFilter;
  readonly signal?: AbortSignal;
}

/** A FilterExpression with its placeholders, as DynamoDB takes them. */
export interface ScanFilter {
  readonly expression: string;
  readonly names?: Record<string, string>;
  readonly values?: Record<string, AttributeValue>;
}

export interface ScanPage {
  readonly items: Item[];
  /** Where the next page starts; absent on the segment's last page. */
  readonly lastKey?: Item;
  /** Read capacity units the page consumed (as reported, else estimated by the caller). */
  readonly consumedUnits?: number;
}

/**
 * Reads one page (up to 1 MB) of one parallel-scan segment
 * (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Scan.html#Scan.ParallelScan).
 */
export async function scanPage(table: TableRef, request: ScanPageRequest): Promise<ScanPage> {
  const projection = request.attributes && projectionOf(request.attributes);
  const filter = request.filter;
  // Projection and filter placeholders share ExpressionAttributeNames: `#dr_k<i>` is refused as a user name.
  const names = { ...filter?.names, ...projection?.ExpressionAttributeNames };
  const out = await table.client.send(
    new ScanCommand({
      TableName: table.tableName,
      Segment: request.segment,
      TotalSegments: request.totalSegments,
      ExclusiveStartKey: request.startKey,
      Limit: request.limit,
      ReturnConsumedCapacity: 'TOTAL',
      ProjectionExpression: projection?.ProjectionExpression,
      FilterExpression: filter?.expression,
      ExpressionAttributeNames: Object.keys(names).length ? names : undefined,
      ExpressionAttributeValues: filter?.values,
    }),
    { abortSignal: request.signal },
  );
  return { items: out.Items ?? [], lastKey: out.LastEvaluatedKey, consumedUnits: out.ConsumedCapacity?.CapacityUnits };
}

/** A projection over placeholders, since key names may be reserved words (e.g. `name`, `date`). */
export function projectionOf(attributes: readonly string[]): {
  ProjectionExpression: string;
  ExpressionAttributeNames: Record<string, string>;
} {
  const names: Record<string, string> = {};
  attributes.forEach((a, i) => (names[`#dr_k${i}`] = a));
  return { ProjectionExpression: Object.keys(names).join(', '), ExpressionAttributeNames: names };
}
