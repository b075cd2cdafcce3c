import { createHash } from 'node:crypto';
import http from 'node:http';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  CreateBucketCommand,
  DeleteBucketCommand,
  DeleteObjectCommand,
  DeleteObjectsCommand,
  GetObjectCommand,
  HeadBucketCommand,
  HeadObjectCommand,
  ListBucketsCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
  type ListObjectsV2CommandOutput,
} from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../src/index.js';

// S3 API: https://docs.aws.amazon.com/AmazonS3/latest/API/API_Operations_Amazon_Simple_Storage_Service.html
// Errors: https://docs.aws.amazon.com/AmazonS3/latest/API/ErrorResponses.html#ErrorCodeList

let sandbox: Sandbox;
let s3: S3Client;
beforeAll(async () => {
  sandbox = await startSandbox();
  s3 = new S3Client(sandbox.clientConfig);
});
afterAll(async () => {
  s3.destroy();
  await sandbox.stop();
});

/** The error an S3 call fails with: its name, HTTP status and message. */
async function failure(promise: Promise<unknown>): Promise<{ name?: string; status?: number; message?: string }> {
  const error = await promise.then(
    () => undefined,
    (e: { name?: string; message?: string; $metadata?: { httpStatusCode?: number } }) => e,
  );
  expect(error, 'the call should fail').toBeDefined();
  return { name: error?.name, status: error?.$metadata?.httpStatusCode, message: error?.message };
}

const text = async (bucket: string, key: string) =>
  (await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }))).Body?.transformToString();

describe('buckets', () => {
  it('are created, listed, headed and deleted; a missing one is NoSuchBucket', async () => {
    await s3.send(new CreateBucketCommand({ Bucket: 'life-cycle' }));
    expect((await s3.send(new HeadBucketCommand({ Bucket: 'life-cycle' }))).BucketRegion).toBe('us-east-1');
    expect((await s3.send(new ListBucketsCommand({}))).Buckets?.map((b) => b.Name)).toContain('life-cycle');
    await s3.send(new DeleteBucketCommand({ Bucket: 'life-cycle' }));
    expect(await failure(s3.send(new HeadBucketCommand({ Bucket: 'life-cycle' })))).toMatchObject({ status: 404 });
    expect(await failure(s3.send(new ListObjectsV2Command({ Bucket: 'life-cycle' })))).toMatchObject({
      name: 'NoSuchBucket',
      status: 404,
    });
  });

  it('refuse an invalid name, a second create outside us-east-1 and the deletion of a non-empty bucket', async () => {
    expect(await failure(s3.send(new CreateBucketCommand({ Bucket: 'Not_Valid' })))).toMatchObject({
      name: 'InvalidBucketName',
      status: 400,
    });
    const eu = new S3Client({ ...sandbox.clientConfig, region: 'eu-west-1' });
    const create = () =>
      eu.send(
        new CreateBucketCommand({
          Bucket: 'in-ireland',
          CreateBucketConfiguration: { LocationConstraint: 'eu-west-1' },
        }),
      );
    await create();
    expect(await failure(create())).toMatchObject({ name: 'BucketAlreadyOwnedByYou', status: 409 });
    // us-east-1 answers 200 to a bucket you already own (legacy compatibility).
    await s3.send(new CreateBucketCommand({ Bucket: 'in-ireland' }));
    await eu.send(new PutObjectCommand({ Bucket: 'in-ireland', Key: 'k', Body: 'v' }));
    expect(await failure(eu.send(new DeleteBucketCommand({ Bucket: 'in-ireland' })))).toMatchObject({
      name: 'BucketNotEmpty',
      status: 409,
    });
    expect(await text('in-ireland', 'k')).toBe('v');
    eu.destroy();
  });
});

