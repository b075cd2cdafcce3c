import { invalidArgument } from '../s3Error.js';
import { isoTime, OWNER, requireBucket, xmlResponse, type S3Action } from '../s3Request.js';
import { compareKeys, type ObjectRecord } from '../s3Store.js';

/** S3 returns at most 1,000 keys per page. */
const PAGE_MAX = 1000;

/**
 * ListObjectsV2: keys in UTF-8 binary order after `start-after` or the
 * continuation token, under `prefix`, rolled up into CommonPrefixes at the
 * first `delimiter` after the prefix, at most `max-keys` (≤ 1,000) entries a
 * page; `encoding-type=url` URL-encodes the keys and prefixes (the AWS CLI asks for it).
 * https://docs.aws.amazon.com/AmazonS3/latest/API/API_ListObjectsV2.html
 */
export const listObjectsV2: S3Action = (request, store) => {
  const bucket = requireBucket(store, request);
  const q = request.query;
  const prefix = q.get('prefix') ?? '';
  const delimiter = q.get('delimiter') || undefined;
  const maxKeys = pageSize(q.get('max-keys'));
  const token = q.get('continuation-token') ?? undefined;
  const after = token === undefined ? (q.get('start-after') ?? '') : decodeToken(token);
  const url = q.get('encoding-type') === 'url';
  const encode = (text: string) => (url ? encodeURIComponent(text).replace(/%2F/g, '/') : text);

  const contents: ObjectRecord[] = [];
  const prefixes: string[] = [];
  let last: string | undefined;
  let truncated = false;
  for (const object of store.objects(bucket.name)) {
    const key = object.key;
    if (!key.startsWith(prefix) || (after !== '' && (compareKeys(key, after) <= 0 || isUnder(key, after, delimiter))))
      continue;
    const cut = delimiter === undefined ? -1 : key.indexOf(delimiter, prefix.length);
    const commonPrefix = cut < 0 ? undefined : key.slice(0, cut + (delimiter as string).length);
    if (commonPrefix !== undefined && commonPrefix === prefixes[prefixes.length - 1]) continue;
    if (contents.length + prefixes.length === maxKeys) {
      truncated = true;
      break;
    }
    if (commonPrefix === undefined) contents.push(object);
    else prefixes.push(commonPrefix);
    last = commonPrefix ?? key;
  }
  return xmlResponse('ListBucketResult', {
    Name: bucket.name,
    Prefix: encode(prefix),
    Delimiter: delimiter === undefined ? undefined : encode(delimiter),
    MaxKeys: maxKeys,
    EncodingType: url ? 'url' : undefined,
    KeyCount: contents.length + prefixes.length,
    IsTruncated: truncated,
    ContinuationToken: token,
    NextContinuationToken: truncated ? encodeToken(last as string) : undefined,
    StartAfter: q.has('start-after') ? encode(q.get('start-after') as string) : undefined,
    Contents: contents.map((o) => ({
      Key: encode(o.key),
      LastModified: isoTime(o.lastModifiedMs),
      ETag: `"${o.md5}"`,
      Size: o.size,
      StorageClass: 'STANDARD',
      Owner: q.get('fetch-owner') === 'true' ? OWNER : undefined,
    })),
    CommonPrefixes: prefixes.map((p) => ({ Prefix: encode(p) })),
  });
};

function pageSize(value: string | null): number {
  if (value === null) return PAGE_MAX;
  const n = Number(value);
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(n)) {
    throw invalidArgument('Provided max-keys not an integer or within integer range', 'max-keys', value);
  }
  return Math.min(n, PAGE_MAX);
}

/** A key that a page's last common prefix already stands for. */
function isUnder(key: string, after: string, delimiter: string | undefined): boolean {
  return delimiter !== undefined && after.endsWith(delimiter) && key.startsWith(after);
}

// The token is opaque to clients: the last key or common prefix the previous page returned.
const encodeToken = (last: string) => Buffer.from(last).toString('base64url');

function decodeToken(token: string): string {
  const last = Buffer.from(token, 'base64url').toString('utf8');
  if (last === '' || encodeToken(last) !== token) {
    throw invalidArgument('The continuation token provided is incorrect', 'continuation-token', token);
  }
  return last;
}
