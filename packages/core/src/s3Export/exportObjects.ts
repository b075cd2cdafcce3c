import { GetObjectCommand, type S3Client } from '@aws-sdk/client-s3';

/*
 * The S3 call that reads an export's objects back (manifests and data files), for whoever reads an export:
 * a revert, `export verify`, `restore-items --from-export`.
 */

/** An object's content as it arrives, and its ETag as S3 reports it (quotes removed). */
export interface ExportObjectStream {
  readonly body: AsyncIterable<Uint8Array>;
  readonly etag?: string;
}

/** GetObject of one object of an export, its body streamed (a data file can be large). */
export async function openExportObject(s3: S3Client, bucket: string, key: string): Promise<ExportObjectStream> {
  const { Body, ETag } = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
  // In Node the SDK's body is a Readable, which is async iterable.
  return { body: Body as AsyncIterable<Uint8Array>, ...(ETag !== undefined && { etag: ETag.replaceAll('"', '') }) };
}

/** GetObject of one small object (a manifest, a checksum), whole. */
export async function readExportObject(s3: S3Client, bucket: string, key: string): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  for await (const chunk of (await openExportObject(s3, bucket, key)).body) chunks.push(chunk);
  return Buffer.concat(chunks);
}
