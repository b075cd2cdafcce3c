import { AwsError } from '../../awsError.js';
import type { DynamoContext } from '../service.js';

/**
 * TransactWriteItems and PartiQL statements are refused: the sandbox cannot
 * journal them, and a write missing from the journal would make
 * point-in-time restores silently wrong. (dynalite implements none of them.)
 */
export function refuseUnjournaledWrite(operation: string) {
  return async (_request: Record<string, unknown>, _ctx: DynamoContext): Promise<never> => {
    throw new AwsError(
      'UnknownOperationException',
      `The dynamo-dr sandbox refuses ${operation}: it cannot journal this write for point-in-time recovery, and it never lets a write go unjournaled. Use PutItem, UpdateItem, DeleteItem or BatchWriteItem.`,
    );
  };
}
