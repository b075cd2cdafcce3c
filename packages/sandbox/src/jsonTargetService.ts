import type http from 'node:http';
import { AwsError } from './awsError.js';
import type { ServiceAuthorization } from './iam/serviceAuthorization.js';
import { parseJsonObject, type SandboxRequest, type SandboxResponse, type SandboxService } from './server.js';

/** One operation of a JSON-protocol service: request JSON in, response JSON out, or an {@link AwsError} thrown. */
export type JsonAction<Context> = (
  request: Record<string, unknown>,
  ctx: Context & { readonly region: string },
) => unknown;

/** How a JSON-protocol service (operation named by `X-Amz-Target: {prefix}{Operation}`) is served. */
export interface JsonTargetServiceSpec<Context> {
  readonly name: string;
  /** E.g. `AWSEvents.`. */
  readonly targetPrefix: string;
  /** `application/x-amz-json-1.0` or `-1.1`. */
  readonly contentType: string;
  readonly actions: Readonly<Record<string, JsonAction<Context>>>;
  readonly context: Context;
  readonly errorResponse: (error: AwsError) => SandboxResponse;
  /** The request body as JSON text (e.g. after gunzip); the body as sent by default. */
  readonly decode?: (req: SandboxRequest) => Buffer;
  /** The IAM permissions each request needs (see iam/serviceAuthorization.ts). */
  readonly authorization: ServiceAuthorization;
}

/** A service speaking AWS's JSON 1.0/1.1 protocol: dispatch by `X-Amz-Target` to an action table. */
export function jsonTargetService<Context>(spec: JsonTargetServiceSpec<Context>): SandboxService {
  const target = (headers: http.IncomingHttpHeaders) => String(headers['x-amz-target'] ?? '');
  return {
    name: spec.name,
    matches: (req: http.IncomingMessage) => target(req.headers).startsWith(spec.targetPrefix),
    async handle(req: SandboxRequest): Promise<SandboxResponse> {
      const operation = target(req.headers).slice(spec.targetPrefix.length);
      const action = spec.actions[operation];
      if (!action) {
        throw new AwsError(
          'UnknownOperationException',
          `The dynamo-dr sandbox does not emulate ${spec.name} ${operation}.`,
        );
      }
      const request = parseJsonObject(
        spec.decode ? spec.decode(req) : req.body,
        () => new AwsError('SerializationException', 'Start of structure or map found where not expected'),
      );
      const result = action(request, { ...spec.context, region: req.region });
      return { statusCode: 200, headers: { 'content-type': spec.contentType }, body: JSON.stringify(result ?? {}) };
    },
    errorResponse: spec.errorResponse,
    authorization: spec.authorization,
  };
}
