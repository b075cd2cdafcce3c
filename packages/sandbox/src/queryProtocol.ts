import { randomUUID } from 'node:crypto';
import type http from 'node:http';
import { XMLBuilder } from 'fast-xml-parser';
import type { AwsError } from './awsError.js';
import type { SandboxRequest, SandboxResponse } from './server.js';

/**
 * The AWS query protocol (SNS, and the older APIs of IAM, CloudFormation…):
 * `Action=…&Version=…` form parameters in, XML out.
 * https://smithy.io/2.0/aws/protocols/aws-query-protocol.html
 */

const SCOPE = /Credential=[^/]+\/\d{8}\/[a-z0-9-]+\/([a-z0-9-]+)\//;

/** The service a request was signed for (its SigV4 credential scope, e.g. `sns`), if it is signed. */
export function signingServiceOf(headers: http.IncomingHttpHeaders): string | undefined {
  const auth = headers.authorization;
  return typeof auth === 'string' ? SCOPE.exec(auth)?.[1] : undefined;
}

/** A query request's parameters as a tree: `Tags.member.1.Key=k` becomes `{ Tags: { member: { 1: { Key: 'k' } } } }`. */
export interface QueryTree {
  readonly [name: string]: string | QueryTree;
}

/** The parameters of a query request, from the form body and the URL's query string. */
export function queryParameters(req: SandboxRequest): QueryTree {
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

const xml = new XMLBuilder({ ignoreAttributes: false });

/** A list in a query XML response: one `<member>` element per item. */
export function xmlList(items: readonly unknown[]): { member: readonly unknown[] } {
  return { member: items };
}

/** A map in a query XML response: `<entry><key>…</key><value>…</value></entry>` per pair. */
export function xmlMap(record: Readonly<Record<string, string>>): { entry: { key: string; value: string }[] } {
  return { entry: Object.entries(record).map(([key, value]) => ({ key, value })) };
}

/** `<{Action}Response><{Action}Result>…</{Action}Result><ResponseMetadata>…` in the service's namespace. */
export function queryResponse(namespace: string, action: string, result: Record<string, unknown>): SandboxResponse {
  const body = xml.build({
    [`${action}Response`]: {
      '@_xmlns': namespace,
      ...(Object.keys(result).length ? { [`${action}Result`]: result } : {}),
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
