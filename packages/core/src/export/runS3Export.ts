import { randomUUID } from 'node:crypto';
import { DrError, NotReadyError } from '../errors.js';
import type { RunContext } from '../runs/runContext.js';
import { phaseEnded, phaseStarted } from '../runs/runRecord.js';
import { endTableRun, readTableRun, recordAttempt, recordTable } from '../runs/tableRun.js';
import { assertBeforeDeadline } from '../workflow/deadline.js';
import { untilReady } from '../workflow/untilReady.js';
import { describeExport, startFullExport, type ExportDescription } from '../s3Export/s3ExportCalls.js';
import { s3ExportRunKey, type S3ExportPlan, type S3ExportRun, type S3ExportTableRun } from './s3ExportPlan.js';

/** How {@link runS3Export} runs. */
export interface RunS3ExportOptions {
  /** First wait between polls of DescribeExport, in ms (doubling up to 20 s). @default 500 */
  readonly pollIntervalMs?: number;
  /** How long to wait for the export, in minutes (a rerun of the same incident waits again). @default 24 hours */
  readonly deadlineMinutes?: number;
  /** Told each DescribeExport while the export runs. */
  readonly onStatus?: (status: ExportDescription) => void;
  /** Identifies this invocation in the run's attempts. @default a new UUID */
  readonly executionId?: string;
}

/** What a completed export to S3 is: where its manifest is, and what it holds. */
export interface S3ExportResult {
  readonly incidentId: string;
  readonly tableName: string;
  readonly exportArn: string;
  readonly exportTime: string;
  readonly bucket: string;
  /** The summary manifest's key, and the same as an `s3://` URI (what `export verify` takes). */
  readonly manifestKey: string;
  readonly manifestUri: string;
  readonly itemCount: number;
  readonly billedSizeBytes?: number;
  /** True when this invocation attached to an export an earlier one started. */
  readonly attached: boolean;
}

/**
 * Runs a full export to S3: records the run (kind `export`, as `export-<incident>`), starts the export with
 * the plan's client token (or attaches to the one the journal records: a rerun never starts a second), polls
 * DescribeExport until COMPLETED and records its manifest and item count. The export reads no table capacity
 * (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/S3DataExport.HowItWorks.html).
 *
 * @example
 * const plan = await planS3Export(ddb, aws, journal, { tableName: 'Orders', bucket: 'audits' });
 * const { manifestUri, itemCount } = await runS3Export({ dynamodb: ddb, aws, journal, startedBy }, plan);
 */
export async function runS3Export(
  ctx: RunContext,
  plan: S3ExportPlan,
  options: RunS3ExportOptions = {},
): Promise<S3ExportResult> {
  const key = s3ExportRunKey(plan);
  const fresh: S3ExportTableRun = { plan, result: 'running', phases: {} };
  await recordAttempt<S3ExportRun>(ctx, key, fresh, {
    executionId: options.executionId ?? randomUUID(),
    requestedTime: plan.exportTime,
    restoreTime: plan.exportTime,
  });
  try {
    const recorded = await readTableRun<S3ExportRun>(ctx.journal, key);
    const attached = recorded?.exportArn !== undefined;
    const exportArn = recorded?.exportArn ?? (await startAndRecord(ctx, plan));
    const deadline = new Date(Date.now() + (options.deadlineMinutes ?? 24 * 60) * 60_000).toISOString();
    const done = await untilReady(async () => {
      const state = await describeExport(ctx.dynamodb, exportArn);
      options.onStatus?.(state);
      if (state.status === 'FAILED') {
        throw new DrError(
          `The export ${exportArn} of ${plan.tableName} FAILED (${state.failure ?? 'no reason given'}).`,
          {
            hint: `Check that the bucket ${plan.bucket} exists and allows DynamoDB to write to it, then run the same command with a new incident id.`,
          },
        );
      }
      if (state.status === 'COMPLETED') return state;
      assertBeforeDeadline(deadline, `the export ${exportArn}`);
      throw new NotReadyError(`The export ${exportArn} is IN_PROGRESS.`);
    }, options.pollIntervalMs);
    await recordTable<S3ExportRun>(ctx.journal, key, (t) => ({
      ...phaseEnded(t, 'restore', new Date()),
      manifestKey: done.manifestKey!,
      exported: done.itemCount ?? 0,
      ...(done.billedSizeBytes !== undefined && { billedSizeBytes: done.billedSizeBytes }),
    }));
    await endTableRun(ctx, key);
    return {
      incidentId: plan.incidentId,
      tableName: plan.tableName,
      exportArn,
      exportTime: done.exportTime ?? plan.exportTime,
      bucket: plan.bucket,
      manifestKey: done.manifestKey!,
      manifestUri: `s3://${plan.bucket}/${done.manifestKey!}`,
      itemCount: done.itemCount ?? 0,
      ...(done.billedSizeBytes !== undefined && { billedSizeBytes: done.billedSizeBytes }),
      attached,
    };
  } catch (error) {
    await endTableRun(ctx, key, { name: (error as Error).name, message: (error as Error).message });
    throw error;
  }
}

/** Starts the export and records its ARN before anything else can fail. */
async function startAndRecord(ctx: RunContext, plan: S3ExportPlan): Promise<string> {
  const key = s3ExportRunKey(plan);
  await recordTable<S3ExportRun>(ctx.journal, key, (t) => phaseStarted(t, 'restore', new Date()));
  const exportArn = await startFullExport(ctx.dynamodb, {
    tableArn: plan.tableArn,
    bucket: plan.bucket,
    ...(plan.prefix !== undefined && { prefix: plan.prefix }),
    exportTime: plan.exportTime,
    clientToken: plan.clientToken,
  });
  await recordTable<S3ExportRun>(ctx.journal, key, (t) => ({ ...t, exportArn }));
  return exportArn;
}
