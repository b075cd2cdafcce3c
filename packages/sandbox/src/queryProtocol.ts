import { randomUUID } from 'node:crypto';
import { XMLBuilder } from 'fast-xml-parser';
import { AwsError } from './awsError.js';
import type { SandboxRequest, SandboxResponse } from './server.js';

/**
 * AWS's Query protocol (SNS, IAM, STS, CloudFormation): `Action=…&Version=…` form parameters in, lists as
 * `Name.member.N`, maps as `Name.entry.N.key`/`value`; XML out.
 * https://smithy.io/2.0/aws/protocols/aws-query-protocol.html
 */

/** A query request's parameters as a tree: `Tags.member.1.Key=k` becomes `{ Tags: { member: { 1: { Key: 'k' } } } }`. */
export interface QueryTree {
  readonly [name: string]: string | QueryTree;
}

/** The parameters of a query request, from the URL's query string and the form body (the body's win). */
export function queryParameters(req: Pick<SandboxRequest, 'url' | 'body'>): QueryTree {
  const tree: Record<string, unknown> = {};
  const add = (params: URLSearchParams) => {
    for (const [name, value] of params) {
      const path = name.split('.');
      let node = tree;
      for (const part of path.slice(0, -1)) {
        const next = node[part];
        node = (next && typeof next === 'object' ? next : (node[part] = {})) as Record<string, unknown>;
      }
      node[path.at(-1) as string] = value;
    }
  };
  add(req.url.searchParams);
  add(new URLSearchParams(req.body.toString('utf8')));
  return tree as QueryTree;
}

/** A string parameter, or undefined when it is absent (or not a plain value). */
export function queryString(tree: QueryTree | undefined, name: string): string | undefined {
  const value = tree?.[name];
  return typeof value === 'string' ? value : undefined;
}

/** The members of a list parameter (`Name.member.1`, `Name.member.2`, …), in order. */
export function queryList(tree: QueryTree | undefined, name: string, item = 'member'): (string | QueryTree)[] {
  const list = tree?.[name];
  const members = typeof list === 'object' ? list[item] : undefined;
  if (typeof members !== 'object') return [];
  return Object.keys(members)
    .filter((index) => /^[1-9]\d*$/.test(index))
    .sort((a, b) => Number(a) - Number(b))
    .map((index) => members[index] as string | QueryTree);
}

/** The string members of a list parameter (`ActionNames.member.N`), in order. */
export function queryStrings(tree: QueryTree | undefined, name: string): string[] {
  return queryList(tree, name).filter((member): member is string => typeof member === 'string');
}

/** The structure members of a list parameter (`Tags.member.N.Key`, `….Value`), in order. */
export function queryStructures(tree: QueryTree | undefined, name: string): QueryTree[] {
  return queryList(tree, name).filter((member): member is QueryTree => typeof member === 'object');
}

/** A map parameter (`Name.entry.N.key` / `Name.entry.N.value`), as the query protocol flattens it. */
export function queryMap(
  tree: QueryTree | undefined,
  name: string,
  key = 'key',
  value = 'value',
): Map<string, unknown> {
  const map = new Map<string, unknown>();
  for (const entry of queryList(tree, name, 'entry')) {
    if (typeof entry !== 'object') continue;
    const k = entry[key];
    if (typeof k === 'string') map.set(k, entry[value]);
  }
  return map;
}

const xml = new XMLBuilder({ ignoreAttributes: false, suppressEmptyNode: false });

/**
 * A result as query XML: an array is a list (`<Name><member>…</member></Name>`), a `Map` a map
 * (`<Name><entry><key>…</key><value>…</value></entry></Name>`); undefined members are left out.
 */
function queryXml(value: unknown): unknown {
  if (Array.isArray(value)) return { member: value.map(queryXml) };
  if (value instanceof Map) return { entry: [...value].map(([key, v]) => ({ key, value: queryXml(v) })) };
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value)
        .filter(([, v]) => v !== undefined)
        .map(([k, v]) => [k, queryXml(v)]),
    );
  }
  return value;
}

/**
 * `<{Action}Response><{Action}Result>…</{Action}Result><ResponseMetadata>…` in the service's namespace. An action
 * with no output answers `undefined`: no `…Result` element (SNS DeleteTopic); `{}` is a modelled empty one
 * (CloudFormation ExecuteChangeSet).
 */
export function queryResponse(
  namespace: string,
  action: string,
  result: Readonly<Record<string, unknown>> | undefined,
): SandboxResponse {
  const body = xml.build({
    [`${action}Response`]: {
      '@_xmlns': namespace,
      ...(result ? { [`${action}Result`]: queryXml(result) } : {}),
      ResponseMetadata: { RequestId: randomUUID() },
    },
  }) as string;
  return { statusCode: 200, headers: { 'content-type': 'text/xml' }, body };
}

/** AWS's query error document: `<ErrorResponse><Error><Type>Sender</Type><Code>…</Code><Message>…`. */
export function queryErrorResponse(namespace: string, error: AwsError): SandboxResponse {
  const body = xml.build({
    ErrorResponse: {
      '@_xmlns': namespace,
      Error: { Type: error.statusCode >= 500 ? 'Receiver' : 'Sender', Code: error.type, Message: error.message },
      RequestId: randomUUID(),
    },
  }) as string;
  return { statusCode: error.statusCode, headers: { 'content-type': 'text/xml' }, body };
}

/** The error for an `Action=` this sandbox does not emulate. */
export function unknownQueryAction(service: string, action: string): AwsError {
  return new AwsError(
    'InvalidAction',
    `The dynamo-dr sandbox does not emulate ${service} ${action || '(no Action)'}; see docs/sandbox.md for the operations it has.`,
  );
}
