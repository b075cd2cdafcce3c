import { invalidParameter, validation } from '../lambdaError.js';
import { ACCOUNT_CONCURRENCY, MINIMUM_UNRESERVED } from '../lambdaStore.js';
import type { LambdaAction } from '../service.js';

/**
 * PutFunctionConcurrency: reserves concurrency (0 throttles every invocation).
 * Refused when it would leave the account fewer than 100 unreserved
 * executions of its 1,000 (AWS's default quota).
 * https://docs.aws.amazon.com/lambda/latest/api/API_PutFunctionConcurrency.html
 */
export const putFunctionConcurrency: LambdaAction = ({ labels, body, region }, store) => {
  const fn = store.findFunction(region, labels[0] ?? '');
  const reserved = body.ReservedConcurrentExecutions;
  if (typeof reserved !== 'number' || !Number.isInteger(reserved) || reserved < 0) {
    throw validation('reservedConcurrentExecutions', reserved, 'Member must have value greater than or equal to 0');
  }
  if (
    store.reservedElsewhere(region, fn.configuration.FunctionName) + reserved >
    ACCOUNT_CONCURRENCY - MINIMUM_UNRESERVED
  ) {
    throw invalidParameter(
      `Specified ReservedConcurrentExecutions for function decreases account's UnreservedConcurrentExecution below its minimum value of [${MINIMUM_UNRESERVED}].`,
    );
  }
  fn.reservedConcurrency = reserved;
  store.save();
  return { status: 200, body: { ReservedConcurrentExecutions: reserved } };
};
