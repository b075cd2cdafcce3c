import { AwsError } from '../awsError.js';

type Json = Record<string, unknown>;

/**
 * AWS's error for throttling, with the message the developer guide documents.
 * https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Programming.Errors.html#Programming.Errors.MessagesAndCodes
 */
export function throughputExceeded(): AwsError {
  return new AwsError(
    'ProvisionedThroughputExceededException',
    'You exceeded your maximum allowed provisioned throughput for a table or for one or more global secondary ' +
      'indexes. To view performance metrics for provisioned throughput vs. consumed throughput, open the Amazon ' +
      'CloudWatch console.',
  );
}

/**
 * The answer with the units the sandbox counted for each faulted table in
 * its `ConsumedCapacity` (an object for single-table operations, a list for
 * batches), when the client asked for it (`ReturnConsumedCapacity`); other
 * tables keep DynamoDB's own figure.
 */
export function withConsumedUnits(request: Json, answer: Json, units: ReadonlyMap<string, number>): Json {
  if (request.ReturnConsumedCapacity !== 'TOTAL' && request.ReturnConsumedCapacity !== 'INDEXES') return answer;
  const counted = (entry: Json) => {
    const mine = units.get(String(entry.TableName));
    return mine === undefined ? entry : { ...entry, CapacityUnits: mine };
  };
  const consumed = answer.ConsumedCapacity;
  if (Array.isArray(consumed)) {
    const listed = new Set(consumed.map((c: Json) => String(c.TableName)));
    const missing = [...units].filter(([name]) => !listed.has(name));
    return {
      ...answer,
      ConsumedCapacity: [
        ...consumed.map(counted),
        ...missing.map(([TableName, CapacityUnits]) => ({ TableName, CapacityUnits })),
      ],
    };
  }
  const [[TableName, CapacityUnits] = []] = [...units];
  return { ...answer, ConsumedCapacity: counted({ TableName, CapacityUnits, ...(consumed as Json | undefined) }) };
}
