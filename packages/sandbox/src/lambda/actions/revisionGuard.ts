import { LambdaError } from '../lambdaError.js';
import type { FunctionRecord } from '../lambdaStore.js';

/** An update naming a `RevisionId` applies only to that revision: PreconditionFailedException otherwise. */
export function revisionGuard(fn: FunctionRecord, revisionId: unknown): void {
  if (revisionId !== undefined && revisionId !== fn.configuration.RevisionId) {
    throw new LambdaError(
      'PreconditionFailedException',
      'The Revision Id provided does not match the latest Revision Id. Call the GetFunction/GetAlias API to retrieve the latest Revision Id',
      412,
    );
  }
}
