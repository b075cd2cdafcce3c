import { randomUUID } from 'node:crypto';
import type { IamStore } from '../../iam/iamStore.js';
import { trustsPrincipal } from '../../iam/trustPolicy.js';
import type { RoleSessions } from '../../iam/roleSessions.js';
import type { CodeObjects } from '../code/codeObjects.js';
import { FunctionCodeStore } from '../code/functionCode.js';
import { LambdaError } from '../lambdaError.js';
import type { FunctionRecord } from '../lambdaStore.js';
import { EnvironmentPool } from './environmentPool.js';
import { ExecutionEnvironment } from './executionEnvironment.js';
import { functionEnvironment } from './functionEnvironment.js';
import type { InvocationOutcome } from './invocationOutcome.js';
import { nodeBinaryFor } from './runtimes.js';

/** How the sandbox runs functions (the `startSandbox` options behind them). */
export interface FunctionRuntimeOptions {
  readonly dataDir?: string;
  /** A node binary per runtime, e.g. `{ 'nodejs22.x': '/opt/node22/bin/node' }`; others run on the sandbox's node. */
  readonly nodeBinaries?: Readonly<Record<string, string>>;
  /** Execution environments (child processes) at most, across all functions. */
  readonly maxEnvironments: number;
  /** Where Code.S3Bucket/S3Key are read from, once the sandbox has an S3. */
  readonly codeObjects?: CodeObjects;
  readonly iam: IamStore;
  readonly sessions: RoleSessions;
  /** The sandbox's endpoint, known once it listens: the functions' AWS_ENDPOINT_URL. */
  readonly endpoint: () => string;
}

/** What an invocation asks for beyond the function. */
export interface InvokeRequest {
  readonly region: string;
  readonly payload: string;
  readonly invokedFunctionArn: string;
  readonly clientContext?: unknown;
  /** Asynchronous events wait for capacity; synchronous calls beyond reserved concurrency are throttled. */
  readonly waitForCapacity: boolean;
}

/** Role sessions of execution environments last as long as Lambda's do at most (12 hours), then renew. */
const SESSION_SECONDS = 12 * 3600;

/**
 * Runs functions: their code on disk, their execution environments, each environment's role session.
 * Credentials are issued per environment for the function's role, whether or not IAM knows the role (a
 * role IAM does not have grants nothing: every call the function makes is then denied).
 */
export class FunctionRuntime {
  readonly code: FunctionCodeStore;
  private readonly pool: EnvironmentPool;

  constructor(private readonly options: FunctionRuntimeOptions) {
    this.code = new FunctionCodeStore(options.dataDir, options.codeObjects);
    this.pool = new EnvironmentPool(options.maxEnvironments);
  }

  /**
   * Whether Lambda could assume the role: its trust policy names `lambda.amazonaws.com`. A role IAM does not
   * have passes (the sandbox lets functions name roles it does not know; they then get no permission).
   */
  lambdaMayAssume(roleArn: string): boolean {
    const role = this.options.iam.roleByArn(roleArn);
    return (
      !role ||
      trustsPrincipal(
        role.AssumeRolePolicyDocument,
        { type: 'Service', ids: ['lambda.amazonaws.com'] },
        'sts:AssumeRole',
      )
    );
  }

  /**
   * Runs one invocation in a warm or new environment. InvalidRuntimeException (502) for a runtime the
   * sandbox cannot run; TooManyRequestsException beyond reserved concurrency when not waiting.
   */
  async invoke(fn: FunctionRecord, request: InvokeRequest): Promise<InvocationOutcome & { requestId: string }> {
    const config = fn.configuration;
    const binary = nodeBinaryFor(String(config.Runtime), this.options.nodeBinaries ?? {});
    if (!binary) {
      throw new LambdaError(
        'InvalidRuntimeException',
        `The runtime ${String(config.Runtime)} is not supported by the dynamo-dr sandbox, which runs Node.js functions only.`,
        502,
      );
    }
    const key = `${request.region}/${config.FunctionName}`;
    const revision = `${String(config.RevisionId)}:${binary}`;
    const codeDir = fn.code?.dir ?? (await this.code.emptyDir());
    const nodePath = await this.code.runtimeModules();
    const env = await this.pool.acquire(
      { key, revision, reservedConcurrency: fn.reservedConcurrency },
      () => {
        const session = this.options.sessions.issueForService(
          this.options.iam,
          String(config.Role),
          config.FunctionName,
          SESSION_SECONDS,
        );
        const variables = functionEnvironment({
          configuration: config,
          region: request.region,
          codeDir,
          session,
          endpoint: this.options.endpoint(),
          nodePath,
        });
        // Renewed a quarter hour (Lambda's longest timeout) before the credentials expire.
        return new ExecutionEnvironment(binary, codeDir, variables, revision, session.expiration - 15 * 60_000);
      },
      request.waitForCapacity,
    );
    const requestId = randomUUID();
    try {
      const outcome = await env.invoke({
        requestId,
        payload: request.payload,
        invokedFunctionArn: request.invokedFunctionArn,
        clientContext: request.clientContext,
        timeoutSeconds: Number(config.Timeout ?? 3),
      });
      return { ...outcome, requestId };
    } finally {
      this.pool.release(env);
    }
  }

  /** A function changed (code, configuration) or went away: its warm environments are not reused. */
  retire(region: string, functionName: string): void {
    this.pool.retire(`${region}/${functionName}`);
  }

  async close(): Promise<void> {
    this.pool.close();
    await this.code.close();
  }
}
