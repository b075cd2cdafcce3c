import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import type { Item } from '../aws/tableRef.js';

/**
 * A string that is equal for two items exactly when DynamoDB considers them
 * equal: map keys sorted at every depth, sets sorted (DynamoDB sets are
 * unordered), numbers normalised (`1.0`, `1` and `10E-1` are one DynamoDB
 * number), binaries in base64. Lists keep their order.
 */
export function canonicalItem(item: Item): string {
  return canonicalMap(item);
}

function canonicalMap(map: Record<string, AttributeValue>): string {
  const names = Object.keys(map).sort();
  let out = '{';
  for (const name of names) out += `${JSON.stringify(name)}:${canonicalValue(map[name]!)},`;
  return `${out}}`;
}

function canonicalValue(value: AttributeValue): string {
  if (value.S !== undefined) return `S${JSON.stringify(value.S)}`;
  if (value.N !== undefined) return `N${normalizeNumber(value.N)}`;
  if (value.B !== undefined) return `B${base64(value.B)}`;
  if (value.BOOL !== undefined) return value.BOOL ? 'T' : 'F';
  if (value.NULL !== undefined) return 'Z';
  if (value.SS !== undefined) return `SS${JSON.stringify([...value.SS].sort())}`;
  if (value.NS !== undefined) return `NS${JSON.stringify(value.NS.map(normalizeNumber).sort())}`;
  if (value.BS !== undefined) return `BS${JSON.stringify(value.BS.map(base64).sort())}`;
  if (value.L !== undefined) return `L[${value.L.map(canonicalValue).join(',')}]`;
  if (value.M !== undefined) return `M${canonicalMap(value.M)}`;
  throw new TypeError(`Unknown DynamoDB attribute value: ${JSON.stringify(Object.keys(value))}`);
}

function base64(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');
}

/**
 * One spelling per DynamoDB number, without going through a JS number (which
 * would round anything past ~16 significant digits; DynamoDB keeps 38):
 * sign, significant digits without leading or trailing zeros, and a power of
 * ten — `-1.50E+3` becomes `-15e2`, `0.000` becomes `0`.
 */
export function normalizeNumber(text: string): string {
  let s = text.trim();
  let sign = '';
  if (s.startsWith('-') || s.startsWith('+')) {
    if (s.startsWith('-')) sign = '-';
    s = s.slice(1);
  }
  const [mantissa = '', exponent] = s.split(/[eE]/);
  const [whole = '', fraction = ''] = mantissa.split('.');
  let digits = (whole + fraction).replace(/^0+/, '');
  if (digits === '') return '0';
  let power = Number(exponent ?? 0) - fraction.length;
  const trimmed = digits.replace(/0+$/, '');
  power += digits.length - trimmed.length;
  digits = trimmed;
  return `${sign}${digits}e${power}`;
}
