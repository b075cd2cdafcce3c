import path from 'node:path';
import type { SandboxRequest, SandboxResponse, SandboxService } from '../server.js';
import { jsonProtocolError, parseJsonObject } from '../server.js';
import { AwsError } from '../awsError.js';
import { deleteParameter } from './actions/deleteParameter.js';
import { getParameter } from './actions/getParameter.js';
import { getParametersByPath } from './actions/getParametersByPath.js';
import { putParameter } from './actions/putParameter.js';
import { ssmPermissions } from './iamPermissions.js';
import { SsmStore } from './ssmStore.js';

const TARGET_PREFIX = 'AmazonSSM.';

/** One emulated SSM operation: request JSON in, response JSON out, or an {@link AwsError} thrown. */
export type SsmAction = (
  request: Record<string, unknown>,
  context: { readonly store: SsmStore; readonly region: string },
) => unknown;

/** The SSM operations the sandbox emulates (Parameter Store's basic calls), by `X-Amz-Target` name. */
export const ssmActions: Readonly<Record<string, SsmAction>> = {
  PutParameter: putParameter,
  GetParameter: getParameter,
  GetParametersByPath: getParametersByPath,
  DeleteParameter: deleteParameter,
};

/**
 * SSM's JSON 1.1 endpoint (`X-Amz-Target: AmazonSSM.*`); state in memory,
 * and in `{dataDir}/ssm.json` when a data directory is given.
 */
export function ssmService(dataDir?: string): SandboxService {
  const store = new SsmStore(dataDir && path.join(dataDir, 'ssm.json'));
  return {
    name: 'ssm',
    matches: (req) => String(req.headers['x-amz-target'] ?? '').startsWith(TARGET_PREFIX),
    async handle(req: SandboxRequest): Promise<SandboxResponse> {
      const operation = String(req.headers['x-amz-target']).slice(TARGET_PREFIX.length);
      const action = ssmActions[operation];
      if (!action) {
        throw new AwsError('UnknownOperationException', `The dynamo-dr sandbox does not emulate SSM ${operation}.`);
      }
      const result = action(parseBody(req.body), { store, region: req.region });
      return {
        statusCode: 200,
        headers: { 'content-type': 'application/x-amz-json-1.1' },
        body: JSON.stringify(result),
      };
    },
    errorResponse: (error) => jsonProtocolError('com.amazonaws.ssm', error),
    authorization: { permissionsFor: ssmPermissions },
  };
}

const parseBody = (body: Buffer) =>
  parseJsonObject(
    body,
    () => new AwsError('SerializationException', 'Start of structure or map found where not expected'),
  );
