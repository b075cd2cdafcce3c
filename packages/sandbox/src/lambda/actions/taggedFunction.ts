import { invalidParameter } from '../lambdaError.js';
import type { FunctionRecord, LambdaStore } from '../lambdaStore.js';

/** The function a tagging call's `Resource` ARN names: tagging takes ARNs only. */
export function taggedFunction(store: LambdaStore, region: string, resource: string): FunctionRecord {
  if (!/^arn:aws[a-zA-Z-]*:lambda:[a-z0-9-]+:\d{12}:function:[a-zA-Z0-9_-]+$/.test(resource)) {
    throw invalidParameter(
      `Resource ${resource} is not a function ARN. Give the function's ARN, as GetFunction returns it.`,
    );
  }
  return store.findFunction(region, resource);
}
