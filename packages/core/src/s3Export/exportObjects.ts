import { GetObjectCommand, type S3Client } from '@aws-sdk/client-s3';

/*
 * The S3 call that reads an export's objects back (manifests and data files), for whoever reads an export:
 * a revert, `export verify`, `restore-items --from-export`.
 */

/** An object's bytes and its ETag as S3 reports it (quotes removed). */
export interface ExportObject {
  readonly bytes: Uint8Array;
  readonly etag?: string;
}

/** GetObject of one object of an export. */
export async function readExportObject(s3: S3Client, bucket: string, key: string): Promise<ExportObject> {
  const { Body, ETag } = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
  const bytes = await Body!.transformToByteArray();
  return { bytes, ...(ETag !== undefined && { etag: ETag.replaceAll('"', '') }) };
}
