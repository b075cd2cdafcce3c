import type { DynamoDBClient, TableDescription } from '@aws-sdk/client-dynamodb';
import { DrError, NotReadyError } from '../errors.js';
import { describeTableIfExists } from './dynamoDbCalls.js';
import { assertBeforeDeadline } from './deadline.js';

/**
 * Returns the table's description once it is ACTIVE; throws {@link NotReadyError} while it is being
 * created or updated (poll with `untilReady`), {@link DrError} when it is gone or failed.
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
