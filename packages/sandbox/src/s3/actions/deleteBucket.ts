import { bucketNotEmpty } from '../s3Error.js';
import { emptyResponse, requireBucket, type S3Action } from '../s3Request.js';

/**
 * DeleteBucket: only an empty bucket (BucketNotEmpty otherwise); 204.
 * https://docs.aws.amazon.com/AmazonS3/latest/API/API_DeleteBucket.html
 */
export const deleteBucket: S3Action = (request, store) => {
  const bucket = requireBucket(store, request);
  if (store.objectCount(bucket.name) > 0) throw bucketNotEmpty(bucket.name);
  store.deleteBucket(bucket.name);
  return emptyResponse(204);
};
