import { randomUUID } from 'node:crypto';
import { XMLBuilder } from 'fast-xml-parser';
import type { AwsError } from './awsError.js';
import type { SandboxResponse } from './server.js';

/**
 * The AWS query protocol (CloudFormation, IAM, STS, SNS…): a form-encoded
 * body names the `Action`; lists are `Name.member.N`, structures `Name.Field`.
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/APIReference/Welcome.html
 */
export interface QueryRequest {
  readonly action: string;
  /** The parameters as nested objects and arrays (`Tags.member.1.Key` -> `{ Tags: [{ Key }] }`). */
  readonly params: Record<string, unknown>;
}

export function parseQueryRequest(body: Buffer, query: URLSearchParams): QueryRequest {
  const form = new URLSearchParams(body.toString());
  for (const [key, value] of query) if (!form.has(key)) form.set(key, value);
  const params: Record<string, unknown> = {};
  for (const [key, value] of form) {
    if (key === 'Action' || key === 'Version') continue;
    setPath(params, key.split('.'), value);
  }
  return { action: form.get('Action') ?? '', params: arraysOf(params) as Record<string, unknown> };
}

function setPath(target: Record<string, unknown>, path: string[], value: string): void {
  const [head, ...rest] = path;
  if (head === undefined) return;
  if (rest.length === 0) {
    target[head] = value;
    return;
  }
  const child = (target[head] ??= {}) as Record<string, unknown>;
  setPath(child, rest, value);
}

/** `{ member: { 1: a, 2: b } }` (or `entry`) becomes `[a, b]`, at every depth. */
function arraysOf(value: unknown): unknown {
  if (!value || typeof value !== 'object') return value;
  const object = value as Record<string, unknown>;
  const list = object.member ?? object.entry;
  if (list && typeof list === 'object' && Object.keys(object).length === 1) {
    return Object.entries(list as Record<string, unknown>)
      .sort(([a], [b]) => Number(a) - Number(b))
      .map(([, item]) => arraysOf(item));
  }
  return Object.fromEntries(Object.entries(object).map(([k, v]) => [k, arraysOf(v)]));
}

const builder = new XMLBuilder({ suppressEmptyNode: false, processEntities: true, ignoreAttributes: false });

/** Arrays become `<member>` lists, dates ISO 8601, absent members nothing. */
function xmlValue(value: unknown): unknown {
  if (Array.isArray(value)) return { member: value.map(xmlValue) };
  if (value instanceof Date) return value.toISOString();
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value)
        .filter(([, v]) => v !== undefined)
        .map(([k, v]) => [k, xmlValue(v)]),
    );
  }
  return value;
}

/** `<{Action}Response><{Action}Result>…</{Action}Result><ResponseMetadata>…` in the service's namespace. */
export function queryResponse(action: string, result: unknown, namespace: string): SandboxResponse {
  const body = builder.build({
    [`${action}Response`]: {
      '@_xmlns': namespace,
      ...(result === undefined ? {} : { [`${action}Result`]: xmlValue(result) }),
      ResponseMetadata: { RequestId: randomUUID() },
    },
  });
  return { statusCode: 200, headers: { 'content-type': 'text/xml' }, body };
}

/** `<ErrorResponse><Error><Type/><Code/><Message/></Error><RequestId/></ErrorResponse>`. */
export function queryErrorResponse(error: AwsError, namespace: string): SandboxResponse {
  const body = builder.build({
    ErrorResponse: {
      '@_xmlns': namespace,
      Error: { Type: error.statusCode >= 500 ? 'Receiver' : 'Sender', Code: error.type, Message: error.message },
      RequestId: randomUUID(),
    },
  });
  return { statusCode: error.statusCode, headers: { 'content-type': 'text/xml' }, body };
}