describe('objects', () => {
  beforeAll(() => s3.send(new CreateBucketCommand({ Bucket: 'objects' })));

  it('round-trip with ETag = the MD5 of a single-part object, metadata and content type', async () => {
    const body = Buffer.from('{"Item":{"pk":{"S":"a"}}}\n');
    const put = await s3.send(
      new PutObjectCommand({
        Bucket: 'objects',
        Key: 'dir/a file.json',
        Body: body,
        ContentType: 'application/json',
        Metadata: { origin: 'test' },
      }),
    );
    expect(put.ETag).toBe(`"${createHash('md5').update(body).digest('hex')}"`);
    const head = await s3.send(new HeadObjectCommand({ Bucket: 'objects', Key: 'dir/a file.json' }));
    expect(head).toMatchObject({ ETag: put.ETag, ContentLength: body.length, ContentType: 'application/json' });
    expect(head.Metadata).toEqual({ origin: 'test' });
    expect(await text('objects', 'dir/a file.json')).toBe(body.toString());
  });

  it('refuse a wrong Content-MD5 (BadDigest) and store nothing', async () => {
    const wrongMd5 = createHash('md5').update('other').digest('base64');
    expect(
      await failure(s3.send(new PutObjectCommand({ Bucket: 'objects', Key: 'bad', Body: 'x', ContentMD5: wrongMd5 }))),
    ).toMatchObject({ name: 'BadDigest', status: 400 });
    expect(await failure(s3.send(new HeadObjectCommand({ Bucket: 'objects', Key: 'bad' })))).toMatchObject({
      status: 404,
    });
    expect(await failure(s3.send(new GetObjectCommand({ Bucket: 'objects', Key: 'bad' })))).toMatchObject({
      name: 'NoSuchKey',
      status: 404,
    });
  });

  it('are listed by prefix and delimiter, a page at a time with continuation tokens', async () => {
    await s3.send(new CreateBucketCommand({ Bucket: 'listing' }));
    const keys = ['a/1', 'a/2', 'a/b/3', 'b/1', 'c', 'd/x/y'];
    for (const Key of keys) await s3.send(new PutObjectCommand({ Bucket: 'listing', Key, Body: Key }));
    const level = await s3.send(new ListObjectsV2Command({ Bucket: 'listing', Delimiter: '/' }));
    expect(level.Contents?.map((o) => o.Key)).toEqual(['c']);
    expect(level.CommonPrefixes?.map((p) => p.Prefix)).toEqual(['a/', 'b/', 'd/']);
    const under = await s3.send(new ListObjectsV2Command({ Bucket: 'listing', Prefix: 'a/', Delimiter: '/' }));
    expect(under.Contents?.map((o) => o.Key)).toEqual(['a/1', 'a/2']);
    expect(under.CommonPrefixes?.map((p) => p.Prefix)).toEqual(['a/b/']);

    const seen: string[] = [];
    let token: string | undefined;
    do {
      const page: ListObjectsV2CommandOutput = await s3.send(
        new ListObjectsV2Command({ Bucket: 'listing', MaxKeys: 4, ContinuationToken: token }),
      );
      expect(page.KeyCount).toBe(page.Contents?.length);
      seen.push(...(page.Contents ?? []).map((o) => o.Key as string));
      token = page.NextContinuationToken;
      expect(page.IsTruncated).toBe(token !== undefined);
    } while (token);
    expect(seen).toEqual(keys);

    const rolled: string[] = [];
    token = undefined;
    do {
      const page: ListObjectsV2CommandOutput = await s3.send(
        new ListObjectsV2Command({ Bucket: 'listing', Delimiter: '/', MaxKeys: 2, ContinuationToken: token }),
      );
      rolled.push(
        ...(page.CommonPrefixes ?? []).map((p) => p.Prefix as string),
        ...(page.Contents ?? []).map((o) => o.Key as string),
      );
      token = page.NextContinuationToken;
    } while (token);
    expect(rolled.sort()).toEqual(['a/', 'b/', 'c', 'd/']);
  });

  it('are deleted one by one or many at once; a missing key is no error', async () => {
    for (const Key of ['x1', 'x2', 'x3']) await s3.send(new PutObjectCommand({ Bucket: 'objects', Key, Body: Key }));
    await s3.send(new DeleteObjectCommand({ Bucket: 'objects', Key: 'x1' }));
    await s3.send(new DeleteObjectCommand({ Bucket: 'objects', Key: 'never-there' }));
    const { Deleted } = await s3.send(
      new DeleteObjectsCommand({
        Bucket: 'objects',
        Delete: { Objects: [{ Key: 'x2' }, { Key: 'x3' }, { Key: 'nope' }] },
      }),
    );
    expect(Deleted?.map((d) => d.Key)).toEqual(['x2', 'x3', 'nope']);
    const left = await s3.send(new ListObjectsV2Command({ Bucket: 'objects', Prefix: 'x' }));
    expect(left.KeyCount).toBe(0);
  });
});

describe('addressing', () => {
  it('serves virtual-hosted requests (bucket.localhost) as well as path-style ones', async () => {
    await s3.send(new PutObjectCommand({ Bucket: 'objects', Key: 'hosted.txt', Body: 'by host' }));
    const body = await new Promise<string>((resolve, reject) => {
      const req = http.request(
        {
          host: '127.0.0.1',
          port: sandbox.port,
          path: '/hosted.txt',
          headers: {
            host: `objects.localhost:${sandbox.port}`,
            authorization:
              'AWS4-HMAC-SHA256 Credential=x/20260101/us-east-1/s3/aws4_request, SignedHeaders=host, Signature=0',
          },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => resolve(Buffer.concat(chunks).toString()));
        },
      );
      req.on('error', reject);
      req.end();
    });
    expect(body).toBe('by host');
  });
});

it('keeps buckets and objects across a restart when given a data directory', async () => {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'sandbox-s3-'));
  const first = await startSandbox({ dataDir });
  const client = (sb: Sandbox) => new S3Client(sb.clientConfig);
  try {
    const c = client(first);
    await c.send(new CreateBucketCommand({ Bucket: 'kept' }));
    await c.send(new PutObjectCommand({ Bucket: 'kept', Key: 'deep/key', Body: 'persisted' }));
    await c.send(new PutObjectCommand({ Bucket: 'kept', Key: 'gone', Body: 'deleted before the restart' }));
    await c.send(new DeleteObjectCommand({ Bucket: 'kept', Key: 'gone' }));
    c.destroy();
  } finally {
    await first.stop();
  }
  const second = await startSandbox({ dataDir });
  try {
    const c = client(second);
    const { Body, ETag } = await c.send(new GetObjectCommand({ Bucket: 'kept', Key: 'deep/key' }));
    expect(await Body?.transformToString()).toBe('persisted');
    expect(ETag).toBe(`"${createHash('md5').update('persisted').digest('hex')}"`);
    expect((await c.send(new ListObjectsV2Command({ Bucket: 'kept' }))).Contents?.map((o) => o.Key)).toEqual([
      'deep/key',
    ]);
    c.destroy();
  } finally {
    await second.stop();
  }
});
