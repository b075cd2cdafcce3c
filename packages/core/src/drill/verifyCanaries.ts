import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { Item } from '../aws/tableRef.js';
import { canonicalItem } from '../sync/canonicalItem.js';
import { canaryName, type Canary } from './canaries.js';
import { getItem } from './canaryCalls.js';

/** One canary that did not come back as it was at the point in time, and how. */
export interface CanaryMismatch {
  /** The canary and its key (`canary#2 {"pk":"…"}`). */
  readonly key: string;
  /** `missing`, `attribute X altered (expected …, found …)`, `attribute X missing`, `present but written after the point in time`. */
  readonly problem: string;
}

/**
 * Reads every canary from the recovered table and compares it with what it held at T: `expected` maps each canary
 * to its item at T, or undefined when it did not exist then.
 *
 * @example
 * const mismatches = await verifyCanaries(target, 'Orders-drill-1', expectations);
 */
export async function verifyCanaries(
  client: DynamoDBClient,
  tableName: string,
  expected: ReadonlyMap<Canary, Item | undefined>,
): Promise<CanaryMismatch[]> {
  const mismatches: CanaryMismatch[] = [];
  for (const [canary, atT] of expected) {
    const found = await getItem(client, tableName, canary.key);
    const problem = canaryProblem(atT, found);
    if (problem) mismatches.push({ key: canaryName(canary), problem });
  }
  return mismatches;
}

/** What is wrong with `found` when the canary was `atT` (undefined when nothing is). */
export function canaryProblem(atT: Item | undefined, found: Item | undefined): string | undefined {
  if (!atT) return found ? 'present but written after the point in time (the restore is too late)' : undefined;
  if (!found) return 'missing';
  const problems: string[] = [];
  for (const name of [...new Set([...Object.keys(atT), ...Object.keys(found)])].sort()) {
    const want = atT[name];
    const got = found[name];
    if (!got) problems.push(`attribute ${name} missing`);
    else if (!want) problems.push(`attribute ${name} added (${shown(got)})`);
    else if (canonicalItem({ v: want }) !== canonicalItem({ v: got })) {
      problems.push(`attribute ${name} altered (expected ${shown(want)}, found ${shown(got)})`);
    }
  }
  return problems.length ? problems.join('; ') : undefined;
}

function shown(value: Item[string]): string {
  const text = JSON.stringify(value.S ?? value.N ?? value);
  return text.length > 80 ? `${text.slice(0, 77)}..."` : text;
}
