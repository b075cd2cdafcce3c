/**
 * Capacity units as DynamoDB counts them.
 * Sizes: https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/CapacityUnitCalculations.html
 * Units: https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/read-write-operations.html
 */

type AttributeValue = Record<string, unknown>;
/** An item as DynamoDB JSON, or `undefined` where there is none (a new key, a key not found). */
export type ItemImage = Record<string, AttributeValue> | undefined;

const KB = 1024;
const READ_BLOCK = 4 * KB;

const utf8 = (s: unknown) => Buffer.byteLength(String(s), 'utf8');

/** Leading and trailing zeros are trimmed; one byte per two significant digits, plus one. */
function numberSize(n: unknown): number {
  const mantissa = String(n)
    .replace(/^[-+]/, '')
    .replace(/e.*$/i, '')
    .replace('.', '')
    .replace(/^0+/, '')
    .replace(/0+$/, '');
  return Math.ceil(Math.max(mantissa.length, 1) / 2) + 1;
}

// Malformed values count as empty: DynamoDB's own validation answers them after the fault check.
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const map = (v: unknown): Record<string, AttributeValue> => (v && typeof v === 'object' ? (v as never) : {});

function valueSize(value: AttributeValue): number {
  const [type, v] = Object.entries(map(value))[0] ?? ['NULL', true];
  switch (type) {
    case 'S':
      return utf8(v);
    case 'N':
      return numberSize(v);
    case 'B':
      return Buffer.byteLength(String(v), 'base64');
    case 'SS':
      return list(v).reduce<number>((sum, s) => sum + utf8(s), 0);
    case 'NS':
      return list(v).reduce<number>((sum, s) => sum + numberSize(s), 0);
    case 'BS':
      return list(v).reduce<number>((sum, s) => sum + Buffer.byteLength(String(s), 'base64'), 0);
    case 'L':
      // 3 bytes per List or Map, 1 more per element.
      return 3 + list(v).reduce<number>((sum, el) => sum + 1 + valueSize(map(el)), 0);
    case 'M':
      return 3 + Object.keys(map(v)).length + itemSize(map(v));
    default:
      return 1; // NULL, BOOL
  }
}

/** An item's size in bytes: attribute names plus values. */
export function itemSize(item: Record<string, AttributeValue>): number {
  return Object.entries(item).reduce((sum, [name, value]) => sum + utf8(name) + valueSize(map(value)), 0);
}

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
