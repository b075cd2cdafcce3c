/**
 * Capacity units as DynamoDB counts them.
 * Sizes: see ../dynamodb/itemSize.ts.
 * Units: https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/read-write-operations.html
 * (a write unit per 1 KB of item, a strongly consistent read unit per 4 KB, rounded up per item).
 */

import { itemSize } from '../dynamodb/itemSize.js';

/** Write units of putting `item`: one per started KB, at least one (also for a missing item). */
export function writeUnits(item: unknown): number {
  return Math.max(1, Math.ceil(itemSize(item) / 1024));
}

/**
 * The units a response says `table` consumed (its `ConsumedCapacity`, an
 * object for single-table operations and a list for batches), if it says.
 */
export function consumedUnits(response: unknown, table: string): number | undefined {
  const consumed = (response as { ConsumedCapacity?: unknown } | undefined)?.ConsumedCapacity;
  const entries = (Array.isArray(consumed) ? consumed : [consumed]) as (
    { TableName?: string; CapacityUnits?: number } | undefined
  )[];
  return entries.find((c) => c?.TableName === table)?.CapacityUnits;
}
