import { bucketAlreadyOwnedByYou, invalidBucketName, S3Error } from '../s3Error.js';
import { emptyResponse, type S3Action } from '../s3Request.js';
import { isValidBucketName } from '../bucketName.js';
import { parseXml } from '../xml.js';

/**
 * CreateBucket, in the Region the request was signed for. A bucket outside
 * us-east-1 needs a matching LocationConstraint. Creating a bucket you
 * already own is BucketAlreadyOwnedByYou, except in us-east-1, where S3
 * answers 200 for legacy compatibility.
 * https://docs.aws.amazon.com/AmazonS3/latest/API/API_CreateBucket.html
 */
export const createBucket: S3Action = (request, store) => {
  const name = request.bucket as string;
  if (!isValidBucketName(name)) throw invalidBucketName(name);
  const constraint = locationConstraint(request.body);
  if (constraint === 'us-east-1') {
    throw new S3Error('InvalidLocationConstraint', 'The specified location-constraint is not valid', 400, {
      LocationConstraint: constraint,
    });
  }
  const region = constraint ?? 'us-east-1';
  // The us-east-1 endpoint is S3's global one: it creates buckets in any Region.
  if (region !== request.region && request.region !== 'us-east-1') {
    throw new S3Error(
      'IllegalLocationConstraintException',
      `The ${constraint ?? 'unspecified'} location constraint is incompatible for the region specific endpoint this request was sent to.`,
      400,
    );
  }
  if (store.bucket(name)) {
    if (region === 'us-east-1') return emptyResponse(200, { location: `/${name}` });
    throw bucketAlreadyOwnedByYou(name);
  }
  store.createBucket({ name, region, createdMs: Date.now() });
  return emptyResponse(200, { location: `/${name}` });
};

function locationConstraint(body: Buffer): string | undefined {
  if (body.length === 0) return undefined;
  const config = parseXml(body).CreateBucketConfiguration as { LocationConstraint?: unknown } | undefined;
  const constraint = config?.LocationConstraint;
  return typeof constraint === 'string' && constraint !== '' ? constraint : undefined;
}
