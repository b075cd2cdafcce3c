import type { LambdaAction } from '../service.js';

/**
 * DeleteFunction: 204; its environments stop once idle and its code is removed. Its event source mappings
 * stay, as on AWS, until deleted.
 * https://docs.aws.amazon.com/lambda/latest/api/API_DeleteFunction.html
 */
export const deleteFunction: LambdaAction = async ({ labels, region }, store, runtime) => {
  const fn = store.findFunction(region, labels[0] ?? '');
  delete store.region(region).functions[fn.configuration.FunctionName];
  store.save();
  runtime.retire(region, fn.configuration.FunctionName);
  await runtime.code.remove(fn.code);
  return { status: 204 };
};
