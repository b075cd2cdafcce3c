import { gunzipSync } from 'node:zlib';
import type { S3Client } from '@aws-sdk/client-s3';
import type { Item } from '../aws/tableRef.js';
import { itemFromJson, type JsonItem } from '../sync/attributeJson.js';
import { objectBytes } from './exportCalls.js';

/** One changed key of an incremental export: its image at the period's start and at its end (absent: no item). */
export interface ExportChange {
  readonly keys: Item;
  readonly oldImage?: Item;
  readonly newImage?: Item;
}

/**
 * Every changed key of a completed incremental export: the manifest summary names the files manifest, whose
 * lines name the gzipped data files, whose lines are one changed key each
 * (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/S3DataExport.Output.html).
 */
export async function readExportChanges(s3: S3Client, bucket: string, manifestKey: string): Promise<ExportChange[]> {
  const summary = JSON.parse(text(await objectBytes(s3, bucket, manifestKey))) as { manifestFilesS3Key: string };
  const files = jsonLines(text(await objectBytes(s3, bucket, summary.manifestFilesS3Key))) as {
    dataFileS3Key: string;
  }[];
  const changes: ExportChange[] = [];
  for (const file of files) {
    const lines = jsonLines(text(gunzipSync(await objectBytes(s3, bucket, file.dataFileS3Key))));
    for (const line of lines as { Keys: JsonItem; OldImage?: JsonItem; NewImage?: JsonItem }[]) {
      changes.push({
        keys: itemFromJson(line.Keys),
        ...(line.OldImage && { oldImage: itemFromJson(line.OldImage) }),
        ...(line.NewImage && { newImage: itemFromJson(line.NewImage) }),
      });
    }
  }
  return changes;
}

const text = (bytes: Uint8Array) => Buffer.from(bytes).toString('utf8');

function jsonLines(content: string): unknown[] {
  return content
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as unknown);
}
