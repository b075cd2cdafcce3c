import { createHash } from 'node:crypto';
import { DrError, NotReadyError } from '../errors.js';
import { restoreRunKey, type RecordedExport, type RestoreRun } from '../restore/restoreRun.js';
import { phaseEnded, phaseStarted } from '../runs/runRecord.js';
import { readTableRun, recordTable } from '../runs/tableRun.js';
import { assertBeforeDeadline } from '../workflow/deadline.js';
import { describeExportState, startIncrementalExport } from './exportCalls.js';
import type { TableRevertPlan } from './revertPlan.js';
import type { RevertStepContext } from './revertStepContext.js';

/**
 * Starts the plan's incremental exports and records their ARNs; a resumed run that recorded them starts
 * none. Each start carries a client token made of the incident, the table and the period, so a start
 * repeated after a crash returns the same export instead of a second one.
 */
export async function startRevertExports(ctx: RevertStepContext, plan: TableRevertPlan): Promise<void> {
  const key = restoreRunKey(plan);
  if ((await readTableRun<RestoreRun>(ctx.journal, key))?.exports?.length) return;
  await recordTable<RestoreRun>(ctx.journal, key, (t) => phaseStarted(t, 'restore', new Date()));
  const exports = await startExports(ctx, plan);
  await recordTable<RestoreRun>(ctx.journal, key, (t) => ({ ...t, exports }));
}

/**
 * Returns once every recorded export is COMPLETED, recording their manifests; throws {@link NotReadyError}
 * while one is IN_PROGRESS (the workflow polls), {@link DrError} when one FAILED, and
 * {@link DeadlineExceededError} after `deadline`.
 */
export async function awaitRevertExports(
  ctx: RevertStepContext,
  plan: TableRevertPlan,
  deadline: string,
): Promise<void> {
  const key = restoreRunKey(plan);
  const recorded = (await readTableRun<RestoreRun>(ctx.journal, key))?.exports ?? [];
  if (recorded.length > 0 && recorded.every((e) => e.manifestKey)) return;
  const exports = await completedExports(ctx, plan, recorded, deadline);
  await recordTable<RestoreRun>(ctx.journal, key, (t) => phaseEnded({ ...t, exports }, 'restore', new Date()));
}

/** Starts one incremental export per period of the plan. */
export async function startExports(ctx: RevertStepContext, plan: TableRevertPlan): Promise<RecordedExport[]> {
  const exports: RecordedExport[] = [];
  for (const period of plan.periods) {
    const clientToken = createHash('sha256')
      .update(JSON.stringify([plan.incidentId, plan.tableArn, period.from, period.to]))
      .digest('hex')
      .slice(0, 32);
    const arn = await startIncrementalExport(ctx.dynamodb, {
      tableArn: plan.tableArn,
      bucket: plan.exportBucket,
      ...(plan.exportPrefix !== undefined && { prefix: plan.exportPrefix }),
      from: period.from,
      to: period.to,
      clientToken,
    });
    exports.push({ ...period, arn });
  }
  return exports;
}

/** The exports with their manifests once all are COMPLETED; see {@link awaitRevertExports} for the rest. */
export async function completedExports(
  ctx: RevertStepContext,
  plan: TableRevertPlan,
  exports: readonly RecordedExport[],
  deadline: string,
): Promise<RecordedExport[]> {
  const done: RecordedExport[] = [];
  for (const recorded of exports) {
    if (recorded.manifestKey) {
      done.push(recorded);
      continue;
    }
    const state = await describeExportState(ctx.dynamodb, recorded.arn);
    if (state.status === 'FAILED') {
      throw new DrError(
        `The export ${recorded.arn} of ${plan.tableName} FAILED (${state.failure ?? 'no reason given'}).`,
        {
          hint: `Check that the bucket ${plan.exportBucket} exists and allows DynamoDB to write to it, then run the same command with a new incident id.`,
        },
      );
    }
    if (state.status === 'COMPLETED') done.push({ ...recorded, manifestKey: state.manifestKey! });
  }
  if (done.length === exports.length) return done;
  assertBeforeDeadline(deadline, `the exports of ${plan.tableName}`);
  throw new NotReadyError(`${exports.length - done.length} export(s) of ${plan.tableName} still IN_PROGRESS.`);
}
