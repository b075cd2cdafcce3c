import path from 'node:path';
import { SandboxOptionError } from '../sandboxOptionError.js';
import { jsonTargetService } from '../jsonTargetService.js';
import { jsonProtocolError, type SandboxService } from '../server.js';
import { createStateMachine } from './actions/createStateMachine.js';
import { deleteStateMachine } from './actions/deleteStateMachine.js';
import { describeExecution } from './actions/describeExecution.js';
import { describeMapRun } from './actions/describeMapRun.js';
import { describeStateMachine } from './actions/describeStateMachine.js';
import { getExecutionHistory } from './actions/getExecutionHistory.js';
import { listExecutions } from './actions/listExecutions.js';
import { listMapRuns } from './actions/listMapRuns.js';
import { listStateMachines } from './actions/listStateMachines.js';
import { startExecution } from './actions/startExecution.js';
import { stopExecution } from './actions/stopExecution.js';
import { updateStateMachine } from './actions/updateStateMachine.js';
import { ExecutionEngine } from './engine/executionEngine.js';
import { stepFunctionsPermissions } from './iamPermissions.js';
import type { TaskClients } from './engine/taskClients.js';
import { StepFunctionsStore } from './stepFunctionsStore.js';

/** One emulated Step Functions operation: request JSON in, response JSON out, or an {@link AwsError} thrown. */
export type StepFunctionsAction = (
  request: Record<string, unknown>,
  context: { readonly store: StepFunctionsStore; readonly engine: ExecutionEngine; readonly region: string },
) => unknown;

/** The Step Functions operations the sandbox emulates, by `X-Amz-Target` name. */
export const stepFunctionsActions: Readonly<Record<string, StepFunctionsAction>> = {
  CreateStateMachine: createStateMachine,
  DescribeStateMachine: describeStateMachine,
  ListStateMachines: listStateMachines,
  UpdateStateMachine: updateStateMachine,
  DeleteStateMachine: deleteStateMachine,
  StartExecution: startExecution,
  DescribeExecution: describeExecution,
  ListExecutions: listExecutions,
  GetExecutionHistory: getExecutionHistory,
  StopExecution: stopExecution,
  DescribeMapRun: describeMapRun,
  ListMapRuns: listMapRuns,
};

export interface StepFunctionsServiceOptions {
  readonly dataDir?: string;
  /** How Task states call Lambda and start executions. */
  readonly clients: TaskClients;
  /** Wait states and Retry pauses last this many times their AWS duration. @default 1 */
  readonly timeScale?: number;
}

/** The Step Functions service, and what it does when the sandbox stops. */
export interface StepFunctionsService extends SandboxService {
  /** Abandons running executions (they stay RUNNING in the data directory) and saves what is pending. */
  close(): Promise<void>;
}

/**
 * Step Functions' JSON 1.0 endpoint (`X-Amz-Target: AWSStepFunctions.*`);
 * state in memory, and in `{dataDir}/stepfunctions.json` when a data
 * directory is given (executions running at a restart are failed, see
 * StepFunctionsStore).
 */
export function stepFunctionsService(options: StepFunctionsServiceOptions): StepFunctionsService {
  checkTimeScale(options.timeScale);
  const store = new StepFunctionsStore(options.dataDir && path.join(options.dataDir, 'stepfunctions.json'));
  const engine = new ExecutionEngine(store, { clients: options.clients, timeScale: options.timeScale });
  const service = jsonTargetService({
    name: 'Step Functions',
    targetPrefix: 'AWSStepFunctions.',
    contentType: 'application/x-amz-json-1.0',
    actions: stepFunctionsActions,
    context: { store, engine },
    errorResponse: (error) => jsonProtocolError('com.amazonaws.swf.service.v2.model', error),
    authorization: { permissionsFor: stepFunctionsPermissions },
  });
  return {
    ...service,
    async close() {
      engine.shutdown();
      store.flush();
    },
  };
}

/** A time scale is a factor of 0 or more; anything else is refused before the sandbox starts. */
export function checkTimeScale(timeScale: number | undefined): void {
  if (timeScale === undefined || (Number.isFinite(timeScale) && timeScale >= 0)) return;
  throw new SandboxOptionError(
    'stepFunctionsTimeScale',
    timeScale,
    'is not a factor of 0 or more',
    'Give e.g. 0.01 to make a 60 s Wait last 0.6 s, or 1 for real time.',
  );
}
