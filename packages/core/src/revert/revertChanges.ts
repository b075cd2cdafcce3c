import type { Item } from '../aws/tableRef.js';
import { canonicalItem } from '../sync/canonicalItem.js';
import type { ExportChange } from './exportChanges.js';
import type { ConflictPolicy } from './revertPlan.js';

/** One key to bring back to its image at the time: put `image`, or delete `key` when it had none. */
export interface RevertAction {
  readonly key: Item;
  readonly image?: Item;
}

/** What a revert writes, and what it leaves. */
export interface RevertChanges {
  /** In key order, so that a resumed run skips exactly the ones already written. */
  readonly actions: readonly RevertAction[];
  /** Keys written in the window and again after it. */
  readonly conflicts: readonly Item[];
  /** Keys written in the window that ended as they were at the time. */
  readonly unchanged: number;
}

/**
 * What undoes the window's writes. `window` and `later` are the changes of each export of the chain, in
 * time order. A key's image at the time is its old image in the first window export that has it (later
 * periods' old images are the state at their own start); its image after the window is its new image in the
 * last. A key also changed in a `later` period is a conflict: listed, and written only when `onConflict` is
 * `overwrite`.
 *
 * @example
 * revertChanges([changes], [], 'skip').actions; // [{ key, image }] — image absent for a key to delete
 */
export function revertChanges(
  window: readonly (readonly ExportChange[])[],
  later: readonly (readonly ExportChange[])[],
  onConflict: ConflictPolicy,
): RevertChanges {
  const atTime = new Map<string, RevertAction>();
  const afterWindow = new Map<string, Item | undefined>();
  for (const changes of window) {
    for (const change of changes) {
      const key = canonicalItem(change.keys);
      if (!atTime.has(key)) atTime.set(key, { key: change.keys, ...(change.oldImage && { image: change.oldImage }) });
      afterWindow.set(key, change.newImage);
    }
  }
  const rewritten = new Set(later.flatMap((changes) => changes.map((c) => canonicalItem(c.keys))));
  const actions: [string, RevertAction][] = [];
  const conflicts: Item[] = [];
  let unchanged = 0;
  for (const [key, action] of atTime) {
    if (rewritten.has(key)) {
      conflicts.push(action.key);
      if (onConflict === 'overwrite') actions.push([key, action]);
    } else if (sameImage(afterWindow.get(key), action.image)) unchanged += 1;
    else actions.push([key, action]);
  }
  actions.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return { actions: actions.map(([, action]) => action), conflicts, unchanged };
}

/** Whether two images are the same item (or both absent), in DynamoDB's sense of equality. */
export function sameImage(a: Item | undefined, b: Item | undefined): boolean {
  return a === undefined || b === undefined ? a === b : canonicalItem(a) === canonicalItem(b);
}
