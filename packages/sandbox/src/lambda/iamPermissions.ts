import { AwsError } from '../awsError.js';
import type { DenialKind, RequiredPermission } from '../iam/serviceAuthorization.js';
import { SANDBOX_ACCOUNT } from '../sandboxAccount.js';
import { functionArn, functionNameOf } from './lambdaStore.js';
import type { LambdaRequest, LambdaRoute } from './service.js';

/**
 * The permission a Lambda request needs (the route's `lambda:` action on the function, mapping or `*`), plus
 * `iam:PassRole` on the execution role when a request sets one, as Lambda requires of its caller.
 * https://docs.aws.amazon.com/service-authorization/latest/reference/list_awslambda.html
 */
export function lambdaPermissions(route: LambdaRoute, request: LambdaRequest): RequiredPermission[] {
  const action = `lambda:${route.iamAction}`;
  const named =
    request.labels[0] ?? (typeof request.body.FunctionName === 'string' ? request.body.FunctionName : undefined);
  let resource = '*';
  if (route.resource === 'mapping' && named) {
    resource = `arn:aws:lambda:${request.region}:${SANDBOX_ACCOUNT}:event-source-mapping:${named}`;
  } else if (route.resource === 'function' && named) {
    const qualifier = request.query.get('Qualifier');
    resource = named.startsWith('arn:')
      ? named
      : `${functionArn(request.region, functionNameOf(named))}${qualifier ? `:${qualifier}` : ''}`;
  } else if (route.resource === 'function') {
    return [];
  }
  const role = request.body.Role;
  const passRole =
    typeof role === 'string'
      ? [{ action: 'iam:PassRole', resource: role, context: { 'iam:PassedToService': ['lambda.amazonaws.com'] } }]
      : [];
  return [{ action, resource }, ...passRole];
}

/** Lambda's refusals: HTTP 403, in its REST-JSON error shape. */
export function lambdaDenial(kind: DenialKind, message: string): AwsError {
  if (kind === 'expiredToken') return new AwsError('ExpiredTokenException', message, 403);
  if (kind === 'invalidToken') return new AwsError('UnrecognizedClientException', message, 403);
  return new AwsError('AccessDeniedException', message, 403);
}
