import type { DenialKind, RequiredPermission } from '../iam/serviceAuthorization.js';
import type { SandboxRequest } from '../server.js';
import { createBucket } from './actions/createBucket.js';
import { deleteBucket } from './actions/deleteBucket.js';
import { deleteObject } from './actions/deleteObject.js';
import { deleteObjects, objectsToDelete } from './actions/deleteObjects.js';
import { getObject } from './actions/getObject.js';
import { headBucket } from './actions/headBucket.js';
import { headObject } from './actions/headObject.js';
import { listBuckets } from './actions/listBuckets.js';
import { listObjectsV2 } from './actions/listObjectsV2.js';
import { putObject } from './actions/putObject.js';
import { s3ActionFor } from './routes.js';
import { S3Error } from './s3Error.js';
import { s3RequestOf, type S3Action, type S3Request } from './s3Request.js';

const bucketArn = (request: S3Request) => `arn:aws:s3:::${request.bucket ?? ''}`;
const objectArn = (request: S3Request, key = request.key ?? '') => `${bucketArn(request)}/${key}`;
const onBucket = (action: string) => (request: S3Request) => [{ action, resource: bucketArn(request) }];
const onObject = (action: string) => (request: S3Request) => [{ action, resource: objectArn(request) }];

/**
 * What each emulated S3 operation needs, after AWS's Service Authorization Reference
 * (https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazons3.html): the bucket
 * operations on `arn:aws:s3:::BUCKET`, the object ones on `arn:aws:s3:::BUCKET/KEY`. HeadBucket and
 * ListObjectsV2 are `s3:ListBucket` (with the `s3:prefix`, `s3:delimiter` and `s3:max-keys` condition keys),
 * HeadObject `s3:GetObject`, DeleteObjects `s3:DeleteObject` on every key, ListBuckets `s3:ListAllMyBuckets`.
 */
const PERMISSIONS = new Map<S3Action, (request: S3Request) => RequiredPermission[]>([
  [listBuckets, () => [{ action: 's3:ListAllMyBuckets', resource: '*' }]],
  [createBucket, onBucket('s3:CreateBucket')],
  [deleteBucket, onBucket('s3:DeleteBucket')],
  [headBucket, onBucket('s3:ListBucket')],
  [listObjectsV2, listBucket],
  [getObject, onObject('s3:GetObject')],
  [headObject, onObject('s3:GetObject')],
  [putObject, onObject('s3:PutObject')],
  [deleteObject, onObject('s3:DeleteObject')],
  [
    deleteObjects,
    (request) =>
      objectsToDelete(request.body).keys.map((key) => ({
        action: 's3:DeleteObject',
        resource: objectArn(request, key),
      })),
  ],
]);

function listBucket(request: S3Request): RequiredPermission[] {
  const context: Record<string, string[]> = { 's3:prefix': [request.query.get('prefix') ?? ''] };
  for (const key of ['delimiter', 'max-keys']) {
    const value = request.query.get(key);
    if (value !== null) context[`s3:${key}`] = [value];
  }
  return [{ action: 's3:ListBucket', resource: bucketArn(request), context }];
}

/** The permissions an S3 request needs; none for a request S3 refuses before touching anything. */
export function s3Permissions(req: SandboxRequest): RequiredPermission[] {
  const request = s3RequestOf(req);
  try {
    return PERMISSIONS.get(s3ActionFor(request))?.(request) ?? [];
  } catch (error) {
    if (error instanceof S3Error) return []; // NotImplemented, MethodNotAllowed, MalformedXML: refused as it is
    throw error;
  }
}

/** S3's refusals: AccessDenied (403), ExpiredToken and InvalidToken (400). https://docs.aws.amazon.com/AmazonS3/latest/API/ErrorResponses.html */
export function s3Denial(kind: DenialKind, message: string): S3Error {
  if (kind === 'expiredToken') return new S3Error('ExpiredToken', message, 400);
  if (kind === 'invalidToken') return new S3Error('InvalidToken', message, 400);
  return new S3Error('AccessDenied', message, 403);
}
