import type { DescribeExecutionCommandOutput, SFNClient } from '@aws-sdk/client-sfn';
import type { RunJournal } from '../journal/runJournal.js';
import type { RestoreRun } from '../restore/restoreRun.js';
import type { RunProgress } from '../runs/runContext.js';
import { runOfKind } from '../runs/tableRun.js';
import { describeExecutionIfExists, historyAfter } from './stepFunctionsCalls.js';

/** What a follower is told while an execution runs. */
export interface ExecutionObserver {
  /** Each state the execution enters, by its name in the definition. */
  readonly onStep?: (tableName: string, step: string) => void;
  /** Items scanned by the sync and the verification, as the journal records finished segments. */
  readonly onProgress?: (progress: RunProgress) => void;
  /** Wait between polls, in ms. @default 1000 */
  readonly pollIntervalMs?: number;
}

/**
 * Follows a table's restore execution until it ends: its history (GetExecutionHistory) names the states it
 * enters, and the run journal the items its segments processed. Returns the ended execution.
 */
export async function followExecution(
  sfn: SFNClient,
  journal: RunJournal,
  target: { readonly executionArn: string; readonly incidentId: string; readonly tableName: string },
  observer: ExecutionObserver = {},
): Promise<DescribeExecutionCommandOutput> {
  let lastEventId = 0;
  const reported = new Map<string, number>();
  for (;;) {
    for (const event of await historyAfter(sfn, target.executionArn, lastEventId)) {
      lastEventId = Math.max(lastEventId, event.id ?? 0);
      const entered = event.stateEnteredEventDetails?.name;
      if (entered) observer.onStep?.(target.tableName, entered);
    }
    if (observer.onProgress) {
      const run = runOfKind<RestoreRun>(await journal.getRun(target.incidentId), 'restore');
      for (const [phase, counts] of Object.entries(run?.tables[target.tableName]?.counts ?? {})) {
        const scanned = counts?.scanned ?? 0;
        const newItems = scanned - (reported.get(phase) ?? 0);
        reported.set(phase, scanned);
        if (newItems > 0) observer.onProgress({ tableName: target.tableName, phase, newItems });
      }
    }
    const execution = await describeExecutionIfExists(sfn, target.executionArn);
    if (execution && execution.status !== 'RUNNING') return execution;
    await new Promise((resolve) => setTimeout(resolve, observer.pollIntervalMs ?? 1000));
  }
}
