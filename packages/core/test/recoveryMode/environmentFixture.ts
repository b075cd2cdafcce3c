import {
  CreateEventSourceMappingCommand,
  CreateFunctionCommand,
  GetFunctionConcurrencyCommand,
  LambdaClient,
  ListEventSourceMappingsCommand,
  ListFunctionsCommand,
  PutFunctionConcurrencyCommand,
} from '@aws-sdk/client-lambda';
import { SSMClient } from '@aws-sdk/client-ssm';
import type { Sandbox } from '@dynamo-dr/sandbox';

/** SDK clients on a sandbox; the Lambda one does not retry, so a throttled Invoke shows at once. */
export function sandboxClients(sandbox: Sandbox): { lambda: LambdaClient; ssm: SSMClient } {
  const config = sandbox.clientConfig;
  return { lambda: new LambdaClient({ ...config, maxAttempts: 1 }), ssm: new SSMClient(config) };
}

/** The functions of one test environment, by role. */
export interface MixedEnvironment {
  /** No reserved concurrency; its mapping is disabled before recovery mode. */
  readonly api: string;
  /** Reserved concurrency 25; its mapping is enabled. */
  readonly worker: string;
  /** A recovery function by name (contains DisasterRecovery). */
  readonly restoreFn: string;
  /** A recovery function by tag (dynamo-dr:role=recovery). */
  readonly auditor: string;
  /** Another environment's function (reserved 10, mapping enabled): never touched. */
  readonly foreign: string;
}

/**
 * Creates a function with reserved concurrency when given. Its package is an empty zip: recovery mode only
 * changes settings, and an invocation that is let through answers 200 (with the function's import error).
 */
export async function createFunction(
  lambda: LambdaClient,
  name: string,
  reserved?: number,
  tags?: Record<string, string>,
): Promise<void> {
  await lambda.send(
    new CreateFunctionCommand({
      FunctionName: name,
      Runtime: 'nodejs22.x',
      Handler: 'index.handler',
      Role: 'arn:aws:iam::000000000000:role/app',
      Code: { ZipFile: new Uint8Array([80, 75, 5, 6, ...new Array<number>(18).fill(0)]) },
      Tags: tags,
    }),
  );
  if (reserved !== undefined) {
    await lambda.send(
      new PutFunctionConcurrencyCommand({ FunctionName: name, ReservedConcurrentExecutions: reserved }),
    );
  }
}

/** Maps an SQS queue (by name) to a function. */
export async function mapQueue(
  lambda: LambdaClient,
  functionName: string,
  queue: string,
  enabled: boolean,
): Promise<void> {
  await lambda.send(
    new CreateEventSourceMappingCommand({
      FunctionName: functionName,
      EventSourceArn: `arn:aws:sqs:us-east-1:000000000000:${queue}`,
      Enabled: enabled,
    }),
  );
}

/**
 * Environment `env` as the issue describes it: a function with no reserved
 * concurrency, one with 25, a recovery function by name and one by tag, and
 * another environment's function; mappings enabled and disabled.
 */
export async function createMixedEnvironment(lambda: LambdaClient, env: string): Promise<MixedEnvironment> {
  const fx: MixedEnvironment = {
    api: `${env}-Api`,
    worker: `${env}-Worker`,
    restoreFn: `${env}-DisasterRecoveryRestoreFn`,
    auditor: `${env}-Auditor`,
    foreign: `Other${env}-Api`,
  };
  await createFunction(lambda, fx.api);
  await createFunction(lambda, fx.worker, 25, { team: 'orders' });
  await createFunction(lambda, fx.restoreFn);
  await createFunction(lambda, fx.auditor, undefined, { 'dynamo-dr:role': 'recovery' });
  await createFunction(lambda, fx.foreign, 10);
  await mapQueue(lambda, fx.worker, `${env}-orders`, true);
  await mapQueue(lambda, fx.api, `${env}-audit`, false);
  await mapQueue(lambda, fx.foreign, `Other${env}-orders`, true);
  return fx;
}

/** Every function's reserved concurrency and every mapping's state: "every setting" to compare before and after. */
export async function lambdaSettings(lambda: LambdaClient): Promise<Record<string, unknown>> {
  const settings: Record<string, unknown> = {};
  const functions = (await lambda.send(new ListFunctionsCommand({ MaxItems: 1000 }))).Functions ?? [];
  for (const f of functions) {
    const name = f.FunctionName ?? '';
    const got = await lambda.send(new GetFunctionConcurrencyCommand({ FunctionName: name }));
    settings[`function ${name}`] = got.ReservedConcurrentExecutions ?? 'none';
  }
  const mappings = (await lambda.send(new ListEventSourceMappingsCommand({}))).EventSourceMappings ?? [];
  for (const m of mappings) settings[`mapping ${m.EventSourceArn}`] = m.State;
  return settings;
}
