import type { S3Client } from '@aws-sdk/client-s3';
import type { Item } from '../aws/tableRef.js';
import { exportDataRecords } from '../s3Export/exportLayout.js';
import { itemFromJson, type JsonItem } from '../sync/attributeJson.js';

/** One changed key of an incremental export: its image at the period's start and at its end (absent: no item). */
export interface ExportChange {
  readonly keys: Item;
  readonly oldImage?: Item;
  readonly newImage?: Item;
}

/** Which of an export's changes to read: of some data files only (by index in the files manifest), of some keys only. */
export interface ChangesShare {
  readonly file?: (index: number) => boolean;
  readonly keys?: (keys: Item) => boolean;
}

/**
 * Every changed key of a completed incremental export, or the `share` of them (streamed: what is not kept is never
 * held): each line of its data files is one changed key
 * (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/S3DataExport.Output.html).
 */
export async function readExportChanges(
  s3: S3Client,
  bucket: string,
  manifestKey: string,
  share: ChangesShare = {},
): Promise<ExportChange[]> {
  const changes: ExportChange[] = [];
  for await (const lines of exportDataRecords(s3, bucket, manifestKey, undefined, share.file)) {
    for (const line of lines as { Keys: JsonItem; OldImage?: JsonItem; NewImage?: JsonItem }[]) {
      const keys = itemFromJson(line.Keys);
      if (share.keys && !share.keys(keys)) continue;
      changes.push({
        keys,
        ...(line.OldImage && { oldImage: itemFromJson(line.OldImage) }),
        ...(line.NewImage && { newImage: itemFromJson(line.NewImage) }),
      });
    }
  }
  return changes;
}
