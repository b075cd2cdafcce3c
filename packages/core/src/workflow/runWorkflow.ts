import { dispatchStep } from './dispatchStep.js';
import { stepFailureOf } from './stepFailure.js';
import type { SegmentStepResult, Step, StepEvent, StepHandlers, TaskStep, Workflow, WorkflowState } from './steps.js';
import { untilReady } from './untilReady.js';

/** One in-process run of a workflow. */
export interface WorkflowRun<C, P = unknown> {
  readonly workflow: Workflow;
  readonly handlers: StepHandlers<C>;
  readonly context: C;
  /** The validated plan and its deadline: in-process, the command's planning made them. */
  readonly state: WorkflowState<P>;
  /** This invocation (a CLI command): named in the journal and the locks. */
  readonly executionId: string;
  /**
   * First wait between calls of a poll step, in ms, doubling up to 20 s. The ASL's own backoff (5 s doubling
   * to 60 s) suits AWS; the sandbox finishes in moments. @default 500
   */
  readonly pollIntervalMs?: number;
  /** Told the name of each step as it starts (once per step; once per segment of a segment step). */
  readonly onStep?: (name: string) => void;
}

/**
 * Runs a workflow in this process, straight from its validated plan: `begin`, the steps in order, then
 * `succeed`; the first failing step runs `fail` and rejects with that step's own error (the same object, so
 * the CLI keeps its exit codes). `validate` is not run: the plan is already validated. The same step list
 * generates the ASL, so both executors take the same steps.
 *
 * @example
 * const output = await runWorkflow({ workflow: restoreWorkflow(settings), handlers: restoreHandlers, context, state, executionId });
 */
export async function runWorkflow<C, P>(run: WorkflowRun<C, P>): Promise<unknown> {
  await beginWorkflow(run);
  return finishWorkflow(run);
}

/** Runs the workflow's `begin` step alone (several runs then begin all, or none, before any goes on). */
export async function beginWorkflow<C, P>(run: WorkflowRun<C, P>): Promise<void> {
  if (run.workflow.begin) await callTask(run, run.workflow.begin);
}

/** Runs a begun workflow's steps and `succeed`, or `fail` on the first failure (then rejects with it). */
export async function finishWorkflow<C, P>(run: WorkflowRun<C, P>): Promise<unknown> {
  try {
    await runSteps(run, run.workflow.steps, new AbortController().signal);
  } catch (error) {
    await failWorkflow(run, error);
    throw error;
  }
  return run.workflow.succeed ? callTask(run, run.workflow.succeed) : null;
}

/** Runs a begun workflow's `fail` step for `error` (records it, releases what `begin` took). */
export async function failWorkflow<C, P>(run: WorkflowRun<C, P>, error: unknown): Promise<void> {
  if (run.workflow.fail) await callTask(run, run.workflow.fail, { error: stepFailureOf(error) });
}

async function runSteps<C, P>(run: WorkflowRun<C, P>, steps: readonly Step[], signal: AbortSignal): Promise<void> {
  for (const step of steps) {
    if (signal.aborted) throw signal.reason;
    await runStep(run, step, signal);
  }
}

async function runStep<C, P>(run: WorkflowRun<C, P>, step: Step, signal: AbortSignal): Promise<void> {
  switch (step.kind) {
    case 'task':
      await callTask(run, step);
      return;
    case 'poll':
      run.onStep?.(step.name);
      await untilReady(() => call(run, step.handler), run.pollIntervalMs, signal);
      return;
    case 'parallel':
      await allOrStop(signal, step.branches, (branch, stop) => runSteps(run, branch, stop));
      return;
    case 'segments': {
      const segments = Array.from({ length: step.segments }, (_, i) => i);
      await allOrStop(signal, segments, async (segment, signal) => {
        run.onStep?.(step.task);
        let pace: SegmentStepResult['pace'] = {};
        for (;;) {
          if (signal.aborted) throw signal.reason;
          const result = (await call(run, step.handler, { ...step.parameters, segment, pace })) as SegmentStepResult;
          if (result.done) return;
          pace = result.pace;
        }
      });
      return;
    }
    case 'child':
      run.onStep?.(step.name);
      await runSteps(run, step.workflow.steps, signal);
  }
}

function callTask<C, P>(run: WorkflowRun<C, P>, step: TaskStep, extra: Record<string, unknown> = {}): Promise<unknown> {
  run.onStep?.(step.name);
  return call(run, step.handler, {
    ...step.parameters,
    ...(step.withExecutionId && { executionId: run.executionId }),
    ...extra,
  });
}

function call<C, P>(run: WorkflowRun<C, P>, handler: string, extra: Record<string, unknown> = {}): Promise<unknown> {
  const event: StepEvent = { ...run.state, ...extra, handler };
  return dispatchStep(run.handlers, run.context, event);
}

/**
 * Runs `work` for every item at once; when one fails, tells the others to stop (their signal) and, once all
 * have ended, rejects with the first failure — as a Parallel or Map state stops its other branches.
 */
async function allOrStop<T>(
  outer: AbortSignal,
  items: readonly T[],
  work: (item: T, signal: AbortSignal) => Promise<void>,
): Promise<void> {
  const stop = new AbortController();
  const onOuter = () => stop.abort(outer.reason);
  outer.addEventListener('abort', onOuter, { once: true });
  let first: { error: unknown } | undefined;
  try {
    await Promise.allSettled(
      items.map((item) =>
        work(item, stop.signal).catch((error: unknown) => {
          first ??= { error };
          stop.abort(error);
        }),
      ),
    );
  } finally {
    outer.removeEventListener('abort', onOuter);
  }
  if (first) throw first.error;
}
