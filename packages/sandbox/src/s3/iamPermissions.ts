import type { RequiredPermission } from '../iam/serviceAuthorization.js';
import { createBucket } from './actions/createBucket.js';
import { deleteBucket } from './actions/deleteBucket.js';
import { deleteObject } from './actions/deleteObject.js';
import { deleteObjects, deleteRequest } from './actions/deleteObjects.js';
import { getObject } from './actions/getObject.js';
import { headBucket } from './actions/headBucket.js';
import { headObject } from './actions/headObject.js';
import { listBuckets } from './actions/listBuckets.js';
import { listObjectsV2 } from './actions/listObjectsV2.js';
import { putObject } from './actions/putObject.js';
import { s3ActionFor } from './routes.js';
import type { S3Action, S3Request } from './s3Request.js';

/** The IAM action each emulated operation needs (HeadBucket needs ListBucket, HeadObject GetObject). */
const ACTIONS = new Map<S3Action, string>([
  [listBuckets, 's3:ListAllMyBuckets'],
  [createBucket, 's3:CreateBucket'],
  [headBucket, 's3:ListBucket'],
  [deleteBucket, 's3:DeleteBucket'],
  [listObjectsV2, 's3:ListBucket'],
  [deleteObjects, 's3:DeleteObject'],
  [putObject, 's3:PutObject'],
  [getObject, 's3:GetObject'],
  [headObject, 's3:GetObject'],
  [deleteObject, 's3:DeleteObject'],
]);

/**
 * What an S3 request needs: the operation's action on the bucket ARN (`arn:aws:s3:::BUCKET`, ListBucket with the
 * `s3:prefix` condition key) or on each object's ARN (`arn:aws:s3:::BUCKET/KEY`); ListAllMyBuckets on `*`.
 * https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazons3.html
 */
export function s3Permissions(request: S3Request): RequiredPermission[] {
  let action: string | undefined;
  try {
    action = ACTIONS.get(s3ActionFor(request));
  } catch {
    return []; // refused by S3 itself (not emulated, method not allowed), touching nothing
  }
  if (!action) return [];
  if (request.bucket === undefined) return [{ action, resource: '*' }];
  const bucketArn = `arn:aws:s3:::${request.bucket}`;
  if (request.key !== undefined) return [{ action, resource: `${bucketArn}/${request.key}` }];
  if (action === 's3:ListBucket') {
    return [{ action, resource: bucketArn, context: { 's3:prefix': [request.query.get('prefix') ?? ''] } }];
  }
  if (action === 's3:DeleteObject')
    return deletedKeys(request).map((key) => ({ action, resource: `${bucketArn}/${key}` }));
  return [{ action, resource: bucketArn }];
}

/** The keys of a DeleteObjects request (none when its XML is malformed: S3 refuses it then). */
function deletedKeys(request: S3Request): string[] {
  try {
    return deleteRequest(request.body).keys;
  } catch {
    return [];
  }
}
