import { isoTime, OWNER, xmlResponse, type S3Action } from '../s3Request.js';

/**
 * ListBuckets: every bucket, by name, with its Region; `prefix` and
 * `bucket-region` filter (all buckets fit in one page here).
 * https://docs.aws.amazon.com/AmazonS3/latest/API/API_ListBuckets.html
 */
export const listBuckets: S3Action = (request, store) => {
  const prefix = request.query.get('prefix') ?? '';
  const region = request.query.get('bucket-region');
  const buckets = store.buckets().filter((b) => b.name.startsWith(prefix) && (region === null || b.region === region));
  return xmlResponse('ListAllMyBucketsResult', {
    Owner: OWNER,
    Buckets: {
      Bucket: buckets.map((b) => ({ Name: b.name, CreationDate: isoTime(b.createdMs), BucketRegion: b.region })),
    },
    Prefix: request.query.get('prefix') ?? undefined,
  });
};
