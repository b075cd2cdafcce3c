import { describeTableShape, sameKeySchema, type KeySchema } from '../aws/describeTableShape.js';
import type { TableRef } from '../aws/tableRef.js';
import { InputError } from '../errors.js';

/**
 * The key schema of the tables an operation reads and writes, after checking that source and destination
 * have the same key attribute names: items of one cannot be written to the other. `keySchemaOf` reads a
 * table's (DescribeTable by default; a run that reads each table once passes a memo of it).
 */
export async function sharedKeySchema(
  tables: { readonly source?: TableRef; readonly destination?: TableRef },
  keySchemaOf: (table: TableRef) => Promise<KeySchema> = async (table) => (await describeTableShape(table)).keySchema,
): Promise<KeySchema> {
  const given = [tables.source, tables.destination].filter((t): t is TableRef => !!t);
  const [first, second] = await Promise.all(given.map(keySchemaOf));
  if (second && !sameKeySchema(first!, second)) {
    throw new InputError(
      'destination',
      tables.destination!.tableName,
      `has key schema ${JSON.stringify(second)}, but the source has ${JSON.stringify(first!)}`,
      'Sync only between tables with the same partition and sort key names.',
    );
  }
  return first!;
}
