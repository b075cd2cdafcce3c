import { S3Client } from '@aws-sdk/client-s3';
import { createAwsClient } from '../aws/createAwsClient.js';
import { restoreDeadline } from '../restore/restoreHandlers.js';
import { settingsOf } from '../restore/restorePlan.js';
import type { RestoreRun } from '../restore/restoreRun.js';
import { runRecovery, type RestoreContext, type RunRestoreOptions } from '../restore/runRestore.js';
import { reportedKey } from '../sync/reportedKeys.js';
import { untilReady } from '../workflow/untilReady.js';
import { completedExports, startExports } from './revertExports.js';
import { revertHandlers } from './revertHandlers.js';
import { loadRevertChanges } from './revertItems.js';
import type { RevertPlan } from './revertPlan.js';
import type { RevertStepContext } from './revertStepContext.js';
import { revertWorkflow } from './revertWorkflow.js';

/** Keys shown in a dry run's sample, per table. */
const SAMPLE_KEYS = 5;

/**
 * Executes a validated revert in this process, each table's revert workflow straight from the plan, with
 * the restore's executor (locks all or none, tables in parallel, one engine context per table). Resumes what
 * the same incident left unfinished: recorded exports are reused, recorded writes not repeated.
 *
 * @example
 * const plan = await planRevert(ddb, aws, journal, request);
 * const run = await runRevert({ dynamodb: ddb, aws, journal, startedBy, checkpoints }, plan);
 */
export async function runRevert(
  ctx: RestoreContext,
  plan: RevertPlan,
  options: RunRestoreOptions = {},
): Promise<RestoreRun> {
  const s3 = createAwsClient(S3Client, ctx.aws);
  try {
    return await runRecovery<RevertPlan['tables'][number], RevertStepContext>(
      ctx,
      plan,
      options,
      (table) => ({ workflow: revertWorkflow(settingsOf(table), table), handlers: revertHandlers }),
      (context) => ({ ...context, s3 }),
    );
  } finally {
    s3.destroy();
  }
}

/** What a revert of one table would write: counts and a few of the keys (as the journal may show them). */
export interface RevertPreview {
  readonly tableName: string;
  readonly puts: number;
  readonly deletes: number;
  readonly unchanged: number;
  readonly conflicts: readonly unknown[];
  readonly sample: readonly unknown[];
}

/**
 * A dry run of a revert: runs the plan's exports (they read only the table's backups) and says what would be
 * written, writing nothing and recording nothing.
 *
 * @example
 * const [orders] = await previewRevert(ctx, plan); // { tableName: 'Orders', puts: 12, deletes: 3, ... }
 */
export async function previewRevert(
  ctx: RestoreContext,
  plan: RevertPlan,
  options: Pick<RunRestoreOptions, 'pollIntervalMs'> = {},
): Promise<RevertPreview[]> {
  const s3 = createAwsClient(S3Client, ctx.aws);
  const context = { ...ctx, s3, engineClient: ctx.dynamodb };
  try {
    return await Promise.all(
      plan.tables.map(async (table) => {
        const started = await startExports(context, table);
        const deadline = restoreDeadline(table);
        const exports = await untilReady(
          () => completedExports(context, table, started, deadline),
          options.pollIntervalMs,
        );
        const changes = await loadRevertChanges(context, table, exports);
        const deletes = changes.actions.filter((a) => !a.image).length;
        return {
          tableName: table.tableName,
          puts: changes.actions.length - deletes,
          deletes,
          unchanged: changes.unchanged,
          conflicts: changes.conflicts.map((k) => reportedKey(k, table.sensitive)),
          sample: changes.actions.slice(0, SAMPLE_KEYS).map((a) => reportedKey(a.key, table.sensitive)),
        };
      }),
    );
  } finally {
    s3.destroy();
  }
}
