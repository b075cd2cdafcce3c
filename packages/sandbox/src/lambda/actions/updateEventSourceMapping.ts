import type { LambdaAction } from '../service.js';
import { describeMapping } from './describeMapping.js';
import { findMapping } from './findMapping.js';

/**
 * UpdateEventSourceMapping: `Enabled`, `BatchSize`, `FunctionName`; 202 with
 * `State` Enabling, Disabling or Updating, as AWS answers before it settles.
 * https://docs.aws.amazon.com/lambda/latest/api/API_UpdateEventSourceMapping.html
 */
export const updateEventSourceMapping: LambdaAction = ({ labels, body, region }, store) => {
  const mapping = findMapping(store, region, labels[0] ?? '');
  if (typeof body.FunctionName === 'string') {
    mapping.FunctionArn = store.findFunction(region, body.FunctionName).configuration.FunctionArn;
  }
  if (typeof body.BatchSize === 'number') mapping.BatchSize = body.BatchSize;
  let transition = 'Updating';
  if (typeof body.Enabled === 'boolean') {
    transition = body.Enabled ? 'Enabling' : 'Disabling';
    mapping.enabled = body.Enabled;
  }
  mapping.LastModified = Date.now() / 1000;
  store.save();
  return { status: 202, body: describeMapping(mapping, region, transition) };
};
