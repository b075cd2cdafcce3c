import { syncStateMachineName } from './stateMachineNames.js';

/** The AWS resources a table's state machines call. */
export interface WorkflowResources {
  /** The Lambda function that runs every workflow handler (`event.handler` selects one). */
  readonly handlerFunctionArn: string;
  /** The table's sync state machine, started by the restore state machine. */
  readonly syncStateMachineArn: string;
}

const LOCAL_ACCOUNT = 'arn:aws:states:us-east-1:123456789012';

/**
 * Placeholder ARNs for local runs: the local runner maps every Task state to
 * the in-process handler, so these are never called.
 */
export function localWorkflowResources(settings: { readonly logicalName: string }): WorkflowResources {
  return {
    handlerFunctionArn: 'arn:aws:lambda:us-east-1:123456789012:function:dynamo-dr-workflow',
    syncStateMachineArn: `${LOCAL_ACCOUNT}:stateMachine:${syncStateMachineName(settings.logicalName)}`,
  };
}
