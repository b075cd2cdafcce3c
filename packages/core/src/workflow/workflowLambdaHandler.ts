import { createDynamoDbClient } from '../aws/createDynamoDbClient.js';
import { DrError } from '../errors.js';
import { DynamoDbRunJournal } from '../journal/dynamoDbRunJournal.js';
import { createWorkflowHandlers, dispatchWorkflowEvent, type WorkflowEvent } from './workflowHandlers.js';

/** The environment variable naming the DynamoDB table that holds runs and locks on AWS. */
export const JOURNAL_TABLE_VARIABLE = 'DYNAMO_DR_JOURNAL_TABLE';

let handlers: ReturnType<typeof createWorkflowHandlers> | undefined;

/**
 * The Lambda entry point behind every Task state of both state machines:
 * `event.handler` names the workflow handler. Clients come from the Lambda
 * environment (region, role); runs and locks live in the table named by
 * `DYNAMO_DR_JOURNAL_TABLE`. Created once per container and reused.
 *
 * @example
 * // Lambda handler setting: "workflowLambdaHandler.handler" in a bundle of this module
 * export { workflowLambdaHandler as handler } from '@dynamo-dr/core/lambda';
 */
export async function workflowLambdaHandler(event: WorkflowEvent): Promise<unknown> {
  if (!handlers) {
    const table = process.env[JOURNAL_TABLE_VARIABLE];
    if (!table) {
      throw new DrError(`${JOURNAL_TABLE_VARIABLE} is not set.`, {
        hint: 'Set it on the function to the DynamoDB table holding dynamo-dr runs and locks (partition key pk, string).',
      });
    }
    const dynamodb = createDynamoDbClient();
    handlers = createWorkflowHandlers({
      dynamodb,
      aws: {},
      journal: new DynamoDbRunJournal(dynamodb, table),
      startedBy: `AWS Step Functions (${process.env.AWS_LAMBDA_FUNCTION_NAME ?? 'dynamo-dr-workflow'})`,
    });
  }
  return dispatchWorkflowEvent(handlers, event);
}

/** The variable a deployment sets to the key that encrypts checkpoints of sensitive tables (base64, 32 bytes). */
export { CHECKPOINT_KEY_VARIABLE } from '../sync/segmentState.js';
