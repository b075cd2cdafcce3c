import { handlerTask, pollRetry, type AslDefinition, type AslState } from './aslStates.js';
import type { Step, TaskStep, Workflow } from './steps.js';
import type { WorkflowResources } from './workflowResources.js';

/** How long a poll state's one call may take: it only describes a table or a backup. */
const POLL_CALL_TIMEOUT_SECONDS = 300;
/** The child state machine's own timeout plus room to start it and read its output. */
const CHILD_MARGIN_SECONDS = 300;

/** The workflow's state, handed to every handler call. */
const STATE = { 'plan.$': '$.plan', 'deadline.$': '$.deadline', 'requestedTime.$': '$.requestedTime' } as const;

/**
 * Generates the Amazon States Language definition of a workflow from its step list (JSONPath only, so that
 * aws-local-stepfunctions runs it as AWS does). Every handler step is a Task calling the one Lambda function
 * (`resources.handlerFunctionArn`, `event.handler` naming the step's handler); a poll step retries
 * `NotReadyError` with backoff up to its deadline; a parallel step is a Parallel state; a segment step a
 * Distributed Map over `$.segments` whose iteration calls its task again while it returns unfinished; a child
 * step runs the child's state machine with `startExecution.sync:2`.
 *
 * The state is {@link WorkflowState} plus `segments` (the scan segments the Map states iterate over), made by
 * `validate` from the raw input. Steps after `begin` catch every error into `$.error` and go to `fail`, then
 * to the `failedState` Fail state; `validate` and `begin` go to `rejectedState`.
 *
 * @example
 * const asl = stateMachineDefinition(restoreWorkflow(settings), { handlerFunctionArn, syncStateMachineArn });
 */
export function stateMachineDefinition(workflow: Workflow, resources: WorkflowResources): AslDefinition {
  const states: Record<string, AslState> = {};
  const fn = resources.handlerFunctionArn;
  const rejected = workflow.rejectedState && [
    { ErrorEquals: ['States.ALL'], ResultPath: '$.error', Next: workflow.rejectedState },
  ];
  const caught = workflow.fail && [{ ErrorEquals: ['States.ALL'], ResultPath: '$.error', Next: workflow.fail.name }];
  const first = workflow.steps[0]?.name ?? workflow.succeed?.name;
  const afterSteps = workflow.succeed?.name;

  if (workflow.validate) {
    states[workflow.validate.name] = handlerTask(
      fn,
      workflow.validate.handler,
      { 'input.$': '$', ...workflow.validate.parameters },
      // No ResultPath: the default replaces the raw input with the state validation made.
      { Next: workflow.begin?.name ?? first, ...(rejected && { Catch: rejected }) },
    );
  }
  if (workflow.begin) {
    states[workflow.begin.name] = task(fn, workflow.begin, {
      ResultPath: null,
      Next: first,
      ...(rejected && { Catch: rejected }),
    });
  }
  Object.assign(states, chain(workflow.steps, fn, resources, afterSteps, caught));
  if (workflow.succeed) states[workflow.succeed.name] = task(fn, workflow.succeed, { End: true });
  if (workflow.fail) {
    states[workflow.fail.name] = handlerTask(
      fn,
      workflow.fail.handler,
      { ...STATE, 'error.$': '$.error', ...workflow.fail.parameters },
      { ResultPath: null, Next: workflow.failedState },
    );
  }
  for (const name of [workflow.failedState, workflow.rejectedState]) {
    if (name) states[name] = { Type: 'Fail', ErrorPath: '$.error.Error', CausePath: '$.error.Cause' };
  }
  const startAt = workflow.validate?.name ?? workflow.begin?.name ?? first;
  if (!startAt) throw new Error('A workflow needs at least one step');
  return { Comment: workflow.comment, StartAt: startAt, TimeoutSeconds: workflow.timeoutSeconds, States: states };
}

/** The states of steps run one after the other, the last going to `next` (or ending). */
function chain(
  steps: readonly Step[],
  fn: string,
  resources: WorkflowResources,
  next: string | undefined,
  caught: AslState[] | undefined,
): Record<string, AslState> {
  const states: Record<string, AslState> = {};
  steps.forEach((step, i) => {
    const following = steps[i + 1]?.name ?? next;
    const flow: AslState = {
      ...(following ? { Next: following } : { End: true }),
      ...(caught && { Catch: caught }),
    };
    switch (step.kind) {
      case 'task':
        states[step.name] = task(fn, step, { ResultPath: null, ...flow });
        break;
      case 'poll':
        states[step.name] = handlerTask(fn, step.handler, STATE, {
          ResultPath: null,
          TimeoutSeconds: POLL_CALL_TIMEOUT_SECONDS,
          Retry: [pollRetry(step.deadlineSeconds)],
          ...flow,
        });
        break;
      case 'parallel':
        states[step.name] = {
          Type: 'Parallel',
          ...(step.comment && { Comment: step.comment }),
          ResultPath: null,
          Branches: step.branches.map((branch) => ({
            StartAt: branch[0]!.name,
            States: chain(branch, fn, resources, undefined, undefined),
          })),
          ...flow,
        };
        break;
      case 'segments':
        states[step.name] = {
          Type: 'Map',
          ...(step.comment && { Comment: step.comment }),
          ItemsPath: '$.segments',
          ItemSelector: { ...STATE, 'segment.$': '$$.Map.Item.Value', result: { pace: {} } },
          MaxConcurrency: step.segments,
          ItemProcessor: {
            ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: 'STANDARD' },
            StartAt: step.task,
            States: {
              // A segment returns unfinished when its time budget (under Lambda's limit) runs out: call it
              // again, with the write pace its last call ended with.
              [step.task]: handlerTask(
                fn,
                step.handler,
                { ...STATE, 'segment.$': '$.segment', 'pace.$': '$.result.pace', ...step.parameters },
                { ResultPath: '$.result', Next: `${step.task}Finished` },
              ),
              [`${step.task}Finished`]: {
                Type: 'Choice',
                Choices: [{ Variable: '$.result.done', BooleanEquals: true, Next: `${step.task}Done` }],
                Default: step.task,
              },
              [`${step.task}Done`]: { Type: 'Succeed' },
            },
          },
          ResultPath: null,
          ...flow,
        };
        break;
      case 'child':
        states[step.name] = {
          Type: 'Task',
          Comment: step.comment ?? 'Runs the child state machine and waits for it.',
          Resource: 'arn:aws:states:::states:startExecution.sync:2',
          Parameters: {
            StateMachineArn: resources[step.stateMachine],
            Input: {
              ...STATE,
              'segments.$': '$.segments',
              'AWS_STEP_FUNCTIONS_STARTED_BY_EXECUTION_ID.$': '$$.Execution.Id',
            },
          },
          TimeoutSeconds: step.workflow.timeoutSeconds + CHILD_MARGIN_SECONDS,
          ResultPath: null,
          ...flow,
        };
        break;
    }
  });
  return states;
}

function task(fn: string, step: TaskStep, fields: AslState): AslState {
  return handlerTask(
    fn,
    step.handler,
    { ...STATE, ...(step.withExecutionId && { 'executionId.$': '$$.Execution.Id' }), ...step.parameters },
    { ...(step.comment && { Comment: step.comment }), ...fields },
  );
}
