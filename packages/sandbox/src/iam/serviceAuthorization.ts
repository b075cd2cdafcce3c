import { AwsError } from '../awsError.js';
import type { SandboxRequest, SandboxService } from '../server.js';

/** One IAM permission a request needs: an action (`dynamodb:DeleteTable`) on one resource ARN (or `*`). */
export interface RequiredPermission {
  readonly action: string;
  readonly resource: string;
  /** Service-specific condition keys this request sets (e.g. `iam:PassedToService`), lower-cased or not. */
  readonly context?: Readonly<Record<string, readonly string[]>>;
}

/** Why a caller is refused: no permission, or credentials that are expired or not the sandbox's. */
export type DenialKind = 'accessDenied' | 'expiredToken' | 'invalidToken';

/**
 * How a service declares its IAM mapping: one property on its {@link SandboxService}, e.g.
 * `authorization: { permissionsFor: stepFunctionsPermissions }`.
 */
export interface ServiceAuthorization {
  /**
   * Every permission the request needs; all must be allowed. An empty list needs none (like
   * `sts:GetCallerIdentity`), and is also right for a request so malformed that the service refuses it
   * before touching anything: name no resource you cannot read from the request.
   */
  permissionsFor(request: SandboxRequest): readonly RequiredPermission[] | Promise<readonly RequiredPermission[]>;
  /** The service's own error for a refused caller. @default {@link jsonServiceDenial} */
  denied?(kind: DenialKind, message: string): AwsError;
}

/** Lets a request through, or throws the service's AWS error. Runs before the service handles it. */
export type RequestAuthorizer = (service: SandboxService, request: SandboxRequest) => void | Promise<void>;

/** The refusal every JSON-protocol service (DynamoDB, SSM, Step Functions…) answers with: HTTP 400. */
export function jsonServiceDenial(kind: DenialKind, message: string): AwsError {
  if (kind === 'expiredToken') return new AwsError('ExpiredTokenException', message);
  if (kind === 'invalidToken') return new AwsError('UnrecognizedClientException', message);
  return new AwsError('AccessDeniedException', message);
}

/** The refusal the Query-protocol services (IAM, STS, CloudFormation…) answer with: HTTP 403. */
export function queryServiceDenial(kind: DenialKind, message: string): AwsError {
  if (kind === 'expiredToken') return new AwsError('ExpiredToken', message, 403);
  if (kind === 'invalidToken') return new AwsError('InvalidClientTokenId', message, 403);
  return new AwsError('AccessDenied', message, 403);
}

/**
 * A JSON-protocol request as a mapping reads it: the operation from `X-Amz-Target` (after the dot) and the
 * body; undefined when the body is not a JSON object (the service refuses it without touching anything).
 */
export function jsonTargetRequest(
  request: SandboxRequest,
): { operation: string; body: Record<string, unknown> } | undefined {
  const operation = String(request.headers['x-amz-target'] ?? '').split('.')[1] ?? '';
  try {
    const body: unknown = JSON.parse(request.body.toString() || '{}');
    return body && typeof body === 'object' && !Array.isArray(body)
      ? { operation, body: body as Record<string, unknown> }
      : undefined;
  } catch {
    return undefined;
  }
}
