import { checkContentMd5 } from '../objectHeaders.js';
import { malformedXml } from '../s3Error.js';
import { requireBucket, xmlResponse, type S3Action } from '../s3Request.js';
import { parseXml } from '../xml.js';

/** S3 deletes at most 1,000 keys per request. */
const MAX_KEYS = 1000;

/**
 * DeleteObjects: up to 1,000 keys; every key is reported deleted (a missing
 * key is no error in an unversioned bucket), unless `<Quiet>true</Quiet>`.
 * https://docs.aws.amazon.com/AmazonS3/latest/API/API_DeleteObjects.html
 */
export const deleteObjects: S3Action = (request, store) => {
  const bucket = requireBucket(store, request);
  checkContentMd5(request.headers, request.body);
  const { keys, quiet } = objectsToDelete(request.body);
  for (const key of keys) store.delete(bucket.name, key);
  return xmlResponse('DeleteResult', { Deleted: quiet ? [] : keys.map((Key) => ({ Key })) });
};

/** The keys a DeleteObjects body names (`<Delete><Object><Key>…`), and whether it is `<Quiet>`; else MalformedXML. */
export function objectsToDelete(body: Buffer): { keys: string[]; quiet: boolean } {
  const doc = parseXml(body).Delete as { Object?: unknown; Quiet?: unknown } | undefined;
  const objects = doc?.Object === undefined ? [] : [doc.Object].flat();
  if (!doc || objects.length === 0 || objects.length > MAX_KEYS) throw malformedXml();
  const keys = objects.map((o) => {
    const key = (o as { Key?: unknown } | undefined)?.Key;
    if (typeof key !== 'string' || key === '') throw malformedXml();
    return key;
  });
  return { keys, quiet: String(doc.Quiet).trim() === 'true' };
}
