import { createDynamoDbClient } from '../aws/createDynamoDbClient.js';
import { DynamoDbCheckpointStore } from '../checkpoint/dynamoDbCheckpointStore.js';
import { DrError } from '../errors.js';
import { DynamoDbRunJournal } from '../journal/dynamoDbRunJournal.js';
import { drillHandlers } from '../drill/drillHandlers.js';
import { restoreHandlers } from '../restore/restoreHandlers.js';
import type { RestoreStepContext } from '../restore/restoreStepContext.js';
import { dispatchStep } from '../workflow/dispatchStep.js';

/**
 * The environment variable naming the DynamoDB table that holds runs, locks and segment checkpoints on AWS.
 *
 * @example
 * new lambda.Function(scope, 'Worker', { environment: { [JOURNAL_TABLE_VARIABLE]: journal.tableName }, ... });
 */
export const JOURNAL_TABLE_VARIABLE = 'DYNAMO_DR_JOURNAL_TABLE';

/** How long one segment call works before it returns unfinished: well under Lambda's 15 minutes. */
const SEGMENT_BUDGET_MS = 600_000;

/** Every state machine's steps: the restore's and sync's, and the scheduled drill's. */
const WORKER_HANDLERS = { ...restoreHandlers, ...drillHandlers };

let context: RestoreStepContext | undefined;

/**
 * The Lambda entry point behind every Task state of both state machines:
 * `event.handler` names the step's handler (`restoreHandlers`, `drillHandlers`). Clients come from the Lambda
 * environment (region, role); runs, locks and segment checkpoints live in the table named by
 * `DYNAMO_DR_JOURNAL_TABLE`. Created once per container and reused.
 *
 * @example
 * // Lambda handler setting: "handler.handler" in a bundle of this module
 * export { workflowLambdaHandler as handler } from '@dynamo-dr/core/lambda';
 */
export async function workflowLambdaHandler(event: unknown): Promise<unknown> {
  if (!context) {
    const table = process.env[JOURNAL_TABLE_VARIABLE];
    if (!table) {
      throw new DrError(`${JOURNAL_TABLE_VARIABLE} is not set.`, {
        hint: 'Set it on the function to the DynamoDB table holding dynamo-dr runs and locks (partition key pk, string).',
      });
    }
    const dynamodb = createDynamoDbClient();
    context = {
      dynamodb,
      aws: {},
      journal: new DynamoDbRunJournal(dynamodb, table),
      checkpoints: new DynamoDbCheckpointStore(dynamodb, table),
      engineClient: createDynamoDbClient({ maxAttempts: 1 }),
      startedBy: `AWS Step Functions (${process.env.AWS_LAMBDA_FUNCTION_NAME ?? 'dynamo-dr-workflow'})`,
      segmentBudgetMs: SEGMENT_BUDGET_MS,
    };
  }
  return dispatchStep(WORKER_HANDLERS, context, event);
}

/** The variable a deployment sets to the key that encrypts checkpoints of sensitive tables (base64, 32 bytes). */
export { CHECKPOINT_KEY_VARIABLE } from '../sync/segmentState.js';
