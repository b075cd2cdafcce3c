import { checkContentMd5, objectProperties } from '../objectHeaders.js';
import { S3Error } from '../s3Error.js';
import { emptyResponse, requireBucket, type S3Action } from '../s3Request.js';

/** S3's longest key, in UTF-8 bytes. */
const MAX_KEY_BYTES = 1024;

/**
 * PutObject (single part): stores the bytes and answers with their ETag, the
 * MD5 in hex within quotes, as S3 does for objects uploaded in one part.
 * https://docs.aws.amazon.com/AmazonS3/latest/API/API_PutObject.html
 */
export const putObject: S3Action = (request, store) => {
  const bucket = requireBucket(store, request);
  const key = request.key as string;
  if (Buffer.byteLength(key) > MAX_KEY_BYTES) {
    throw new S3Error('KeyTooLongError', 'Your key is too long', 400, {
      MaxSizeAllowed: String(MAX_KEY_BYTES),
      Size: String(Buffer.byteLength(key)),
    });
  }
  checkContentMd5(request.headers, request.body);
  const record = store.put(bucket.name, key, request.body, objectProperties(request.headers), Date.now());
  return emptyResponse(200, { etag: `"${record.md5}"` });
};
