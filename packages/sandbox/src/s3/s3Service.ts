import type { AwsError } from '../awsError.js';
import type { SandboxRequest, SandboxResponse, SandboxService } from '../server.js';
import { signingScopeOf } from '../signingScope.js';
import { s3Denial, s3Permissions } from './iamPermissions.js';
import { s3ActionFor } from './routes.js';
import { S3Error } from './s3Error.js';
import { s3Headers, s3RequestOf } from './s3Request.js';
import type { S3Store } from './s3Store.js';
import { xmlDocument } from './xml.js';

/**
 * S3's REST-XML endpoint on the sandbox's one address. S3 requests carry no
 * `X-Amz-Target`; they are the ones signed for the `s3` service. Buckets are
 * addressed path-style (`/bucket/key`, what SDKs use for an IP endpoint such
 * as `http://127.0.0.1:PORT`) or virtual-hosted (`bucket.localhost:PORT`).
 */
export function s3Service(store: S3Store): SandboxService {
  return {
    name: 's3',
    matches: (req) => signingScopeOf(req)?.service === 's3',
    handle: async (req: SandboxRequest): Promise<SandboxResponse> => {
      const request = s3RequestOf(req);
      return s3ActionFor(request)(request, store);
    },
    errorResponse: s3ErrorResponse,
    authorization: { permissionsFor: s3Permissions, denied: s3Denial },
  };
}

/** S3's XML error document; a HEAD answer carries none (the status tells). */
function s3ErrorResponse(error: AwsError): SandboxResponse {
  const detail = error instanceof S3Error ? error.detail : {};
  const code = error.statusCode >= 500 && !(error instanceof S3Error) ? 'InternalError' : error.type;
  const headers = s3Headers({ 'content-type': 'application/xml' });
  return {
    statusCode: error.statusCode,
    headers,
    body: xmlDocument(
      'Error',
      { Code: code, Message: error.message, ...detail, RequestId: headers['x-amz-request-id'] },
      false,
    ),
  };
}
