/**
 * Capacity units as DynamoDB counts them.
 * Sizes: see ../dynamodb/itemSize.ts.
 * Units: https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/read-write-operations.html
 */

import { itemSize } from '../dynamodb/itemSize.js';

type AttributeValue = Record<string, unknown>;
/** An item as DynamoDB JSON, or `undefined` where there is none (a new key, a key not found). */
export type ItemImage = Record<string, AttributeValue> | undefined;

const KB = 1024;
const READ_BLOCK = 4 * KB;

/**
 * Write units of one put, update or delete: 1 per started KB of the larger of
 * the item before and after the write (AWS: "the item size that matters is
 * the larger of the two"; a delete is charged "based on the size of the
 * deleted item"), at least 1 when neither exists. In a BatchWriteItem each
 * request is rounded on its own ("DynamoDB first rounds up the size of each
 * item to the next 1 KB boundary, and then calculates the total size").
 */
export function writeUnits(...images: ItemImage[]): number {
  const largest = Math.max(0, ...images.map((image) => (image ? itemSize(image) : 0)));
  return Math.max(1, Math.ceil(largest / KB));
}

/**
 * Read units of reading one item (GetItem, or one key of a BatchGetItem): 1 per
 * started 4 KB, halved when eventually consistent. A key not found still costs
 * a read ("If you perform a read operation on an item that does not exist,
 * DynamoDB still consumes provisioned read throughput"). A projection changes
 * nothing: the whole item is read.
 */
export function readUnits(image: ItemImage, consistent: boolean): number {
  return blocksOf(image ? itemSize(image) : 0) * (consistent ? 1 : 0.5);
}

/**
 * Read units of a Query or Scan page: the items it evaluated, before any
 * filter or projection ("DynamoDB considers the size of the items that are
 * evaluated, not the size of the items returned"), summed and then rounded up
 * to 4 KB as one read, halved when eventually consistent. A page that
 * evaluates nothing is charged one read, as a key not found is.
 */
export function evaluatedUnits(evaluated: readonly ItemImage[], consistent: boolean): number {
  const bytes = evaluated.reduce<number>((sum, image) => sum + (image ? itemSize(image) : 0), 0);
  return blocksOf(bytes) * (consistent ? 1 : 0.5);
}

function blocksOf(bytes: number): number {
  return Math.max(1, Math.ceil(bytes / READ_BLOCK));
}

/** A request's item or key as an image; anything that is not an object is none (DynamoDB will refuse it). */
export function asImage(value: unknown): ItemImage {
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as ItemImage) : undefined;
}
