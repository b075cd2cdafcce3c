/**
 * Item sizes as DynamoDB counts them, for capacity units and for the table
 * and index sizes DescribeTable reports: attribute names plus values.
 * https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/CapacityUnitCalculations.html
 */

type AttributeValue = Record<string, unknown>;

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

// Malformed values count as empty: callers may measure a request before DynamoDB has validated it.
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

/** An item's size in bytes: attribute names plus values (UTF-8 names, values per their type). */
export function itemSize(item: unknown): number {
  return Object.entries(map(item)).reduce((sum, [name, value]) => sum + utf8(name) + valueSize(map(value)), 0);
}
