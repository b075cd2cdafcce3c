import {
  HeadBucketCommand,
  HeadObjectCommand,
  PutObjectCommand,
  DeleteObjectCommand,
  type S3Client,
} from '@aws-sdk/client-s3';

/*
 * The S3 calls a deployment makes: the worker's code and the template go to the deployment bucket.
 */

/** Whether the bucket exists (and these credentials may reach it: HeadBucket answers 404 or 403 otherwise). */
export async function bucketExists(s3: S3Client, bucket: string): Promise<boolean> {
  try {
    await s3.send(new HeadBucketCommand({ Bucket: bucket }));
    return true;
  } catch (error) {
    if (['NotFound', 'NoSuchBucket'].includes((error as Error).name)) return false;
    throw error;
  }
}

/** Whether the object exists. */
export async function objectExists(s3: S3Client, bucket: string, key: string): Promise<boolean> {
  try {
    await s3.send(new HeadObjectCommand({ Bucket: bucket, Key: key }));
    return true;
  } catch (error) {
    if (['NotFound', 'NoSuchKey'].includes((error as Error).name)) return false;
    throw error;
  }
}

export async function putObject(s3: S3Client, bucket: string, key: string, body: Uint8Array): Promise<void> {
  await s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: body }));
}

export async function deleteObject(s3: S3Client, bucket: string, key: string): Promise<void> {
  await s3.send(new DeleteObjectCommand({ Bucket: bucket, Key: key }));
}
