import { tmpdir } from 'node:os';
import { S3Client } from '@aws-sdk/client-s3';
import { createAwsClient } from '../aws/createAwsClient.js';
import { DrError } from '../errors.js';
import type { RestoreStepContext } from '../restore/restoreStepContext.js';
import { readTableRun } from '../runs/tableRun.js';
import { errorFromStepFailure } from '../workflow/stepFailure.js';
import type { StepEvent, StepFailure, StepHandlers } from '../workflow/steps.js';
import { concludeDrill } from './concludeDrill.js';
import type { DrillPlan } from './drillPlan.js';
import { putDrillReport } from './drillReportCalls.js';
import { beginDrillRun, drillRunKey, recordDrill, type DrillRun } from './drillRun.js';
import { awaitRestoreAs, restoredAs, startRestoreAs, type Recovery } from './drillScenarios.js';
import { drillCanaries, drillExpectations, latestRestorableLag, plantCanaries, restorableAt } from './drillSteps.js';
import type { ScheduledDrillSettings } from './drillWorkflow.js';
import { planDrill } from './planDrill.js';
import type { DrillContext } from './runDrill.js';

type Reports = ScheduledDrillSettings['reports'];
const planOf = (event: StepEvent) => event.plan as DrillPlan;
/** The state's `requestedTime` is when the drill started: its canaries' number keys derive from it. */
const startedAtOf = (event: StepEvent) => new Date(event.requestedTime);

/** The drill's view of a step's context: on AWS the drill restores in the table's own Region. */
function drillContext(ctx: RestoreStepContext): DrillContext {
  return { ...ctx, source: ctx.dynamodb, target: ctx.dynamodb };
}

/** What the drill recorded at T, read back from the journal (steps share nothing else). */
async function recorded(ctx: DrillContext, plan: DrillPlan, startedAt: Date) {
  const table = await readTableRun<DrillRun>(ctx.journal, drillRunKey(plan));
  const set = await drillCanaries(ctx.source, plan, startedAt);
  const own = table?.drill?.reference;
  const expectations = own ? drillExpectations(plan, set, own) : undefined;
  return { table, set, expectations, latestRestorableLag: table?.drill?.latestRestorableLag ?? 0 };
}

/** Concludes the drill (verification when it recovered), puts its report in S3, returns it. */
async function reportDrill(
  ctx: DrillContext,
  event: StepEvent,
  recovery: Recovery | undefined,
  errors: readonly string[],
) {
  const plan = planOf(event);
  const startedAt = startedAtOf(event);
  const { set, expectations, latestRestorableLag } = await recorded(ctx, plan, startedAt);
  const s3 = createAwsClient(S3Client, ctx.aws);
  return concludeDrill(
    ctx,
    plan,
    {
      startedAt,
      set,
      latestRestorableLag,
      reference: expectations?.reference ?? plan.reference,
      expected: expectations?.expected ?? new Map(),
      recovery,
      errors,
    },
    // A restore still CREATING is waited for as long as the Lambda's 15 minutes leave room for.
    { keepRestoredTable: false, creatingWaitMs: 600_000 },
    async (report) => ({ json: await putDrillReport(s3, event.reports as Reports, report) }),
  );
}

/**
 * The functions the drill workflow's steps call, by handler name (the `handler` of each step of
 * `drillWorkflow`): the worker Lambda dispatches to them. The state carries the plan and the start; what the drill
 * recorded at T is in the journal.
 *
 * @example
 * await drillHandlers.plantDrillCanaries(context, { handler: 'plantDrillCanaries', plan, deadline, requestedTime });
 */
export const drillHandlers = {
  /** The raw input (the schedule's, empty) into the drill's state: its plan, deadline and start. */
  async planScheduledDrill(ctx, event) {
    const settings = event.settings as ScheduledDrillSettings;
    const startedAt = new Date();
    const plan = await planDrill(
      { source: ctx.dynamodb, target: ctx.dynamodb, journal: ctx.journal },
      await ctx.dynamodb.config.region(),
      {
        tableName: settings.tableName,
        environment: settings.environment,
        targets: settings.targets,
        // The report goes to S3: the local directory is never written on AWS.
        reportsDirectory: tmpdir(),
      },
    );
    return {
      plan,
      deadline: new Date(startedAt.getTime() + settings.deadlineMinutes * 60_000).toISOString(),
      requestedTime: startedAt.toISOString(),
    };
  },
  async beginScheduledDrill(ctx, event) {
    const plan = planOf(event);
    const startedAt = startedAtOf(event);
    await beginDrillRun(ctx.journal, plan, { executionId: event.executionId!, startedBy: ctx.startedBy, startedAt });
    const lag = await latestRestorableLag(ctx.dynamodb, plan, startedAt);
    await recordDrill(ctx.journal, plan, (t) => ({ ...t, drill: { ...t.drill, latestRestorableLag: lag } }));
    return null;
  },
  async plantDrillCanaries(ctx, event) {
    const plan = planOf(event);
    const set = await drillCanaries(ctx.dynamodb, plan, startedAtOf(event));
    await plantCanaries(ctx.dynamodb, plan, set, ctx.journal);
    return null;
  },
  async awaitDrillPointInTime(ctx, event) {
    const plan = planOf(event);
    const { expectations } = await recorded(drillContext(ctx), plan, startedAtOf(event));
    await restorableAt(ctx.dynamodb, plan.tableName, new Date(expectations!.reference.pointInTime), event.deadline);
    return null;
  },
  async startDrillRestore(ctx, event) {
    const plan = planOf(event);
    const { expectations } = await recorded(drillContext(ctx), plan, startedAtOf(event));
    await startRestoreAs(drillContext(ctx), plan, new Date(expectations!.reference.pointInTime));
    return null;
  },
  async awaitDrillRestore(ctx, event) {
    await awaitRestoreAs(drillContext(ctx), planOf(event), event.deadline);
    return null;
  },
  /** Verifies, cleans up and reports; a drill that failed its verification fails the execution, reported. */
  async finishScheduledDrill(ctx, event) {
    const drill = drillContext(ctx);
    const { report, written } = await reportDrill(drill, event, await restoredAs(drill, planOf(event)), []);
    if (report.outcome === 'failed') {
      throw new DrError(`The drill ${report.drillId} failed (report ${written.json}): ${report.failures.join(' ')}`, {
        hint: 'Read the report, mend the cause, and start the drill state machine again.',
      });
    }
    return { drillId: report.drillId, outcome: report.outcome, report: written.json };
  },
  /** A step failed: the drill is cleaned up and its failed report put in S3. */
  async recordScheduledDrillFailure(ctx, event) {
    const error = errorFromStepFailure(event.error as StepFailure);
    await reportDrill(drillContext(ctx), event, undefined, [`The drill stopped: ${error.message}`]);
    return null;
  },
} satisfies StepHandlers<RestoreStepContext>;

/** The name of a drill workflow handler (the CDK construct grants each one's calls). */
export type DrillHandlerName = keyof typeof drillHandlers;
