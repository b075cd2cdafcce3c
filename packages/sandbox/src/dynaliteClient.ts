import http from 'node:http';
import { AwsError } from './awsError.js';

const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });

export interface RawResponse {
  readonly statusCode: number;
  readonly headers: http.IncomingHttpHeaders;
  readonly body: Buffer;
}

/**
 * Talks to the child dynalite process. The sandbox signs nothing: dynalite
 * checks only that an Authorization header is present.
 */
export class DynaliteClient {
  constructor(readonly endpoint: string) {}

  /** Sends a request body as-is and returns dynalite's raw answer. */
  async forward(target: string, body: Buffer | string): Promise<RawResponse> {
    try {
      return await this.send(target, body);
    } catch (error) {
      // A pooled socket that the peer closed while idle fails before the request is read:
      // sending it again on a fresh socket is safe (Node's http docs recommend this retry).
      if ((error as { reusedSocket?: boolean }).reusedSocket) return this.send(target, body);
      throw error;
    }
  }

  private send(target: string, body: Buffer | string): Promise<RawResponse> {
    return new Promise((resolve, reject) => {
      const req = http.request(
        this.endpoint,
        {
          method: 'POST',
          agent,
          headers: {
            'content-type': 'application/x-amz-json-1.0',
            'x-amz-target': target,
            authorization:
              'AWS4-HMAC-SHA256 Credential=sandbox/20260101/us-east-1/dynamodb/aws4_request, SignedHeaders=host, Signature=sandbox',
            'x-amz-date': '20260101T000000Z',
            'content-length': Buffer.byteLength(body),
          },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () =>
            resolve({ statusCode: res.statusCode ?? 500, headers: res.headers, body: Buffer.concat(chunks) }),
          );
          res.on('error', reject);
        },
      );
      req.on('error', (error: NodeJS.ErrnoException) =>
        reject(Object.assign(error, { reusedSocket: req.reusedSocket && error.code === 'ECONNRESET' })),
      );
      req.end(body);
    });
  }

  /**
   * Calls a DynamoDB operation and returns its parsed result, or throws
   * dynalite's error as an {@link AwsError}. `body`, when given, is the
   * request already serialised (the client's own bytes: nothing to re-encode).
   */
  async call<T = Record<string, unknown>>(operation: string, request: unknown, body?: Buffer | string): Promise<T> {
    const res = await this.forward(`DynamoDB_20120810.${operation}`, body ?? JSON.stringify(request));
    const parsed = res.body.length ? (JSON.parse(res.body.toString()) as Record<string, unknown>) : {};
    if (res.statusCode >= 400) {
      const type =
        String(parsed.__type ?? 'InternalFailure')
          .split('#')
          .pop() ?? 'InternalFailure';
      throw new AwsError(type, String(parsed.message ?? parsed.Message ?? ''), res.statusCode);
    }
    return parsed as T;
  }
}
