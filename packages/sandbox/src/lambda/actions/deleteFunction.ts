import type { LambdaAction } from '../service.js';

/**
 * DeleteFunction: 204. Its event source mappings stay, as on AWS, until deleted.
 * https://docs.aws.amazon.com/lambda/latest/api/API_DeleteFunction.html
 */
export const deleteFunction: LambdaAction = ({ labels, region }, store) => {
  const fn = store.findFunction(region, labels[0] ?? '');
  delete store.region(region).functions[fn.configuration.FunctionName];
  store.save();
  return { status: 204 };
};
