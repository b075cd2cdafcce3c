import { randomUUID } from 'node:crypto';
import { createDynamoDbClient } from '../aws/createDynamoDbClient.js';
import { describeTableShape, type KeySchema } from '../aws/describeTableShape.js';
import type { TableRef } from '../aws/tableRef.js';
import type { CheckpointStore } from '../checkpoint/checkpointStore.js';
import { DrError } from '../errors.js';
import type { RunContext } from '../runs/runContext.js';
import { runOfKind } from '../runs/tableRun.js';
import { createEngineContext } from '../sync/engineContext.js';
import { sharedKeySchema } from '../sync/sharedKeySchema.js';
import { beginWorkflow, failWorkflow, finishWorkflow, type WorkflowRun } from '../workflow/runWorkflow.js';
import type { StepHandlers, Workflow } from '../workflow/steps.js';
import { restoreDeadline, restoreHandlers } from './restoreHandlers.js';
import { settingsOf, type RestorePlan, type TableRestorePlan } from './restorePlan.js';
import type { RestoreRun } from './restoreRun.js';
import type { RestoreStepContext, SharedEngine } from './restoreStepContext.js';
import { restoreWorkflow } from './restoreWorkflow.js';

/** What an in-process restore runs with: a run's context and where segment checkpoints go. */
export interface RestoreContext extends RunContext {
  /** One entry per segment: `FileCheckpointStore` under the state directory locally. */
  readonly checkpoints: CheckpointStore;
}

/** How {@link runRestore} runs. */
export interface RunRestoreOptions {
  /** Identifies this invocation in the journal and the locks. @default a new UUID */
  readonly executionId?: string;
  /** First wait between polls of the backup and restore, in ms, doubling up to 20 s. @default 500 */
  readonly pollIntervalMs?: number;
  /**
   * Called after validation and before the first change: the recovery-mode
   * guard refuses writing into a live table here.
   */
  readonly assertWritesAllowed?: (plan: RestorePlan) => Promise<void>;
  /** Told each step's name as it starts, per table. */
  readonly onStep?: (tableName: string, step: string) => void;
}

/**
 * Executes a validated plan in this process, each table's restore workflow straight from the plan (never
 * re-deriving it): every table's lock first (all or none), then the tables in parallel to the same time, on
 * one sync engine context per table (one client, one DescribeTable per table, one rate controller per
 * table). Resumes what the same incident left unfinished. Rejects with the first failure, as the error
 * object the step threw, after every table has stopped; the journal has the rest.
 *
 * @example
 * const plan = await planRestore(ddb, journal, request);
 * const run = await runRestore({ dynamodb: ddb, aws, journal, startedBy, checkpoints }, plan);
 */
export function runRestore(
  ctx: RestoreContext,
  plan: RestorePlan,
  options: RunRestoreOptions = {},
): Promise<RestoreRun> {
  return runRecovery(ctx, plan, options, (table) => ({
    workflow: restoreWorkflow(settingsOf(table)),
    handlers: restoreHandlers,
  }));
}

/** What one table's recovery runs: its workflow, the handlers of its steps, and their context. */
export interface TableRecovery<C> {
  readonly workflow: Workflow;
  readonly handlers: StepHandlers<C>;
}

/**
 * The in-process executor of a recovery of one or more tables (a restore, a revert): every table's lock
 * first (all or none), then the tables in parallel, each its own workflow on one engine context per table.
 * `extend` adds what the recovery's steps need beyond a restore's context.
 */
export async function runRecovery<P extends TableRestorePlan, C extends RestoreStepContext = RestoreStepContext>(
  ctx: RestoreContext,
  plan: Omit<RestorePlan, 'tables'> & { readonly tables: readonly P[] },
  options: RunRestoreOptions,
  recovery: (table: P) => TableRecovery<C>,
  extend: (context: RestoreStepContext) => C = (context) => context as C,
): Promise<RestoreRun> {
  await options.assertWritesAllowed?.(plan);
  const executionId = options.executionId ?? randomUUID();
  // One client for the engine's reads and writes: it retries and paces itself, so the SDK does not.
  const engineClient = createDynamoDbClient({ ...ctx.aws, maxAttempts: 1 });
  const runs: WorkflowRun<C, P>[] = plan.tables.map((table) => ({
    ...recovery(table),
    context: extend({ ...ctx, engineClient, engine: sharedEngine(engineClient, table) }),
    state: { plan: table, deadline: restoreDeadline(table), requestedTime: plan.requestedTime },
    executionId,
    pollIntervalMs: options.pollIntervalMs,
    onStep: options.onStep && ((step) => options.onStep!(table.tableName, step)),
  }));
  const begun: typeof runs = [];
  for (const run of runs) {
    try {
      await beginWorkflow(run);
      begun.push(run);
    } catch (error) {
      // All or none: the tables already begun stop, recorded as failed for this reason, their locks released.
      for (const other of begun) await failWorkflow(other, error);
      throw error;
    }
  }
  const outcomes = await Promise.allSettled(runs.map(finishWorkflow));
  const failed = outcomes.find((o): o is PromiseRejectedResult => o.status === 'rejected');
  if (failed) throw failed.reason;
  const run = runOfKind<RestoreRun>(await ctx.journal.getRun(plan.incidentId), 'restore');
  if (!run) throw new DrError(`The run of incident ${plan.incidentId} is missing from the journal after it ended.`);
  return run;
}

/** The sync engine context a table's whole run shares, with its tables' key schemas read once. */
function sharedEngine(client: RestoreStepContext['engineClient'], plan: TableRestorePlan): SharedEngine {
  const context = createEngineContext('delta', plan.segments, {
    sensitive: plan.sensitive,
    maxWriteUnitsPerSecond: plan.maxWriteUnitsPerSecond,
    maxReadUnitsPerSecond: plan.maxReadUnitsPerSecond,
  });
  const schemas = new Map<string, Promise<KeySchema>>();
  const keySchemaOf = (table: TableRef) => {
    let schema = schemas.get(table.tableName);
    if (!schema) schemas.set(table.tableName, (schema = describeTableShape(table).then((s) => s.keySchema)));
    return schema;
  };
  const ref = (tableName: string | undefined) => (tableName === undefined ? undefined : { client, tableName });
  return {
    context,
    keySchema: (tables) =>
      sharedKeySchema({ source: ref(tables.source), destination: ref(tables.destination) }, keySchemaOf),
  };
}
