import { createAwsClient } from '../aws/createAwsClient.js';
import { createDynamoDbClient } from '../aws/createDynamoDbClient.js';
import { DynamoDbCheckpointStore } from '../checkpoint/dynamoDbCheckpointStore.js';
import { DrError } from '../errors.js';
import { DynamoDbRunJournal } from '../journal/dynamoDbRunJournal.js';
import { restoreHandlers } from '../restore/restoreHandlers.js';
import type { RestoreStepContext } from '../restore/restoreStepContext.js';
import { parseRestoreStepEvent } from '../restore/restoreStepEventSchema.js';
import type { RevertStepContext } from '../revert/revertStepContext.js';
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

let context: RestoreStepContext | undefined;
let revertContext: RevertStepContext | undefined;

/**
 * The Lambda entry point behind every Task state of the restore, sync, revert and drill state machines:
 * `event.handler` names the step's handler (`restoreHandlers`, `revertHandlers`, `drillHandlers`). Clients come
 * from the Lambda environment (region, role); runs, locks and segment checkpoints live in the table named by
 * `DYNAMO_DR_JOURNAL_TABLE`. Created once per container and reused. A restore's or revert's event is checked,
 * `plan` and `settings` field by field, before any step runs.
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
  const handler = (event as { readonly handler?: unknown } | null)?.handler;
  if (typeof handler !== 'string' || Object.hasOwn(restoreHandlers, handler)) {
    return dispatchStep(restoreHandlers, context, event, parseRestoreStepEvent);
  }
  // The drill's and the revert's handlers load on their first call: a restore's cold start is not slowed.
  const { drillHandlers } = await import('../drill/drillHandlers.js');
  if (Object.hasOwn(drillHandlers, handler)) return dispatchStep(drillHandlers, context, event);
  const [{ revertHandlers }, { S3Client }] = await Promise.all([
    import('../revert/revertHandlers.js'),
    import('@aws-sdk/client-s3'),
  ]);
  revertContext ??= { ...context, s3: createAwsClient(S3Client, {}) };
  // A revert's plan extends a restore's and its settings are a restore's: the same schema checks them.
  return dispatchStep({ ...restoreHandlers, ...revertHandlers }, revertContext, event, parseRestoreStepEvent);
}

/** The variable a deployment sets to the key that encrypts checkpoints of sensitive tables (base64, 32 bytes). */
export { CHECKPOINT_KEY_VARIABLE } from '../sync/segmentState.js';
