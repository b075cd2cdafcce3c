import { emptyResponse, requireBucket, type S3Action } from '../s3Request.js';

/**
 * HeadBucket: 200 with the bucket's Region, or 404 (a HEAD answer has no
 * body, so SDKs name the error `NotFound`).
 * https://docs.aws.amazon.com/AmazonS3/latest/API/API_HeadBucket.html
 */
export const headBucket: S3Action = (request, store) =>
  emptyResponse(200, { 'x-amz-bucket-region': requireBucket(store, request).region });
