import { describeTableShape, type KeySchema } from '../aws/describeTableShape.js';
import type { TableRef } from '../aws/tableRef.js';
import { VerificationError } from '../errors.js';
import type { RunProgress } from '../runs/runContext.js';
import { createEngineContext, type EngineContext } from '../sync/engineContext.js';
import { reconcileItems, type ItemFate, type ReconcileOutcome, type WantedItem } from './reconcileItems.js';
import type { RestoreItemsPlan } from './restoreItemsPlan.js';

/** What a pass found, without its digests: the plan's numbers. */
export interface ItemsPreview {
  readonly selected: number;
  readonly counts: Readonly<Record<ItemFate, number>>;
  readonly samples: Readonly<Record<ItemFate, readonly unknown[]>>;
}

/** The selection read back after the writes: every selected key equals its wanted version, except skipped ones. */
export interface ItemsVerification {
  readonly equal: boolean;
  /** Items compared (selected, minus skipped and deletions). */
  readonly count: number;
  readonly digest: string;
  /** Items left as they are live because they changed after the time (without `--overwrite-changed`). */
  readonly skipped: number;
}

/** The sources of one pass, made anew for each pass (each scan starts from the beginning). */
export type SelectionSources = (live: TableRef, schema: KeySchema, ctx: EngineContext) => AsyncIterable<WantedItem[]>[];

/** Steps of {@link reconcileSelection}, told as they end; `preview` comes before any write. */
export interface ReconcileSteps {
  readonly onPreview?: (preview: ItemsPreview) => void | Promise<void>;
  /** The writes are done; the read-back starts. */
  readonly onVerify?: () => void | Promise<void>;
  readonly onProgress?: (progress: RunProgress) => void;
}

/**
 * The three passes over a selection: count (the plan), write, read back
 * (verification). Stops after the count when `apply` is false.
 *
 * @throws VerificationError when the read-back finds a selected key that is not its wanted version.
 */
export async function reconcileSelection(
  live: TableRef,
  plan: RestoreItemsPlan,
  sources: SelectionSources,
  apply: boolean,
  steps: ReconcileSteps = {},
): Promise<{ preview: ItemsPreview; written?: ItemsPreview; verification?: ItemsVerification }> {
  const schema = (await describeTableShape(live)).keySchema;
  const pass = (phase: string, write: boolean) => {
    const ctx = engine(plan, phase, steps.onProgress);
    return reconcileItems(
      live,
      schema,
      sources(live, schema, ctx),
      { apply: write, overwriteChanged: plan.overwriteChanged },
      ctx,
    );
  };
  const preview = previewOf(await pass('plan', false));
  await steps.onPreview?.(preview);
  if (!apply) return { preview };
  const written = previewOf(await pass('write', true));
  await steps.onVerify?.();
  const check = await pass('verify', false);
  const equal =
    check.counts.new === 0 &&
    check.counts.deleted === 0 &&
    check.counts.overwritten === 0 &&
    check.expected.count === check.found.count &&
    check.expected.digest === check.found.digest;
  if (!equal) {
    throw new VerificationError(
      `${plan.tableName}: selected items differ from the versions written (${check.counts.new} missing, ${check.counts.deleted} not deleted, ${check.counts.overwritten} different)`,
      check.expected,
      check.found,
    );
  }
  const verification = {
    equal,
    count: check.expected.count,
    digest: check.expected.digest,
    skipped: check.counts.skipped,
  };
  return { preview, written, verification };
}

function previewOf(outcome: ReconcileOutcome): ItemsPreview {
  return { selected: outcome.selected, counts: outcome.counts, samples: outcome.samples };
}

function engine(plan: RestoreItemsPlan, phase: string, onProgress?: (p: RunProgress) => void): EngineContext {
  let reported = 0;
  return createEngineContext('delta', plan.segments, {
    sensitive: plan.sensitive,
    maxWriteUnitsPerSecond: plan.maxWriteUnitsPerSecond,
    maxReadUnitsPerSecond: plan.maxReadUnitsPerSecond,
    onProgress: onProgress
      ? (p) => {
          onProgress({ tableName: plan.tableName, phase, newItems: p.scanned - reported });
          reported = p.scanned;
        }
      : undefined,
  });
}
