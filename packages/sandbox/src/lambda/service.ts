import path from 'node:path';
import type http from 'node:http';
import type { AwsError } from '../awsError.js';
import { parseJsonObject, type SandboxRequest, type SandboxResponse, type SandboxService } from '../server.js';
import { LambdaError, invalidParameter } from './lambdaError.js';
import { LambdaStore } from './lambdaStore.js';
import { lambdaRoutes } from './routes.js';

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

/** What an action answers: a status, a JSON body (or none), extra headers. */
export interface LambdaReply {
  readonly status: number;
  readonly body?: unknown;
  readonly headers?: Readonly<Record<string, string>>;
}

/** One emulated Lambda operation; throws a {@link LambdaError} to answer with an AWS error. */
export type LambdaAction = (request: LambdaRequest, store: LambdaStore) => LambdaReply;

/** A route: method and path pattern (capturing the labels) to an action. */
export interface LambdaRoute {
  readonly method: string;
  readonly path: RegExp;
  readonly action: LambdaAction;
  /** The body is a payload passed through (Invoke), not a request document. */
  readonly rawPayload?: boolean;
}

/**
 * Lambda's REST-JSON endpoint (paths like `/2015-03-31/functions/{name}`):
 * the operations in `routes.ts`; state in memory, and in
 * `{dataDir}/lambda.json` when a data directory is given.
 */
export function lambdaService(dataDir?: string): SandboxService {
  const store = new LambdaStore(dataDir && path.join(dataDir, 'lambda.json'));
  const route = (method: string | undefined, pathname: string) =>
    lambdaRoutes.find((r) => r.method === method && r.path.test(pathname));
  return {
    name: 'lambda',
    matches: (req) =>
      req.headers['x-amz-target'] === undefined &&
      route(req.method, new URL(req.url ?? '/', 'http://sandbox').pathname) !== undefined,
    async handle(req: SandboxRequest): Promise<SandboxResponse> {
      const matched = route(req.method, req.url.pathname);
      if (!matched) throw invalidParameter(`No Lambda operation at ${req.method} ${req.url.pathname}`);
      const labels = (matched.path.exec(req.url.pathname) ?? []).slice(1).map((l) => decodeURIComponent(l));
      const reply = matched.action(
        {
          labels,
          query: req.url.searchParams,
          headers: req.headers,
          body: matched.rawPayload ? {} : parseBody(req.body),
          rawBody: req.body,
          region: req.region,
        },
        store,
      );
      return {
        statusCode: reply.status,
        headers: { 'content-type': 'application/json', ...reply.headers },
        body: reply.body === undefined ? '' : JSON.stringify(reply.body),
      };
    },
    errorResponse: lambdaErrorResponse,
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
