import type { LambdaAction } from '../service.js';
import { describeMapping } from './describeMapping.js';
import { findMapping } from './findMapping.js';

/**
 * GetEventSourceMapping.
 * https://docs.aws.amazon.com/lambda/latest/api/API_GetEventSourceMapping.html
 */
export const getEventSourceMapping: LambdaAction = ({ labels, region }, store) => ({
  status: 200,
  body: describeMapping(findMapping(store, region, labels[0] ?? ''), region),
});
