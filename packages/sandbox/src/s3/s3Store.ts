import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { JsonStateFile } from '../jsonStateFile.js';

/** A bucket: where it was created and when. */
export interface BucketRecord {
  readonly name: string;
  readonly region: string;
  readonly createdMs: number;
}

/** What S3 keeps about an object besides its bytes. */
export interface ObjectRecord {
  readonly key: string;
  readonly size: number;
  /** The MD5 of the bytes in hex, unquoted (S3's ETag of a single-part object, in quotes). */
  readonly md5: string;
  readonly lastModifiedMs: number;
  readonly contentType: string;
  readonly contentEncoding?: string;
  /** `x-amz-meta-*` headers, names lowercased without the prefix. */
  readonly userMetadata: Readonly<Record<string, string>>;
}

/** What a PutObject supplies besides the bytes. */
export type ObjectProperties = Pick<ObjectRecord, 'contentType' | 'contentEncoding' | 'userMetadata'>;

interface BucketContent {
  readonly objects: Map<string, ObjectRecord>;
  /** Object bytes by key, when the store keeps them in memory. */
  readonly bodies?: Map<string, Buffer>;
}

/**
 * Buckets and their objects. With a directory, every object persists as two
 * files under `{dir}/objects/{bucket}/` named by the SHA-256 of its key (its
 * bytes, and its record as JSON), each written to a temporary name and then
 * renamed, so a crash never leaves half an object; the bucket list is
 * `{dir}/buckets.json`. Object records are all loaded at open; bytes are read
 * when asked for.
 */
export class S3Store {
  private readonly bucketList: JsonStateFile<Record<string, BucketRecord>>;
  private readonly contents = new Map<string, BucketContent>();

  constructor(private readonly dir?: string) {
    this.bucketList = new JsonStateFile(dir && path.join(dir, 'buckets.json'), () => ({}));
    for (const name of Object.keys(this.bucketList.data)) this.contents.set(name, this.load(name));
  }

  bucket(name: string): BucketRecord | undefined {
    return this.bucketList.data[name];
  }

  /** Every bucket, by name. */
  buckets(): BucketRecord[] {
    return Object.values(this.bucketList.data).sort((a, b) => compareKeys(a.name, b.name));
  }

  createBucket(bucket: BucketRecord): void {
    this.bucketList.data[bucket.name] = bucket;
    this.contents.set(bucket.name, this.dir ? { objects: new Map() } : { objects: new Map(), bodies: new Map() });
    this.bucketList.save();
  }

  /** Removes an (empty) bucket. */
  deleteBucket(name: string): void {
    delete this.bucketList.data[name];
    this.contents.delete(name);
    this.bucketList.save();
    if (this.dir) fs.rmSync(this.bucketDir(name), { recursive: true, force: true });
  }

  /** The bucket's object records in S3's listing order (UTF-8 binary order of the keys). */
  objects(bucket: string): ObjectRecord[] {
    return [...this.content(bucket).objects.values()].sort((a, b) => compareKeys(a.key, b.key));
  }

  objectCount(bucket: string): number {
    return this.content(bucket).objects.size;
  }

  head(bucket: string, key: string): ObjectRecord | undefined {
    return this.content(bucket).objects.get(key);
  }

  /** The object's bytes, or undefined when there is no such object. */
  body(bucket: string, key: string): Buffer | undefined {
    const content = this.content(bucket);
    if (!content.objects.has(key)) return undefined;
    return content.bodies ? content.bodies.get(key) : fs.readFileSync(this.objectFile(bucket, key));
  }

  /** Stores an object (replacing any of the same key) and returns its record. */
  put(bucket: string, key: string, body: Buffer, properties: ObjectProperties, nowMs: number): ObjectRecord {
    const record: ObjectRecord = {
      key,
      size: body.length,
      md5: createHash('md5').update(body).digest('hex'),
      lastModifiedMs: nowMs,
      ...properties,
    };
    const content = this.content(bucket);
    if (content.bodies) content.bodies.set(key, body);
    else {
      const file = this.objectFile(bucket, key);
      fs.mkdirSync(path.dirname(file), { recursive: true });
      writeAtomically(file, body);
      writeAtomically(`${file}.json`, JSON.stringify(record));
    }
    content.objects.set(key, record);
    return record;
  }

  /** Deletes an object; deleting a missing one is no error (as in S3). */
  delete(bucket: string, key: string): void {
    const content = this.content(bucket);
    if (!content.objects.delete(key)) return;
    if (content.bodies) content.bodies.delete(key);
    else {
      const file = this.objectFile(bucket, key);
      fs.rmSync(`${file}.json`, { force: true });
      fs.rmSync(file, { force: true });
    }
  }

  private content(bucket: string): BucketContent {
    const content = this.contents.get(bucket);
    if (!content) throw new Error(`S3 store: no bucket ${bucket}`);
    return content;
  }

  private load(bucket: string): BucketContent {
    const objects = new Map<string, ObjectRecord>();
    const dir = this.bucketDir(bucket);
    if (fs.existsSync(dir)) {
      for (const name of fs.readdirSync(dir)) {
        if (!name.endsWith('.json')) continue;
        const record = JSON.parse(fs.readFileSync(path.join(dir, name), 'utf8')) as ObjectRecord;
        objects.set(record.key, record);
      }
    }
    return { objects };
  }

  private bucketDir(bucket: string): string {
    return path.join(this.dir as string, 'objects', bucket);
  }

  private objectFile(bucket: string, key: string): string {
    return path.join(this.bucketDir(bucket), createHash('sha256').update(key).digest('hex'));
  }
}

/** S3 lists keys in ascending UTF-8 binary order. */
export function compareKeys(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a), Buffer.from(b));
}

function writeAtomically(file: string, data: Buffer | string): void {
  const temporary = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(temporary, data);
  fs.renameSync(temporary, file);
}
