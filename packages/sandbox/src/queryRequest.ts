import { randomUUID } from 'node:crypto';
import { XMLBuilder } from 'fast-xml-parser';
import { AwsError } from './awsError.js';
import type { SandboxResponse } from './server.js';

/**
 * A request in AWS's Query protocol (IAM, STS, CloudFormation, CloudWatch, SNS): form-encoded
 * `Action=…&Version=…&Name=value`, lists as `Name.member.N`, structures as `Name.member.N.Field`.
 * https://smithy.io/2.0/aws/protocols/aws-query-protocol.html
 */
export class QueryRequest {
  readonly action: string;
  private readonly params: URLSearchParams;

  constructor(body: Buffer, query: URLSearchParams) {
    this.params = new URLSearchParams(body.toString());
    for (const [key, value] of query) if (!this.params.has(key)) this.params.set(key, value);
    this.action = this.params.get('Action') ?? '';
  }

  /** A top-level string parameter, or undefined. */
  get(name: string): string | undefined {
    return this.params.get(name) ?? undefined;
  }

  /** `Name.member.1`, `Name.member.2`, … in order. */
  list(name: string): string[] {
    return this.indexed(`${name}.member.`).map(([, value]) => value);
  }

  /** `Name.member.N.Field` as one object per N, in order. */
  structures(name: string): Record<string, string>[] {
    const byIndex = new Map<number, Record<string, string>>();
    const prefix = `${name}.member.`;
    for (const [key, value] of this.params) {
      if (!key.startsWith(prefix)) continue;
      const [index, ...field] = key.slice(prefix.length).split('.');
      if (!field.length) continue;
      const n = Number(index);
      if (!byIndex.has(n)) byIndex.set(n, {});
      (byIndex.get(n) as Record<string, string>)[field.join('.')] = value;
    }
    return [...byIndex.entries()].sort(([a], [b]) => a - b).map(([, v]) => v);
  }

  private indexed(prefix: string): [number, string][] {
    return [...this.params]
      .filter(([key]) => key.startsWith(prefix) && /^\d+$/.test(key.slice(prefix.length)))
      .map(([key, value]): [number, string] => [Number(key.slice(prefix.length)), value])
      .sort(([a], [b]) => a - b);
  }
}

const builder = new XMLBuilder({ ignoreAttributes: false, suppressEmptyNode: false });

/** Query-protocol lists are `<Name><member>…</member></Name>`; objects and scalars stay as they are. */
function withMembers(value: unknown): unknown {
  if (Array.isArray(value)) return { member: value.map(withMembers) };
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value)
        .filter(([, v]) => v !== undefined)
        .map(([k, v]) => [k, withMembers(v)]),
    );
  }
  return value;
}

/** `<ActionResponse xmlns=…><ActionResult>…</ActionResult><ResponseMetadata>…` for a successful call. */
export function queryResponse(
  action: string,
  xmlns: string,
  result: Record<string, unknown> | undefined,
): SandboxResponse {
  const body = {
    [`${action}Response`]: {
      '@_xmlns': xmlns,
      ...(result ? { [`${action}Result`]: withMembers(result) } : {}),
      ResponseMetadata: { RequestId: randomUUID() },
    },
  };
  return { statusCode: 200, headers: { 'content-type': 'text/xml' }, body: builder.build(body) };
}

/** `<ErrorResponse><Error><Type/><Code/><Message/></Error><RequestId/></ErrorResponse>`. */
export function queryErrorResponse(xmlns: string, error: AwsError): SandboxResponse {
  const body = {
    ErrorResponse: {
      '@_xmlns': xmlns,
      Error: { Type: error.statusCode >= 500 ? 'Receiver' : 'Sender', Code: error.type, Message: error.message },
      RequestId: randomUUID(),
    },
  };
  return { statusCode: error.statusCode, headers: { 'content-type': 'text/xml' }, body: builder.build(body) };
}

/** The credential scope's service (`Credential=KEY/DATE/REGION/SERVICE/aws4_request`), to route Query calls. */
export function signedService(authorization: string | string[] | undefined): string | undefined {
  return typeof authorization === 'string'
    ? /Credential=[^/]+\/\d{8}\/[^/]+\/([^/]+)\//.exec(authorization)?.[1]
    : undefined;
}

/** The error for an Action= this sandbox does not emulate. */
export function unknownQueryAction(service: string, action: string): AwsError {
  return new AwsError(
    'InvalidAction',
    `The dynamo-dr sandbox does not emulate ${service} ${action || '(no Action)'}; see docs/sandbox.md for the operations it has.`,
  );
}
