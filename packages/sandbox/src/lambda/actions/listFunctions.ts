import type { LambdaAction } from '../service.js';
import { lambdaPage } from './lambdaPage.js';

/**
 * ListFunctions: functions by name, `MaxItems` (1–10,000, default 50) a page,
 * `NextMarker` until the last page.
 * https://docs.aws.amazon.com/lambda/latest/api/API_ListFunctions.html
 */
export const listFunctions: LambdaAction = ({ query, region }, store) => {
  const all = Object.values(store.region(region).functions).map((f) => f.configuration);
  const page = lambdaPage(all, query, 50, (f) => f.FunctionName);
  return { status: 200, body: { Functions: page.items, ...(page.nextToken ? { NextMarker: page.nextToken } : {}) } };
};
