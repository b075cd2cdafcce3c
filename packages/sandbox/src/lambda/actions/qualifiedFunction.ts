import { functionNotFound } from '../lambdaError.js';
import { functionArn, functionReference, type FunctionRecord, type LambdaStore } from '../lambdaStore.js';

/**
 * The function a request names, with its `Qualifier` (query, or `name:qualifier`): the sandbox has only
 * `$LATEST` (no versions or aliases), so any other qualifier is ResourceNotFoundException, as on AWS for a
 * version that does not exist.
 */
export function qualifiedFunction(
  store: LambdaStore,
  region: string,
  reference: string,
  query: URLSearchParams,
): FunctionRecord {
  const fn = store.findFunction(region, reference);
  const qualifier = query.get('Qualifier') ?? functionReference(reference).qualifier;
  if (qualifier !== undefined && qualifier !== '$LATEST') {
    throw functionNotFound(`${functionArn(region, fn.configuration.FunctionName)}:${qualifier}`);
  }
  return fn;
}
