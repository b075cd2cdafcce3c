import type { LambdaAction } from '../service.js';

/**
 * GetFunction: configuration, code location, tags, and `Concurrency` only
 * when reserved concurrency is set.
 * https://docs.aws.amazon.com/lambda/latest/api/API_GetFunction.html
 */
export const getFunction: LambdaAction = ({ labels, region }, store) => {
  const fn = store.findFunction(region, labels[0] ?? '');
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
