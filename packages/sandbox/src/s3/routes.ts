import { createBucket } from './actions/createBucket.js';
import { deleteBucket } from './actions/deleteBucket.js';
import { deleteObject } from './actions/deleteObject.js';
import { deleteObjects } from './actions/deleteObjects.js';
import { getObject } from './actions/getObject.js';
import { headBucket } from './actions/headBucket.js';
import { headObject } from './actions/headObject.js';
import { listBuckets } from './actions/listBuckets.js';
import { listObjectsV2 } from './actions/listObjectsV2.js';
import { putObject } from './actions/putObject.js';
import { notImplemented, S3Error } from './s3Error.js';
import type { S3Action, S3Request } from './s3Request.js';

/**
 * Sub-resources (query parameters naming an operation) of the S3 operations
 * the sandbox does not emulate: multipart uploads, ACLs, versioning,
 * bucket configuration…
 */
const UNEMULATED = [
  'uploads',
  'uploadId',
  'acl',
  'tagging',
  'versioning',
  'versions',
  'versionId',
  'location',
  'policy',
  'cors',
  'lifecycle',
  'website',
  'logging',
  'notification',
  'replication',
  'encryption',
  'object-lock',
  'retention',
  'legal-hold',
  'restore',
  'select',
  'attributes',
  'ownershipControls',
  'publicAccessBlock',
  'accelerate',
  'requestPayment',
  'torrent',
];

type Level = 'service' | 'bucket' | 'object';

/** The S3 operations the sandbox emulates, by level, method and distinguishing sub-resource. */
const ROUTES: Readonly<Record<Level, Readonly<Record<string, (request: S3Request) => S3Action>>>> = {
  service: { GET: () => listBuckets },
  bucket: {
    PUT: () => createBucket,
    HEAD: () => headBucket,
    DELETE: () => deleteBucket,
    GET: (r) => {
      if (r.query.get('list-type') !== '2') throw notImplemented('ListObjects version 1 (use ListObjectsV2)');
      return listObjectsV2;
    },
    POST: (r) => {
      if (!r.query.has('delete')) throw notImplemented(`POST on a bucket without ?delete`);
      return deleteObjects;
    },
  },
  object: {
    PUT: (r) => {
      if (r.headers['x-amz-copy-source'] !== undefined) throw notImplemented('CopyObject');
      return putObject;
    },
    GET: () => getObject,
    HEAD: () => headObject,
    DELETE: () => deleteObject,
  },
};

/** The action for a request, or S3's NotImplemented / MethodNotAllowed. */
export function s3ActionFor(request: S3Request): S3Action {
  const unemulated = UNEMULATED.find((name) => request.query.has(name));
  if (unemulated) throw notImplemented(`the ?${unemulated} sub-resource`);
  const level: Level = request.bucket === undefined ? 'service' : request.key === undefined ? 'bucket' : 'object';
  const route = ROUTES[level][request.method];
  if (!route) {
    throw new S3Error('MethodNotAllowed', 'The specified method is not allowed against this resource.', 405, {
      Method: request.method,
      ResourceType: level.toUpperCase(),
    });
  }
  return route(request);
}
