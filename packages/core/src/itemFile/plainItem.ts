import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { Item } from '../aws/tableRef.js';

/**
 * An item as plain JSON for the lossy formats: util-dynamodb's `unmarshall`, made JSON-safe. Numbers a JS
 * number holds exactly become numbers, the rest stay strings (DynamoDB keeps 38 digits, a double ~16); sets
 * become sorted arrays (DynamoDB sets are unordered); binaries become base64 strings.
 */
export function plainItem(item: Item): Record<string, unknown> {
  const value = unmarshall(item, { wrapNumbers: exactNumber });
  return jsonSafe(value) as Record<string, unknown>;
}

function exactNumber(text: string): number | string {
  const n = Number(text);
  return Number.isFinite(n) && String(n) === text ? n : text;
}

function jsonSafe(value: unknown): unknown {
  if (value instanceof Uint8Array)
    return Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('base64');
  if (value instanceof Set) return [...value].map(jsonSafe).sort(compareSetMembers);
  if (Array.isArray(value)) return value.map(jsonSafe);
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [name, member] of Object.entries(value)) out[name] = jsonSafe(member);
    return out;
  }
  return value;
}

function compareSetMembers(a: unknown, b: unknown): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return String(a) < String(b) ? -1 : String(a) > String(b) ? 1 : 0;
}
