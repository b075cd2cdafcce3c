import type { StepFunctionsAction } from '../service.js';
import { findExecution } from './describeExecution.js';
import { sfnPage } from './sfnPage.js';

/** ListMapRuns of an execution (https://docs.aws.amazon.com/step-functions/latest/apireference/API_ListMapRuns.html). */
export const listMapRuns: StepFunctionsAction = (request, { store }) => {
  const execution = findExecution(store, request.executionArn);
  const runs = Object.values(store.mapRuns)
    .filter((r) => r.executionArn === execution.executionArn)
    .map((r) => ({
      executionArn: r.executionArn,
      mapRunArn: r.mapRunArn,
      stateMachineArn: r.stateMachineArn,
      startDate: r.startDate,
      ...(r.stopDate !== undefined && { stopDate: r.stopDate }),
    }));
  const { items, nextToken } = sfnPage(runs, request);
  return { mapRuns: items, ...(nextToken && { nextToken }) };
};
