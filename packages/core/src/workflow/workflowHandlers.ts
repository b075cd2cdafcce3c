import { InputError } from '../errors.js';
import { cleanUpRestore } from '../restore/cleanUpRestore.js';
import { awaitForensicBackup, startForensicBackup } from '../restore/forensicBackup.js';
import { planTableRestore } from '../restore/planTableRestore.js';
import { awaitRestoredTable, startPointInTimeRestore } from '../restore/pointInTimeRestore.js';
import type { RestoreContext } from '../restore/restoreContext.js';
import type { RestoreInput } from '../restore/restoreInput.js';
import type { TableRestorePlan, TableRestoreSettings } from '../restore/restorePlan.js';
import { prepareSync, syncTableSegment, type SyncOperation } from '../restore/syncPhase.js';
import type { SegmentPace } from '../sync/index.js';
import { startVerification, verifyTableData, verifyTableSegment } from '../restore/verifyPhase.js';
import { assertIncidentMatches, beginTableRun, endTableRun } from '../restore/tableRun.js';

/** What the workflow handlers run with: a recovery context and who started the run. */
export interface WorkflowHandlerContext extends RestoreContext {
  /** `user@host` locally; on AWS, the execution's role. */
  readonly startedBy: string;
}

/** The event a Task state sends: `handler` picks the function, the rest are its arguments. */
export interface WorkflowEvent {
  readonly handler: WorkflowHandlerName;
  readonly [argument: string]: unknown;
}

const INPUT_FIELDS = ['incidentId', 'pitrBackupTime', 'tableNameRecoveryConfirmation'] as const;

/**
 * The functions the Task states of both state machines call, by name. They
 * are thin: each unpacks its event and calls the same restore functions the
 * CLI uses. Every one is idempotent, so a resumed or retried state is safe.
 *
 * @example
 * const handlers = createWorkflowHandlers({ dynamodb, journal, startedBy: 'ops@host' });
 * await handlers.validateRestoreInput({ handler: 'validateRestoreInput', input, settings });
 */
export function createWorkflowHandlers(ctx: WorkflowHandlerContext) {
  const planOf = (event: WorkflowEvent) => event.plan as TableRestorePlan;
  return {
    async validateRestoreInput(event: WorkflowEvent) {
      const settings = event.settings as TableRestoreSettings;
      const input = exactInput(event.input);
      const plan = await planTableRestore(ctx.dynamodb, input, settings);
      await assertIncidentMatches(ctx.journal, plan);
      const deadline = new Date(Date.now() + settings.restoreDeadlineMinutes * 60_000).toISOString();
      return { plan, deadline };
    },
    async beginRestoreRun(event: WorkflowEvent) {
      await beginTableRun(ctx, planOf(event), {
        executionId: String(event.executionId),
        startedBy: ctx.startedBy,
        requestedTime: String(event.requestedTime),
      });
      return null;
    },
    startForensicBackup: (event: WorkflowEvent) => startForensicBackup(ctx, planOf(event)),
    async awaitForensicBackup(event: WorkflowEvent) {
      await awaitForensicBackup(ctx, planOf(event), String(event.backupArn), String(event.deadline));
      return null;
    },
    async startPointInTimeRestore(event: WorkflowEvent) {
      await startPointInTimeRestore(ctx, planOf(event));
      return null;
    },
    async awaitRestoredTable(event: WorkflowEvent) {
      await awaitRestoredTable(ctx, planOf(event), String(event.deadline));
      return null;
    },
    prepareSync: (event: WorkflowEvent) => prepareSync(ctx, planOf(event)),
    syncTableSegment: (event: WorkflowEvent) =>
      syncTableSegment(
        ctx,
        planOf(event),
        event.operation as SyncOperation,
        Number(event.segment),
        event.pace as SegmentPace | undefined,
      ),
    async startVerification(event: WorkflowEvent) {
      await startVerification(ctx, planOf(event));
      return null;
    },
    verifyTableSegment: (event: WorkflowEvent) => verifyTableSegment(ctx, planOf(event), Number(event.segment)),
    verifyTableData: (event: WorkflowEvent) => verifyTableData(ctx, planOf(event)),
    cleanUpRestoredTable: (event: WorkflowEvent) => cleanUpRestore(ctx, planOf(event)),
    async recordRestoreSuccess(event: WorkflowEvent) {
      const plan = planOf(event);
      await endTableRun(ctx, plan);
      return { incidentId: plan.incidentId, tableName: plan.tableName, result: 'succeeded' };
    },
    async recordRestoreFailure(event: WorkflowEvent) {
      const error = event.error as { Error?: string; Cause?: string };
      await endTableRun(ctx, planOf(event), { name: error.Error ?? 'Error', message: error.Cause ?? '' });
      return null;
    },
  };
}

/** The names of the workflow handlers. */
export type WorkflowHandlerName = keyof ReturnType<typeof createWorkflowHandlers>;

/** Calls the handler an event names (the Lambda entry point and the local runner both do this). */
export function dispatchWorkflowEvent(
  handlers: ReturnType<typeof createWorkflowHandlers>,
  event: WorkflowEvent,
): Promise<unknown> {
  const handler = handlers[event.handler] as ((event: WorkflowEvent) => Promise<unknown>) | undefined;
  if (!handler) throw new Error(`Unknown workflow handler ${JSON.stringify(event.handler)}`);
  return handler(event);
}

/** Seed 002's input, exactly: three strings and nothing else. */
function exactInput(value: unknown): RestoreInput {
  const input = (value ?? {}) as Record<string, unknown>;
  const extra = Object.keys(input).filter((k) => !(INPUT_FIELDS as readonly string[]).includes(k));
  if (extra.length) {
    throw new InputError('input', extra, 'are not input fields', `Pass exactly ${INPUT_FIELDS.join(', ')}.`);
  }
  for (const field of INPUT_FIELDS) {
    if (typeof input[field] !== 'string' || input[field] === '') {
      throw new InputError(field, input[field] ?? null, 'is missing', `Pass ${field} as a non-empty string.`);
    }
  }
  return input as unknown as RestoreInput;
}
