import type { Step, Workflow } from './steps.js';

/** One IAM policy statement's allowances: these actions on these resources. */
export interface PermissionStatement {
  readonly actions: readonly string[];
  readonly resources: readonly string[];
}

/** Where a state machine runs: what the ARNs of its Step Functions permissions are built from (CDK tokens allowed). */
export interface StateMachineArns {
  readonly partition: string;
  readonly region: string;
  readonly account: string;
  /** This state machine's own name (a Distributed Map starts child executions of it). */
  readonly stateMachineName: string;
  readonly handlerFunctionArn: string;
  /** The state machines its child steps start, by their resource key. */
  readonly childStateMachineNames: Readonly<Record<string, string>>;
}

/**
 * What a state machine's role needs to run a workflow's own steps (not those of its children, which run as
 * their own state machine): invoke the Lambda function of its handler steps; for a segment step, run its
 * Distributed Map (child executions of itself); for a child step, start the child state machine and wait for
 * it (`startExecution.sync`, which Step Functions follows with an EventBridge rule it manages)
 * (https://docs.aws.amazon.com/step-functions/latest/dg/stepfunctions-iam.html,
 * https://docs.aws.amazon.com/step-functions/latest/dg/iam-policies-eg-dist-map.html).
 *
 * @example
 * stateMachinePermissions(syncWorkflow(settings), arns); // lambda:InvokeFunction, states:StartExecution on itself, ...
 */
export function stateMachinePermissions(workflow: Workflow, arns: StateMachineArns): PermissionStatement[] {
  const own = ownSteps(workflow);
  const states = (kind: string, name: string) =>
    `arn:${arns.partition}:states:${arns.region}:${arns.account}:${kind}:${name}`;
  const statements: PermissionStatement[] = [];
  if (own.some((s) => s.kind !== 'child' && s.kind !== 'parallel')) {
    statements.push({
      actions: ['lambda:InvokeFunction'],
      resources: [arns.handlerFunctionArn, `${arns.handlerFunctionArn}:*`],
    });
  }
  if (own.some((s) => s.kind === 'segments')) {
    statements.push(
      { actions: ['states:StartExecution'], resources: [states('stateMachine', arns.stateMachineName)] },
      {
        actions: ['states:DescribeExecution', 'states:StopExecution'],
        resources: [states('execution', `${arns.stateMachineName}/*`)],
      },
    );
  }
  for (const child of own.filter((s) => s.kind === 'child')) {
    const name = arns.childStateMachineNames[child.stateMachine];
    if (!name) throw new Error(`No state machine name is given for ${child.stateMachine}`);
    statements.push(
      { actions: ['states:StartExecution'], resources: [states('stateMachine', name)] },
      { actions: ['states:DescribeExecution', 'states:StopExecution'], resources: [states('execution', `${name}:*`)] },
      {
        actions: ['events:PutTargets', 'events:PutRule', 'events:DescribeRule'],
        resources: [
          `arn:${arns.partition}:events:${arns.region}:${arns.account}:rule/StepFunctionsGetEventsForStepFunctionsExecutionRule`,
        ],
      },
    );
  }
  return statements;
}

/** A workflow's steps that run in its own state machine: children's steps run in theirs. */
function ownSteps(workflow: Workflow): Step[] {
  const top = [workflow.validate, workflow.begin, ...workflow.steps, workflow.succeed, workflow.fail].filter(
    (s): s is Step => !!s,
  );
  const walk = (steps: readonly Step[]): Step[] =>
    steps.flatMap((s) => [s, ...(s.kind === 'parallel' ? s.branches.flatMap(walk) : [])]);
  return walk(top);
}

/** Statements merged: one per resource list, actions sorted and unique, in first-seen order. */
export function mergedStatements(statements: readonly PermissionStatement[]): PermissionStatement[] {
  const byResources = new Map<string, { resources: readonly string[]; actions: Set<string> }>();
  for (const s of statements) {
    const key = JSON.stringify(s.resources);
    const entry = byResources.get(key) ?? { resources: s.resources, actions: new Set<string>() };
    for (const action of s.actions) entry.actions.add(action);
    byResources.set(key, entry);
  }
  return [...byResources.values()].map((e) => ({ actions: [...e.actions].sort(), resources: e.resources }));
}
