import type { LambdaAction } from '../service.js';
import { describeMapping } from './describeMapping.js';
import { findMapping } from './findMapping.js';

/**
 * DeleteEventSourceMapping: 202, `State: Deleting`.
 * https://docs.aws.amazon.com/lambda/latest/api/API_DeleteEventSourceMapping.html
 */
export const deleteEventSourceMapping: LambdaAction = ({ labels, region }, store) => {
  const mapping = findMapping(store, region, labels[0] ?? '');
  delete store.region(region).mappings[mapping.UUID];
  store.save();
  return { status: 202, body: describeMapping(mapping, region, 'Deleting') };
};
