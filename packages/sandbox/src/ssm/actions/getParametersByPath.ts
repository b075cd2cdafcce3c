import { AwsError } from '../../awsError.js';
import { pageAfter } from '../../pageOf.js';
import { ssmValidation } from '../ssmErrors.js';
import type { SsmAction } from '../service.js';

/**
 * GetParametersByPath: the parameters one level below `Path` (all levels with
 * `Recursive`), `MaxResults` (1–10, default 10) a page, then `NextToken`.
 * https://docs.aws.amazon.com/systems-manager/latest/APIReference/API_GetParametersByPath.html
 */
export const getParametersByPath: SsmAction = (request, { store, region }) => {
  const path = request.Path;
  if (typeof path !== 'string' || !path.startsWith('/')) {
    throw new AwsError(
      'ValidationException',
      `The parameter doesn't meet the parameter name requirements. The parameter name must begin with a forward slash "/". It can't be prefixed with "aws" or "ssm" (case-insensitive). It must use only letters, numbers, or the following symbols: . (period), - (hyphen), _ (underscore). Special characters are not allowed. All sub-paths, if specified, must use the forward slash symbol "/". Valid example: /get/parameters2-/by1./path0_.`,
    );
  }
  const maxResults = request.MaxResults ?? 10;
  if (typeof maxResults !== 'number' || !Number.isInteger(maxResults) || maxResults < 1 || maxResults > 10) {
    throw ssmValidation('maxResults', maxResults, 'Member must have value less than or equal to 10');
  }
  const prefix = path.endsWith('/') ? path : `${path}/`;
  const matching = Object.values(store.parameters(region)).filter(
    (p) => p.Name.startsWith(prefix) && (request.Recursive === true || !p.Name.slice(prefix.length).includes('/')),
  );
  const page = pageAfter(matching, request.NextToken, maxResults, { keyOf: (p) => p.Name }, invalidNextToken);
  return { Parameters: page.items, ...(page.nextToken ? { NextToken: page.nextToken } : {}) };
};

const invalidNextToken = () => new AwsError('InvalidNextToken', "The specified token isn't valid.");
