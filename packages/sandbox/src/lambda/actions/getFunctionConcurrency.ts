import type { LambdaAction } from '../service.js';

/**
 * GetFunctionConcurrency: `{}` when the function has no reserved concurrency.
 * https://docs.aws.amazon.com/lambda/latest/api/API_GetFunctionConcurrency.html
 */
export const getFunctionConcurrency: LambdaAction = ({ labels, region }, store) => {
  const fn = store.findFunction(region, labels[0] ?? '');
  return {
    status: 200,
    body: fn.reservedConcurrency === undefined ? {} : { ReservedConcurrentExecutions: fn.reservedConcurrency },
  };
};
