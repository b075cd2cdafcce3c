import { S3Client } from '@aws-sdk/client-s3';
import { createAwsClient } from '../aws/createAwsClient.js';
import type { AwsClientOptions } from '../aws/createDynamoDbClient.js';
import { bucketExists } from '../deploy/s3Calls.js';
import { InputError } from '../errors.js';

/*
 * Where an export to S3 goes, checked before any export starts: AWS accepts an export to a bucket that does
 * not exist and fails it only later, so the bucket is looked up first (HeadBucket).
 */

/** ExportTableToPointInTime's S3Bucket pattern and S3Prefix length (API reference). */
const BUCKET_PATTERN = /^[a-zA-Z0-9][\w.-]{1,253}[a-zA-Z0-9]$/;
const MAX_PREFIX_LENGTH = 1024;

/** The fields a request names its bucket and prefix by, for the errors. */
export interface ExportTargetFields {
  readonly bucket: string;
  readonly prefix: string;
}

/** Checks the bucket's name and the prefix without calling AWS. */
export function assertExportTarget(bucket: string, prefix: string | undefined, fields: ExportTargetFields): void {
  if (!BUCKET_PATTERN.test(bucket)) {
    throw new InputError(
      fields.bucket,
      bucket,
      'is not a bucket name',
      'Give the name of an existing S3 bucket (letters, digits, dots, hyphens), without s3:// or a path.',
    );
  }
  if (prefix === undefined) return;
  // eslint-disable-next-line no-control-regex
  if (prefix.length > 0 && prefix.length <= MAX_PREFIX_LENGTH && !/[\u0000-\u001f\u007f]/.test(prefix)) return;
  throw new InputError(
    fields.prefix,
    prefix,
    `is not a key prefix of 1 to ${MAX_PREFIX_LENGTH} printable characters`,
    'Give a prefix such as dr-exports/orders, or leave it out.',
  );
}

/** Refuses a bucket that does not exist or that these credentials cannot reach (HeadBucket). */
export async function assertBucketReachable(aws: AwsClientOptions, bucket: string, field: string): Promise<void> {
  const s3 = createAwsClient(S3Client, aws);
  try {
    await assertBucketExists(s3, bucket, field);
  } finally {
    s3.destroy();
  }
}

/** The same through a client the caller holds (a Lambda's). */
export async function assertBucketExists(s3: S3Client, bucket: string, field: string): Promise<void> {
  if (await bucketExists(s3, bucket)) return;
  throw new InputError(
    field,
    bucket,
    'does not exist or cannot be reached with these credentials',
    'Create the bucket in the same account (aws s3 mb s3://NAME), or name one that exists.',
  );
}
