import type { Item } from '../aws/tableRef.js';

/**
 * One line of a diff file: an item present only on the right (`added`), only on the left (`removed`), or on
 * both sides with different content (`changed`). `key` is the item's primary key; `left`/`right` are the
 * whole item on each side, `null` where absent. All values in AttributeValue form, so nothing is lost.
 *
 * On disk: `{"change":"changed","key":{...},"left":{...},"right":{...}}`, with binaries in base64.
 */
export interface ItemChange {
  readonly change: 'added' | 'removed' | 'changed';
  readonly key: Item;
  readonly left: Item | null;
  readonly right: Item | null;
}

/** The change kinds, in the order a summary lists them. */
export const ITEM_CHANGE_KINDS: readonly ItemChange['change'][] = ['added', 'removed', 'changed'];
