import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import type { Item } from '../aws/tableRef.js';

/**
 * An item's size as DynamoDB bills it: attribute names plus values, numbers
 * about one byte per two significant digits, 3 bytes per list or map plus 1
 * per element
 * (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/CapacityUnitCalculations.html).
 * Used to pace requests before DynamoDB reports what they consumed.
 */
export function itemSize(item: Item): number {
  let size = 0;
  for (const name in item) size += Buffer.byteLength(name) + valueSize(item[name]!);
  return size;
}

function valueSize(value: AttributeValue): number {
  if (value.S !== undefined) return Buffer.byteLength(value.S);
  if (value.N !== undefined) return numberSize(value.N);
  if (value.B !== undefined) return value.B.byteLength;
  if (value.BOOL !== undefined || value.NULL !== undefined) return 1;
  if (value.SS !== undefined) return value.SS.reduce((s, v) => s + Buffer.byteLength(v), 0);
  if (value.NS !== undefined) return value.NS.reduce((s, v) => s + numberSize(v), 0);
  if (value.BS !== undefined) return value.BS.reduce((s, v) => s + v.byteLength, 0);
  if (value.L !== undefined) return value.L.reduce((s, v) => s + 1 + valueSize(v), 3);
  if (value.M !== undefined) return 3 + Object.keys(value.M).length + itemSize(value.M);
  return 0;
}

function numberSize(n: string): number {
  const digits = n
    .replace(/[eE].*$/, '')
    .replace(/[^0-9]/g, '')
    .replace(/^0+/, '')
    .replace(/0+$/, '');
  return Math.ceil(digits.length / 2) + 1;
}

/** Write capacity units of putting or deleting an item: one per started KB. */
export function writeUnits(item: Item): number {
  return Math.max(1, Math.ceil(itemSize(item) / 1024));
}
