import type http from 'node:http';
import { createHash } from 'node:crypto';
import { S3Error } from './s3Error.js';
import type { ObjectProperties, ObjectRecord } from './s3Store.js';

/** What a PutObject request sets besides the bytes: content type and encoding, `x-amz-meta-*`. */
export function objectProperties(headers: http.IncomingHttpHeaders): ObjectProperties {
  const userMetadata: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (name.startsWith('x-amz-meta-') && typeof value === 'string') userMetadata[name.slice(11)] = value;
  }
  // aws-chunked is transfer framing, not the object's encoding.
  const encoding = String(headers['content-encoding'] ?? '')
    .split(',')
    .map((e) => e.trim())
    .filter((e) => e !== '' && e !== 'aws-chunked')
    .join(', ');
  return {
    contentType: typeof headers['content-type'] === 'string' ? headers['content-type'] : 'binary/octet-stream',
    ...(encoding ? { contentEncoding: encoding } : {}),
    userMetadata,
  };
}

/** The headers GetObject and HeadObject answer with. */
export function objectHeaders(record: ObjectRecord): Record<string, string> {
  const headers: Record<string, string> = {
    'content-type': record.contentType,
    etag: `"${record.md5}"`,
    'last-modified': new Date(record.lastModifiedMs).toUTCString(),
    'accept-ranges': 'bytes',
  };
  if (record.contentEncoding) headers['content-encoding'] = record.contentEncoding;
  for (const [name, value] of Object.entries(record.userMetadata)) headers[`x-amz-meta-${name}`] = value;
  return headers;
}

/**
 * Checks a request's Content-MD5 against its body, as S3 does: InvalidDigest
 * when it is not a base64 MD5, BadDigest when it does not match.
 */
export function checkContentMd5(headers: http.IncomingHttpHeaders, body: Buffer): void {
  const sent = headers['content-md5'];
  if (typeof sent !== 'string') return;
  if (Buffer.from(sent, 'base64').length !== 16) {
    throw new S3Error('InvalidDigest', 'The Content-MD5 you specified was invalid.', 400, { 'Content-MD5': sent });
  }
  if (createHash('md5').update(body).digest('base64') !== sent) {
    throw new S3Error('BadDigest', 'The Content-MD5 you specified did not match what we received.', 400);
  }
}
