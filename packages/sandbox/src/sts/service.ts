import path from 'node:path';
import { accessKeyIdOf } from '../iam/callerCredentials.js';
import type { IamStore } from '../iam/iamStore.js';
import type { RoleSessions } from '../iam/roleSessions.js';
import { queryServiceDenial } from '../iam/serviceAuthorization.js';
import { QueryRequest, queryErrorResponse, queryResponse, signedService, unknownQueryAction } from '../queryRequest.js';
import type { SandboxRequest, SandboxResponse, SandboxService } from '../server.js';
import { assumeRole } from './actions/assumeRole.js';
import { getCallerIdentity } from './actions/getCallerIdentity.js';
import type { StsAction } from './stsAction.js';

const XMLNS = 'https://sts.amazonaws.com/doc/2011-06-15/';

/** The STS operations the sandbox emulates, by `Action=`. */
export const stsActions: Readonly<Record<string, StsAction>> = {
  AssumeRole: assumeRole,
  GetCallerIdentity: getCallerIdentity,
};

/** STS's Query endpoint (requests signed for service `sts`): the subset that lets an operator act as a role. */
export function stsService(iam: IamStore, sessions: RoleSessions): SandboxService {
  return {
    name: 'sts',
    matches: (req) => signedService(req.headers.authorization) === 'sts',
    async handle(req: SandboxRequest): Promise<SandboxResponse> {
      const request = new QueryRequest(req.body, req.url.searchParams);
      const action = stsActions[request.action];
      if (!action) throw unknownQueryAction('STS', request.action);
      const caller = sessions.find(accessKeyIdOf(req));
      return queryResponse(request.action, XMLNS, action(request, { iam, sessions, caller }));
    },
    errorResponse: (error) => queryErrorResponse(XMLNS, error),
    authorization: {
      // GetCallerIdentity needs no permission; AssumeRole needs sts:AssumeRole on the role.
      permissionsFor(req) {
        const request = new QueryRequest(req.body, req.url.searchParams);
        const roleArn = request.get('RoleArn');
        return request.action === 'AssumeRole' && roleArn ? [{ action: 'sts:AssumeRole', resource: roleArn }] : [];
      },
      denied: queryServiceDenial,
    },
  };
}

/** Where the role sessions the sandbox issued live in a data directory. */
export const stsStateFile = (dataDir: string | undefined) => dataDir && path.join(dataDir, 'sts.json');
