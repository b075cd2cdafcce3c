import { invalidParameter } from '../lambdaError.js';
import type { LambdaAction } from '../service.js';
import { pageOf } from './pageOf.js';

/**
 * ListFunctions: functions by name, `MaxItems` (1–10,000, default 50) a page,
 * `NextMarker` until the last page.
 * https://docs.aws.amazon.com/lambda/latest/api/API_ListFunctions.html
 */
export const listFunctions: LambdaAction = ({ query, region }, store) => {
  const all = Object.values(store.region(region).functions)
    .map((f) => f.configuration)
    .sort((a, b) => (a.FunctionName < b.FunctionName ? -1 : 1));
  const page = pageOf(all, query, 50, (f) => f.FunctionName);
  if (!page) throw invalidParameter(`Invalid marker: ${query.get('Marker')}`);
  return { status: 200, body: { Functions: page.items, ...(page.next ? { NextMarker: page.next } : {}) } };
};
