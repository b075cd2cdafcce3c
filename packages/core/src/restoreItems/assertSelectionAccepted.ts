import { sdkError } from '../aws/awsErrors.js';
import { scanPage, type ScanFilter } from '../aws/scanPage.js';
import type { TableRef } from '../aws/tableRef.js';
import { InputError } from '../errors.js';

/**
 * Lets DynamoDB parse the selection before anything is created: a Scan of
 * one item with the same FilterExpression, names and values. A grammar error,
 * an unknown function or a type mismatch comes back as ValidationException
 * (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Expressions.OperatorsAndFunctions.html)
 * and becomes an {@link InputError} naming the condition (`where`) and the value. Reads one
 * item at most.
 */
export async function assertSelectionAccepted(table: TableRef, selection: ScanFilter): Promise<void> {
  try {
    await scanPage(table, { segment: 0, totalSegments: 1, limit: 1, filter: selection });
  } catch (error) {
    const refusal = sdkError(error) as Error;
    if (refusal.name !== 'ValidationException') throw error;
    throw new InputError(
      'where',
      selection.expression,
      `is refused by DynamoDB: ${refusal.message}`,
      'Fix the condition (FilterExpression syntax: https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Expressions.OperatorsAndFunctions.html) and its placeholders.',
    );
  }
}
