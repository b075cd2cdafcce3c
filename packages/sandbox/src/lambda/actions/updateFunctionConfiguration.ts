import { randomUUID } from 'node:crypto';
import type { LambdaAction } from '../service.js';
import { lastModified } from './createFunction.js';
import { functionSettings } from './functionSettings.js';
import { revisionGuard } from './revisionGuard.js';

/**
 * UpdateFunctionConfiguration: Role, Runtime, Handler, Timeout, MemorySize, Description and Environment
 * (which replaces the variables whole, as on AWS), checked as CreateFunction checks them. Warm environments
 * are not reused after it.
 * https://docs.aws.amazon.com/lambda/latest/api/API_UpdateFunctionConfiguration.html
 */
export const updateFunctionConfiguration: LambdaAction = ({ labels, body, region }, store, runtime) => {
  const fn = store.findFunction(region, labels[0] ?? '');
  revisionGuard(fn, body.RevisionId);
  const settings = functionSettings(body, runtime, false);
  fn.configuration = { ...fn.configuration, ...settings, LastModified: lastModified(), RevisionId: randomUUID() };
  store.save();
  runtime.retire(region, fn.configuration.FunctionName);
  return { status: 200, body: fn.configuration };
};
