import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { GetObjectCommand, paginateListObjectsV2, type S3Client } from '@aws-sdk/client-s3';

/** Report names: `YYYY-MM-DD-<environment>-<table>.json` (other files beside them are not reports). */
const REPORT_NAME = /^\d{4}-\d{2}-\d{2}-.+\.json$/;

/**
 * Where drill reports are kept: a directory, or an S3 bucket and prefix. Both list only report names and read
 * one at a time, so a reader never holds more than one report's text.
 */
export interface DrillReportSource {
  /** The location as a user writes it: `docs/ops/recovery-tests`, `s3://bucket/prefix/`. */
  readonly location: string;
  /** The report names found; none (not an error) when the directory does not exist. */
  names(): Promise<string[]>;
  /** The text of one report named by {@link names}. */
  read(name: string): Promise<string>;
}

/**
 * The reports in a local directory (`dynamo-dr drill` writes them to `docs/ops/recovery-tests/`).
 *
 * @example
 * const source = directoryDrillReports('docs/ops/recovery-tests');
 */
export function directoryDrillReports(directory: string): DrillReportSource {
  return {
    location: directory,
    async names() {
      try {
        return (await readdir(directory)).filter((name) => REPORT_NAME.test(name)).sort();
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
        throw error;
      }
    },
    // Names come from readdir: one component, never a path of the caller's.
    read: (name) => readFile(path.join(directory, name), 'utf8'),
  };
}

/**
 * The reports under `prefix` in an S3 bucket (where the drill state machine writes them on AWS). Reading needs
 * `s3:ListBucket` on the bucket and `s3:GetObject` on the prefix.
 *
 * @example
 * const source = s3DrillReports(new S3Client({}), 'dr-reports-123456789012', 'recovery-tests/');
 */
export function s3DrillReports(s3: S3Client, bucket: string, prefix = ''): DrillReportSource {
  return {
    location: `s3://${bucket}/${prefix}`,
    async names() {
      const names: string[] = [];
      for await (const page of paginateListObjectsV2({ client: s3 }, { Bucket: bucket, Prefix: prefix })) {
        for (const object of page.Contents ?? []) {
          const name = (object.Key ?? '').slice(prefix.length);
          if (REPORT_NAME.test(name) && !name.includes('/')) names.push(name);
        }
      }
      return names.sort();
    },
    async read(name) {
      const object = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: `${prefix}${name}` }));
      return (await object.Body?.transformToString('utf-8')) ?? '';
    },
  };
}
