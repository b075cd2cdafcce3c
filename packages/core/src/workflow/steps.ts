import type { WorkflowResources } from './workflowResources.js';

/**
 * What the steps of one run of a workflow share, in-process and on AWS (where it is the state machine's
 * state): the validated plan, when polling gives up, and the time as the user typed it.
 */
export interface WorkflowState<P = unknown> {
  readonly plan: P;
  /** When the poll steps give up (UTC, ISO 8601), set once per attempt. */
  readonly deadline: string;
  /** The time to restore to, as the user typed it. */
  readonly requestedTime: string;
}

/** A step that failed, as it crosses the ASL boundary (a Catch's `Error` and `Cause`). */
export interface StepFailure {
  readonly Error: string;
  readonly Cause?: string;
}

/**
 * What a step's handler is called with: the workflow's state, the step's own parameters, and, for a segment
 * step, the segment and the pace its previous call ended with. On AWS this is the Lambda event; `handler`
 * names the function.
 */
export interface StepEvent<P = unknown> extends WorkflowState<P> {
  readonly handler: string;
  /** The execution running the step (`$$.Execution.Id`): only for steps that ask for it. */
  readonly executionId?: string;
  /** A segment step's scan segment. */
  readonly segment?: number;
  /** A sync segment step's operation (a parameter of its state). */
  readonly operation?: 'empty' | 'copy' | 'delta';
  /** A segment step's write pace from its previous call (`{}` before the first). */
  readonly pace?: { readonly writeUnitsPerSecond?: number };
  /** The failure step's error. */
  readonly error?: StepFailure;
  readonly [parameter: string]: unknown;
}

/** What a segment step's handler returns: done, or unfinished (called again with `pace`). */
export interface SegmentStepResult {
  readonly done: boolean;
  readonly pace: { readonly writeUnitsPerSecond?: number };
}

/** The functions a workflow's steps call, by handler name: the same table serves Lambda and the executor. */
export type StepHandlers<C> = Readonly<Record<string, (ctx: C, event: StepEvent) => Promise<unknown>>>;

interface NamedStep {
  /** The state's name in the ASL, unique across both state machines (the local interpreter keys by it). */
  readonly name: string;
  readonly comment?: string;
}

/** One handler call. */
export interface TaskStep extends NamedStep {
  readonly kind: 'task';
  readonly handler: string;
  /** Constant arguments, baked into the ASL. */
  readonly parameters?: Readonly<Record<string, unknown>>;
  /** The handler needs the execution's id (`$$.Execution.Id`). */
  readonly withExecutionId?: boolean;
}

/**
 * A handler called until it stops throwing `NotReadyError`, with exponential backoff, for as long as the
 * deadline allows (the handler checks the deadline itself and fails with `DeadlineExceededError`).
 */
export interface PollStep extends NamedStep {
  readonly kind: 'poll';
  readonly handler: string;
  /** How long the ASL's Retry may go on: the workflow's deadline. */
  readonly deadlineSeconds: number;
}

/** Branches run at the same time; the step fails when one does (the others are stopped). */
export interface ParallelStep extends NamedStep {
  readonly kind: 'parallel';
  readonly branches: readonly (readonly Step[])[];
}

/**
 * A handler run once per scan segment, all segments at the same time (a Distributed Map on AWS, one engine
 * context in-process), each called again while it returns unfinished.
 */
export interface SegmentsStep extends NamedStep {
  readonly kind: 'segments';
  /** The per-segment Task state's name. */
  readonly task: string;
  readonly handler: string;
  readonly segments: number;
  readonly parameters?: Readonly<Record<string, unknown>>;
}

/** Another workflow's steps: a child state machine on AWS (`startExecution.sync:2`), inline in-process. */
export interface ChildStep extends NamedStep {
  readonly kind: 'child';
  readonly workflow: Workflow;
  /** Which of the resources is the child state machine's ARN. */
  readonly stateMachine: keyof WorkflowResources;
}

export type Step = TaskStep | PollStep | ParallelStep | SegmentsStep | ChildStep;

/**
 * One workflow as an ordered list of steps, from which the in-process executor ({@link runWorkflow}) runs and
 * the ASL is generated ({@link stateMachineDefinition}).
 *
 * - `validate` (AWS only) turns the raw execution input into the {@link WorkflowState}: a state machine can
 *   be started by anyone. In-process the plan comes from the command's planning instead.
 * - `begin` takes the run's lock and records the attempt; its failure ends the run without a record.
 * - `steps` run in order; the first failure runs `fail` (records it, releases the lock), then the run fails.
 * - `succeed` records the result and releases the lock; its output is the run's.
 */
export interface Workflow {
  readonly comment: string;
  readonly timeoutSeconds: number;
  readonly validate?: TaskStep;
  readonly begin?: TaskStep;
  readonly steps: readonly Step[];
  readonly succeed?: TaskStep;
  readonly fail?: TaskStep;
  /** ASL Fail states: after `fail`, and for a run refused by `validate` or `begin`. */
  readonly failedState?: string;
  readonly rejectedState?: string;
}

/** Every step of a list, nested ones (branches, children) after their parent, in order. */
export function allSteps(steps: readonly Step[]): Step[] {
  return steps.flatMap((step) => [
    step,
    ...(step.kind === 'parallel' ? step.branches.flatMap(allSteps) : []),
    ...(step.kind === 'child' ? workflowSteps(step.workflow) : []),
  ]);
}

/** Every step of a workflow, `validate`, `begin`, `succeed` and `fail` included. */
export function workflowSteps(workflow: Workflow): Step[] {
  return [
    ...[workflow.validate, workflow.begin].filter((s): s is TaskStep => !!s),
    ...allSteps(workflow.steps),
    ...[workflow.succeed, workflow.fail].filter((s): s is TaskStep => !!s),
  ];
}

/** The handler names a workflow calls (for its permissions, and to check a handler table). */
export function workflowHandlers(workflow: Workflow): string[] {
  const names = workflowSteps(workflow).flatMap((s) => ('handler' in s ? [s.handler] : []));
  return [...new Set(names)];
}
