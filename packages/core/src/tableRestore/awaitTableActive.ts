import type { DynamoDBClient, TableDescription } from '@aws-sdk/client-dynamodb';
import { describeTableIfExists } from '../aws/dynamoDbCalls.js';
import { DrError, NotReadyError } from '../errors.js';
import { assertBeforeDeadline } from '../workflow/deadline.js';

/**
 * Returns the table's description once it is ACTIVE; throws {@link NotReadyError} while it is being
 * created or updated (poll with `untilReady`), {@link DrError} when it is gone or failed.
 *
 * @example
 * const table = await untilReady(() => awaitTableActive(ddb, 'Orders-restored', deadline));
 */
export async function awaitTableActive(
  client: DynamoDBClient,
  tableName: string,
  deadline: string,
): Promise<TableDescription> {
  const table = await describeTableIfExists(client, tableName);
  if (table?.TableStatus === 'ACTIVE') return table;
  if (!table || (table.TableStatus !== 'CREATING' && table.TableStatus !== 'UPDATING')) {
    throw new DrError(`The table ${tableName} is ${table?.TableStatus ?? 'gone'}.`, {
      hint: `Check it in the DynamoDB console; delete it if it is not needed and run the command again.`,
    });
  }
  assertBeforeDeadline(deadline, `the table ${tableName} to become ACTIVE`);
  throw new NotReadyError(`The table ${tableName} is not ACTIVE yet.`);
}
