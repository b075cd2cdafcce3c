import type { Item } from '../aws/tableRef.js';
import { readItemFile } from '../itemFile/readItemFile.js';
import { canonicalItem } from '../sync/canonicalItem.js';
import { DigestAccumulator, type TableDigest } from '../sync/tableDigest.js';
import { canaryName, type Canary } from './canaries.js';
import { canaryProblem, type CanaryMismatch } from './verifyCanaries.js';

/**
 * Reads an export file once: every canary in it compared with what it held at T (`expected`, undefined when it
 * did not exist then), and the digest of the file's items recomputed from its content (not taken from its
 * manifest), to compare with the source's digest at T.
 *
 * @example
 * const { mismatches, digest } = await verifyExportFile('/tmp/dynamo-dr-drill-x/Orders.jsonl', expectations);
 */
export async function verifyExportFile(
  file: string,
  expected: ReadonlyMap<Canary, Item | undefined>,
): Promise<{ mismatches: CanaryMismatch[]; digest: TableDigest }> {
  const canaries = [...expected.keys()];
  const keyNames = Object.keys(canaries[0]?.key ?? {});
  const keyOf = (item: Item) => canonicalItem(Object.fromEntries(keyNames.map((k) => [k, item[k] ?? { NULL: true }])));
  const byKey = new Map(canaries.map((c) => [keyOf(c.key), c]));
  const found = new Map<Canary, Item>();
  const digest = new DigestAccumulator();
  for await (const item of readItemFile(file)) {
    digest.add(item);
    const canary = byKey.get(keyOf(item));
    if (canary) found.set(canary, item);
  }
  const mismatches = canaries.flatMap((canary) => {
    const problem = canaryProblem(expected.get(canary), found.get(canary));
    return problem ? [{ key: canaryName(canary), problem }] : [];
  });
  return { mismatches, digest: digest.value() };
}
