import { randomUUID } from 'node:crypto';
import http from 'node:http';
import { AwsError } from './awsError.js';
import { invalidRegionScope, isRegionName } from './regionName.js';
import type { RequestAuthorizer, ServiceAuthorization } from './iam/serviceAuthorization.js';
import { signingScopeOf } from './signingScope.js';

/** One incoming HTTP request with its body read. */
export interface SandboxRequest {
  readonly method: string;
  readonly url: URL;
  readonly headers: http.IncomingHttpHeaders;
  readonly body: Buffer;
  /**
   * The region the client signed for (from the Authorization header's credential scope), always an AWS Region
   * name: a request signed for anything else is refused before any service sees it.
   */
  readonly region: string;
}

export interface SandboxResponse {
  readonly statusCode: number;
  readonly headers?: Record<string, string>;
  readonly body: Buffer | string;
}

/** An emulated AWS service: claims the requests that belong to it. */
export interface SandboxService {
  readonly name: string;
  matches(req: http.IncomingMessage): boolean;
  handle(req: SandboxRequest): Promise<SandboxResponse>;
  /** How an {@link AwsError} is serialised for this service. */
  errorResponse(error: AwsError): SandboxResponse;
  /**
   * The IAM permissions each of its requests needs, checked for callers signing with credentials the sandbox
   * issued to a role (see iam/serviceAuthorization.ts). A service without it refuses those callers.
   */
  readonly authorization?: ServiceAuthorization;
  /** Releases what the service runs (child processes, timers) when the sandbox stops. */
  close?(): Promise<void>;
}

/**
 * Parses a request body that must be a JSON object (an empty body is `{}`); anything else throws the
 * service's own AWS error, made by `invalid`.
 */
export function parseJsonObject(body: Buffer, invalid: () => Error): Record<string, unknown> {
  if (body.length === 0) return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.toString());
  } catch {
    throw invalid();
  }
  if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) return parsed as Record<string, unknown>;
  throw invalid();
}

/** Serialises an AWS error in the JSON 1.0 protocol (DynamoDB, SSM). */
export function jsonProtocolError(prefix: string, error: AwsError): SandboxResponse {
  return {
    statusCode: error.statusCode,
    headers: { 'content-type': 'application/x-amz-json-1.0', 'x-amzn-errortype': error.type },
    body: JSON.stringify({ __type: `${prefix}#${error.type}`, message: error.message }),
  };
}

/**
 * The sandbox's HTTP server: each request goes to the first service that claims it, after `authorize` (IAM
 * enforcement) has let it through. `services` may still be starting (a promise): requests then wait for them, so
 * the port can be taken before anything else starts.
 */
export function createServer(
  services: readonly SandboxService[] | Promise<readonly SandboxService[]>,
  defaultRegion: string,
  authorize?: RequestAuthorizer,
): http.Server {
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      void Promise.resolve(services).then((started) => dispatch(started, req, body, res, defaultRegion, authorize));
    });
  });
  // Longer than SDK clients keep idle pooled sockets, so the server rarely closes one under a request.
  server.keepAliveTimeout = 65_000;
  return server;
}

function dispatch(
  services: readonly SandboxService[],
  req: http.IncomingMessage,
  body: Buffer,
  res: http.ServerResponse,
  defaultRegion: string,
  authorize: RequestAuthorizer | undefined,
): void {
  const service = services.find((s) => s.matches(req));
  if (!service) {
    send(res, {
      statusCode: 400,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        __type: 'UnknownOperationException',
        message: `The dynamo-dr sandbox does not emulate ${req.method} ${req.url} (target ${String(req.headers['x-amz-target'] ?? 'none')}).`,
      }),
    });
    return;
  }
  const request: SandboxRequest = {
    method: req.method ?? 'GET',
    url: new URL(req.url ?? '/', 'http://sandbox'),
    headers: req.headers,
    body,
    region: signingScopeOf(req)?.region ?? defaultRegion,
  };
  if (!isRegionName(request.region)) {
    send(res, service.errorResponse(invalidRegionScope(request.region)));
    return;
  }
  Promise.resolve(authorize?.(service, request))
    .then(() => service.handle(request))
    .then(
      (response) => send(res, response),
      (error: unknown) => {
        if (error instanceof AwsError) send(res, service.errorResponse(error));
        else {
          // Anything but an AwsError is a sandbox bug: answer 500 and say so loudly.
          console.error('[dynamo-dr sandbox] internal error', error);
          send(res, service.errorResponse(new AwsError('InternalServerError', String(error), 500)));
        }
      },
    );
}

/** Every AWS answer carries a request id (the SDKs report it as `$metadata.requestId` / `RequestId`). */
function send(res: http.ServerResponse, response: SandboxResponse): void {
  const body = typeof response.body === 'string' ? Buffer.from(response.body) : response.body;
  // A HEAD answer states the length of the body a GET would have (S3's HeadObject), and sends none.
  res.writeHead(response.statusCode, {
    'x-amzn-RequestId': randomUUID(),
    'content-length': body.length,
    ...response.headers,
  });
  res.end(body);
}
