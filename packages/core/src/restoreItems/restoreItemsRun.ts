import type { RecordedVerification, RunRecordOf, TableRunBase } from '../runs/runRecord.js';
import type { TableRunKey } from '../runs/tableRun.js';
import type { ItemFate } from './reconcileItems.js';
import type { RestoreItemsPlan } from './restoreItemsPlan.js';

/** What a pass over the selection counted: its keys, and each key's fate. */
export type ItemCounts = { readonly selected: number } & Readonly<Record<ItemFate, number>>;

/** A selective restore's part of its run. */
export interface RestoreItemsTableRun extends TableRunBase<RestoreItemsPlan> {
  readonly counts: {
    /** The count before any write: the plan's numbers. */
    readonly preview?: ItemCounts;
    /** What the write pass did. */
    readonly written?: ItemCounts;
    /** Items the read-back left alone because they changed after the time. */
    readonly verifySkipped?: number;
  };
  readonly verification?: RecordedVerification;
}

/** The journal record of `dynamo-dr restore-items`. */
export type RestoreItemsRun = RunRecordOf<'restore-items', RestoreItemsTableRun>;

/** Where a selective restore is recorded. */
export function restoreItemsRunKey(
  plan: Pick<RestoreItemsPlan, 'incidentId' | 'tableName'>,
): TableRunKey<'restore-items'> {
  return { kind: 'restore-items', incidentId: plan.incidentId, tableName: plan.tableName };
}
