import type http from 'node:http';
import { AwsError } from '../awsError.js';
import type { SandboxRequest, SandboxResponse, SandboxService } from '../server.js';
import type { FaultMiddleware } from './faultMiddleware.js';
import type { LatencyFaults } from './latencyFaults.js';
import { FaultConfigError, type TableFaults } from './tableFaults.js';

/** A path no AWS service uses, so these routes never meet an emulated API. */
export const ADMIN_PREFIX = '/_sandbox/';
const FAULTS = /^\/_sandbox\/faults(?:\/([^/]+))?\/?$/;
const LATENCY = /^\/_sandbox\/latency\/?$/;

/**
 * The sandbox's own admin API, on the same port as the emulated services, so
 * that a sandbox running in another process can be changed:
 * - `GET /_sandbox/faults`: every faulted table with its faults and counters
 * - `PUT /_sandbox/faults/{table}` with a JSON {@link TableFaults} body: set (and restart counting)
 * - `DELETE /_sandbox/faults/{table}`: clear
 * - `GET`, `PUT` (a JSON {@link LatencyFaults} body) and `DELETE /_sandbox/latency`: the latency of every
 *   request (a table's own `latency` fault comes first)
 *
 * @example
 * curl -X PUT localhost:4566/_sandbox/faults/orders -d '{"throttleRate":0.3}'
 * curl -X PUT localhost:4566/_sandbox/latency -d '{"read":{"fixedMs":5,"jitterMs":5}}'
 */
export function faultAdminService(faults: FaultMiddleware): SandboxService {
  return {
    name: 'sandbox-admin',
    matches: (req: http.IncomingMessage) => (req.url ?? '').startsWith(ADMIN_PREFIX),
    async handle(req: SandboxRequest): Promise<SandboxResponse> {
      if (LATENCY.test(req.url.pathname)) return latencyRoute(faults, req);
      const route = FAULTS.exec(req.url.pathname);
      if (!route)
        throw new AwsError('NotFound', `No sandbox admin route ${req.url.pathname}; see GET /_sandbox/faults.`, 404);
      const table = route[1] === undefined ? undefined : decodeURIComponent(route[1]);
      if (req.method === 'GET' && table === undefined) return json(200, { tables: faults.list() });
      if (req.method === 'PUT' && table !== undefined) {
        // set() checks its input at run time: a bad body is refused with every problem named.
        validated(() => faults.set(table, parseBody(req.body) as TableFaults));
        return json(200, { table, ...faults.list()[table] });
      }
      if (req.method === 'DELETE' && table !== undefined) {
        faults.set(table, undefined);
        return { statusCode: 204, body: '' };
      }
      throw new AwsError(
        'MethodNotAllowed',
        `${req.method} ${req.url.pathname} is not a sandbox admin call: use GET /_sandbox/faults, or PUT or DELETE /_sandbox/faults/{table}.`,
        405,
      );
    },
    errorResponse: (error) => json(error.statusCode, { error: error.type, message: error.message }),
    // Not an AWS API: no IAM action guards it, whoever signs the request.
    authorization: { permissionsFor: () => [] },
  };
}

function latencyRoute(faults: FaultMiddleware, req: SandboxRequest): SandboxResponse {
  if (req.method === 'GET') return json(200, { latency: faults.latency ?? {} });
  if (req.method === 'PUT') {
    validated(() => faults.setLatency(parseBody(req.body) as LatencyFaults));
    return json(200, { latency: faults.latency });
  }
  if (req.method === 'DELETE') {
    faults.setLatency(undefined);
    return { statusCode: 204, body: '' };
  }
  throw new AwsError('MethodNotAllowed', `${req.method} /_sandbox/latency: use GET, PUT or DELETE.`, 405);
}

/** Runs a setter that checks its input, turning a refusal into AWS's ValidationException (HTTP 400). */
function validated(set: () => void): void {
  try {
    set();
  } catch (error) {
    if (error instanceof FaultConfigError) throw new AwsError('ValidationException', error.message);
    throw error;
  }
}

function parseBody(body: Buffer): unknown {
  try {
    return JSON.parse(body.toString() || 'null');
  } catch {
    throw new AwsError('ValidationException', `The body is not JSON: ${body.toString().slice(0, 100)}`);
  }
}

function json(statusCode: number, value: unknown): SandboxResponse {
  return { statusCode, headers: { 'content-type': 'application/json' }, body: JSON.stringify(value) };
}
