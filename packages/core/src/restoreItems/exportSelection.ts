import type { S3Client } from '@aws-sdk/client-s3';
import type { KeySchema } from '../aws/describeTableShape.js';
import { exportDataRecords } from '../s3Export/exportLayout.js';
import type { ExportLocation } from '../s3Export/exportLocation.js';
import { itemFromJson, type JsonItem } from '../sync/attributeJson.js';
import { keyOrRefuse } from './fileSelection.js';
import type { WantedItem } from './reconcileItems.js';

const PAGE = 100;

/**
 * A full export's items as wanted items, in pages, streamed data file by data file.
 * Every item must carry the table's key attributes; the first that does not stops the pass.
 */
export async function* exportSelection(
  s3: S3Client,
  location: ExportLocation,
  schema: KeySchema,
  source: string,
  field = 'fromExport',
): AsyncGenerator<WantedItem[]> {
  let index = 0;
  for await (const records of exportDataRecords(s3, location.bucket, location.summaryKey, PAGE)) {
    yield (records as { Item: JsonItem }[]).map(({ Item }) => {
      index += 1;
      const item = itemFromJson(Item);
      return { key: keyOrRefuse(item, schema, source, index, field), item };
    });
  }
}
