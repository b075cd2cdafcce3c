import type { LambdaAction } from '../service.js';
import { describeMapping } from './describeMapping.js';
import { lambdaPage } from './lambdaPage.js';

/**
 * ListEventSourceMappings: filtered by `FunctionName` (name or ARN) and/or
 * `EventSourceArn`; `MaxItems` (1–10,000, default 100) a page.
 * https://docs.aws.amazon.com/lambda/latest/api/API_ListEventSourceMappings.html
 */
export const listEventSourceMappings: LambdaAction = ({ query, region }, store) => {
  const functionName = query.get('FunctionName');
  const functionArn = functionName ? store.findFunction(region, functionName).configuration.FunctionArn : undefined;
  const source = query.get('EventSourceArn');
  const all = Object.values(store.region(region).mappings).filter(
    (m) => (!functionArn || m.FunctionArn === functionArn) && (!source || m.EventSourceArn === source),
  );
  const page = lambdaPage(all, query, 100, (m) => m.UUID);
  return {
    status: 200,
    body: {
      EventSourceMappings: page.items.map((m) => describeMapping(m, region)),
      ...(page.nextToken ? { NextMarker: page.nextToken } : {}),
    },
  };
};
