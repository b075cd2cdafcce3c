import type http from 'node:http';
import { randomBytes } from 'node:crypto';
import type { SandboxRequest, SandboxResponse } from '../server.js';
import { decodeAwsChunked } from './awsChunked.js';
import { SANDBOX_ACCOUNT } from '../sandboxAccount.js';
import { noSuchBucket } from './s3Error.js';
import type { BucketRecord, S3Store } from './s3Store.js';
import { xmlDocument, type XmlNode } from './xml.js';

/** One S3 request, routed: the bucket and key it addresses (path-style or virtual-hosted) and its decoded body. */
export interface S3Request {
  readonly method: string;
  readonly bucket?: string;
  /** The object key, decoded; undefined for bucket and service operations. */
  readonly key?: string;
  readonly query: URLSearchParams;
  readonly headers: http.IncomingHttpHeaders;
  /** The payload, with any `aws-chunked` framing removed. */
  readonly body: Buffer;
  readonly region: string;
}

/** A request as S3 routes it: the bucket and key from a path-style or virtual-hosted address, the payload unframed. */
export function s3RequestOf(req: SandboxRequest): S3Request {
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

/** One emulated S3 operation; throws an {@link S3Error} to answer with an AWS error. */
export type S3Action = (request: S3Request, store: S3Store) => SandboxResponse;

/** The bucket a request names, or S3's NoSuchBucket. */
export function requireBucket(store: S3Store, request: S3Request): BucketRecord {
  const bucket = store.bucket(request.bucket as string);
  if (!bucket) throw noSuchBucket(request.bucket as string);
  return bucket;
}

/** S3 identifies an owner by a 64-hex canonical user id; the sandbox derives one from its account id. */
export const OWNER = {
  ID: Buffer.from(SANDBOX_ACCOUNT.padEnd(32, '0')).toString('hex'),
  DisplayName: 'sandbox',
} as const;

/** The headers S3 puts on every answer. */
export function s3Headers(extra: Readonly<Record<string, string>> = {}): Record<string, string> {
  return { 'x-amz-request-id': randomBytes(8).toString('hex').toUpperCase(), 'x-amz-id-2': 'sandbox', ...extra };
}

export function xmlResponse(
  root: string,
  body: { readonly [name: string]: XmlNode },
  statusCode = 200,
): SandboxResponse {
  return { statusCode, headers: s3Headers({ 'content-type': 'application/xml' }), body: xmlDocument(root, body) };
}

export function emptyResponse(statusCode: number, headers: Readonly<Record<string, string>> = {}): SandboxResponse {
  return { statusCode, headers: s3Headers(headers), body: '' };
}

/** S3's timestamps in listings: ISO 8601 with milliseconds. */
export const isoTime = (ms: number): string => new Date(ms).toISOString();
