import type { LambdaAction } from '../service.js';

/**
 * DeleteFunctionConcurrency: removes the reservation (the function then
 * shares the unreserved pool); 204.
 * https://docs.aws.amazon.com/lambda/latest/api/API_DeleteFunctionConcurrency.html
 */
export const deleteFunctionConcurrency: LambdaAction = ({ labels, region }, store) => {
  const fn = store.findFunction(region, labels[0] ?? '');
  delete fn.reservedConcurrency;
  store.save();
  return { status: 204 };
};
