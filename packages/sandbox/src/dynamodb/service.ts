import type http from 'node:http';
import { crc32 } from 'node:zlib';
import { AwsError } from '../awsError.js';
import type { DynaliteClient } from '../dynaliteClient.js';
import {
  jsonProtocolError,
  parseJsonObject,
  type SandboxRequest,
  type SandboxResponse,
  type SandboxService,
} from '../server.js';
import { dynamoDbPermissions } from './iamPermissions.js';
import { assertReadable } from './restoringGate.js';
import type { DynamoStore } from './store/dynamoStore.js';
import type { S3Store } from '../s3/s3Store.js';
import type { TransferStore } from './transfers/transferStore.js';
import type { KeyNames } from './store/tableInstance.js';
import { keyNamesOf } from './tableDescription.js';

const TARGET_PREFIX = 'DynamoDB_20120810.';

/** What the export and import actions reach besides the tables: the S3 subset, and their own records. */
export interface DynamoPeers {
  readonly s3: S3Store;
  readonly transfers: TransferStore;
}

/** What an emulated DynamoDB action gets besides its request. */
export interface DynamoContext extends DynamoPeers {
  readonly dynalite: DynaliteClient;
  /** Table instances, journals and backups: what the sandbox keeps beside dynalite. */
  readonly store: DynamoStore;
  readonly region: string;
  /** The raw request, for actions that forward it unchanged. */
  readonly raw: SandboxRequest;
  /**
   * The client's request bytes, when the action's request is exactly what the
   * client sent (no middleware in between): forwarding them saves re-encoding.
   */
  readonly body?: Buffer;
}

/** One emulated DynamoDB operation: request JSON in, response JSON out, or an {@link AwsError} thrown. */
export type DynamoAction = (request: Record<string, unknown>, ctx: DynamoContext) => Promise<unknown>;

/**
 * Wraps every DynamoDB operation while `active()` is true (fault injection
 * uses it): it may throw an {@link AwsError}, change the request, or change
 * the response that `next` returns. While inactive, requests that no action
 * claims are streamed to dynalite without being parsed.
 */
export interface DynamoMiddleware {
  active(): boolean;
  handle(
    operation: string,
    request: Record<string, unknown>,
    next: (request: Record<string, unknown>) => Promise<unknown>,
    engine: DynamoEngine,
  ): Promise<unknown>;
}

/**
 * dynalite itself, for reads a middleware makes on its own account (the item
 * a write replaces, the items a filtered Scan read): no action, no
 * middleware, no journal.
 */
export interface DynamoEngine {
  call(operation: string, request: Record<string, unknown>): Promise<Record<string, unknown>>;
  /** A table's key attribute names; `undefined` when there is no such table. */
  keyNames(table: string): Promise<KeyNames | undefined>;
}

/**
 * DynamoDB's endpoint: the operations in `actions` are emulated by the
 * sandbox; every other one goes to dynalite unchanged.
 */
export function dynamoDbService(
  store: DynamoStore,
  actions: Readonly<Record<string, DynamoAction>>,
  peers: DynamoPeers,
  middleware?: DynamoMiddleware,
): SandboxService {
  return {
    name: 'dynamodb',
    matches: (req: http.IncomingMessage) => String(req.headers['x-amz-target'] ?? '').startsWith(TARGET_PREFIX),
    async handle(req: SandboxRequest): Promise<SandboxResponse> {
      const dynalite = store.dynalite;
      const target = String(req.headers['x-amz-target']);
      const operation = target.slice(TARGET_PREFIX.length);
      const action = actions[operation];
      const wrapped = middleware?.active() ? middleware : undefined;
      if (!action && !wrapped) {
        assertReadable(store, operation, req.body);
        const res = await dynalite.forward(target, req.body);
        return dynamoResponse(res.statusCode, res.body);
      }
      const ctx: DynamoContext = {
        ...peers,
        dynalite,
        store,
        region: req.region,
        raw: req,
        body: wrapped ? undefined : req.body,
      };
      const run = (request: Record<string, unknown>): Promise<unknown> => {
        if (action) return action(request, ctx);
        assertReadable(store, operation, req.body);
        return dynalite.call(operation, request);
      };
      const request = parseBody(req.body);
      const result = await (wrapped ? wrapped.handle(operation, request, run, engineOf(store)) : run(request));
      return dynamoResponse(200, Buffer.from(JSON.stringify(result ?? {})));
    },
    errorResponse(error) {
      const response = jsonProtocolError('com.amazonaws.dynamodb.v20120810', error);
      return { ...response, headers: { ...response.headers, ...checksumHeader(response.body) } };
    },
    authorization: { permissionsFor: dynamoDbPermissions },
  };
}

/** A DynamoDB answer as AWS sends it: JSON 1.0 with the CRC32 of its body. */
function dynamoResponse(statusCode: number, body: Buffer): SandboxResponse {
  return { statusCode, headers: { 'content-type': 'application/x-amz-json-1.0', ...checksumHeader(body) }, body };
}

/**
 * DynamoDB's `x-amz-crc32`: the CRC32 of the body bytes, which botocore (the AWS CLI, boto3) checks when present
 * and retries on a mismatch (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Programming.LowLevelAPI.html).
 */
function checksumHeader(body: Buffer | string): Record<string, string> {
  return { 'x-amz-crc32': String(crc32(body)) };
}

function engineOf(store: DynamoStore): DynamoEngine {
  return {
    call: (operation, request) => store.dynalite.call(operation, request),
    async keyNames(table) {
      const known = store.table(table)?.key;
      if (known) return known;
      const described = await store.dynalite
        .call<{ Table: Record<string, unknown> }>('DescribeTable', { TableName: table })
        .catch(() => undefined);
      return described && keyNamesOf(described.Table);
    },
  };
}

const parseBody = (body: Buffer) =>
  parseJsonObject(
    body,
    () => new AwsError('SerializationException', 'Start of structure or map found where not expected'),
  );
