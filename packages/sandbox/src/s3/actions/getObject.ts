import type { SandboxResponse } from '../../server.js';
import { objectHeaders } from '../objectHeaders.js';
import { noSuchKey, S3Error } from '../s3Error.js';
import { requireBucket, s3Headers, type S3Action } from '../s3Request.js';

/**
 * GetObject, whole or one byte range (`Range: bytes=a-b`, `a-`, `-n`; 206
 * with Content-Range), as the AWS CLI asks for large objects.
 * https://docs.aws.amazon.com/AmazonS3/latest/API/API_GetObject.html
 */
export const getObject: S3Action = (request, store): SandboxResponse => {
  const bucket = requireBucket(store, request);
  const key = request.key as string;
  const record = store.head(bucket.name, key);
  const body = store.body(bucket.name, key);
  if (!record || !body) throw noSuchKey(key);
  const headers = s3Headers(objectHeaders(record));
  const range = byteRange(request.headers.range, body.length);
  if (!range) return { statusCode: 200, headers, body };
  const [start, end] = range;
  return {
    statusCode: 206,
    headers: { ...headers, 'content-range': `bytes ${start}-${end}/${body.length}` },
    body: body.subarray(start, end + 1),
  };
};

/** The inclusive byte range a Range header asks for; undefined for none or one S3 ignores (several ranges). */
function byteRange(header: string | undefined, size: number): [number, number] | undefined {
  const match = header === undefined ? null : /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!match || (match[1] === '' && match[2] === '')) return undefined;
  const [first, last] = [match[1] as string, match[2] as string];
  const start = first === '' ? Math.max(0, size - Number(last)) : Number(first);
  const end = first === '' || last === '' ? size - 1 : Math.min(Number(last), size - 1);
  if (start >= size || start > end) {
    throw new S3Error('InvalidRange', 'The requested range is not satisfiable', 416, {
      RangeRequested: header as string,
      ActualObjectSize: String(size),
    });
  }
  return [start, end];
}
