import path from 'node:path';
import type http from 'node:http';
import type { AwsError } from '../awsError.js';
import { parseJsonObject, type SandboxRequest, type SandboxResponse, type SandboxService } from '../server.js';
import { lambdaDenial, lambdaPermissions } from './iamPermissions.js';
import { LambdaError, invalidParameter } from './lambdaError.js';
import { LambdaStore } from './lambdaStore.js';
import { lambdaRoutes } from './routes.js';
import { FunctionRuntime, type FunctionRuntimeOptions } from './runtime/functionRuntime.js';

/** One Lambda request, routed: the path's labels, its query and its JSON body. */
export interface LambdaRequest {
  /** Decoded path labels in order, e.g. `[FunctionName]`. */
  readonly labels: readonly string[];
  readonly query: URLSearchParams;
  readonly headers: http.IncomingHttpHeaders;
  /** The body parsed as a JSON object (empty when there is none). */
  readonly body: Record<string, unknown>;
  readonly rawBody: Buffer;
  readonly region: string;
}

/** What an action answers: a status, a JSON body (or a raw one, Invoke's payload), extra headers. */
export interface LambdaReply {
  readonly status: number;
  readonly body?: unknown;
  readonly rawBody?: string;
  readonly headers?: Readonly<Record<string, string>>;
}

/** One emulated Lambda operation; throws a {@link LambdaError} to answer with an AWS error. */
export type LambdaAction = (
  request: LambdaRequest,
  store: LambdaStore,
  runtime: FunctionRuntime,
) => LambdaReply | Promise<LambdaReply>;

/** A route: method and path pattern (capturing the labels) to an action, and the IAM permission it needs. */
export interface LambdaRoute {
  readonly method: string;
  readonly path: RegExp;
  readonly action: LambdaAction;
  /** The body is a payload passed through (Invoke), not a request document. */
  readonly rawPayload?: boolean;
  /** `lambda:{iamAction}`, from the Service Authorization Reference. */
  readonly iamAction: string;
  /** What the permission is checked on: the function the path (or body) names, a mapping, or `*`. */
  readonly resource: 'function' | 'mapping' | 'any';
}

/** How the sandbox's Lambda runs code: {@link FunctionRuntimeOptions} with a default environment budget. */
export type LambdaServiceOptions = Omit<FunctionRuntimeOptions, 'maxEnvironments'> & {
  readonly maxEnvironments?: number;
};

/**
 * Lambda's REST-JSON endpoint (paths like `/2015-03-31/functions/{name}`): the operations in `routes.ts`;
 * state in memory, and in `{dataDir}/lambda.json` when a data directory is given; functions run in
 * execution environments (runtime/).
 */
export function lambdaService(options: LambdaServiceOptions): SandboxService {
  const store = new LambdaStore(options.dataDir && path.join(options.dataDir, 'lambda.json'));
  const runtime = new FunctionRuntime({ ...options, maxEnvironments: options.maxEnvironments ?? 8 });
  const route = (method: string | undefined, pathname: string) =>
    lambdaRoutes.find((r) => r.method === method && r.path.test(pathname));
  const routed = (req: SandboxRequest) => {
    const matched = route(req.method, req.url.pathname);
    if (!matched) throw invalidParameter(`No Lambda operation at ${req.method} ${req.url.pathname}`);
    const labels = (matched.path.exec(req.url.pathname) ?? []).slice(1).map((l) => decodeURIComponent(l));
    const request: LambdaRequest = {
      labels,
      query: req.url.searchParams,
      headers: req.headers,
      body: matched.rawPayload ? {} : parseBody(req.body),
      rawBody: req.body,
      region: req.region,
    };
    return { matched, request };
  };
  return {
    name: 'lambda',
    matches: (req) =>
      req.headers['x-amz-target'] === undefined &&
      route(req.method, new URL(req.url ?? '/', 'http://sandbox').pathname) !== undefined,
    async handle(req: SandboxRequest): Promise<SandboxResponse> {
      const { matched, request } = routed(req);
      const reply = await matched.action(request, store, runtime);
      return {
        statusCode: reply.status,
        headers: { 'content-type': 'application/json', ...reply.headers },
        body: reply.rawBody ?? (reply.body === undefined ? '' : JSON.stringify(reply.body)),
      };
    },
    errorResponse: lambdaErrorResponse,
    authorization: {
      permissionsFor(req) {
        const { matched, request } = routed(req);
        return lambdaPermissions(matched, request);
      },
      denied: lambdaDenial,
    },
    close: () => runtime.close(),
  };
}

function lambdaErrorResponse(error: AwsError): SandboxResponse {
  const extra = error instanceof LambdaError ? error.extra : {};
  const messageKey = error instanceof LambdaError ? error.messageKey : 'message';
  return {
    statusCode: error.statusCode,
    headers: {
      'content-type': 'application/json',
      'x-amzn-errortype': `${error.type}:`,
      ...(error.type === 'TooManyRequestsException' ? { 'retry-after': '1' } : {}),
    },
    body: JSON.stringify({ Type: error.statusCode >= 500 ? 'Service' : 'User', [messageKey]: error.message, ...extra }),
  };
}

const parseBody = (body: Buffer) =>
  parseJsonObject(
    body,
    () => new LambdaError('InvalidRequestContentException', 'Could not parse request body into json', 400),
  );
