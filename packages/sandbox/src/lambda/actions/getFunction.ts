import type { LambdaAction } from '../service.js';
import { qualifiedFunction } from './qualifiedFunction.js';

/**
 * GetFunction: configuration, code location, tags, and `Concurrency` only
 * when reserved concurrency is set.
 * https://docs.aws.amazon.com/lambda/latest/api/API_GetFunction.html
 */
export const getFunction: LambdaAction = ({ labels, query, region }, store) => {
  const fn = qualifiedFunction(store, region, labels[0] ?? '', query);
  return {
    status: 200,
    body: {
      Configuration: fn.configuration,
      Code: { RepositoryType: 'S3', Location: `https://sandbox.invalid/${fn.configuration.FunctionName}.zip` },
      ...(Object.keys(fn.tags).length ? { Tags: fn.tags } : {}),
      ...(fn.reservedConcurrency === undefined
        ? {}
        : { Concurrency: { ReservedConcurrentExecutions: fn.reservedConcurrency } }),
    },
  };
};
