import {
  CreateEventSourceMappingCommand,
  CreateFunctionCommand,
  PutFunctionConcurrencyCommand,
  type LambdaClient,
} from '@aws-sdk/client-lambda';

/**
 * The demo's application in the sandbox's Lambda: an API function, a queue
 * worker with reserved concurrency 5 and an enabled SQS mapping (what
 * recovery mode holds and gives back), and the recovery runner it leaves alone.
 */
export async function createSampleApplication(lambda: LambdaClient, environment: string): Promise<void> {
  const create = (name: string) =>
    lambda.send(
      new CreateFunctionCommand({
        FunctionName: name,
        Runtime: 'nodejs22.x',
        Handler: 'index.handler',
        Role: 'arn:aws:iam::123456789012:role/demo-app',
        Code: { ZipFile: new Uint8Array([80, 75, 5, 6, ...new Array<number>(18).fill(0)]) },
      }),
    );
  await create(`${environment}-api`);
  await create(`${environment}-events-worker`);
  await create(`${environment}-DisasterRecovery-runner`);
  await lambda.send(
    new PutFunctionConcurrencyCommand({
      FunctionName: `${environment}-events-worker`,
      ReservedConcurrentExecutions: 5,
    }),
  );
  await lambda.send(
    new CreateEventSourceMappingCommand({
      FunctionName: `${environment}-events-worker`,
      EventSourceArn: `arn:aws:sqs:us-east-1:123456789012:${environment}-events`,
      Enabled: true,
    }),
  );
}
