import type { StepFunctionsAction } from '../service.js';
import { findExecution } from './describeExecution.js';

/**
 * StopExecution: a running execution becomes ABORTED with the given error and
 * cause (its running `.sync` children and map run children are stopped too); a
 * closed one is left as it is.
 * https://docs.aws.amazon.com/step-functions/latest/apireference/API_StopExecution.html
 */
export const stopExecution: StepFunctionsAction = (request, { store, engine }) => {
  const execution = findExecution(store, request.executionArn);
  engine.stop(
    execution.executionArn,
    request.error === undefined ? undefined : String(request.error),
    request.cause === undefined ? undefined : String(request.cause),
  );
  return { stopDate: execution.stopDate ?? Date.now() / 1000 };
};
