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
import type { DynamoRegions, RegionalDynamo } from './dynamoRegions.js';
import { dynamoDbPermissions } from './iamPermissions.js';
import { assertReadable } from './restoringGate.js';
import type { TableDefinition } from './store/tableDefinition.js';
import type { S3Store } from '../s3/s3Store.js';
import type { DynamoStore } from './store/dynamoStore.js';
import type { KeyNames } from './store/tableInstance.js';
import { keyNamesOf } from './tableDescription.js';

const TARGET_PREFIX = 'DynamoDB_20120810.';

/** What an emulated DynamoDB action gets besides its request: the Region the request is signed for. */
export interface DynamoContext extends RegionalDynamo {
  readonly dynalite: DynaliteClient;
  /** Where exports write and imports read (one namespace for all Regions, as S3's bucket names are global). */
  readonly s3: S3Store;
  /** The raw request, for actions that forward it unchanged. */
  readonly raw: SandboxRequest;
  /**
   * The client's request bytes, when the action's request is exactly what the
   * client sent (no middleware in between): forwarding them saves re-encoding.
   */
  readonly body?: Buffer;
  /**
   * The same request's context in another Region (a cross-Region restore's source), or undefined when that
   * Region has no DynamoDB state (nothing was ever created there).
   */
  inRegion(region: string): Promise<DynamoContext | undefined>;
  /** What a restore of `sourceTable` writes into its new table: `items`, unless a fault corrupts the restore. */
  restoredItems(
    sourceTable: string,
    items: ReadonlyMap<string, string>,
    definition: TableDefinition,
  ): ReadonlyMap<string, string>;
}

/** One emulated DynamoDB operation: request JSON in, response JSON out, or an {@link AwsError} thrown. */
export type DynamoAction = (request: Record<string, unknown>, ctx: DynamoContext) => Promise<unknown>;

/**
 * Wraps every DynamoDB operation while `active()` is true (fault injection
 * uses it): it may throw an {@link AwsError}, change the request, or change
 * the response that `next` returns. While inactive, requests that no action
 * claims are streamed to dynalite without being parsed. `restoredItems` may
 * change what a restore writes, whether active or not.
 */
export interface DynamoMiddleware {
  active(): boolean;
  handle(
    operation: string,
    request: Record<string, unknown>,
    next: (request: Record<string, unknown>) => Promise<unknown>,
    engine: DynamoEngine,
  ): Promise<unknown>;
  restoredItems?(
    sourceTable: string,
    items: ReadonlyMap<string, string>,
    definition: TableDefinition,
  ): ReadonlyMap<string, string>;
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
 * sandbox; every other one goes to dynalite unchanged. Each request reaches
 * the tables of the Region it is signed for.
 */
export function dynamoDbService(
  regions: DynamoRegions,
  actions: Readonly<Record<string, DynamoAction>>,
  s3: S3Store,
  middleware?: DynamoMiddleware,
): SandboxService {
  const contextOf = (regional: RegionalDynamo, req: SandboxRequest, body: Buffer | undefined): DynamoContext => ({
    ...regional,
    dynalite: regional.store.dynalite,
    s3,
    raw: req,
    body,
    inRegion: async (region) => {
      const other = await regions.existing(region);
      return other && contextOf(other, req, undefined);
    },
    restoredItems: (source, items, definition) => middleware?.restoredItems?.(source, items, definition) ?? items,
  });
  return {
    name: 'dynamodb',
    matches: (req: http.IncomingMessage) => String(req.headers['x-amz-target'] ?? '').startsWith(TARGET_PREFIX),
    async handle(req: SandboxRequest): Promise<SandboxResponse> {
      const regional = await regions.get(req.region);
      const { store } = regional;
      const target = String(req.headers['x-amz-target']);
      const operation = target.slice(TARGET_PREFIX.length);
      const action = actions[operation];
      const wrapped = middleware?.active() ? middleware : undefined;
      if (!action && !wrapped) {
        assertReadable(store, operation, req.body);
        const res = await store.dynalite.forward(target, req.body);
        return dynamoResponse(res.statusCode, res.body);
      }
      const ctx = contextOf(regional, req, wrapped ? undefined : req.body);
      const run = (request: Record<string, unknown>): Promise<unknown> => {
        if (action) return action(request, ctx);
        assertReadable(store, operation, req.body);
        return store.dynalite.call(operation, request);
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
