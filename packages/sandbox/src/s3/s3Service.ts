import type http from 'node:http';
import type { AwsError } from '../awsError.js';
import type { DenialKind } from '../iam/serviceAuthorization.js';
import type { SandboxRequest, SandboxResponse, SandboxService } from '../server.js';
import { decodeAwsChunked } from './awsChunked.js';
import { s3Permissions } from './iamPermissions.js';
import { s3ActionFor } from './routes.js';
import { S3Error } from './s3Error.js';
import { s3Headers, type S3Request } from './s3Request.js';
import type { S3Store } from './s3Store.js';
import { xmlDocument } from './xml.js';

/** A SigV4 credential scope for S3: `…/YYYYMMDD/REGION/s3/aws4_request`, in the header or a presigned URL. */
const S3_SCOPE = /Credential=[^/&,\s]+(?:\/|%2F)\d{8}(?:\/|%2F)[a-z0-9-]+(?:\/|%2F)s3(?:\/|%2F)aws4_request/i;

/**
 * S3's REST-XML endpoint on the sandbox's one address. S3 requests carry no
 * `X-Amz-Target`; they are the ones signed for the `s3` service. Buckets are
 * addressed path-style (`/bucket/key`, what SDKs use for an IP endpoint such
 * as `http://127.0.0.1:PORT`) or virtual-hosted (`bucket.localhost:PORT`).
 */
export function s3Service(store: S3Store): SandboxService {
  return {
    name: 's3',
    matches: (req: http.IncomingMessage) => S3_SCOPE.test(`${req.headers.authorization ?? ''} ${req.url ?? ''}`),
    handle: async (req: SandboxRequest): Promise<SandboxResponse> => {
      const request = s3Request(req);
      return s3ActionFor(request)(request, store);
    },
    errorResponse: s3ErrorResponse,
    authorization: { permissionsFor: (req) => s3Permissions(s3Request(req)), denied: s3Denial },
  };
}

/** S3's refusals of a role session: AccessDenied (403), ExpiredToken (400), InvalidAccessKeyId (403). */
function s3Denial(kind: DenialKind, message: string): AwsError {
  if (kind === 'expiredToken') return new S3Error('ExpiredToken', message, 400);
  if (kind === 'invalidToken') return new S3Error('InvalidAccessKeyId', message, 403);
  return new S3Error('AccessDenied', message, 403);
}

function s3Request(req: SandboxRequest): S3Request {
  const host = String(req.headers.host ?? '').replace(/:\d+$/, '');
  const virtualHost = /^(.+)\.localhost$/.exec(host)?.[1];
  const path = req.url.pathname;
  let bucket: string | undefined = virtualHost;
  let rawKey: string;
  if (bucket === undefined) {
    const slash = path.indexOf('/', 1);
    const first = slash < 0 ? path.slice(1) : path.slice(1, slash);
    bucket = first === '' ? undefined : decodeURIComponent(first);
    rawKey = slash < 0 ? '' : path.slice(slash + 1);
  } else rawKey = path.slice(1);
  const streamed =
    String(req.headers['content-encoding'] ?? '').includes('aws-chunked') ||
    String(req.headers['x-amz-content-sha256'] ?? '').startsWith('STREAMING-');
  return {
    method: req.method,
    bucket,
    key: rawKey === '' ? undefined : decodeURIComponent(rawKey),
    query: req.url.searchParams,
    headers: req.headers,
    body: streamed ? decodeAwsChunked(req.body) : req.body,
    region: req.region,
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
