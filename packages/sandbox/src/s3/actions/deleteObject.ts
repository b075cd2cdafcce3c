import { emptyResponse, requireBucket, type S3Action } from '../s3Request.js';

/**
 * DeleteObject: 204 whether or not the key existed (an unversioned bucket).
 * https://docs.aws.amazon.com/AmazonS3/latest/API/API_DeleteObject.html
 */
export const deleteObject: S3Action = (request, store) => {
  const bucket = requireBucket(store, request);
  store.delete(bucket.name, request.key as string);
  return emptyResponse(204);
};
