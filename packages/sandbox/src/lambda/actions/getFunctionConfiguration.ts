import type { LambdaAction } from '../service.js';
import { qualifiedFunction } from './qualifiedFunction.js';

/** GetFunctionConfiguration. https://docs.aws.amazon.com/lambda/latest/api/API_GetFunctionConfiguration.html */
export const getFunctionConfiguration: LambdaAction = ({ labels, query, region }, store) => ({
  status: 200,
  body: qualifiedFunction(store, region, labels[0] ?? '', query).configuration,
});
