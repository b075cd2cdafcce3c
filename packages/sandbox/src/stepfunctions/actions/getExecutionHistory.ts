import type { StepFunctionsAction } from '../service.js';
import { findExecution } from './describeExecution.js';
import { sfnPage } from './sfnPage.js';

/**
 * GetExecutionHistory: the events in order (or `reverseOrder`), paged;
 * `includeExecutionData: false` leaves out inputs and outputs.
 * https://docs.aws.amazon.com/step-functions/latest/apireference/API_GetExecutionHistory.html
 */
export const getExecutionHistory: StepFunctionsAction = (request, { store }) => {
  const execution = findExecution(store, request.executionArn);
  const ordered = request.reverseOrder === true ? [...execution.history].reverse() : execution.history;
  const events = request.includeExecutionData === false ? ordered.map(withoutData) : ordered;
  const { items, nextToken } = sfnPage(events, request);
  return { events: items, ...(nextToken && { nextToken }) };
};

function withoutData(event: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(event).map(([key, value]) => {
      if (!key.endsWith('EventDetails') || !value || typeof value !== 'object') return [key, value];
      const { input: _i, output: _o, parameters: _p, ...rest } = value as Record<string, unknown>;
      return [key, rest];
    }),
  );
}
