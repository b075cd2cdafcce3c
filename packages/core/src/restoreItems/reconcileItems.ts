import type { WriteRequest } from '@aws-sdk/client-dynamodb';
import { keyOf, type KeySchema } from '../aws/describeTableShape.js';
import type { Item, TableRef } from '../aws/tableRef.js';
import { canonicalItem } from '../sync/canonicalItem.js';
import type { EngineContext } from '../sync/engineContext.js';
import { readItems } from '../sync/readItems.js';
import { reportedKey } from '../sync/reportedKeys.js';
import { DigestAccumulator, itemHash, type TableDigest } from '../sync/tableDigest.js';
import { writeItems } from '../sync/writeItems.js';

/** One key of the selection and what the live table should hold for it (`null`: nothing). */
export interface WantedItem {
  readonly key: Item;
  readonly item: Item | null;
  /**
   * The version the live table is expected to hold now (a diff file's `right`; `null`: no item): a live
   * item equal to it is replaced (or deleted) without `overwriteChanged`. Absent: any live difference is a
   * change made after the time.
   */
  readonly expected?: Item | null;
}

/**
 * What happens to one selected key:
 * - `new`: missing live, written;
 * - `overwritten`: live differs and is replaced: it is the version the source expects there (a diff's
 *   `right`), or `--overwrite-changed` writes back over a change made after the time;
 * - `skipped`: live differs by a later change and is left alone (the default: report, never silently lose a write);
 * - `deleted`: should not exist and does live (`--delete-missing`);
 * - `unchanged`: live already equal.
 */
export type ItemFate = 'new' | 'overwritten' | 'skipped' | 'deleted' | 'unchanged';

/**
 * @example
 * for (const fate of ITEM_FATES) console.log(fate, result.counts[fate]);
 */
export const ITEM_FATES: readonly ItemFate[] = ['new', 'overwritten', 'skipped', 'deleted', 'unchanged'];

/** What a pass over the selection found (and, when applying, did). */
export interface ReconcileOutcome {
  /** Keys of the selection (an item or a deletion each). */
  readonly selected: number;
  readonly counts: Readonly<Record<ItemFate, number>>;
  /** The first keys of each fate (DynamoDB JSON; SHA-256 digests for sensitive tables). */
  readonly samples: Readonly<Record<ItemFate, readonly unknown[]>>;
  /** Digest of the wanted items, leaving out skipped keys. */
  readonly expected: TableDigest;
  /** Digest of the live versions of the same keys, as read before any write of this pass. */
  readonly found: TableDigest;
}

export interface ReconcileOptions {
  /** Write the differences (else only count them: the plan). */
  readonly apply: boolean;
  readonly overwriteChanged: boolean;
  /** Keys kept per fate in `samples`. @default 10 */
  readonly sampleSize?: number;
}

/**
 * Compares each page of wanted items with the live table (BatchGetItem on
 * their keys) and, when `apply`, puts and deletes what differs through the
 * sync engine's batch writer (unprocessed items retried, never dropped).
 * Sources run in parallel (one per scan segment); reads and writes share the
 * engine's pool and pacing. Puts and deletes are idempotent, so a second pass
 * finds everything `unchanged` (or `skipped`): that is the verification.
 */
export async function reconcileItems(
  live: TableRef,
  schema: KeySchema,
  sources: readonly AsyncIterable<WantedItem[]>[],
  options: ReconcileOptions,
  ctx: EngineContext,
): Promise<ReconcileOutcome> {
  const sampleSize = options.sampleSize ?? 10;
  const counts: Record<ItemFate, number> = { new: 0, overwritten: 0, skipped: 0, deleted: 0, unchanged: 0 };
  const samples: Record<ItemFate, unknown[]> = { new: [], overwritten: [], skipped: [], deleted: [], unchanged: [] };
  const expected = new DigestAccumulator();
  const found = new DigestAccumulator();
  let selected = 0;

  const reconcilePage = async (page: WantedItem[]) => {
    const wanted = [...new Map(page.map((w) => [canonicalItem(w.key), w])).values()];
    const liveItems = await readItems(
      live,
      wanted.map((w) => w.key),
      undefined,
      ctx,
    );
    const byKey = new Map(liveItems.map((i) => [canonicalItem(keyOf(i, schema)), i]));
    const writes: WriteRequest[] = [];
    for (const { key, item, expected: now } of wanted) {
      const current = byKey.get(canonicalItem(key));
      const fate = fateOf(item, current, now, options.overwriteChanged);
      selected += 1;
      counts[fate] += 1;
      if (samples[fate].length < sampleSize) samples[fate].push(reportedKey(key, ctx.sensitive));
      if (fate !== 'skipped' && item) {
        expected.add(item);
        if (current) found.add(current);
      }
      if (fate === 'deleted' && current) found.add(current);
      if (!options.apply) continue;
      if (fate === 'new' || fate === 'overwritten') writes.push({ PutRequest: { Item: item! } });
      if (fate === 'deleted') writes.push({ DeleteRequest: { Key: key } });
    }
    if (writes.length) await writeItems(live, writes, schema, ctx);
    ctx.progress.add({ scanned: wanted.length, written: writes.length });
  };

  await Promise.all(
    sources.map(async (source) => {
      try {
        for await (const page of source) {
          if (ctx.signal.aborted) throw ctx.signal.reason;
          if (page.length) await reconcilePage(page);
        }
      } catch (error) {
        // Stop the other sources at once: every write so far is idempotent, a re-run redoes the rest.
        ctx.abort(error);
        throw error;
      }
    }),
  );
  return { selected, counts, samples, expected: expected.value(), found: found.value() };
}

function fateOf(
  wanted: Item | null,
  current: Item | undefined,
  expected: Item | null | undefined,
  overwriteChanged: boolean,
): ItemFate {
  if (!current) return wanted ? 'new' : 'unchanged';
  if (wanted && itemHash(current) === itemHash(wanted)) return 'unchanged';
  // Table mode (no expectation): deleting what did not exist at the time is what --delete-missing asks.
  const replaceable =
    overwriteChanged || (expected === undefined ? !wanted : !!expected && itemHash(current) === itemHash(expected));
  if (!wanted) return replaceable ? 'deleted' : 'skipped';
  return replaceable ? 'overwritten' : 'skipped';
}
