import type { AddressInfo } from 'node:net';
import { SFNClient, DescribeExecutionCommand, type DescribeExecutionCommandOutput } from '@aws-sdk/client-sfn';
import { createServer } from '../../src/server.js';
import { sandboxTaskClients, type TaskClients } from '../../src/stepfunctions/engine/taskClients.js';
import { stepFunctionsService } from '../../src/stepfunctions/service.js';
import { SANDBOX_ACCOUNT } from '../../src/sandboxAccount.js';

/** A Lambda function stood in by a JavaScript function: its return value is the result, a throw its error. */
export type FakeFunction = (event: unknown) => unknown;

export interface StepFunctionsKit {
  readonly sfn: SFNClient;
  readonly endpoint: string;
  /** Every invocation, in order: function name and event. */
  readonly invocations: { functionName: string; event: unknown }[];
  stop(): Promise<void>;
}

export const ROLE_ARN = `arn:aws:iam::${SANDBOX_ACCOUNT}:role/test-machine-role`;

/**
 * The Step Functions service alone on an HTTP server, reached by the real
 * SFNClient. Lambda is the seam here: the sandbox's Lambda runs no code yet,
 * so Task states' invocations go to `functions` through the engine's
 * TaskClients, answered in Invoke's contract (FunctionError Unhandled and an
 * `{errorType, errorMessage, trace}` payload when the function throws).
 * Starting executions goes over HTTP to the same server, as in the sandbox.
 */
export async function startStepFunctions(
  functions: Readonly<Record<string, FakeFunction>>,
  options: { timeScale?: number; dataDir?: string } = {},
): Promise<StepFunctionsKit> {
  let endpoint = '';
  const invocations: { functionName: string; event: unknown }[] = [];
  const credentials = { accessKeyId: 'sandbox', secretAccessKey: 'sandbox' };
  const real = sandboxTaskClients(
    () => endpoint,
    () => credentials,
  );
  const clients: TaskClients = {
    startExecution: real.startExecution,
    async invokeFunction(request) {
      const functionName = request.functionName.split(':function:').at(-1)?.split(':')[0] ?? request.functionName;
      const fn = functions[functionName];
      if (!fn) {
        throw Object.assign(new Error(`Function not found: ${request.functionName}`), {
          name: 'ResourceNotFoundException',
          $metadata: { httpStatusCode: 404, requestId: 'test' },
        });
      }
      const event: unknown = JSON.parse(request.payload);
      invocations.push({ functionName, event });
      try {
        return { statusCode: 200, payload: JSON.stringify((await fn(event)) ?? null), executedVersion: '$LATEST' };
      } catch (error) {
        const e = error as Error;
        return {
          statusCode: 200,
          functionError: 'Unhandled',
          payload: JSON.stringify({ errorType: e.name, errorMessage: e.message, trace: [] }),
        };
      }
    },
  };
  const service = stepFunctionsService({ clients, timeScale: options.timeScale ?? 0.001, dataDir: options.dataDir });
  const server = createServer([service], 'us-east-1');
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const sfn = new SFNClient({ endpoint, region: 'us-east-1', credentials });
  return {
    sfn,
    endpoint,
    invocations,
    async stop() {
      await service.close();
      sfn.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** Polls DescribeExecution until the execution is no longer RUNNING. */
export async function closedExecution(sfn: SFNClient, executionArn: string): Promise<DescribeExecutionCommandOutput> {
  for (let attempt = 0; attempt < 400; attempt++) {
    const described = await sfn.send(new DescribeExecutionCommand({ executionArn }));
    if (described.status !== 'RUNNING') return described;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`${executionArn} still RUNNING after 10 s`);
}

export const functionArn = (name: string) => `arn:aws:lambda:us-east-1:${SANDBOX_ACCOUNT}:function:${name}`;
