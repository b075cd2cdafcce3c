import { objectHeaders } from '../objectHeaders.js';
import { noSuchKey } from '../s3Error.js';
import { emptyResponse, requireBucket, type S3Action } from '../s3Request.js';

/**
 * HeadObject: GetObject's headers (with the object's Content-Length) and no
 * body; 404 for a missing key (SDKs name it `NotFound`: a HEAD answer has no body).
 * https://docs.aws.amazon.com/AmazonS3/latest/API/API_HeadObject.html
 */
export const headObject: S3Action = (request, store) => {
  const bucket = requireBucket(store, request);
  const record = store.head(bucket.name, request.key as string);
  if (!record) throw noSuchKey(request.key as string);
  return emptyResponse(200, { ...objectHeaders(record), 'content-length': String(record.size) });
};
