import type { StepFunctionsAction } from '../service.js';
import { sfnErrors } from '../sfnErrors.js';

/**
 * DescribeMapRun: a Distributed Map run's status, settings and counts (one
 * child execution per item, so item and execution counts are equal).
 * https://docs.aws.amazon.com/step-functions/latest/apireference/API_DescribeMapRun.html
 */
export const describeMapRun: StepFunctionsAction = (request, { store }) => {
  if (request.mapRunArn === undefined) throw sfnErrors.missing('mapRunArn');
  const run = store.mapRuns[String(request.mapRunArn)];
  if (!run) throw sfnErrors.mapRunDoesNotExist(String(request.mapRunArn));
  const { stateMachineArn: _machine, ...described } = run;
  return { ...described, executionCounts: run.itemCounts };
};
